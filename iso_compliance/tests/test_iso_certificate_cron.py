from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from ..models.iso_certificate import IsoCertificate
from .common import IsoComplianceCase


@tagged("post_install", "-at_install")
class TestCertificateCron(IsoComplianceCase):
    """The real scheduled action, fired under frozen time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("iso_compliance.ir_cron_certificate_lifecycle")
        cls.mentor2 = cls.mentor.copy({"login": "mentor2"})
        cls.agency_a.mentor_ids |= cls.mentor2

    def run_cron(self, day):
        with freeze_time(day):
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def reminders(self, cert):
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "iso.certificate"), ("res_id", "=", cert.id)]
        )
        mails = self.env["mail.mail"].search(
            [("model", "=", "iso.certificate"), ("res_id", "=", cert.id)]
        )
        return activities, mails

    def test_cron_record_calls_the_lifecycle_job(self):
        self.assertEqual(self.cron.code.strip(), "model._cron_certificate_lifecycle()")
        self.assertTrue(self.cron.active)
        self.assertEqual((self.cron.interval_number, self.cron.interval_type), (1, "days"))

    def test_expires_the_day_after_expiry_date(self):
        cert = self.make_certificate(issue_date="2023-03-02", expiry_date="2026-03-01")
        self.run_cron("2026-03-01 23:00:00")
        self.assertEqual(cert.state, "active", "a certificate is valid on its expiry date")
        self.run_cron("2026-03-02 01:00:00")
        self.assertEqual(cert.state, "expired")
        self.assertIn("expired on 2026-03-01", cert.message_ids[0].body)

    def test_each_threshold_fires_once(self):
        cert = self.make_certificate(issue_date="2025-02-24")  # expires 2028-02-23
        expiry = cert.expiry_date
        people = self.agency_a.officer_ids | self.agency_a.mentor_ids
        self.run_cron(expiry - timedelta(days=181))
        self.assertEqual(cert.reminder_days_sent, 0)
        for day in (180, 180, 179, 100, 91):  # the same day twice: idempotent
            self.run_cron(expiry - timedelta(days=day))
        activities, mails = self.reminders(cert)
        self.assertEqual(cert.reminder_days_sent, 180)
        self.assertEqual(activities.user_id, people)
        self.assertEqual(len(activities), len(people))
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, people.partner_id)
        self.assertIn("expires on", mails.subject)
        for day in (90, 89, 30, 30, 7, 6, 0):
            self.run_cron(expiry - timedelta(days=day))
        activities, mails = self.reminders(cert)
        self.assertEqual(cert.reminder_days_sent, 7)
        self.assertEqual(len(mails), 4, "180, 90, 30 and 7 days: one e-mail each")
        self.assertEqual(len(activities), 4 * len(people))

    def test_catches_up_with_the_nearest_reminder_only(self):
        cert = self.make_certificate(issue_date="2025-02-24")
        self.run_cron(cert.expiry_date - timedelta(days=200))
        self.run_cron(cert.expiry_date - timedelta(days=20))  # no run for 180 days
        activities, mails = self.reminders(cert)
        self.assertEqual(cert.reminder_days_sent, 30)
        self.assertEqual(len(mails), 1)
        self.assertEqual(len(activities), len(self.agency_a.officer_ids | self.agency_a.mentor_ids))
        self.assertIn("expires in 20 days", activities[0].summary)

    def test_new_expiry_date_starts_reminders_over(self):
        cert = self.make_certificate(issue_date="2025-02-24")
        self.run_cron(cert.expiry_date - timedelta(days=5))
        self.assertEqual(cert.reminder_days_sent, 7)
        cert.expiry_date = date(2028, 12, 31)  # corrected by the certification body
        self.assertEqual(cert.reminder_days_sent, 0)
        self.run_cron(date(2028, 12, 31) - timedelta(days=80))
        self.assertEqual(cert.reminder_days_sent, 90)

    def test_thresholds_come_from_settings(self):
        settings = self.env["res.config.settings"].create(
            {"iso_certificate_reminder_days": "60,14"}
        )
        settings.execute()
        cert = self.make_certificate(issue_date="2025-02-24")
        self.run_cron(cert.expiry_date - timedelta(days=90))
        self.assertEqual(cert.reminder_days_sent, 0)
        self.run_cron(cert.expiry_date - timedelta(days=50))
        self.assertEqual(cert.reminder_days_sent, 60)

    def test_failing_record_is_logged_and_skipped(self):
        certs = [
            self.make_certificate(agency=agency, standard=standard, issue_date="2023-01-01")
            for agency in (self.agency_a, self.agency_b)
            for standard in (self.iso_37001, self.iso_9001)
        ]
        broken = certs[1]
        original = IsoCertificate._mark_expired

        def failing(records):
            if broken in records:
                raise ValueError("simulated failure")
            return original(records)

        logger = "odoo.addons.iso_compliance.models.iso_scheduled_mixin"
        with (
            patch.object(IsoCertificate, "_mark_expired", failing),
            self.assertLogs(logger, "ERROR") as log,
        ):
            self.run_cron("2026-06-01")
        self.assertEqual([c.state for c in certs], ["expired", "active", "expired", "expired"])
        self.assertIn(f"{broken.display_name} (id {broken.id}) skipped", log.output[0])
        self.run_cron("2026-06-02")  # the next run expires it once it no longer fails
        self.assertEqual(broken.state, "expired")

    def test_long_suspension_is_flagged_once(self):
        cert = self.make_certificate()
        with freeze_time("2026-01-10"):
            cert._suspend("Surveillance not held")
        self.run_cron("2026-07-09")
        self.assertFalse(cert.suspension_flagged)
        self.run_cron("2026-07-10")
        self.assertTrue(cert.suspension_flagged)
        type_ = self.env.ref("iso_compliance.mail_activity_type_suspension_review")
        flagged = cert.activity_ids.filtered(lambda a: a.activity_type_id == type_)
        self.assertIn(self.manager, flagged.user_id)
        self.run_cron("2026-07-11")
        self.assertEqual(
            len(cert.activity_ids.filtered(lambda a: a.activity_type_id == type_)), len(flagged)
        )

    def test_query_count_does_not_grow_with_certificates(self):
        """One batch costs the same number of queries for 3 certificates as for 30."""

        def queries_for(count, agency):
            certs = self.Certificate
            for i in range(count):
                certs |= self.make_certificate(
                    agency=agency,
                    standard=self.iso_9001 if i % 2 else self.iso_37001,
                    state="draft",
                    issue_date="2023-01-01",
                )
            certs.write({"state": "active"})  # bypass the one-active rule: load only
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            with freeze_time("2026-06-01"):
                self.Certificate._cron_certificate_lifecycle()
                self.env.flush_all()
            self.assertEqual(set(certs.mapped("state")), {"expired"})
            return self.env.cr.sql_log_count - before

        self.env.cr.execute("DROP INDEX iso_certificate_one_active_per_standard")
        agency_c = self.Agency.create({"name": "C", "code": "C"})
        queries_for(1, agency_c)  # warm the caches (xml ids, settings) that later runs reuse
        small = queries_for(3, self.agency_a)
        large = queries_for(30, self.agency_b)
        self.assertEqual(small, large)
        with self.assertQueryCount(small), freeze_time("2026-06-01"):
            self.Certificate._cron_certificate_lifecycle()
            self.env.flush_all()

    def test_reminder_query_count_does_not_grow(self):
        def queries_for(agency, count):
            certs = self.Certificate
            for i in range(count):
                certs |= self.make_certificate(
                    agency=agency, state="draft", issue_date="2025-02-24", name=f"Q{agency.id}-{i}"
                )
            certs.write({"state": "active"})
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            with freeze_time(date(2028, 2, 23) - timedelta(days=20)):
                self.Certificate._remind_due(date(2028, 2, 3), 1000, 50000)
                self.env.flush_all()
            self.assertEqual(set(certs.mapped("reminder_days_sent")), {30})
            return self.env.cr.sql_log_count - before

        self.env.cr.execute("DROP INDEX iso_certificate_one_active_per_standard")
        agencies = [
            self.Agency.create({"name": code, "code": code, "officer_ids": self.officer_a.ids})
            for code in ("C", "D", "E")
        ]
        queries_for(agencies[0], 1)  # warm the caches (template, xml ids) that later runs reuse
        small = queries_for(agencies[1], 3)
        large = queries_for(agencies[2], 30)
        self.assertEqual(small, large)
