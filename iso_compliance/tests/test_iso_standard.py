import ast

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import IsoComplianceCase


@tagged("post_install", "-at_install")
class TestStandards(IsoComplianceCase):
    def test_shipped_standards_and_clauses(self):
        self.assertEqual(self.iso_37001.display_name, "ISO 37001:2016")
        self.assertEqual(self.iso_37001.national_designation, "SNI ISO 37001:2016")
        self.assertEqual(self.iso_37001.validity_years, 3)
        numbers = self.iso_37001.clause_ids.mapped("number")
        for number in ("4", "4.5", "5.3.2", "8.7", "8.10", "9.4", "10.2"):
            self.assertIn(number, numbers)
        new_in_2025 = set(self.iso_37001_2025.clause_ids.mapped("number")) - set(numbers)
        self.assertEqual(new_in_2025, {"5.1.3", "6.3"})
        self.assertIn("7.1.6", self.iso_9001.clause_ids.mapped("number"))

    def test_clauses_sort_naturally(self):
        numbers = self.iso_37001.clause_ids.filtered(lambda c: c.parent_id.number == "8").mapped(
            "number"
        )
        self.assertEqual(numbers, [f"8.{i}" for i in range(1, 11)])

    def test_headings_are_not_assessable(self):
        clauses = {c.number: c for c in self.iso_37001.clause_ids}
        self.assertFalse(clauses["5.1"].is_assessable)
        self.assertFalse(clauses["8"].is_assessable)
        self.assertTrue(clauses["5.1.1"].is_assessable)
        self.assertTrue(clauses["8.7"].is_assessable)
        new = self.env["iso.standard.clause"].create(
            {"standard_id": self.iso_37001.id, "number": "8.7.1", "name": "Gifts register",
             "parent_id": clauses["8.7"].id}
        )  # fmt: skip
        self.assertFalse(clauses["8.7"].is_assessable)
        self.assertTrue(new.is_assessable)

    def test_parent_clause_of_another_standard_is_refused(self):
        foreign = self.iso_9001.clause_ids.filtered(lambda c: c.number == "8")
        with self.assertRaisesRegex(ValidationError, "same standard"):
            self.env["iso.standard.clause"].create(
                {"standard_id": self.iso_37001.id, "number": "8.99", "name": "X",
                 "parent_id": foreign.id}
            )  # fmt: skip

    def test_manager_adds_a_standard(self):
        standard = (
            self.env["iso.standard"]
            .with_user(self.manager)
            .create({"code": "ISO 27001", "edition": "2022", "name": "Information security"})
        )
        self.assertEqual(standard.validity_years, 3)

    def test_certification_body_menu_lists_bodies_only(self):
        action = self.env.ref("iso_compliance.res_partner_action_certification_body")
        bodies = self.env["res.partner"].search(ast.literal_eval(action.domain))
        self.assertIn(self.body, bodies)
        self.assertNotIn(self.env.ref("base.partner_admin"), bodies)
