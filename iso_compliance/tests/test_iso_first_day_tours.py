from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common import IsoHttpCase


@tagged("post_install", "-at_install")
class TestFirstDayTours(IsoHttpCase):
    """Each role's first day in a real browser, in Indonesian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.engagement = cls.env["iso.mentoring"].create(
            {
                "agency_id": cls.agency.id,
                "standard_ids": [Command.link(cls.iso_37001.id)],
                "user_id": cls.users["mentor"].id,
            }
        )

    def test_officer_updates_checklist_and_hands_in_action_plan(self):
        today = fields.Date.today()
        audit = self.env["iso.audit"].create(
            {
                "agency_id": self.agency.id,
                "standard_ids": [Command.link(self.iso_37001.id)],
                "window_start": today,
                "window_end": today + timedelta(days=14),
                "lead_auditor_id": self.users["mentor"].id,
            }
        )
        audit.action_confirm()
        audit.line_ids[:1].write({"result": "minor", "notes": "Belum ada sosialisasi."})
        finding = audit.finding_ids
        self.assertEqual(finding.responsible_id, self.users["officer"])
        first_line = self.engagement.line_ids.sorted()[:1]

        self.start_tour("/odoo", "iso_officer_first_day_tour", login=self.login_as("officer"))

        self.assertEqual(first_line.status, "implemented")
        self.assertEqual(
            first_line.note, "Kebijakan anti penyuapan sudah ditandatangani kepala dinas."
        )
        self.assertEqual(finding.state, "action_planned")
        self.assertEqual(
            finding.corrective_action,
            "Sosialisasi kebijakan kepada seluruh pegawai loket pelayanan.",
        )
        activity = finding.activity_ids
        self.assertEqual(activity.user_id, self.users["mentor"])
        self.assertIn(finding.name, activity.summary)

    def test_mentor_plans_audit_from_calendar(self):
        today = fields.Date.context_today(self.env["iso.audit"].with_user(self.users["mentor"]))
        self.start_tour(
            "/odoo/action-iso_compliance.iso_audit_action?view_type=calendar",
            "iso_mentor_first_day_tour",
            login=self.login_as("mentor"),
        )
        audit = self.env["iso.audit"].search([("agency_id", "=", self.agency.id)])
        self.assertEqual(len(audit), 1)
        day = date(today.year, today.month, 20)
        self.assertEqual((audit.scheduled_start, audit.scheduled_end), (day, day))
        self.assertEqual((audit.window_start, audit.window_end), (day, day))
        self.assertEqual(audit.standard_ids, self.iso_37001)
        self.assertEqual(audit.state, "confirmed")
        self.assertNotEqual(audit.name, "/")
        self.assertEqual(audit.finding_ids.grade, "minor")

    def test_manager_imports_template_and_activates(self):
        self.body.name = "PT Mutu Agung Lestari"
        self.start_tour(
            "/odoo/action-iso_compliance.iso_certificate_action?view_type=list",
            "iso_manager_first_day_tour",
            login=self.login_as("manager"),
        )
        certificates = self.env["iso.certificate"].search([("agency_id", "=", self.agency.id)])
        self.assertEqual(
            sorted(certificates.mapped("name")), ["MAL-SMAP-2025-0117", "MAL-SMM-2025-0245"]
        )
        self.assertEqual(set(certificates.mapped("state")), {"active"})
        self.assertEqual(
            certificates.standard_id,
            self.iso_37001 | self.env.ref("iso_compliance.standard_iso_9001_2015"),
        )
        self.assertEqual(set(certificates.mapped("expiry_date")), {date(2028, 3, 9)})


@tagged("post_install", "-at_install")
class TestOfficerHome(IsoHttpCase):
    """Issue 21, items 2 and 8: the officer's home, with the app's menu bar, a checklist whose
    clause titles wrap at desktop size."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["iso.mentoring"].create(
            {"agency_id": cls.agency.id, "standard_ids": [Command.link(cls.iso_37001.id)]}
        )
        cls.users["officer"].action_id = cls.env.ref("iso_compliance.iso_mentoring_action_home").id

    def test_officer_lands_in_the_app(self):
        self.start_tour("/odoo", "iso_officer_home_tour", login=self.login_as("officer"))


@tagged("post_install", "-at_install")
class TestOfficerPhone(TestOfficerHome):
    """...and on a phone (375 x 667, touch): the checklist as cards that show the status."""

    browser_size = "375x667"
    touch_enabled = True

    def test_officer_lands_in_the_app(self):
        self.start_tour("/odoo", "iso_officer_phone_tour", login=self.login_as("officer"))


@tagged("post_install", "-at_install")
class TestMentorHome(IsoHttpCase):
    """Issue 21: a mentor, set up as the demo's mentors are (home: the app's home action),
    lands inside the app on what waits for her: her activities, the engagements, with the
    app's menu bar."""

    def test_mentor_lands_on_what_waits_for_her(self):
        mentor = self.users["mentor"]
        mentor.action_id = self.env.ref("iso_compliance.iso_mentoring_action_home").id
        engagement = self.env["iso.mentoring"].create(
            {
                "agency_id": self.agency.id,
                "standard_ids": [Command.link(self.iso_37001.id)],
                "user_id": mentor.id,
            }
        )
        engagement.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=fields.Date.today() - timedelta(days=3),
            user_id=mentor.id,
            summary="Tinjau daftar periksa",
        )
        self.start_tour("/odoo", "iso_mentor_home_tour", login=self.login_as("mentor"))
