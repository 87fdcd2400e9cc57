"""Bad values are refused with a sentence the user can act upon, and nothing is saved;
a bad system parameter never stops a scheduled job."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import IsoComplianceCase

LONG = "9" * 10_000


@tagged("post_install", "-at_install")
class TestBadInput(IsoComplianceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Audit = cls.env["iso.audit"].with_user(cls.manager)
        cls.audit = cls.Audit.create(
            {
                "agency_id": cls.agency_a.id,
                "standard_ids": [Command.set(cls.iso_37001.ids)],
                "window_start": "2026-03-01",
                "window_end": "2026-03-31",
            }
        )
        cls.audit.action_confirm()
        cls.audit.line_ids[0].result = "minor"
        cls.finding = cls.audit.finding_ids
        cls.clause_9001 = cls.env["iso.standard.clause"].search(
            [("standard_id", "=", cls.iso_9001.id), ("is_assessable", "=", True)], limit=1
        )
        cls.engagement = cls.env["iso.mentoring"].create(
            {"agency_id": cls.agency_a.id, "standard_ids": [Command.set(cls.iso_37001.ids)]}
        )
        cls.session = cls.env["iso.mentoring.session"].create(
            {"mentoring_id": cls.engagement.id, "name": "Kick-off"}
        )

    def assertRefused(self, call, pattern, check, error=UserError):
        """`call` raises `error` (UserError covers ValidationError) matching `pattern`, and
        `check()` still holds after it. Odoo's assertRaises, unlike assertRaisesRegex, rolls
        back what the call did, as a request that fails does."""
        with self.assertRaises(error) as caught:
            call()
        self.assertRegex(str(caught.exception), pattern)
        self.env.invalidate_all()
        self.assertTrue(check(), "the bad value was saved")

    def test_agency(self):
        Agency = self.Agency.with_user(self.manager)
        count = Agency.search_count([])
        code = self.agency_a.code
        cases = [
            ({"name": "Dinas Sosial", "code": "   "}, "needs a Short Code"),
            ({"name": "  ", "code": "DINSOS"}, "needs a Name"),
            ({"name": "Dinas Sosial", "code": LONG}, "Short Code is too long: at most 20"),
            ({"name": LONG, "code": "DINSOS"}, "Name is too long: at most 200"),
            ({"name": "Dinas Sosial", "code": " dinkes "}, "DINKES is already used"),
            ({"name": "Dinas Sosial", "code": "DINSOS", "agency_type": "ministry"}, "valid"),
            ({"name": "Dinas Sosial", "code": "DINSOS", "priority": "7"}, "valid value"),
        ]
        for vals, pattern in cases:
            with self.subTest(vals=str(vals)[:60]):
                self.assertRefused(
                    lambda v=vals: Agency.create(v),
                    pattern,
                    lambda: Agency.search_count([]) == count,
                )
        agency = self.agency_a.with_user(self.manager)
        name = self.agency_a.name
        for vals, pattern in (
            ({"code": "   "}, "needs a Short Code"),
            ({"name": ""}, "needs a Name"),
            ({"code": LONG}, "too long"),
            ({"name": LONG}, "too long"),
            ({"code": "dinkes"}, "DINKES is already used"),
            ({"agency_type": "ministry"}, "valid value"),
        ):
            with self.subTest(write=str(vals)[:60]):
                self.assertRefused(
                    lambda v=vals: agency.write(v),
                    pattern,
                    lambda: (
                        (self.agency_a.code, self.agency_a.name, self.agency_a.agency_type)
                        == (code, name, "dinas")
                    ),
                )

    def test_certificate(self):
        Certificate = self.Certificate.with_user(self.manager)
        first = self.make_certificate(state="draft", name="MAL/ABMS/2025/001")
        count = Certificate.search_count([])
        base = {
            "agency_id": self.agency_b.id,
            "standard_id": self.iso_9001.id,
            "certification_body_id": self.body.id,
        }
        cases = [
            (dict(base, name="mal/abms/2025/001"), "already issued the number"),
            (dict(base, name=" MAL/ABMS/2025/001  "), "already issued the number"),
            (dict(base, name=LONG), "Certificate Number is too long: at most 64"),
            (dict(base, issue_date="2025-03-01", expiry_date="2025-02-01"), "must come after"),
        ]
        for vals, pattern in cases:
            with self.subTest(vals=str(vals)[:80]):
                self.assertRefused(
                    lambda v=vals: Certificate.create(v),
                    pattern,
                    lambda: Certificate.search_count([]) == count,
                )
        second = self.make_certificate(state="draft", agency=self.agency_b, name="MAL-2")
        for number in ("mal/abms/2025/001 ", LONG):
            self.assertRefused(
                lambda n=number: second.with_user(self.manager).write({"name": n}),
                "already issued|too long",
                lambda: second.name == "MAL-2",
            )
        self.assertEqual(first.name, "MAL/ABMS/2025/001")
        # Numbers keep their case, without surrounding spaces.
        second.with_user(self.manager).name = "  Mal-2b "
        self.assertEqual(second.name, "Mal-2b")

    def test_second_active_certificate_is_a_sentence(self):
        self.make_certificate()
        twin = self.make_certificate(state="draft", standard=self.iso_37001_2025)
        self.assertRefused(
            lambda: twin.with_user(self.manager).action_activate(),
            "already holds an active ISO 37001",
            lambda: twin.state == "draft",
        )
        other = self.make_certificate(agency=self.agency_b)
        self.assertRefused(
            lambda: other.with_user(self.manager).write({"agency_id": self.agency_a.id}),
            "only while it is a draft",
            lambda: other.agency_id == self.agency_b,
        )

    def test_audit(self):
        count = self.Audit.search_count([])
        base = {"agency_id": self.agency_a.id, "window_start": "2026-05-01"}
        cert_b = self.make_certificate(state="draft", agency=self.agency_b)
        # An agency that pursues no standard: nothing to propose for the audit.
        agency_new = self.Agency.create({"name": "Kecamatan Cikande", "code": "CIKANDE"})
        cases = [
            (
                dict(base, agency_id=agency_new.id, window_end="2026-05-31"),
                "covers no standard",
            ),
            (
                dict(base, window_end="2026-04-01", standard_ids=[Command.set(self.iso_37001.ids)]),
                "ends before it starts",
            ),
            (
                dict(
                    base,
                    window_end="2026-05-31",
                    standard_ids=[Command.set(self.iso_37001.ids)],
                    certificate_id=cert_b.id,
                ),
                "is another agency's",
            ),
            (
                dict(
                    base,
                    window_end="2026-05-31",
                    standard_ids=[Command.set(self.iso_37001.ids)],
                    audit_type="inspection",
                ),
                "is not a valid value of Type",
            ),
        ]
        for vals, pattern in cases:
            with self.subTest(vals=str(vals)[:80]):
                self.assertRefused(
                    lambda v=vals: self.Audit.create(v),
                    pattern,
                    lambda: self.Audit.search_count([]) == count,
                )
        self.assertRefused(
            lambda: self.audit.write({"standard_ids": [Command.clear()]}),
            "covers no standard",
            lambda: self.audit.standard_ids == self.iso_37001,
        )
        self.assertRefused(
            lambda: self.audit.write({"new_certificate_number": LONG}),
            "too long",
            lambda: not self.audit.new_certificate_number,
        )

    def test_finding(self):
        finding = self.finding.with_user(self.mentor)
        self.assertRefused(
            lambda: finding.write({"grade": "catastrophic"}),
            "is not a valid value of Grade",
            lambda: self.finding.grade == "minor",
        )
        Finding = self.env["iso.audit.finding"].with_user(self.mentor)
        count = Finding.search_count([])
        cases = [
            ({"clause_id": self.clause_9001.id}, "is not one of the standards"),
            ({"clause_id": self.finding.clause_id.id, "grade": "catastrophic"}, "valid value"),
        ]
        for vals, pattern in cases:
            with self.subTest(vals=vals):
                self.assertRefused(
                    lambda v=vals: Finding.create(
                        dict(v, audit_id=self.audit.id, statement="Register missing.")
                    ),
                    pattern,
                    lambda: Finding.search_count([]) == count,
                )

    def test_engagement_and_session(self):
        engagement = self.engagement.with_user(self.mentor)
        start = engagement.date_start
        self.assertRefused(
            lambda: engagement.write({"date_start": "2026-06-01", "date_target": "2026-01-01"}),
            "comes before its start",
            lambda: self.engagement.date_start == start and not self.engagement.date_target,
        )
        session = self.session.with_user(self.mentor)
        for duration in (-2.0, 0.0, 25.0):
            with self.subTest(duration=duration):
                self.assertRefused(
                    lambda d=duration: session.write({"duration": d}),
                    "at most 24 hours",
                    lambda: self.session.duration == 2.0,
                )

    def test_standard(self):
        standard = self.iso_9001.with_user(self.manager)
        for vals in ({"validity_years": 10_000}, {"validity_years": 0}, {"validity_years": -3}):
            with self.subTest(vals=vals):
                self.assertRefused(
                    lambda v=vals: standard.write(v),
                    "valid from 1 to 10 years",
                    lambda: self.iso_9001.validity_years == 3,
                )


@tagged("post_install", "-at_install")
class TestSettings(IsoComplianceCase):
    PARAMS = (
        "iso_compliance.certificate_reminder_days",
        "iso_compliance.audit_reminder_days",
        "iso_compliance.recertification_lead_days",
        "iso_compliance.finding_due_days_major",
        "iso_compliance.finding_due_days_minor",
        "iso_compliance.suspension_limit_months",
        "iso_compliance.mentoring_stall_days",
    )

    def params(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        return {key: get(key) for key in self.PARAMS}

    def test_settings_refuse_values_out_of_range(self):
        before = self.params()
        cases = [
            ("iso_certificate_reminder_days", "1" * 25),
            ("iso_certificate_reminder_days", "30,²"),
            ("iso_certificate_reminder_days", "9" * 10_000),
            ("iso_certificate_reminder_days", "0"),
            ("iso_certificate_reminder_days", "731"),
            ("iso_certificate_reminder_days", "90,,30"),
            ("iso_certificate_reminder_days", ",".join(["30"] * 13)),
            ("iso_audit_reminder_days", "-7"),
            ("iso_recertification_lead_days", -5),
            ("iso_recertification_lead_days", 0),
            ("iso_recertification_lead_days", 1_000_000),
            ("iso_finding_due_days_major", -1),
            ("iso_finding_due_days_major", 0),
            ("iso_finding_due_days_minor", 366),
            ("iso_suspension_limit_months", 0),
            ("iso_suspension_limit_months", 25),
            ("iso_mentoring_stall_days", 0),
            ("iso_mentoring_stall_days", 366),
        ]
        Settings = self.env["iso.compliance.settings"]
        for fname, value in cases:
            with self.subTest(field=fname, value=str(value)[:30]):
                with self.assertRaises(ValidationError):
                    Settings.create({fname: value}).execute()
                self.assertEqual(self.params(), before)

    def test_settings_accept_values_at_the_limits(self):
        self.env["iso.compliance.settings"].create(
            {
                "iso_certificate_reminder_days": "730, 1",
                "iso_recertification_lead_days": 365,
                "iso_finding_due_days_major": 365,
                "iso_suspension_limit_months": 24,
                "iso_mentoring_stall_days": 1,
            }
        ).execute()
        params = self.params()
        self.assertEqual(params["iso_compliance.certificate_reminder_days"], "730, 1")
        self.assertEqual(params["iso_compliance.recertification_lead_days"], "365")
        self.assertEqual(params["iso_compliance.suspension_limit_months"], "24")


@tagged("post_install", "-at_install")
class TestBadParameters(IsoComplianceCase):
    """Parameters set by hand (Technical > System Parameters) or left by an old version:
    the jobs log a warning, use the default and carry on."""

    LOGGER = "odoo.addons.iso_compliance.models"

    def set_params(self, **values):
        for key, value in values.items():
            self.env["ir.config_parameter"].sudo().set_param(f"iso_compliance.{key}", value)

    def test_certificate_job_survives_bad_parameters(self):
        self.set_params(
            certificate_reminder_days="1" * 25,
            suspension_limit_months="abc",
            recertification_lead_days="1000000",
        )
        expiring = self.make_certificate(issue_date="2023-06-01")  # expires 2026-05-31
        due = self.make_certificate(agency=self.agency_b, issue_date="2023-01-01")
        suspended = self.make_certificate(standard=self.iso_9001, issue_date="2025-01-01")
        suspended._suspend("Surveillance refused")
        suspended.suspension_date = "2025-06-01"
        cron = self.env.ref("iso_compliance.ir_cron_certificate_lifecycle")
        with freeze_time("2026-03-02"), self.assertLogs(self.LOGGER, "WARNING") as logs:
            cron.method_direct_trigger()
        # Expiry ran; the reminder at 90 days (the default 180,90,30,7) was given...
        self.assertEqual(due.state, "expired")
        self.assertEqual(expiring.reminder_days_sent, 90)
        # ... and suspensions longer than the default 6 months were flagged.
        self.assertTrue(suspended.suspension_flagged)
        text = "\n".join(logs.output)
        self.assertIn("iso_compliance.certificate_reminder_days", text)
        self.assertIn("iso_compliance.suspension_limit_months", text)

    def test_cycle_and_due_dates_survive_bad_parameters(self):
        self.set_params(recertification_lead_days="-5", finding_due_days_minor="ninety")
        with self.assertLogs(self.LOGGER, "WARNING"):
            cert = self.make_certificate(decision_date="2025-02-24", issue_date="2025-02-24")
        recert = self.env["iso.audit"].search(
            [("certificate_id", "=", cert.id), ("cycle_step", "=", "recertification")]
        )
        # Expiry 2028-02-23, re-certification finished 60 days (the default) before.
        self.assertEqual(recert.window_end, date(2027, 12, 25))
        audit = self.env["iso.audit"].create(
            {
                "agency_id": self.agency_a.id,
                "standard_ids": [Command.set(self.iso_37001.ids)],
                "window_start": "2026-03-01",
                "window_end": "2026-03-31",
                "date_end": "2026-03-10",
            }
        )
        audit.action_confirm()
        with self.assertLogs(self.LOGGER, "WARNING"):
            audit.line_ids[0].result = "minor"
        self.assertEqual(audit.finding_ids.due_date, date(2026, 6, 8))  # 90 days

    def test_audit_and_mentoring_jobs_survive_bad_parameters(self):
        self.set_params(audit_reminder_days="30,²", mentoring_stall_days="0")
        engagement = self.env["iso.mentoring"].create(
            {
                "agency_id": self.agency_a.id,
                "standard_ids": [Command.set(self.iso_37001.ids)],
                "date_start": "2026-01-01",
            }
        )
        audit = self.env["iso.audit"].create(
            {
                "agency_id": self.agency_a.id,
                "standard_ids": [Command.set(self.iso_37001.ids)],
                "window_start": "2026-03-31",
                "window_end": "2026-04-30",
            }
        )
        with freeze_time("2026-02-01"), self.assertLogs(self.LOGGER, "WARNING") as logs:
            self.env.ref("iso_compliance.ir_cron_audit_lifecycle").method_direct_trigger()
            self.env.ref("iso_compliance.ir_cron_mentoring_follow_up").method_direct_trigger()
        self.assertEqual(audit.reminder_days_sent, 60)  # default 60,30,7
        self.assertTrue(engagement.stall_reminded)  # 31 days > default 30
        text = "\n".join(logs.output)
        self.assertIn("iso_compliance.audit_reminder_days", text)
        self.assertIn("iso_compliance.mentoring_stall_days", text)
