from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time
from markupsafe import Markup

from odoo.addons.mail.models.mail_template import MailTemplate
from odoo.tests import new_test_user, tagged

from ..models.iso_certificate import IsoCertificate
from .common import IsoComplianceCase

REMINDER_SUBJECT = "ISO certificates approaching their expiry date"
# Fixed budgets, whatever the number of certificates in the batch (see the two tests).
EXPIRY_PASS_QUERIES = 20
# The reminder pass: 65 before the programme's users read their notifications in Odoo; the
# activities' assignment notices then go to their inboxes (a few queries more, as fixed).
REMINDER_PASS_QUERIES = 74


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
        """The certificate's activities, and the reminder e-mails that list it."""
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "iso.certificate"), ("res_id", "=", cert.id)]
        )
        return activities, self.reminder_mails().filtered(lambda m: cert.name in m.body_html)

    def reminder_mails(self):
        return self.env["mail.mail"].search(
            [("model", "=", "res.users"), ("subject", "=", REMINDER_SUBJECT)]
        )

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
        self.assertIn("expired on 03/01/2026", cert.message_ids[0].body)

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
        self.assertFalse(cert.reminder_mail_pending)
        self.assertEqual(activities.user_id, people)
        self.assertEqual(len(activities), len(people))
        self.assertEqual(len(mails), len(people), "one e-mail to each officer and mentor")
        self.assertEqual(mails.recipient_ids, people.partner_id)
        self.assertEqual({len(mail.recipient_ids) for mail in mails}, {1})
        # Subscribed as message_subscribe would: with the model's default subtypes.
        followers = cert.message_follower_ids.filtered(lambda f: f.partner_id in people.partner_id)
        self.assertEqual(followers.partner_id, people.partner_id)
        reference = self.make_certificate(agency=self.agency_b)
        reference.message_subscribe(partner_ids=people.partner_id.ids)
        self.assertEqual(
            {(f.partner_id, f.subtype_ids) for f in followers},
            {(f.partner_id, f.subtype_ids) for f in reference.message_follower_ids},
        )
        for day in (90, 89, 30, 30, 7, 6, 0):
            self.run_cron(expiry - timedelta(days=day))
        activities, mails = self.reminders(cert)
        self.assertEqual(cert.reminder_days_sent, 7)
        self.assertEqual(len(mails), 4 * len(people), "180, 90, 30 and 7 days: one e-mail each")
        self.assertEqual(len(activities), 4 * len(people))

    def test_a_follower_already_there_keeps_their_subscription(self):
        """The reminder subscribes the assignees who do not follow the certificate yet; one
        who does keeps the subtypes they chose, without a second follower."""
        cert = self.make_certificate(issue_date="2025-02-24")
        note = self.env.ref("mail.mt_note")
        cert.message_subscribe(partner_ids=self.officer_a.partner_id.ids, subtype_ids=note.ids)
        self.run_cron(cert.expiry_date - timedelta(days=180))
        followers = cert.message_follower_ids
        officer = followers.filtered(lambda f: f.partner_id == self.officer_a.partner_id)
        self.assertEqual(officer.subtype_ids, note)
        self.assertIn(self.mentor.partner_id, followers.partner_id)
        self.assertEqual(len(followers), len(followers.partner_id), "one follower per person")

    def test_catches_up_with_the_nearest_reminder_only(self):
        cert = self.make_certificate(issue_date="2025-02-24")
        self.run_cron(cert.expiry_date - timedelta(days=200))
        self.run_cron(cert.expiry_date - timedelta(days=20))  # no run for 180 days
        activities, mails = self.reminders(cert)
        people = self.agency_a.officer_ids | self.agency_a.mentor_ids
        self.assertEqual(cert.reminder_days_sent, 30)
        self.assertEqual(len(mails), len(people))
        self.assertEqual(len(activities), len(people))
        self.assertIn("expires in 20 days", activities[0].summary)

    def test_one_email_per_person_lists_the_certificates_of_their_agencies(self):
        officer_b = new_test_user(
            self.env,
            login="officer_b",
            groups="iso_compliance.group_iso_compliance_officer",
            name="Officer of B",
        )
        self.agency_b.officer_ids = officer_b
        a_37001 = self.make_certificate(issue_date="2025-02-24")  # expires 2028-02-23
        a_9001 = self.make_certificate(standard=self.iso_9001, issue_date="2025-03-01")
        b_37001 = self.make_certificate(agency=self.agency_b, issue_date="2025-02-26")
        self.run_cron(date(2028, 2, 23) - timedelta(days=80))
        self.assertEqual({a_37001.reminder_days_sent, a_9001.reminder_days_sent}, {90})
        mails = self.reminder_mails()
        listed = {
            mail.recipient_ids: {
                cert.name
                for cert in (a_37001, a_9001, b_37001)
                if f">{cert.name}</a>" in mail.body_html
            }
            for mail in mails
        }
        a_people = self.agency_a.officer_ids | self.agency_a.mentor_ids
        self.assertEqual(len(mails), len(a_people | officer_b))
        for user in a_people:
            self.assertEqual(listed[user.partner_id], {a_37001.name, a_9001.name}, user.login)
        self.assertEqual(listed[officer_b.partner_id], {b_37001.name})
        self.assertIn("/mail/view?model=iso.certificate&amp;res_id=", mails[0].body_html)
        self.run_cron(date(2028, 2, 23) - timedelta(days=80))
        self.assertEqual(self.reminder_mails(), mails, "a second run the same day sends nothing")

    def test_reminder_email_speaks_the_language_of_its_recipient(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(
            ["iso_compliance"], ["id_ID"], overwrite=True
        )
        self.officer_a.lang = "id_ID"
        cert = self.make_certificate(issue_date="2025-02-24")
        self.run_cron(cert.expiry_date - timedelta(days=25))
        template = self.env.ref("iso_compliance.mail_template_certificate_reminder_digest")
        indonesian = template.with_context(lang="id_ID").subject
        self.assertNotEqual(indonesian, REMINDER_SUBJECT, "the subject is not translated")
        mails = self.env["mail.mail"].search([("model", "=", "res.users")])
        by_partner = {mail.recipient_ids: mail for mail in mails}
        self.assertEqual(by_partner[self.officer_a.partner_id].subject, indonesian)
        self.assertEqual(by_partner[self.mentor.partner_id].subject, REMINDER_SUBJECT)
        self.assertIn(cert.name, by_partner[self.officer_a.partner_id].body_html)

    def test_cron_writes_in_the_company_language_and_each_assignee_s(self):
        """ir.cron gives jobs no language: notes follow the company's, activities each
        assignee's, dates the language's format, in Python and in the SQL of the notes."""
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(
            ["iso_compliance"], ["id_ID"], overwrite=True
        )
        self.env.company.partner_id.lang = "id_ID"
        self.officer_a.lang = "id_ID"
        expired = [
            self.make_certificate(agency=agency, issue_date="2023-01-02")
            for agency in (self.agency_a, self.agency_b)
        ]  # the second note is copied in SQL
        due = self.make_certificate(standard=self.iso_9001, issue_date="2025-02-24")
        self.run_cron(due.expiry_date - timedelta(days=25))
        indonesian = self.env["iso.certificate"].with_context(lang="id_ID")
        for cert in expired:
            self.assertEqual(cert.state, "expired")
            self.assertEqual(
                cert.message_ids[0].body,
                Markup("<p>%s</p>") % indonesian._expiry_note("01/01/2026"),
            )
        self.assertNotIn("expired", expired[1].message_ids[0].body)
        summaries = {a.user_id: a.summary for a in due.activity_ids}
        self.assertIn("expires in 25 days", summaries[self.mentor])
        self.assertNotIn("expires", summaries[self.officer_a])
        self.assertIn("25", summaries[self.officer_a])

    def test_failing_reminder_email_is_logged_and_skipped(self):
        cert = self.make_certificate(issue_date="2025-02-24")
        original = MailTemplate.send_mail

        def failing(template, res_id, *args, **kwargs):
            if res_id == self.mentor.id:
                raise ValueError("simulated failure")
            return original(template, res_id, *args, **kwargs)

        logger = "odoo.addons.iso_compliance.models.iso_certificate"
        with patch.object(MailTemplate, "send_mail", failing), self.assertLogs(logger) as log:
            self.run_cron(cert.expiry_date - timedelta(days=25))
        self.assertIn(f"to mentor (id {self.mentor.id}) not e-mailed", log.output[0])
        people = (self.agency_a.officer_ids | self.agency_a.mentor_ids) - self.mentor
        self.assertEqual(self.reminder_mails().recipient_ids, people.partner_id)
        self.assertFalse(cert.reminder_mail_pending)
        self.assertEqual(len(cert.activity_ids), len(people) + 1, "the activities remain")

    def test_without_the_template_reminders_wait_and_the_rest_runs(self):
        self.env.ref("iso_compliance.mail_template_certificate_reminder_digest").unlink()
        expired = self.make_certificate(agency=self.agency_b, issue_date="2023-01-01")
        cert = self.make_certificate(issue_date="2025-02-24")
        logger = "odoo.addons.iso_compliance.models.iso_certificate"
        with self.assertLogs(logger, "WARNING") as log:
            self.run_cron(cert.expiry_date - timedelta(days=25))
        self.assertIn("template is missing", log.output[0])
        self.assertEqual(expired.state, "expired")
        self.assertEqual(cert.reminder_days_sent, 30)
        self.assertTrue(cert.activity_ids, "the activities are planned")
        self.assertTrue(cert.reminder_mail_pending, "the e-mail waits for the template")
        self.assertFalse(self.reminder_mails())

    def test_expiry_notes_are_those_of_the_orm(self):
        """_mark_expired copies the note of its first certificate in SQL: each copy must be
        the row mail.thread's _message_log_batch makes (every column but id and message_id,
        which the ORM shares across its batch)."""
        certs = self.Certificate
        for agency, standard, issue in (
            (self.agency_a, self.iso_37001, "2023-01-01"),
            (self.agency_a, self.iso_9001, "2023-02-01"),
            (self.agency_b, self.iso_37001, "2023-03-01"),
        ):
            certs |= self.make_certificate(agency=agency, standard=standard, issue_date=issue)
        note_ids = self.env["mail.message"].search([("model", "=", "iso.certificate")]).ids
        self.run_cron("2026-06-01 02:00:00")
        self.assertEqual(set(certs.mapped("state")), {"expired"})
        notes = self.env["mail.message"].search(
            [("model", "=", "iso.certificate"), ("id", "not in", note_ids)], order="res_id"
        )
        self.assertEqual(notes.mapped("res_id"), certs.ids)
        self.assertEqual(certs[1].message_ids[0], notes[1], "the ORM sees the copied notes")
        with freeze_time("2026-06-01 02:00:00"):
            as_cron = certs.with_user(self.cron.user_id)._in_company_context()
            date_format = as_cron._note_date_formats()[0]
            orm_notes = as_cron._message_log_batch(
                bodies={
                    cert.id: as_cron._expiry_note(cert.expiry_date.strftime(date_format))
                    for cert in certs
                }
            )
        self.env.flush_all()

        def rows(messages):
            self.env.cr.execute(
                "SELECT * FROM mail_message WHERE id = ANY(%s) ORDER BY res_id", [messages.ids]
            )
            names = [column.name for column in self.env.cr.description]
            found = [dict(zip(names, row, strict=True)) for row in self.env.cr.fetchall()]
            self.assertEqual(len({row.pop("message_id") for row in found}), 1)
            for row in found:
                row.pop("id")
            return found

        self.assertEqual(rows(notes), rows(orm_notes))
        self.assertIn("expired on 01/31/2026.", notes[1].body)

    def test_suspended_certificates_expire_through_either_path(self):
        """The first certificate of a batch expires through the ORM, the others through the
        SQL shortcut (_expire_like): suspended ones expire on both paths, and an expired
        certificate is no longer at risk."""
        certs = [
            self.make_certificate(agency=agency, issue_date="2023-01-02")  # expires 2026-01-01
            for agency in (self.agency_a, self.agency_b)
        ]
        with freeze_time("2025-12-01"):
            self.env.ref("iso_compliance.ir_cron_audit_lifecycle").method_direct_trigger()
            for cert in certs:
                cert._suspend("Surveillance refused")
        self.assertEqual([cert.at_risk for cert in certs], [True, True], "surveillance missed")
        self.run_cron("2026-01-02")
        for cert in certs:
            self.assertEqual(cert.state, "expired")
            self.assertFalse(cert.at_risk)
            notes = cert.message_ids.filtered(lambda m: "expired on 01/01/2026" in m.body)
            self.assertEqual(len(notes), 1)
        self.env.cr.execute(
            "SELECT bool_or(at_risk) FROM iso_certificate WHERE id = ANY(%s)",
            [[cert.id for cert in certs]],
        )
        self.assertEqual(self.env.cr.fetchone(), (False,))

    def test_new_expiry_date_starts_reminders_over(self):
        cert = self.make_certificate(issue_date="2025-02-24")
        self.run_cron(cert.expiry_date - timedelta(days=5))
        self.assertEqual(cert.reminder_days_sent, 7)
        cert.expiry_date = date(2028, 12, 31)  # corrected by the certification body
        self.assertEqual(cert.reminder_days_sent, 0)
        self.run_cron(date(2028, 12, 31) - timedelta(days=80))
        self.assertEqual(cert.reminder_days_sent, 90)

    def test_thresholds_come_from_settings(self):
        settings = self.env["iso.compliance.settings"].create(
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
        """One batch costs the same fixed number of queries for 3 certificates as for 30."""

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
        small, large = queries_for(3, self.agency_a), queries_for(30, self.agency_b)
        self.assertEqual((small, large), (EXPIRY_PASS_QUERIES, EXPIRY_PASS_QUERIES))
        with self.assertQueryCount(EXPIRY_PASS_QUERIES), freeze_time("2026-06-01"):
            self.Certificate._cron_certificate_lifecycle()
            self.env.flush_all()

    def test_reminder_query_count_does_not_grow(self):
        """A run that reminds 30 certificates of 30 agencies costs the queries of one that
        reminds 3 of 3 agencies, when the same officer and mentor receive them. The queries
        grow with the people reminded (Odoo subscribes each assignee of an activity, and each
        person gets one e-mail), not with the certificates nor the agencies."""
        day = date(2028, 2, 23) - timedelta(days=20)

        def prepare(count, key):
            """`count` certificates due for their 30-day reminder, each of an agency of its
            own; the agencies share one officer and one mentor."""
            officer, mentor = (
                new_test_user(
                    self.env,
                    login=f"{role}-{key}",
                    groups=f"iso_compliance.group_iso_compliance_{role}",
                )
                for role in ("officer", "mentor")
            )
            certs = self.Certificate
            for i in range(count):
                agency = self.Agency.create(
                    {
                        "name": f"{key}-{i}",
                        "code": f"{key}-{i}",
                        "officer_ids": officer.ids,
                        "mentor_ids": mentor.ids,
                    }
                )
                certs |= self.make_certificate(
                    agency=agency, state="draft", issue_date="2025-02-24"
                )
            certs.write({"state": "active"})
            self.env.flush_all()
            self.env.invalidate_all()
            return certs

        def run_cron():
            with freeze_time(day):
                self.Certificate._cron_certificate_lifecycle()
                self.env.flush_all()

        def check(certs):
            self.assertEqual(set(certs.mapped("reminder_days_sent")), {30})
            agencies = certs.agency_id
            people = (agencies.officer_ids | agencies.mentor_ids).partner_id
            mails = self.reminder_mails().filtered(lambda m: m.recipient_ids <= people)
            self.assertEqual(len(mails), len(people), "one e-mail to each person")

        def queries_for(count, key):
            certs = prepare(count, key)
            before = self.env.cr.sql_log_count
            run_cron()
            check(certs)
            return self.env.cr.sql_log_count - before

        queries_for(1, "W")  # warm the caches (template, xml ids) that later runs reuse
        small, large = queries_for(3, "S"), queries_for(30, "L")
        self.assertEqual((small, large), (REMINDER_PASS_QUERIES, REMINDER_PASS_QUERIES))
        certs = prepare(60, "Q")
        with self.assertQueryCount(REMINDER_PASS_QUERIES):
            run_cron()
        check(certs)
