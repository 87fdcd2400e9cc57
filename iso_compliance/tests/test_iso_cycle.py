"""The certification cycle, case by case, against ISO/IEC 17021-1 (9.1.3, 9.6) as
DOMAIN.md's "Certification cycle rules in detail" states it.

One row of SCENARIOS per case: a runner that builds the case and fires the real scheduled
actions under frozen time, and the values the rule gives, worked out by hand (the
arithmetic is in each row's comment). Windows are 3 months ending on the due day, cut to a
calendar year where the rule says so; re-certification is due 60 days (Settings' default)
before expiry."""

import re
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import IsoComplianceCase

D = date.fromisoformat

SCENARIOS = [
    # --- the cycle's dates from the decision (9.1.3.2, 9.6.2.2) ---
    (
        "proposed_expiry_follows_the_decision",
        # 10: decision 31 Jan 2025, issued 3 Feb: the day before 31 Jan 2028.
        "expiry",
        {"decision": "2025-01-31", "issue": "2025-02-03"},
        {"expiry": D("2028-01-30"), "on_expiry_day": "active", "day_after": "expired"},
    ),
    (
        "proposed_expiry_without_decision_follows_the_issue_date",
        "expiry",
        {"decision": False, "issue": "2025-02-24"},
        {"expiry": D("2028-02-23"), "on_expiry_day": "active", "day_after": "expired"},
    ),
    (
        "month_end_decision",
        # S1 due 31 Jan 2026, from 31 Oct 2025; its middle (16 Dec 2025) is in 2025, so S2
        # is in 2026: due 31 Jan 2027, cut to 2026. Re-certification due 30 Jan 2028 less
        # 60 days: 1 Dec 2027.
        "plan",
        {"decision": "2025-01-31", "issue": "2025-02-03"},
        {
            "expiry": D("2028-01-30"),
            "surveillance_1": (D("2025-10-31"), D("2026-01-31")),
            "surveillance_2": (D("2026-10-31"), D("2026-12-31")),
            "recertification": (D("2027-09-01"), D("2027-12-01")),
            "s2_flagged_on_its_last_day": False,
            "s2_flagged_the_day_after": True,
        },
    ),
    (
        "leap_day_decision",
        # 29 Feb 2024 + 3 years is 28 Feb 2027: expiry the day before. S1 due 28 Feb 2025,
        # middle 13 Jan 2025, so S2 in 2026: due 28 Feb 2026, from 1 Jan 2026 (cut).
        # Re-certification: 27 Feb 2027 less 60 days is 29 Dec 2026.
        "plan",
        {"decision": "2024-02-29"},
        {
            "expiry": D("2027-02-27"),
            "surveillance_1": (D("2024-11-28"), D("2025-02-28")),
            "surveillance_2": (D("2026-01-01"), D("2026-02-28")),
            "recertification": (D("2026-09-29"), D("2026-12-29")),
            "s2_flagged_on_its_last_day": False,
            "s2_flagged_the_day_after": True,
        },
    ),
    (
        "year_end_decision",
        # 31 Dec 2025: S1 from 30 Sep to 31 Dec 2026; S2 a year later, all in 2027;
        # expiry 30 Dec 2028, re-certification due 31 Oct 2028.
        "plan",
        {"decision": "2025-12-31"},
        {
            "expiry": D("2028-12-30"),
            "surveillance_1": (D("2026-09-30"), D("2026-12-31")),
            "surveillance_2": (D("2027-09-30"), D("2027-12-31")),
            "recertification": (D("2028-07-31"), D("2028-10-31")),
            "s2_flagged_on_its_last_day": False,
            "s2_flagged_the_day_after": True,
        },
    ),
    (
        "new_year_decision_gets_a_surveillance_in_every_year",
        # 4: 1 Jan 2024: S1 from 1 Oct 2024 to 1 Jan 2025 (middle in 2024), so 2025 needs
        # S2: due 1 Jan 2026, cut to 2025: 1 Oct to 31 Dec 2025, not 1 Jan 2026 alone.
        # Re-certification year 2026: due 31 Dec 2026 less 60 days, 1 Nov 2026.
        "plan",
        {"decision": "2024-01-01"},
        {
            "expiry": D("2026-12-31"),
            "surveillance_1": (D("2024-10-01"), D("2025-01-01")),
            "surveillance_2": (D("2025-10-01"), D("2025-12-31")),
            "recertification": (D("2026-08-01"), D("2026-11-01")),
            "s2_flagged_on_its_last_day": False,
            "s2_flagged_the_day_after": True,
        },
    ),
    (
        "mid_january_decision_gets_weeks_not_days",
        # 4: 15 Jan 2024: S2 due 15 Jan 2026 cut to 2025: 15 Oct to 31 Dec 2025.
        "plan",
        {"decision": "2024-01-15"},
        {
            "expiry": D("2027-01-14"),
            "surveillance_1": (D("2024-10-15"), D("2025-01-15")),
            "surveillance_2": (D("2025-10-15"), D("2025-12-31")),
            "recertification": (D("2026-08-15"), D("2026-11-15")),
            "s2_flagged_on_its_last_day": False,
            "s2_flagged_the_day_after": True,
        },
    ),
    (
        "surveillance_2_follows_surveillance_1_as_held",
        # 5: decision 20 Jan 2024, S1 held 12-14 Nov 2024: S2 due 14 Nov 2025 (12 months
        # later), from 14 Aug 2025; not 2026.
        "plan",
        {"decision": "2024-01-20", "s1_held": ("2024-11-12", "2024-11-14")},
        {
            "expiry": D("2027-01-19"),
            "surveillance_1": (D("2024-10-20"), D("2025-01-20")),
            "surveillance_2": (D("2025-08-14"), D("2025-11-14")),
            "recertification": (D("2026-08-20"), D("2026-11-20")),
            "s2_flagged_on_its_last_day": False,
            "s2_flagged_the_day_after": True,
        },
    ),
    (
        "surveillance_1_held_in_january_gives_surveillance_2_weeks_in_the_next_year",
        # Decision 20 Mar 2024, S1 held 3-5 Jan 2025: S2 due 5 Jan 2026, its window cut to
        # 2026 (1-5 Jan), widened to 4 weeks: 1 to 28 Jan 2026.
        "plan",
        {"decision": "2024-03-20", "s1_held": ("2025-01-03", "2025-01-05")},
        {
            "expiry": D("2027-03-19"),
            "surveillance_1": (D("2024-12-20"), D("2025-03-20")),
            "surveillance_2": (D("2026-01-01"), D("2026-01-28")),
            "recertification": (D("2026-10-18"), D("2027-01-18")),
            "s2_flagged_on_its_last_day": False,
            "s2_flagged_the_day_after": True,
        },
    ),
    (
        "replanning_moves_planned_audits_only_and_never_duplicates",
        # Decision moved from 31 Jan to 14 Jan 2025 with S1 confirmed: S1 stays, S2 follows
        # S1's window (unchanged), the expiry becomes 13 Jan 2028 and re-certification is
        # due 60 days before: 14 Nov 2027.
        "replan",
        {"decision": "2025-01-31", "new_decision": "2025-01-14"},
        {
            "expiry": D("2028-01-13"),
            "surveillance_1": (D("2025-10-31"), D("2026-01-31")),
            "surveillance_2": (D("2026-10-31"), D("2026-12-31")),
            "recertification": (D("2027-08-14"), D("2027-11-14")),
            "audits": 3,
        },
    ),
    # --- re-certification and restoration (9.6.3) ---
    (
        "renewal_before_expiry_continues_the_old_expiry",
        # Expiry 23 Feb 2025 (decision 24 Feb 2022); validity runs on from 24 Feb 2025.
        "renew",
        {"decision": "2022-02-24", "recertified": "2024-12-10"},
        {"expiry": D("2028-02-23"), "issue": D("2024-12-10"), "old": "superseded"},
    ),
    (
        "renewal_on_the_expiry_day_continues_the_old_expiry",
        "renew",
        {"decision": "2022-02-24", "recertified": "2025-02-23"},
        {"expiry": D("2028-02-23"), "issue": D("2025-02-23"), "old": "superseded"},
    ),
    (
        "renewal_from_28_february_ends_on_29_february",
        # 9: expiry 28 Feb 2025 (decision 1 Mar 2022): validity from 1 Mar 2025 for three
        # years ends 29 Feb 2028.
        "renew",
        {"decision": "2022-03-01", "recertified": "2025-01-15"},
        {"expiry": D("2028-02-29"), "issue": D("2025-01-15"), "old": "superseded"},
    ),
    (
        "restoration_after_two_and_a_half_months_keeps_the_prior_expiry",
        # 1: expired 23 Feb 2025, decided 10 May 2025: expiry based on the prior cycle,
        # 23 Feb 2028 (not 9 May 2028), effective from the decision.
        "renew",
        {"decision": "2022-02-24", "expired_on": "2025-02-24", "recertified": "2025-05-10"},
        {"expiry": D("2028-02-23"), "issue": D("2025-05-10"), "old": "superseded"},
    ),
    (
        "restoration_at_5_months",
        "renew",
        {"decision": "2022-02-24", "expired_on": "2025-02-24", "recertified": "2025-07-23"},
        {"expiry": D("2028-02-23"), "issue": D("2025-07-23"), "old": "superseded"},
    ),
    (
        "restoration_on_the_last_day_of_6_months",
        "renew",
        {"decision": "2022-02-24", "expired_on": "2025-02-24", "recertified": "2025-08-23"},
        {"expiry": D("2028-02-23"), "issue": D("2025-08-23"), "old": "superseded"},
    ),
    (
        "restoration_at_7_months_is_refused",
        # 2: more than 6 months after 23 Feb 2025: a new initial certification, no chain.
        "renew",
        {"decision": "2022-02-24", "expired_on": "2025-02-24", "recertified": "2025-09-23"},
        {"refused": True, "old": "expired", "renewals": 0},
    ),
    (
        "renewing_by_hand_7_months_after_expiry_is_refused",
        "renew_by_hand",
        {"decision": "2022-02-24", "expired_on": "2025-02-24", "today": "2025-09-24"},
        {"refused": True, "renewals": 0},
    ),
    (
        "renewing_by_hand_5_months_after_expiry_is_allowed",
        "renew_by_hand",
        {"decision": "2022-02-24", "expired_on": "2025-02-24", "today": "2025-07-24"},
        {"refused": False, "renewals": 1},
    ),
    # --- suspension and withdrawal (9.6.5) ---
    (
        "suspension_flagged_at_its_limit",
        # Suspended 10 Jan 2026: 6 months later is 10 Jul 2026.
        "suspend",
        {"issue": "2025-02-24", "suspended": "2026-01-10", "runs": ["2026-07-09", "2026-07-10"]},
        {"2026-07-09": ("suspended", False, 0), "2026-07-10": ("suspended", True, 0)},
    ),
    (
        "suspended_certificate_is_reminded_and_expires",
        # 6: expiry 1 Mar 2026 (issued 2 Mar 2023): reminded at 30 days on 1 Feb 2026 while
        # suspended, at 7 days on 1 Mar (0 days left, still valid), expired on 2 Mar.
        "suspend",
        {
            "issue": "2023-03-02",
            "suspended": "2026-01-10",
            "runs": ["2026-02-01", "2026-03-01", "2026-03-02"],
        },
        {
            "2026-02-01": ("suspended", False, 30),
            "2026-03-01": ("suspended", False, 7),
            "2026-03-02": ("expired", False, 7),
        },
    ),
    (
        "withdrawal_cancels_the_planned_cycle",
        # 7: withdrawn 1 Jun 2025; S1's window ends 24 Feb 2026: no flag, no reminder.
        "withdraw",
        {"issue": "2025-02-24", "withdrawn": "2025-06-01", "runs": ["2025-11-01", "2026-02-25"]},
        {"audit_states": {"cancelled"}, "flagged": False, "activities": 0, "at_risk": False},
    ),
    # --- missed surveillance (9.6.5.2) ---
    (
        "missed_surveillance_stays_missed_until_one_is_held",
        # 3: S1 window 24 Nov 2025 - 24 Feb 2026 passes; cancelled on 2 Mar 2026 it is still
        # missed; the step is planned again from that day for 3 months; held on 10 Mar.
        "missed",
        {"issue": "2025-02-24", "cancelled": "2026-03-02", "held": "2026-03-10"},
        {
            "at_risk_after_window": True,
            "at_risk_after_cancel": True,
            "replanned": (D("2026-03-02"), D("2026-06-02")),
            "at_risk_after_held": False,
        },
    ),
    # --- reminders ---
    (
        "each_threshold_fires_once",
        # Expiry 23 Feb 2028 (issued 24 Feb 2025): 180 days before is 27 Aug 2027.
        "reminders",
        {"issue": "2025-02-24", "runs": [181, 180, 180, 100, 90, 30, 7, 7]},
        {181: 0, 180: 180, 100: 180, 90: 90, 30: 30, 7: 7, "activity_rounds": 4},
    ),
    (
        "catch_up_after_40_days_sends_the_nearest_reminder_only",
        # Reminded at 90 days (run 45 days before); no run for 40 days; 5 days before: 7.
        "reminders",
        {"issue": "2025-02-24", "runs": [45, 5]},
        {45: 90, 5: 7, "activity_rounds": 2},
    ),
    (
        "catch_up_after_40_days_expires_with_the_real_date",
        # Expired 1 Mar 2026; the job next runs on 10 Apr 2026.
        "expiry",
        {"decision": False, "issue": "2023-03-02", "late_run": "2026-04-10"},
        {
            "expiry": D("2026-03-01"),
            "on_expiry_day": "active",
            "day_after": "active",  # no run that day
            "late_run": "expired",
            "note": "The certificate expired on 03/01/2026.",
        },
    ),
    # --- time zone (8) ---
    (
        "jobs_take_today_where_the_company_is",
        # 23:30 UTC on 1 Mar 2026 is 06:30 on 2 Mar in Jakarta: a certificate that expired on
        # 1 Mar is expired; one expiring on 1 Apr is 30 days away (31 in UTC); an audit
        # window that ended on 1 Mar has passed.
        "timezone",
        {"moment": "2026-03-01 23:30:00", "tz": "Asia/Jakarta"},
        {
            "expired": "expired",
            "reminder": 30,
            "summary_days": "30 days",
            "window_flagged": True,
        },
    ),
    (
        "without_a_company_time_zone_the_jobs_use_utc",
        "timezone",
        {"moment": "2026-03-01 23:30:00", "tz": False},
        {
            "expired": "active",
            "reminder": 90,
            "summary_days": "31 days",
            "window_flagged": False,
        },
    ),
]


@tagged("post_install", "-at_install")
class TestCycleScenarios(IsoComplianceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Audit = cls.env["iso.audit"]
        cls.certificate_cron = cls.env.ref("iso_compliance.ir_cron_certificate_lifecycle")
        cls.audit_cron = cls.env.ref("iso_compliance.ir_cron_audit_lifecycle")

    # ------------------------------------------------------------------ helpers

    def run_cron(self, cron, moment):
        with freeze_time(moment):
            cron.method_direct_trigger()
        self.env.invalidate_all()

    def steps(self, cert):
        audits = self.Audit.search(
            [("certificate_id", "=", cert.id), ("state", "!=", "cancelled")], order="id"
        )
        return {audit.cycle_step: audit for audit in audits}

    def windows(self, cert):
        return {step: (a.window_start, a.window_end) for step, a in self.steps(cert).items()}

    def hold(self, audit, start, end):
        with freeze_time(start):
            if audit.state == "planned":
                audit.action_confirm()
            audit.action_start()
        audit.date_end = end
        with freeze_time(end):
            audit.action_report()

    # ------------------------------------------------------------------ runners

    def run_expiry(self, decision, issue, late_run=None):
        cert = self.make_certificate(decision_date=decision, issue_date=issue)
        observed = {"expiry": cert.expiry_date}
        self.run_cron(self.certificate_cron, cert.expiry_date)
        observed["on_expiry_day"] = cert.state
        if late_run:
            observed["day_after"] = cert.state
            self.run_cron(self.certificate_cron, late_run)
            observed["late_run"] = cert.state
            observed["note"] = cert.message_ids[0].body.striptags()
        else:
            self.run_cron(self.certificate_cron, cert.expiry_date + timedelta(days=1))
            observed["day_after"] = cert.state
        return observed

    def run_plan(self, decision, issue=None, s1_held=None):
        with freeze_time(decision):
            cert = self.make_certificate(decision_date=decision, issue_date=issue or decision)
        if s1_held:
            self.hold(self.steps(cert)["surveillance_1"], *s1_held)
        observed = {"expiry": cert.expiry_date, **self.windows(cert)}
        s2 = self.steps(cert)["surveillance_2"]
        self.run_cron(self.audit_cron, s2.window_end)
        observed["s2_flagged_on_its_last_day"] = s2.window_flagged
        self.run_cron(self.audit_cron, s2.window_end + timedelta(days=1))
        observed["s2_flagged_the_day_after"] = s2.window_flagged
        return observed

    def run_replan(self, decision, new_decision):
        cert = self.make_certificate(decision_date=decision, issue_date=decision)
        self.steps(cert)["surveillance_1"].action_confirm()
        cert.write({"decision_date": new_decision})
        self.run_cron(self.certificate_cron, new_decision)
        return {
            "expiry": cert.expiry_date,
            **self.windows(cert),
            "audits": self.Audit.search_count([("certificate_id", "=", cert.id)]),
        }

    def run_renew(self, decision, recertified, expired_on=None):
        cert = self.make_certificate(decision_date=decision, issue_date=decision)
        if expired_on:
            self.run_cron(self.certificate_cron, expired_on)
            self.assertEqual(cert.state, "expired")
        recert = self.steps(cert)["recertification"]
        self.hold(recert, recertified, recertified)
        recert.write({"decision_date": recertified, "new_certificate_number": "CERT-NEXT"})
        try:
            action = recert.action_record_decision()
        except UserError as error:
            self.assertIn("can no longer be restored", str(error))
            return {"refused": True, "old": cert.state, "renewals": len(cert.renewal_ids)}
        renewal = self.Certificate.browse(action["res_id"])
        self.assertEqual(renewal.previous_certificate_id, cert)
        self.assertEqual(renewal.state, "active")
        return {"expiry": renewal.expiry_date, "issue": renewal.issue_date, "old": cert.state}

    def run_renew_by_hand(self, decision, expired_on, today):
        cert = self.make_certificate(decision_date=decision, issue_date=decision)
        self.run_cron(self.certificate_cron, expired_on)
        refused = False
        with freeze_time(today):
            try:
                cert.action_renew()
            except UserError:
                refused = True
        return {"refused": refused, "renewals": len(cert.renewal_ids)}

    def run_suspend(self, issue, suspended, runs):
        cert = self.make_certificate(issue_date=issue)
        with freeze_time(suspended):
            cert._suspend("Surveillance not held")
        observed = {}
        for day in runs:
            self.run_cron(self.certificate_cron, day)
            observed[day] = (cert.state, cert.suspension_flagged, cert.reminder_days_sent)
        return observed

    def run_withdraw(self, issue, withdrawn, runs):
        cert = self.make_certificate(issue_date=issue)
        audits = self.Audit.search([("certificate_id", "=", cert.id)])
        with freeze_time(withdrawn):
            cert._withdraw("Scope no longer operated")
        for day in runs:
            self.run_cron(self.audit_cron, day)
        return {
            "audit_states": set(audits.mapped("state")),
            "flagged": any(audits.mapped("window_flagged")),
            "activities": len(audits.activity_ids),
            "at_risk": cert.at_risk,
        }

    def run_missed(self, issue, cancelled, held):
        cert = self.make_certificate(issue_date=issue)
        s1 = self.steps(cert)["surveillance_1"]
        self.run_cron(self.audit_cron, s1.window_end + timedelta(days=1))
        observed = {"at_risk_after_window": cert.at_risk}
        with freeze_time(cancelled):
            s1.action_cancel()
        observed["at_risk_after_cancel"] = cert.at_risk
        replacement = self.steps(cert)["surveillance_1"]
        self.assertNotEqual(replacement, s1)
        observed["replanned"] = (replacement.window_start, replacement.window_end)
        self.hold(replacement, held, held)
        observed["at_risk_after_held"] = cert.at_risk
        return observed

    def run_reminders(self, issue, runs):
        cert = self.make_certificate(issue_date=issue)
        observed = {}
        for days in runs:
            self.run_cron(self.certificate_cron, cert.expiry_date - timedelta(days=days))
            observed[days] = cert.reminder_days_sent
        people = self.agency_a.officer_ids | self.agency_a.mentor_ids
        observed["activity_rounds"] = len(cert.activity_ids) / len(people)
        return observed

    def run_timezone(self, moment, tz):
        self.env.company.partner_id.tz = tz
        expired = self.make_certificate(issue_date="2023-03-02")  # expires 1 Mar 2026
        reminded = self.make_certificate(standard=self.iso_9001, issue_date="2023-04-02")
        audit = self.Audit.create(
            {
                "agency_id": self.agency_b.id,
                "standard_ids": [(6, 0, self.iso_9001.ids)],
                "window_start": "2026-02-01",
                "window_end": "2026-03-01",
            }
        )
        self.run_cron(self.certificate_cron, moment)
        self.run_cron(self.audit_cron, moment)
        summary = reminded.activity_ids.filtered(lambda a: a.user_id == self.mentor).summary
        return {
            "expired": expired.state,
            "reminder": reminded.reminder_days_sent,
            "summary_days": re.search(r"expires in (\d+ days)", summary).group(1),
            "window_flagged": audit.window_flagged,
        }


def _scenario_test(runner, inputs, expected):
    def test(self):
        observed = getattr(self, f"run_{runner}")(**inputs)
        self.assertEqual(observed, expected)

    return test


for _name, _runner, _inputs, _expected in SCENARIOS:
    setattr(TestCycleScenarios, f"test_{_name}", _scenario_test(_runner, _inputs, _expected))
