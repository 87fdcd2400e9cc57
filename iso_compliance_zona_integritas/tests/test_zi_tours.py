from datetime import timedelta

from odoo import Command, fields
from odoo.addons.iso_compliance.tests.common import IsoHttpCase
from odoo.tests import new_test_user, tagged

CHOICE_TYPES = ("yes_no", "abc", "abcd", "abcde")


@tagged("post_install", "-at_install")
class TestZiTours(IsoHttpCase):
    """Zona Integritas in a real browser, in Indonesian, one flow per role: the unit's
    operator answers an item with evidence from the register, a TPI member corrects an
    answer with a note, the TPI lead decides to propose a unit that meets WBK. Three units
    of the 2026 evaluation, each at the stage its role works on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lead, tpi = cls.users["tpi_lead"], cls.users["tpi"]
        cls.period = cls.env["iso.zi.period"].create(
            {
                "name": "Evaluasi Zona Integritas 2026",
                "year": 2026,
                "template_id": cls.env.ref("iso_compliance_zona_integritas.lke2026_template").id,
                "bpk_opinion": "wtp",
                "sakip_grade": "BB",
                "rb_grade": "B",
                "spip_level": 3,
            }
        )
        # Two more units, whose operator is another officer: the tours' operator sees only
        # her own unit's assessment.
        cls.unit_officer = new_test_user(
            cls.env,
            login="iso_unit_officer",
            password="iso_unit_officer",
            groups="iso_compliance.group_iso_compliance_officer",
            name="ISO Unit Officer",
            lang="id_ID",
            tz="Asia/Jakarta",
        )
        cls.unit_review, cls.unit_final = cls.env["iso.agency"].create(
            [
                {
                    "name": "Puskesmas Ciruas",
                    "code": "PKM-CIRUAS",
                    "officer_ids": [Command.link(cls.unit_officer.id)],
                },
                {
                    "name": "Kecamatan Ciruas",
                    "code": "KEC-CIRUAS",
                    "officer_ids": [Command.link(cls.unit_officer.id)],
                },
            ]
        )
        Assessment = cls.env["iso.zi.assessment"].with_user(lead)
        cls.draft, cls.review, cls.final = Assessment.create(
            [
                {"period_id": cls.period.id, "agency_id": agency.id, "target": "wbk"}
                for agency in (cls.agency, cls.unit_review, cls.unit_final)
            ]
        )
        # The register's document the operator attaches as evidence.
        cls.document = (
            cls.env["iso.document"]
            .with_user(cls.users["officer"])
            .create(
                {
                    "code": "SK-ZI-01",
                    "name": "SK Tim Kerja Zona Integritas",
                    "agency_id": cls.agency.id,
                    "document_type": "policy",
                }
            )
        )
        # Under review: every item answered at its best, submitted, review started.
        cls.answer_best(cls.review)
        cls.review.with_user(cls.unit_officer).action_submit()
        cls.review.with_user(tpi).action_start_review()
        # Final and meeting WBK: the unit's pre-conditions met too, every item accepted.
        survey = cls.env["iso.document"].create(
            {
                "code": "SPAK-2026",
                "name": "Laporan Survei SPAK dan SPKP 2026",
                "agency_id": cls.unit_final.id,
                "document_type": "record",
            }
        )
        cls.final.sudo().write(
            {
                "decree_date": fields.Date.today() - timedelta(days=400),
                "tlhp_percent": 100,
                "lhkpn_percent": 100,
                "lhkasn_percent": 100,
                "survey_document_ids": [Command.set(survey.ids)],
            }
        )
        cls.answer_best(cls.final)
        cls.final.with_user(cls.unit_officer).action_submit()
        cls.final.with_user(tpi).action_start_review()
        cls.final.line_ids.filtered(lambda line: line.answer_type != "computed").with_user(
            tpi
        ).action_tpi_accept()
        cls.final.with_user(tpi).action_finalize()

    @classmethod
    def answer_best(cls, assessment):
        """Every item of `assessment` answered by the unit at its best: the option worth
        most, a survey index of 4, counts that make every percentage 100% (a decrease of
        violations from 4 to none)."""
        decreasing = assessment.template_id.question_ids.filtered(
            lambda q: q.formula == "decrease_ratio"
        )
        this_year = decreasing.numerator_ids
        for line in assessment.sudo().line_ids:
            question = line.question_id
            if question.answer_type in CHOICE_TYPES:
                line.unit_option_id = question.option_ids.sorted("value")[-1]
            elif question.answer_type == "index":
                line.unit_figure = "4"
            elif question.answer_type == "count":
                line.unit_figure = "0" if question in this_year else "4"
        assessment.invalidate_recordset()

    def form_url(self, assessment):
        return (
            f"/odoo/action-iso_compliance_zona_integritas.iso_zi_assessment_action/{assessment.id}"
        )

    def test_unit_operator_answers_with_evidence(self):
        line = self.draft.line_ids.sorted()[:1]
        self.assertEqual(line.question_id.answer_type, "yes_no")
        self.start_tour("/odoo", "iso_zi_unit_operator_tour", login=self.login_as("officer"))
        self.assertEqual(line.unit_option_id.code, "Ya")
        self.assertEqual(line.unit_note, "SK Tim Kerja ZI ditandatangani Kepala Dinas.")
        self.assertEqual(line.document_ids, self.document)
        self.assertEqual(self.draft.answered_count, 1)
        self.assertEqual(self.draft.state, "draft")

    def test_tpi_member_corrects_an_answer(self):
        line = self.review.line_ids.sorted()[:1]
        self.assertEqual(line.unit_option_id.code, "Ya")
        self.start_tour(
            self.form_url(self.review), "iso_zi_tpi_correct_tour", login=self.login_as("tpi")
        )
        self.assertEqual(line.review_state, "corrected")
        self.assertEqual(line.tpi_option_id.code, "Tidak")
        self.assertEqual(line.unit_option_id.code, "Ya", "the unit's answer stays beside the TPI's")
        self.assertEqual(line.tpi_note, "SK Tim Kerja belum ditandatangani Kepala Dinas.")
        self.assertEqual(line.reviewed_by_id, self.users["tpi"])
        message = self.review.message_ids.filtered(lambda m: line.question_id.code in m.body)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.users["tpi"].partner_id)
        self.assertIn("Ya → Tidak", message.body)
        self.assertIn("SK Tim Kerja belum ditandatangani Kepala Dinas.", message.body)
        self.assertLess(self.review.tpi_total, self.review.unit_total)

    def test_tpi_lead_decides_to_propose(self):
        self.assertTrue(self.final.wbk_ready, self.final.wbk_missing)
        self.assertFalse(self.final._precondition_issues("wbk"))
        self.start_tour(
            self.form_url(self.final),
            "iso_zi_tpi_lead_decide_tour",
            login=self.login_as("tpi_lead"),
        )
        self.assertEqual(self.final.state, "decided")
        self.assertEqual(self.final.decision_category, "wbk")
        self.assertEqual(self.final.decided_by_id, self.users["tpi_lead"])
        self.assertEqual(self.final.decision_date, fields.Date.context_today(self.final))
