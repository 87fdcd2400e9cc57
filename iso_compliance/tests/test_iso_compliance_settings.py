from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user

from .common import IsoComplianceCase


class TestProgrammeSettings(IsoComplianceCase):
    """The Inspector (a manager, not a system administrator) sets the programme parameters
    on the addon's own settings page, and nothing else of the system."""

    def test_manager_opens_and_saves_the_programme_parameters(self):
        manager = self.manager
        self.assertFalse(manager.has_group("base.group_system"))
        menu = self.env.ref("iso_compliance.iso_compliance_menu_settings")
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(manager)._visible_menu_ids())
        action = (
            self.env["ir.actions.act_window"]
            .with_user(manager)
            ._for_xml_id("iso_compliance.iso_compliance_settings_action")
        )
        Settings = self.env[action["res_model"]].with_user(manager)
        Settings.get_views([(False, "form")])
        params = self.env["ir.config_parameter"]
        params.set_param("iso_compliance.mentoring_stall_days", "45")
        with Form(Settings) as form:
            self.assertEqual(form.iso_mentoring_stall_days, 45)
            self.assertEqual(form.iso_certificate_reminder_days, "180,90,30,7")
            form.iso_mentoring_stall_days = 21
            form.iso_certificate_reminder_days = " 120,30 "
        self.assertEqual(form.record.execute()["tag"], "reload")
        self.assertEqual(params.get_param("iso_compliance.mentoring_stall_days"), "21")
        self.assertEqual(params.get_param("iso_compliance.certificate_reminder_days"), "120,30")
        reopened = self.env["iso.compliance.settings"].with_user(manager).create({})
        self.assertEqual(reopened.iso_mentoring_stall_days, 21)
        self.assertEqual(reopened.iso_certificate_reminder_days, "120,30")

    def test_the_same_rules_apply_on_the_managers_page(self):
        Settings = self.env["iso.compliance.settings"].with_user(self.manager)
        with self.assertRaisesRegex(ValidationError, "whole numbers of days"):
            Settings.create({"iso_audit_reminder_days": "soon"})
        with self.assertRaisesRegex(ValidationError, "must be from 1 to 365"):
            Settings.create({"iso_mentoring_stall_days": 0})

    def test_manager_cannot_change_other_system_settings(self):
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.manager).create({})
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.manager).set_param(
                "web.base.url", "http://example.com"
            )
        page = self.env["iso.compliance.settings"].with_user(self.manager).create({})
        stored = {
            field.config_parameter
            for field in page._fields.values()
            if getattr(field, "config_parameter", None)
        }
        self.assertGreaterEqual(len(stored), 7)
        self.assertTrue(all(key.startswith("iso_compliance.") for key in stored), stored)
        base_url = self.env["ir.config_parameter"].get_param("web.base.url")
        page.execute()
        self.assertEqual(self.env["ir.config_parameter"].get_param("web.base.url"), base_url)

    def test_only_managers_open_the_page(self):
        for user in (self.officer_a, self.mentor):
            Settings = self.env["iso.compliance.settings"].with_user(user)
            with self.assertRaises(AccessError):
                Settings.create({})
            with self.assertRaises(AccessError):
                Settings.browse().check_access("read")
        menu = self.env.ref("iso_compliance.iso_compliance_menu_settings")
        self.assertNotIn(menu.id, self.env["ir.ui.menu"].with_user(self.mentor)._visible_menu_ids())

    def test_every_parameter_is_on_the_page(self):
        """One page holds the programme's parameters, the feature addons' blocks included:
        every parameter field of the model can be set there."""
        Settings = self.env["iso.compliance.settings"].with_user(self.manager)
        arch = Settings.get_views([(False, "form")])["views"]["form"]["arch"]
        ours = [name for name in Settings._fields if name.startswith("iso_")]
        self.assertGreaterEqual(len(ours), 7)
        for name in ours:
            self.assertIn(f'name="{name}"', arch, f"{name} cannot be set on the page")

    def test_administrators_choose_the_features_and_reach_the_parameters(self):
        """The Settings app offers the feature addons as module toggles (as core and OCA
        do) and links to the programme's own page, instead of repeating its fields."""
        administrator = new_test_user(
            self.env,
            login="iso_admin",
            groups="base.group_system,iso_compliance.group_iso_compliance_manager",
        )
        Settings = self.env["res.config.settings"].with_user(administrator)
        arch = Settings.get_views([(False, "form")])["views"]["form"]["arch"]
        for module in (
            "iso_compliance_document",
            "iso_compliance_anti_bribery",
            "iso_compliance_concern",
        ):
            self.assertIn(f'name="module_{module}"', arch)
            self.assertEqual(
                Settings.create({})[f"module_{module}"],
                self.env["ir.module.module"].search([("name", "=", module)]).state == "installed",
            )
        action = Settings.create({}).action_open_iso_compliance_settings()
        self.assertEqual(action["res_model"], "iso.compliance.settings")
        self.assertFalse([f for f in Settings._fields if f.startswith("iso_")])
