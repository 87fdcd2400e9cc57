"""Every path a curious officer, mentor, manager or administrator has to a case about an
agency they work with: none of them reads it, nor learns that it exists."""

import base64

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .test_iso_concern import IsoConcernCase


@tagged("post_install", "-at_install")
class TestConcernConfidentiality(IsoConcernCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.administrator = new_test_user(
            cls.env,
            login="iso_admin",
            groups="iso_compliance.group_iso_compliance_manager,base.group_system,"
            "base.group_allow_export",
            name="Administrator",
        )
        cls.manager.groups_id = [Command.link(cls.env.ref("base.group_allow_export").id)]
        cls.case, _secret = cls.Concern._create_from_web(
            {
                "agency_id": cls.agency_a.id,
                "description": "Petugas loket meminta uang agar KTP-el selesai hari itu.",
            },
            {"name": "Ahmad Fauzi", "contact": "0812-0000-0000"},
            [("bukti.pdf", b"%PDF-1.4\n% bukti\n", "application/pdf")],
        )
        cls.attachment = cls.env["ir.attachment"].search(
            [("res_model", "=", "iso.concern"), ("res_id", "=", cls.case.id)]
        )
        case = cls.case.with_user(cls.handler)
        case.action_acknowledge()
        case.message_post(body="Catatan internal tentang saksi.", message_type="comment")
        case.activity_schedule("mail.mail_activity_data_todo", user_id=cls.handler.id)
        cls.messages = cls.env["mail.message"].search(
            [("model", "=", "iso.concern"), ("res_id", "=", cls.case.id)]
        )
        cls.curious = {
            "officer": cls.officer_a,
            "mentor": cls.mentor,
            "manager": cls.manager,
            "administrator": cls.administrator,
        }

    def test_the_case_has_what_the_curious_look_for(self):
        """The paths below find nothing because of the rules, not because nothing is there."""
        self.assertEqual(self.attachment.res_id, self.case.id)
        self.assertFalse(self.attachment.public)
        self.assertGreaterEqual(len(self.messages), 2)
        self.assertTrue(self.case.message_follower_ids)
        self.assertTrue(self.case.activity_ids)

    def test_no_read_of_the_case_model(self):
        for role, user in self.curious.items():
            with self.subTest(role=role):
                Concern = self.env["iso.concern"].with_user(user)
                case = Concern.browse(self.case.id)
                Log = self.env["iso.concern.access.log"].with_user(user)
                attempts = {
                    "search": lambda m=Concern: m.search([]),
                    "search_count": lambda m=Concern: m.search_count([]),
                    "search_read": lambda m=Concern: m.search_read([], ["name"]),
                    "name_search": lambda m=Concern: m.name_search("WBS"),
                    "read": lambda c=case: c.read(["name"]),
                    "web_read": lambda c=case: c.web_read({"description": {}}),
                    "read_group": lambda m=Concern: m.read_group([], ["state"], ["state"]),
                    "web_read_group": lambda m=Concern: m.web_read_group(
                        [], ["state"], ["agency_id"]
                    ),
                    "subscribe a handler": lambda c=case: c.message_subscribe(
                        partner_ids=self.handler_2.partner_id.ids
                    ),
                    "message_post": lambda c=case: c.message_post(body="Halo"),
                    "create": lambda m=Concern: m.create(
                        {"agency_id": self.agency_a.id, "description": "Uji coba saja."}
                    ),
                    "access log": lambda m=Log: m.search([]),
                }
                for name, attempt in attempts.items():
                    with self.subTest(attempt=name), self.assertRaises(AccessError):
                        attempt()
                # Following it oneself: refused quietly, as Odoo does without read access.
                followers = self.case.message_partner_ids
                self.assertFalse(
                    Concern.browse(self.case.id).message_subscribe(partner_ids=user.partner_id.ids)
                )
                self.assertEqual(self.case.message_partner_ids, followers)
                # Without the export right, a UserError; with it (the manager and the
                # administrator have it), the AccessError.
                with self.assertRaises(
                    AccessError if user.has_group("base.group_allow_export") else UserError
                ):
                    Concern.browse(self.case.id).export_data(["name", "description"])

    def test_attachments_are_out_of_reach(self):
        for role, user in self.curious.items():
            with self.subTest(role=role):
                Attachment = self.env["ir.attachment"].with_user(user)
                self.assertFalse(Attachment.search([("res_model", "=", "iso.concern")]))
                self.assertFalse(Attachment.search([("id", "=", self.attachment.id)]))
                self.assertFalse(Attachment.search([("name", "=", "bukti.pdf")]))
                with self.assertRaises(AccessError):
                    Attachment.browse(self.attachment.id).read(["datas", "name"])
                with self.assertRaises(AccessError):
                    Attachment.browse(self.attachment.id).write({"res_id": 0})
                with self.assertRaises(AccessError):
                    Attachment.create(
                        {
                            "name": "palsu.pdf",
                            "datas": base64.b64encode(b"%PDF-1.4"),
                            "res_model": "iso.concern",
                            "res_id": self.case.id,
                        }
                    )

    def test_chatter_followers_and_activities_are_out_of_reach(self):
        for role, user in self.curious.items():
            with self.subTest(role=role):
                env = self.env(user=user)
                self.assertFalse(env["mail.message"].search([("model", "=", "iso.concern")]))
                self.assertFalse(env["mail.message"].search([("id", "in", self.messages.ids)]))
                with self.assertRaises(AccessError):
                    env["mail.message"].browse(self.messages[0].id).read(["body"])
                self.assertFalse(env["mail.followers"].search([("res_model", "=", "iso.concern")]))
                self.assertFalse(env["mail.activity"].search([("res_model", "=", "iso.concern")]))
                with self.assertRaises(UserError):  # no right to create, or not a handler
                    env["mail.followers"].create(
                        {
                            "res_model": "iso.concern",
                            "res_id": self.case.id,
                            "partner_id": user.partner_id.id,
                        }
                    )

    def test_no_menu_and_nothing_on_the_agency(self):
        root = self.env.ref("iso_compliance_concern.iso_concern_menu_root")
        for role, user in self.curious.items():
            with self.subTest(role=role):
                menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
                self.assertNotIn(root.id, menus)
        self.assertIn(root.id, self.env["ir.ui.menu"].with_user(self.handler).load_menus(False))
        # The agency's own chatter says nothing about the case.
        self.assertFalse(
            self.agency_a.message_ids.filtered(lambda m: self.case.name in (m.body or ""))
        )

    def test_a_handler_reads_and_is_logged(self):
        Attachment = self.env["ir.attachment"].with_user(self.handler)
        self.assertEqual(Attachment.search([("res_model", "=", "iso.concern")]), self.attachment)
        self.assertTrue(Attachment.browse(self.attachment.id).read(["name"]))
        self.case.with_user(self.handler).read(["description"])
        self.assertEqual(self.case.access_log_ids.user_id, self.handler)

    def test_a_handler_is_kept_out_of_cases_about_her_own_agency(self):
        """A handler who is also an officer or mentor of the agency concerned neither sees
        the case nor is told about it; cases about other agencies are hers as usual."""
        officer_handler = new_test_user(
            self.env,
            login="officer_handler",
            groups="iso_compliance.group_iso_compliance_officer,"
            "iso_compliance_concern.group_iso_concern_handler",
            name="Officer and Handler",
        )
        mentor_handler = new_test_user(
            self.env,
            login="mentor_handler",
            groups="iso_compliance.group_iso_compliance_mentor,"
            "iso_compliance_concern.group_iso_concern_handler",
            name="Mentor and Handler",
        )
        self.agency_a.write(
            {
                "officer_ids": [Command.link(officer_handler.id)],
                "mentor_ids": [Command.link(mentor_handler.id)],
            }
        )
        case_a, _secret = self.Concern._create_from_web(
            {"agency_id": self.agency_a.id, "description": "Pungutan liar di loket pelayanan."},
            {},
            [],
        )
        case_b, _secret = self.Concern._create_from_web(
            {"agency_id": self.agency_b.id, "description": "Hadiah dari penyedia alat kesehatan."},
            {},
            [],
        )
        case_a.with_user(self.handler).action_acknowledge()
        for user in (officer_handler, mentor_handler):
            with self.subTest(user=user.login):
                Concern = self.env["iso.concern"].with_user(user)
                self.assertEqual(Concern.search([]), case_b)
                # As a missing id: nothing read, nothing told.
                self.assertEqual(case_a.with_user(user).read(["description"]), [])
                self.assertNotIn(user.partner_id, case_a.message_partner_ids)
                self.assertIn(user.partner_id, case_b.message_partner_ids)
                with self.assertRaises(ValidationError):
                    case_a.with_user(self.handler).write({"handler_ids": [Command.link(user.id)]})
                # Nor made a follower, nor sent its messages, by another handler.
                with self.assertRaises(AccessError):
                    case_a.with_user(self.handler).message_subscribe(
                        partner_ids=user.partner_id.ids
                    )
                with self.assertRaises(AccessError):
                    case_a.with_user(self.handler).message_post(
                        body="Mohon dicek.", partner_ids=user.partner_id.ids
                    )
                with self.assertRaises(ValidationError):
                    self.env["mail.followers"].create(
                        {
                            "res_model": "iso.concern",
                            "res_id": case_a.id,
                            "partner_id": user.partner_id.id,
                        }
                    )
