"""Feedback to the reporter and the investigation's deadline, set in Settings and counted on
the company's calendar (working days with the anti-bribery registers, the 2026 joint decree's
days off), and the compliance function's counts of cases (ISO 37001 8.9, 8.10, 9.4)."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .test_iso_concern import IsoConcernCase


@tagged("post_install", "-at_install")
class TestFeedbackAndInvestigationDeadlines(IsoConcernCase):
    """Received Monday 2 March 2026, 09:00 WIB. Feedback within 30 days (the shipped
    setting): Wednesday 1 April in calendar days; in working days (3-6 Mar (4), 9-13 (9),
    16, 17 (11), 18-24 Mar off, 25-27 (14), 30, 31 (16), 1, 2 Apr (18), 3 Apr off, 6-10 (23),
    13-17 (28), 20, 21 Apr (30)) Tuesday 21 April. Investigation started Wednesday 4 March,
    within 60 days: Sunday 3 May in calendar days; in working days (... 27-30 Apr (35), 1 May
    off, 4-8 (40), 11-13 (43), 14-15 May off, 18-22 (48), 25, 26 (50), 27-28 May off, 29 (51),
    1 Jun off, 2-5 (55), 8-12 Jun (60)) Friday 12 June."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("iso_compliance_concern.ir_cron_concern_deadlines")
        cls.working_days = "bribery_risk_id" in cls.Concern._fields
        if cls.working_days:
            cls.env.company.resource_calendar_id._iso_load_public_holidays([2026])
        with freeze_time("2026-03-02 02:00:00"):
            cls.case, _secret = cls.report()

    def run_cron(self, moment):
        with freeze_time(moment):
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def escalations(self, case, summary):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "iso.concern"),
                ("res_id", "=", case.id),
                ("summary", "ilike", summary),
            ]
        )

    def test_feedback_to_the_reporter_escalated_once(self):
        feedback = "2026-04-21" if self.working_days else "2026-04-01"
        self.assertEqual(str(self.case.feedback_deadline), feedback)
        with freeze_time("2026-03-02 02:00:00"):
            answered, _secret = self.report()
        answered = answered.with_user(self.handler)
        with freeze_time("2026-03-03 02:00:00"):
            answered.action_acknowledge()
            answered.reporter_question = "Terima kasih, laporan Anda sedang kami telaah."
            answered.action_send_to_reporter()
        self.assertEqual(answered.feedback_date.date(), date(2026, 3, 3))
        self.run_cron(f"{feedback} 16:30:00")  # 23:30 WIB: still the last day
        self.assertFalse(self.escalations(self.case, "Give the reporter feedback"))
        self.run_cron(f"{feedback} 17:30:00")  # the next day, 00:30 WIB
        self.run_cron(f"{feedback} 20:00:00")
        self.assertEqual(
            self.escalations(self.case, "Give the reporter feedback").user_id,
            self.handler | self.handler_2,
            "once per handler",
        )
        self.assertTrue(self.case.feedback_escalated)
        self.assertFalse(self.escalations(answered, "Give the reporter feedback"))
        self.assertFalse(answered.feedback_escalated)

    def test_investigation_escalated_once_past_its_deadline(self):
        case = self.case.with_user(self.handler)
        with freeze_time("2026-03-04 02:00:00"):
            case.action_acknowledge()
            case.assessment = "<p>Perlu investigasi.</p>"
            case.action_assess()
            self.assertFalse(case.investigation_deadline)
            case.investigator_ids = [Command.link(self.handler_2.id)]
            case.action_start_investigation()
        deadline = "2026-06-12" if self.working_days else "2026-05-03"
        self.assertEqual(str(case.investigation_deadline), deadline)
        self.run_cron(f"{deadline} 16:30:00")
        self.assertFalse(self.escalations(case, "Conclude this investigation"))
        self.run_cron(f"{deadline} 17:30:00")
        self.run_cron(f"{deadline} 20:00:00")
        self.assertEqual(
            self.escalations(case, "Conclude this investigation").user_id, self.handler
        )
        self.assertTrue(case.investigation_escalated)

    def test_deadlines_set_in_settings_within_their_ranges(self):
        Settings = self.env["iso.compliance.settings"]
        Settings.create(
            {"iso_concern_feedback_days": 1, "iso_concern_investigation_days": 2}
        ).execute()
        # Monday 2 March + 1 day: Tuesday 3 March, calendar or working days alike.
        self.assertEqual(str(self.case.feedback_deadline), "2026-03-03")
        param = self.env["ir.config_parameter"].sudo()
        for fname, value in (
            ("iso_concern_feedback_days", 0),
            ("iso_concern_feedback_days", 181),
            ("iso_concern_investigation_days", 366),
        ):
            with self.subTest(field=fname, value=value), self.assertRaises(ValidationError):
                Settings.create({fname: value})
        self.assertEqual(param.get_param("iso_compliance.concern_feedback_days"), "1")
        self.assertEqual(param.get_param("iso_compliance.concern_investigation_days"), "2")

    def test_nobody_sets_the_new_dates_by_writing(self):
        case = self.case.with_user(self.handler)
        for fname, value in (
            ("feedback_date", "2026-03-03 02:00:00"),
            ("investigation_started_date", "2026-03-03 02:00:00"),
            ("feedback_escalated", True),
            ("investigation_escalated", True),
        ):
            with self.subTest(field=fname):
                with self.assertRaises(AccessError):
                    case.write({fname: value})
                self.assertFalse(self.case[fname])


@tagged("post_install", "-at_install")
class TestConcernSummary(IsoConcernCase):
    """The compliance function's counts: per agency, state and conclusion, no identities."""

    def test_counts_by_agency_state_and_conclusion_for_managers_only(self):
        with freeze_time("2026-03-02 02:00:00"):
            first, _s = self.report()
            second, _s = self.report(name="Siti", contact="siti@example.com")
            other, _s = self.report(agency_id=self.agency_b.id)
        second.sudo().conclusion = "substantiated"
        second.sudo()._workflow_write({"state": "concluded"})
        self.env.flush_all()
        Summary = self.env["iso.concern.summary"]
        self.assertEqual(
            set(Summary._fields) - set(models_magic()),
            {"agency_id", "company_id", "state", "conclusion", "year", "case_count"},
            "counts only: no reporter, description, code or case",
        )
        rows = {
            (row.agency_id, row.state, row.conclusion, row.year): row.case_count
            for row in Summary.with_user(self.manager).search([])
        }
        self.assertEqual(
            rows,
            {
                (self.agency_a, "received", False, 2026): 1,
                (self.agency_a, "concluded", "substantiated", 2026): 1,
                (self.agency_b, "received", False, 2026): 1,
            },
        )
        for user in (self.officer_a, self.mentor, self.handler):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Summary.with_user(user).search([])
        self.assertTrue(first and other)


def models_magic():
    return {"id", "display_name", "create_uid", "create_date", "write_uid", "write_date"}
