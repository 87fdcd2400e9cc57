"""The TPI workflow as each role drives it, through the actions only, each step in the
chatter: unit answers and submits, the TPI reviews item by item (accept, correct with a
note, return), the unit revises, the TPI finalises, the lead decides, the proposal and the
national result, monitoring."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ZiCase


@tagged("post_install", "-at_install")
class TestZiWorkflow(ZiCase):
    def messages(self):
        return " ".join(self.assessment.message_ids.mapped("body"))

    def test_whole_flow(self):
        mine = self.assessment.with_user(self.officer_a)
        # The unit cannot submit a half-filled sheet.
        self.answer({1: "Ya"})
        with self.assertRaises(UserError) as refused:
            mine.action_submit()
        self.assertIn("126 items are not answered yet", str(refused.exception))
        self.answer_all_best()
        self.meet_preconditions()
        # The unit's officer answers with evidence from the register.
        line = self.line(2).with_user(self.officer_a)
        line.write(
            {
                "unit_option_id": self.option(line, "A").id,
                "unit_note": "SK Tim ZI",
                "document_ids": [(6, 0, self.document.ids)],
            }
        )
        self.assertEqual(line.evidence_count, 1)
        mine.action_submit()
        self.assertEqual(self.assessment.state, "submitted")
        self.assertEqual(self.assessment.score_basis, "unit")
        # The unit's answers are frozen once submitted.
        with self.assertRaises(UserError):
            line.write({"unit_note": "changed"})
        # TPI review.
        review = self.assessment.with_user(self.tpi)
        review.action_start_review()
        self.assertEqual(self.assessment.score_basis, "tpi")
        lines = self.assessment.line_ids.filtered(
            lambda ln: ln.answer_type != "computed"
        ).with_user(self.tpi)
        (lines - self.line(2) - self.line(9)).action_tpi_accept()
        tpi_line = self.line(2).with_user(self.tpi)
        tpi_line.write({"tpi_option_id": self.option(tpi_line, "B").id})
        with self.assertRaises(UserError) as refused:
            tpi_line.action_tpi_correct()
        self.assertIn("needs the TPI's note", str(refused.exception))
        tpi_line.write({"tpi_note": "Anggota tim tidak dipilih terbuka."})
        tpi_line.action_tpi_correct()
        self.assertEqual(tpi_line.review_state, "corrected")
        self.assertEqual(tpi_line.unit_option_id.code, "A", "the unit's answer is kept")
        self.assertIn("A → B", self.messages())
        returned = self.line(9).with_user(self.tpi)
        with self.assertRaises(UserError):
            returned.action_tpi_return()  # a return says what to revise
        returned.write({"tpi_note": "Lampirkan bukti peran pimpinan."})
        returned.action_tpi_return()
        with self.assertRaises(UserError):
            review.action_finalize()  # an item is still returned
        review.action_request_revision()
        self.assertEqual(self.assessment.state, "revision")
        # During the revision only the returned item changes.
        with self.assertRaises(UserError):
            self.line(1).with_user(self.officer_a).write({"unit_note": "x"})
        with self.assertRaises(UserError):
            mine.action_submit()  # the returned item is not revised yet
        self.line(9).with_user(self.officer_a).write(
            {"unit_option_id": self.option(self.line(9), "Tidak").id}
        )
        self.line(9).with_user(self.officer_a).write(
            {"unit_option_id": self.option(self.line(9), "Ya").id}
        )
        self.assertEqual(self.line(9).review_state, "revised")
        self.assertEqual(self.line(9).revision_count, 2)
        mine.action_submit()
        review.action_start_review()
        self.line(9).with_user(self.tpi).action_tpi_accept()
        review.action_finalize()
        self.assertEqual(self.assessment.state, "final")
        # TPI total: item 2 at B (0.5) -> A.I.1.i mean(1, 0.5) x 0.5 = 0.375 instead of 0.5.
        self.assertAlmostEqual(self.assessment.tpi_total, 99.875, places=6)
        self.assertAlmostEqual(self.assessment.unit_total, 100.0, places=6)
        # Only the lead decides.
        with self.assertRaises(AccessError):
            review.action_decide_propose()
        decide = self.assessment.with_user(self.lead)
        with self.assertRaises(UserError):
            decide.action_decide_propose()  # no category chosen
        decide.write(
            {"decision_category": "wbk", "decision_note": "Memenuhi seluruh nilai minimal."}
        )
        decide.action_decide_propose()
        self.assertEqual(self.assessment.state, "decided")
        self.assertEqual(self.assessment.decided_by_id, self.lead)
        decide.action_propose()
        decide.write(
            {
                "result": "granted",
                "result_date": "2026-12-10",
                "result_reference": "KepMenPANRB 100/2026",
            }
        )
        decide.action_record_result()
        decide.action_start_monitoring()
        self.assertEqual(self.assessment.state, "monitoring")

    def test_proposal_refused_when_not_ready(self):
        """The lead cannot propose a unit below a pass mark or missing a pre-condition: the
        refusal lists what is missing."""
        self.answer_all_best()
        self.answer({127: "3.04"})  # IPKP 3.04 -> 13.30 < 14
        self.assessment.with_user(self.officer_a).action_submit.__self__  # noqa: B018
        self.meet_preconditions()
        self.assessment.sudo()._workflow_write({"state": "final"})
        self.assessment.line_ids.sudo().action_tpi_accept.__self__  # noqa: B018
        self.answer_all_best(side="tpi")
        self.answer({127: "3.04"}, side="tpi")
        decide = self.assessment.with_user(self.lead)
        decide.write({"decision_category": "wbk"})
        with self.assertRaises(UserError) as refused:
            decide.action_decide_propose()
        self.assertIn("Pelayanan publik yang prima: 13.30, at least 14.00", str(refused.exception))
        self.answer({127: "3.2"}, side="tpi")
        self.assessment.sudo().lhkasn_percent = 90
        with self.assertRaises(UserError) as refused:
            decide.action_decide_propose()
        self.assertIn("LHKASN compliance must reach 100.00%", str(refused.exception))
        # WBBM needs two years as WBK.
        self.assessment.sudo().lhkasn_percent = 100
        decide.write({"decision_category": "wbbm"})
        with self.assertRaises(UserError) as refused:
            decide.action_decide_propose()
        self.assertIn("the year the unit became WBK", str(refused.exception))
        # The regency's own pre-conditions: an affirmation unit is exempt.
        self.period.sudo().bpk_opinion = "wdp"
        decide.write({"decision_category": "wbk"})
        with self.assertRaises(UserError) as refused:
            decide.action_decide_propose()
        self.assertIn("the BPK opinion must be WTP", str(refused.exception))
        decide.write({"decision_category": "wbk_afirmasi"})
        decide.action_decide_propose()
        self.assertEqual(self.assessment.state, "decided")

    def test_not_proposed_needs_reasons(self):
        self.assessment.sudo()._workflow_write({"state": "final"})
        decide = self.assessment.with_user(self.lead)
        with self.assertRaises(UserError):
            decide.action_decide_not_propose()
        decide.write({"decision_note": "Survei IPKP belum memenuhi."})
        decide.action_decide_not_propose()
        self.assertEqual(self.assessment.state, "not_proposed")

    def test_prefill_counts_from_the_channel(self):
        """Complaints of the unit received in the year fill items 110-112 as counts (the
        channel's cases are never linked)."""
        Concern = self.env["iso.concern"].sudo()
        for state in ("received", "concluded", "closed"):
            case = Concern.create(
                {
                    "agency_id": self.unit.id,
                    "description": "Pungli di loket",
                    "received_date": "2026-03-02 08:00:00",
                }
            )
            case._workflow_write({"state": state})
        Concern.create(
            {
                "agency_id": self.unit.id,
                "description": "Tahun lalu",
                "received_date": "2025-03-02 08:00:00",
            }
        )
        self.assessment.with_user(self.officer_a).action_prefill_counts()
        self.assertEqual([self.line(n).unit_figure for n in (110, 111, 112)], ["3", "1", "2"])
        self.assertIn("3 received, 1 being processed, 2 completed", self.line(110).register_summary)
        # During a revision only the items the TPI returned are filled again.
        self.assessment.sudo()._workflow_write({"state": "revision"})
        self.line(110).sudo()._workflow_write({"review_state": "returned"})
        Concern.create(
            {
                "agency_id": self.unit.id,
                "description": "Calo",
                "received_date": "2026-05-04 09:00:00",
            }
        )
        self.assessment.with_user(self.officer_a).action_prefill_counts()
        self.assertEqual([self.line(n).unit_figure for n in (110, 111, 112)], ["4", "1", "2"])
