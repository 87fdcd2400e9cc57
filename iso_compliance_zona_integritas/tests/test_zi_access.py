"""Who writes what, acting as each user: a unit's officers its answers only while the unit
holds the sheet, TPI members only the TPI's fields and never on their own unit, the lead the
decision; nobody another unit's; workflow fields only through actions; bad input refused
with a sentence."""

import base64
import math

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ZiCase


@tagged("post_install", "-at_install")
class TestZiAccess(ZiCase):
    def test_unit_officer_writes_own_answers_only(self):
        line = self.line(2).with_user(self.officer_a)
        line.write({"unit_option_id": self.option(line, "A").id, "unit_note": "Ada SK"})
        for fname, value in (
            ("tpi_note", "x"),
            ("recommendation", "x"),
            ("tpi_option_id", self.option(line, "B").id),
        ):
            with self.assertRaises(AccessError):
                line.write({fname: value})
        for fname, value in (("review_state", "accepted"), ("revision_count", 3)):
            with self.assertRaises(AccessError):
                line.write({fname: value})
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.officer_a).write({"state": "final"})
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.officer_a).write({"tpi_summary": "<p>x</p>"})
        # Another unit's officer sees nothing of it.
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.officer_b).read(["name"])
        self.assertFalse(
            self.env["iso.zi.assessment.line"]
            .with_user(self.officer_b)
            .search([("assessment_id", "=", self.assessment.id)])
        )
        # No moving the assessment to a unit the officer does not hold, nor creating one.
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.officer_a).write({"agency_id": self.other_unit.id})
        with self.assertRaises(AccessError):
            self.env["iso.zi.assessment"].with_user(self.officer_a).create(
                {"period_id": self.period.id, "agency_id": self.agency_a.id}
            )
        self.assessment.sudo()._workflow_write({"state": "submitted"})
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.officer_a).action_start_review()

    def test_tpi_writes_tpi_fields_only(self):
        self.assessment.sudo()._workflow_write({"state": "review"})
        line = self.line(2).with_user(self.tpi)
        line.write({"tpi_option_id": self.option(line, "B").id, "tpi_note": "Kurang bukti"})
        with self.assertRaises(AccessError):
            line.write({"unit_option_id": self.option(line, "C").id})
        with self.assertRaises(AccessError):
            line.write({"unit_note": "x"})
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.tpi).write({"decision_category": "wbk"})
        # Not before the review starts.
        self.assessment.sudo()._workflow_write({"state": "submitted"})
        with self.assertRaises(UserError) as refused:
            line.write({"tpi_note": "early"})
        self.assertIn("start the review", str(refused.exception))

    def test_no_evaluating_ones_own_unit(self):
        """A TPI member who is an officer of the unit neither reviews nor decides on it."""
        self.unit.sudo().officer_ids = [(4, self.tpi.id)]
        self.assessment.sudo()._workflow_write({"state": "submitted"})
        with self.assertRaises(AccessError) as refused:
            self.assessment.with_user(self.tpi).action_start_review()
        self.assertIn("evaluation is done by other members", str(refused.exception))
        self.assessment.sudo()._workflow_write({"state": "review"})
        with self.assertRaises(AccessError):
            self.line(2).with_user(self.tpi).write({"tpi_note": "x"})
        with self.assertRaises(AccessError):
            self.line(2).with_user(self.tpi).action_tpi_accept()

    def test_lines_and_scores_made_by_the_system(self):
        with self.assertRaises(UserError):
            self.env["iso.zi.assessment.line"].with_user(self.lead).create(
                {
                    "assessment_id": self.assessment.id,
                    "question_id": self.template.question_ids[0].id,
                }
            )
        with self.assertRaises(AccessError):
            self.env["iso.zi.score"].with_user(self.lead).create(
                {"assessment_id": self.assessment.id, "node_id": self.template.node_ids[0].id}
            )
        with self.assertRaises(AccessError):
            self.line(1).with_user(self.lead).unlink()

    def test_bad_input(self):
        line = self.line(125).with_user(self.officer_a)
        for bad, message in (
            ("4.5", "from 0 to 4"),
            ("nan", "is not a number"),
            ("inf", "is not a number"),
            ("abc", "is not a number"),
            ("-1", "from 0 to 4"),
        ):
            with self.assertRaises(ValidationError) as refused:
                line.write({"unit_figure": bad})
            self.assertIn(message, str(refused.exception))
        count = self.line(110).with_user(self.officer_a)
        for bad in ("2.5", "-3"):
            with self.assertRaises(ValidationError):
                count.write({"unit_figure": bad})
        choice = self.line(2).with_user(self.officer_a)
        with self.assertRaises(ValidationError):
            choice.write(
                {"unit_option_id": self.option(self.line(1), "Ya").id}
            )  # another item's option
        with self.assertRaises(ValidationError):
            choice.write({"unit_figure": "1"})
        with self.assertRaises(ValidationError):
            self.assessment.sudo().write({"tlhp_percent": 120})
        with self.assertRaises(ValidationError):
            self.assessment.sudo().write({"tlhp_percent": math.nan})
        with self.assertRaises(ValidationError):
            self.period.sudo().write({"spip_level": 9})
        self.assertFalse(self.line(125).unit_figure)

    def test_evidence_from_the_unit_only(self):
        """The records given as evidence are the unit's (or its agency's above): another
        agency's document is refused, read or not, whatever ids the client sends."""
        line = self.line(3).with_user(self.officer_a)
        line.write({"document_ids": [(4, self.document.id)]})
        parent_document = self.env["iso.document"].create(
            {"code": "SK-DKP-01", "name": "SK Kepala Dinas", "agency_id": self.agency_a.id}
        )
        line.write({"document_ids": [(4, parent_document.id)]})
        sibling = self.Agency.create(
            {
                "name": "Unit Lain",
                "code": "UL",
                "parent_id": self.agency_a.id,
                "officer_ids": [(4, self.officer_a.id)],
            }
        )
        sibling_document = self.env["iso.document"].create(
            {"code": "SOP-UL-01", "name": "SOP Unit Lain", "agency_id": sibling.id}
        )
        with self.assertRaises(ValidationError) as refused:
            line.write({"document_ids": [(4, sibling_document.id)]})
        self.assertIn(
            "belongs to Unit Lain, not to Unit Layanan Adminduk",
            str(refused.exception),
        )
        unread = self.env["iso.document"].create(
            {"code": "SOP-B-01", "name": "SOP Dinkes", "agency_id": self.agency_b.id}
        )
        with self.assertRaises(AccessError):
            line.write({"document_ids": [(4, unread.id)]})
        self.assertEqual(self.line(3).document_ids, self.document | parent_document)

    def test_evidence_files_and_links(self):
        line = self.line(52).with_user(self.officer_a)
        Evidence = self.env["iso.zi.evidence"].with_user(self.officer_a)
        Evidence.create(
            {"line_id": line.id, "name": "Berita", "url": "https://serangkab.go.id/berita/upg"}
        )
        pdf = base64.b64encode(b"%PDF-1.4\n% bukti\n")
        Evidence.create({"line_id": line.id, "name": "Foto", "file": pdf, "filename": "bukti.pdf"})
        with self.assertRaises(ValidationError):
            Evidence.create(
                {
                    "line_id": line.id,
                    "name": "Program",
                    "file": base64.b64encode(b"MZ\x90\x00binary"),
                    "filename": "x.exe",
                }
            )
        with self.assertRaises(ValidationError):
            Evidence.create({"line_id": line.id, "name": "Tanpa isi"})
        with self.assertRaises(ValidationError):
            Evidence.create({"line_id": line.id, "name": "Skrip", "url": "javascript:alert(1)"})
        self.assertEqual(line.evidence_count, 2)
        # Another unit's officer cannot add evidence to it; nor the TPI.
        with self.assertRaises(AccessError):
            self.env["iso.zi.evidence"].with_user(self.officer_b).create(
                {"line_id": line.id, "name": "x", "url": "https://x.id"}
            )
        with self.assertRaises(AccessError):
            self.env["iso.zi.evidence"].with_user(self.tpi).create(
                {"line_id": line.id, "name": "x", "url": "https://x.id"}
            )
        # Submitted: the evidence is frozen.
        self.assessment.sudo()._workflow_write({"state": "submitted"})
        with self.assertRaises(UserError):
            line.evidence_ids[:1].write({"name": "changed"})

    def test_sheet_edited_by_managers_only(self):
        with self.assertRaises(AccessError):
            self.template.with_user(self.lead).write({"zero_denominator_value": 0})
        with self.assertRaises(AccessError):
            self.template.question_ids[:1].with_user(self.tpi).write({"name": "x"})
        self.template.with_user(self.manager).write({"zero_denominator_value": 0.5})
        with self.assertRaises(ValidationError):
            self.template.with_user(self.manager).write({"zero_denominator_value": 2})

    def test_copy_forward(self):
        copy_action = self.template.with_user(self.manager).action_copy_to_next_year()
        new = self.env["iso.zi.template"].browse(copy_action["res_id"])
        self.assertEqual(new.year, 2027)
        self.assertEqual(new.name, "LKE Zona Integritas 2027")
        self.assertEqual(new.question_count, 127)
        self.assertEqual(len(new.node_ids), len(self.template.node_ids))
        self.assertEqual(len(new.pass_mark_ids), 14)
        computed = new.question_ids.filtered(lambda q: q.code == "A.II.5.iii.a (%)")
        self.assertEqual(computed.denominator_ids.mapped("soal_id"), [113, 114, 115])
        self.assertEqual(computed.denominator_ids.template_id, new)
        self.assertFalse((new.node_ids.parent_id | new.question_ids.node_id).template_id - new)
        self.assertEqual(
            sum(new.node_ids.filtered(lambda n: not n.parent_id).mapped("weight")), 100
        )
        with self.assertRaises(UserError):
            self.template.with_user(self.manager).action_copy_to_next_year()
        # The copy scores like the original.
        period = self.env["iso.zi.period"].create(
            {"name": "ZI 2027", "year": 2027, "template_id": new.id}
        )
        assessment = (
            self.env["iso.zi.assessment"]
            .with_user(self.lead)
            .create({"period_id": period.id, "agency_id": self.unit.id})
        )
        self.answer_all_best(assessment=assessment)
        self.assertAlmostEqual(assessment.unit_total, 100.0, places=6)
