"""Issue 21, item 4: the gratification form shows each role only what it may do."""

from lxml import etree

from odoo import Command
from odoo.addons.iso_compliance.tests.common import IsoComplianceCase
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestGratificationFormMatchesRights(IsoComplianceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agency_a.write(
            {
                "officer_ids": [Command.link(cls.officer_a.id)],
                "mentor_ids": [Command.link(cls.mentor.id)],
            }
        )
        cls.employee = new_test_user(cls.env, login="pegawai", groups="base.group_user")
        cls.report = cls.env["iso.gratification.report"].create(
            {
                "agency_id": cls.agency_a.id,
                "reporter_id": cls.employee.id,
                "giver_name": "Pemohon",
                "value": 150000,
            }
        )

    def visible(self, user, record=None):
        """The header buttons and pages the form shows `user` on the report (or a new one),
        by evaluating the view's own conditions on the record's values."""
        Report = self.env["iso.gratification.report"].with_user(user)
        arch = etree.fromstring(Report.get_views([(False, "form")])["views"]["form"]["arch"])
        record = record.with_user(user) if record else Report.new({})
        values = {"id": record.id or False, "context": {}, "uid": user.id}
        shown = set()
        for node in arch.xpath("//header/button[@name] | //page[@name]"):
            condition = node.get("invisible") or "False"
            names = {name for name in record._fields if name in condition}
            scope = dict(values)
            for name in names:
                value = record[name]
                scope[name] = value.id if hasattr(value, "_name") and len(value) <= 1 else value
            if not safe_eval(condition, scope):
                shown.add(node.get("name"))
        return shown

    def test_each_role_sees_only_what_it_may_do(self):
        self.assertEqual(
            self.visible(self.officer_a, self.report) & {"action_report", "action_forward"},
            {"action_report", "action_forward"},
        )
        self.assertIn("action_report", self.visible(self.employee, self.report))
        self.assertIn("notes", self.visible(self.employee, self.report))
        # The mentor reads the report: no workflow button, no personal notes.
        mentor_sees = self.visible(self.mentor, self.report)
        self.assertFalse({name for name in mentor_sees if name.startswith("action_")}, mentor_sees)
        self.assertNotIn("notes", mentor_sees)
        with self.assertRaises(AccessError) as caught:
            self.report.with_user(self.mentor).action_report()
        self.assertTrue(str(caught.exception))
        # A new report shows no workflow button before it is saved.
        new_sees = self.visible(self.officer_a)
        self.assertFalse({name for name in new_sees if name.startswith("action_")}, new_sees)
        # Officers read the reporter's notes; only the reporter writes them.
        self.assertFalse(self.report.with_user(self.officer_a).user_is_reporter)
        self.assertTrue(self.report.with_user(self.employee).user_is_reporter)
