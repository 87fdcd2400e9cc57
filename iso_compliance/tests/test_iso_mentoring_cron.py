from freezegun import freeze_time

from odoo.tests import tagged

from .test_iso_mentoring import IsoMentoringCase


@tagged("post_install", "-at_install")
class TestMentoringCron(IsoMentoringCase):
    """The real scheduled action, fired under frozen time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("iso_compliance.ir_cron_mentoring_follow_up")
        cls.engagement = cls.make_engagement(date_start="2025-01-01")
        cls.stall_type = cls.env.ref("iso_compliance.mail_activity_type_mentoring_stall")
        cls.Session = cls.env["iso.mentoring.session"]

    def run_cron(self, moment):
        with freeze_time(moment):
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def stall_activities(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "iso.mentoring"),
                ("res_id", "=", self.engagement.id),
                ("activity_type_id", "=", self.stall_type.id),
            ]
        )

    def test_cron_record_calls_the_job(self):
        self.assertEqual(self.cron.code.strip(), "model._cron_mentoring_follow_up()")
        self.assertEqual((self.cron.interval_number, self.cron.interval_type), (1, "days"))

    def test_stall_fires_once_per_stall(self):
        self.run_cron("2025-01-25 02:00:00")
        self.assertFalse(self.stall_activities(), "24 days without a session is fine")
        self.run_cron("2025-02-05 02:00:00")
        self.run_cron("2025-02-05 02:00:00")
        self.run_cron("2025-02-06 02:00:00")
        activities = self.stall_activities()
        self.assertEqual(len(activities), 1, "once per stall, however often the cron runs")
        self.assertEqual(activities.user_id, self.mentor)
        self.assertIn("30 days", activities.summary)
        self.Session.create(
            {
                "mentoring_id": self.engagement.id,
                "name": "Sesi",
                "date": "2025-02-10 03:00:00",
                "state": "held",
            }
        )
        self.assertFalse(self.engagement.stall_reminded)
        self.run_cron("2025-03-01 02:00:00")
        self.assertEqual(len(self.stall_activities()), 1, "a session was held 19 days ago")
        self.run_cron("2025-03-14 02:00:00")
        self.run_cron("2025-03-15 02:00:00")
        self.assertEqual(len(self.stall_activities()), 2, "a new stall, a new activity")

    def test_stall_days_come_from_the_settings(self):
        self.env["iso.compliance.settings"].create({"iso_mentoring_stall_days": 10}).execute()
        Mentoring = self.env["iso.mentoring"]
        with freeze_time("2025-01-10 02:00:00"):
            self.assertFalse(self.engagement.is_stalled)
            self.assertNotIn(self.engagement, Mentoring.search([("is_stalled", "=", True)]))
        self.run_cron("2025-01-12 02:00:00")
        self.assertEqual(len(self.stall_activities()), 1)
        with freeze_time("2025-01-12 02:00:00"):
            self.engagement.invalidate_recordset(["is_stalled"])
            self.assertTrue(self.engagement.is_stalled, "the board's filter agrees with the cron")
            self.assertIn(self.engagement, Mentoring.search([("is_stalled", "=", True)]))
            self.assertNotIn(self.engagement, Mentoring.search([("is_stalled", "=", False)]))

    def test_certified_and_unmentored_engagements_are_left_alone(self):
        alone = self.make_engagement(agency=self.agency_b, date_start="2025-01-01")
        self.run_cron("2025-03-01 02:00:00")
        self.assertFalse(alone.activity_ids)
        self.assertFalse(alone.stall_reminded)

    def test_sessions_tomorrow_are_reminded_once(self):
        partner = self.env["res.partner"].create(
            {"name": "Kepala Dinas", "email": "kadis@example.com"}
        )
        session = self.Session.create(
            {
                "mentoring_id": self.engagement.id,
                "name": "Sesi",
                "date": "2025-03-02 03:00:00",
                "mentor_ids": self.mentor.ids,
                "attendee_ids": partner.ids,
            }
        )
        later = self.Session.create(
            {"mentoring_id": self.engagement.id, "name": "Sesi", "date": "2025-03-05 03:00:00"}
        )
        self.run_cron("2025-02-28 02:00:00")
        self.assertFalse(session.reminder_sent)
        self.run_cron("2025-03-01 02:00:00")
        self.run_cron("2025-03-01 05:00:00")
        reminders = session.message_ids.filtered(lambda m: "Reminder" in (m.body or ""))
        self.assertEqual(len(reminders), 1)
        self.assertEqual(reminders.partner_ids, self.mentor.partner_id | partner)
        self.assertTrue(session.reminder_sent)
        self.assertFalse(later.reminder_sent)

    def test_tomorrow_and_overdue_are_where_the_company_is(self):
        """18:00 UTC on 1 Mar 2025 is 01:00 on 2 Mar in Jakarta: a session at 10:00 WIB on
        3 Mar is tomorrow's, and a follow-up due on 1 Mar is overdue."""
        self.env.company.partner_id.tz = "Asia/Jakarta"
        session = self.Session.create(
            {
                "mentoring_id": self.engagement.id,
                "name": "Sesi",
                "date": "2025-03-03 03:00:00",
                "mentor_ids": self.mentor.ids,
            }
        )
        activity = self.engagement.activity_schedule(
            "iso_compliance.mail_activity_type_mentoring_follow_up",
            date_deadline="2025-03-01",
            user_id=self.officer_a.id,
        )
        self.run_cron("2025-03-01 16:00:00")  # 23:00 WIB on 1 Mar
        self.assertFalse(session.reminder_sent)
        self.assertFalse(activity.iso_escalated)
        self.run_cron("2025-03-01 18:00:00")
        self.assertTrue(session.reminder_sent)
        self.assertTrue(activity.iso_escalated)

    def test_overdue_follow_ups_are_escalated_once(self):
        activity = self.engagement.activity_schedule(
            "iso_compliance.mail_activity_type_mentoring_follow_up",
            date_deadline="2025-03-01",
            user_id=self.officer_a.id,
            summary="Sign the anti-bribery policy",
        )
        self.Session.create(
            {
                "mentoring_id": self.engagement.id,
                "name": "Sesi",
                "date": "2025-02-25 03:00:00",
                "state": "held",
            }
        )

        def escalations():
            return self.engagement.message_ids.filtered(
                lambda m: "Overdue follow-up actions" in (m.body or "")
            )

        self.run_cron("2025-03-01 02:00:00")
        self.assertFalse(escalations(), "due today is not overdue yet")
        self.run_cron("2025-03-02 02:00:00")
        self.run_cron("2025-03-03 02:00:00")
        self.assertEqual(len(escalations()), 1)
        self.assertIn("Sign the anti-bribery policy", escalations().body)
        self.assertEqual(escalations().partner_ids, (self.officer_a | self.mentor).partner_id)
        self.assertTrue(activity.iso_escalated)
