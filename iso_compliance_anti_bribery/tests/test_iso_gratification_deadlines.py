import importlib.util
from datetime import date, timedelta
from pathlib import Path
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_iso_gratification import IsoGratificationCase

# The days off these expectations were counted on, by hand, from the joint decrees
# (../shared/DOMAIN.md): 2025 (SKB 1017/2024...): 25 Dec, 26 Dec (cuti bersama). 2026 (SKB
# 1497/2025, 2/2025, 5/2025): 1 Jan, 16 Jan, 16-17 Feb, 18-24 Mar (Nyepi, Idul Fitri and their
# cuti bersama; 21-22 a weekend), 3 Apr, 1 May, 14-15 May, 27-28 May, 1 Jun, 16 Jun, 17 Aug,
# 25 Aug, 24-25 Dec. 2027 (no decree loaded: the holidays package): 1 Jan, 5 Jan (Isra Mikraj,
# estimated). The day of receipt (or of reporting) is not counted.
#
# Each scenario: (received and reported that day, UPG deadline = 10 working days after
# receipt, forwarding deadline = 10 working days after the report, KPK deadline = 30 working
# days after receipt, completion deadline of an incomplete report).
MIGRATION = Path(__file__).parents[1] / "migrations" / "18.0.1.1.0" / "post-migrate.py"


def _load_migration():
    spec = importlib.util.spec_from_file_location("post_migrate_18_0_1_1_0", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCENARIOS = [
    # Mon 2 Mar 2026. 3-6 Mar (4), 9-13 (9), Mon 16 Mar (10); 17 Mar (11), 18-24 Mar off,
    # 25-27 (14), 30, 31 (16), 1, 2 Apr (18), 3 Apr Good Friday, 6, 7 Apr (20); 8-10 (23),
    # 13-17 (28), 20, Tue 21 Apr (30). Completion: 20 working days from reporting (2026 rule).
    ("2026-03-02", date(2026, 3, 16), date(2026, 3, 16), date(2026, 4, 21), date(2026, 4, 7)),
    # Fri 13 Mar 2026. 16, 17 Mar (2), 18-24 off, 25-27 (5), 30, 31 (7), 1, 2 Apr (9), 3 Apr
    # off, Mon 6 Apr (10); 7-10 (14), 13-17 (19), Mon 20 Apr (20); 21-24 (24), 27-30 (28),
    # 1 May off, 4, Tue 5 May (30).
    ("2026-03-13", date(2026, 4, 6), date(2026, 4, 6), date(2026, 5, 5), date(2026, 4, 20)),
    # Tue 17 Mar 2026, the day before the Nyepi cuti bersama. 25-27 (3), 30, 31 (5), 1, 2 Apr
    # (7), 6-8 Apr (10); 9, 10 (12), 13-17 (17), 20-22 Apr (20); 23, 24 (22), 27-30 (26),
    # 4-7 May (30).
    ("2026-03-17", date(2026, 4, 8), date(2026, 4, 8), date(2026, 5, 7), date(2026, 4, 22)),
    # Mon 25 May 2026. 26 May (1), 27-28 off, 29 (2), 1 Jun off, 2-5 (6), 8-11 Jun (10); 12
    # (11), 15 (12), 16 Jun off, 17-19 (15), 22-26 Jun (20); 29, 30 Jun, 1-3 Jul (25), 6-10
    # Jul (30).
    ("2026-05-25", date(2026, 6, 11), date(2026, 6, 11), date(2026, 7, 10), date(2026, 6, 26)),
    # Mon 10 Aug 2026. 11-14 (4), 17 Aug off, 18-21 (8), 24 (9), 25 Aug off, Wed 26 Aug (10);
    # 27, 28 (12), 31 Aug-4 Sep (17), 7-9 Sep (20); 10, 11 (22), 14-18 (27), 21-23 Sep (30).
    ("2026-08-10", date(2026, 8, 26), date(2026, 8, 26), date(2026, 9, 23), date(2026, 9, 9)),
    # Tue 15 Dec 2026. 16-18 (3), 21-23 (6), 24-25 off, 28-31 Dec (10); 1 Jan off, 4 Jan (11),
    # 5 Jan off, 6-8 (14), 11-15 (19), Mon 18 Jan (20); 19-22 (24), 25-29 (29), Mon 1 Feb
    # 2027 (30).
    ("2026-12-15", date(2026, 12, 31), date(2026, 12, 31), date(2027, 2, 1), date(2027, 1, 18)),
    # Thu 24 Dec 2026, a cuti bersama. 28-31 Dec (4), 4 Jan (5), 6-8 (8), 11, 12 Jan (10);
    # 13-15 (13), 18-22 (18), 25, 26 Jan (20); 27-29 (23), 1-5 Feb (28), 8, 9 Feb (30).
    ("2026-12-24", date(2027, 1, 12), date(2027, 1, 12), date(2027, 2, 9), date(2027, 1, 26)),
    # Sat 20 Dec 2025. 22-24 Dec (3), 25-26 off, 29-31 (6), 1 Jan off, 2 Jan (7), 5-7 Jan
    # (10); 8, 9 (12), 12-15 (16), 16 Jan off, 19-23 (21), 26-30 (26), 2-5 Feb 2026 (30).
    # Reported 20 Dec 2025, before 20 January 2026: completion within 30 working days of
    # the report (Peraturan KPK 2/2019), Thu 5 Feb 2026.
    ("2025-12-20", date(2026, 1, 7), date(2026, 1, 7), date(2026, 2, 5), date(2026, 2, 5)),
    # Sat 14 Mar 2026: a Saturday receipt counts as Friday 13 March's.
    ("2026-03-14", date(2026, 4, 6), date(2026, 4, 6), date(2026, 5, 5), date(2026, 4, 20)),
]


@tagged("post_install", "-at_install")
class TestDeadlineScenarios(IsoGratificationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar._iso_load_public_holidays([2027])

    def _reported_on(self, day):
        with freeze_time(f"{day} 03:00:00"):  # 10:00 in Serang
            report = self.make_report(user=self.employee, date_received=day)
            report.with_user(self.employee).action_report()
            report.with_user(self.officer_a).action_request_completion()
        return report

    def test_scenarios(self):
        for day, upg, forward, kpk, completion in SCENARIOS:
            with self.subTest(received=day):
                report = self._reported_on(day)
                self.assertEqual(report.report_date, date.fromisoformat(day))
                self.assertEqual(report.upg_deadline_date, upg, "UPG")
                self.assertEqual(report.forward_deadline_date, forward, "forwarding")
                self.assertEqual(report.deadline_date, kpk, "KPK")
                self.assertEqual(report.completion_due_date, completion, "completion")

    def test_completion_rule_changes_on_20_january_2026(self):
        # Reported Mon 19 Jan 2026 (Peraturan KPK 2/2019, 30 working days): 20-23 Jan (4),
        # 26-30 (9), 2-6 Feb (14), 9-13 (19), 16-17 Feb off, 18-20 (22), 23-27 (27), 2-4 Mar
        # (30): Wed 4 Mar 2026.
        old = self._reported_on("2026-01-19")
        self.assertEqual(old.completion_due_date, date(2026, 3, 4))
        # Reported Tue 20 Jan 2026 (Peraturan KPK 1/2026, 20 working days from reporting):
        # 21-23 Jan (3), 26-30 (8), 2-6 Feb (13), 9-13 (18), 16-17 Feb off, 18, Thu 19 Feb (20).
        new = self._reported_on("2026-01-20")
        self.assertEqual(new.completion_due_date, date(2026, 2, 19))

    def test_colleague_exception_on_19_and_20_january_2026(self):
        # A Rp400,000 non-cash gift from a colleague: above the 2019 limit (Rp200,000) on
        # 19 January, within the 2026 one (Rp500,000) from 20 January.
        vals = {"giver_relation": "colleague", "occasion": "other", "value": 400000}
        on_19 = self.make_report(giver_name="Budi", date_received="2026-01-19", **vals)
        on_20 = self.make_report(giver_name="Ani", date_received="2026-01-20", **vals)
        self.assertFalse(on_19.exception_id)
        self.assertEqual(
            on_20.exception_id,
            self.env.ref("iso_compliance_anti_bribery.gratification_threshold_colleague_2026"),
        )


@tagged("post_install", "-at_install")
class TestUpgAndForwarding(IsoGratificationCase):
    def _activities(self, report, summary):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", report._name),
                ("res_id", "=", report.id),
                ("summary", "ilike", summary),
            ]
        )

    def test_forwarding_date_and_late_flags(self):
        # Received Mon 2 Mar 2026: UPG deadline Mon 16 Mar (see the scenarios).
        with freeze_time("2026-03-17 03:00:00"):  # reported Tue 17 Mar: a day late to the UPG
            report = self.make_report(user=self.employee, date_received="2026-03-02")
            report.with_user(self.employee).action_report()
        self.assertTrue(report.upg_late)
        self.assertFalse(report.is_late, "within the KPK deadline")
        # Forwarding: 10 working days after Tue 17 Mar: 18-24 Mar off, 25-27 (3), 30, 31 (5),
        # 1, 2 Apr (7), 3 Apr off, 6-8 Apr (10): Wed 8 Apr.
        self.assertEqual(report.forward_deadline_date, date(2026, 4, 8))
        with freeze_time("2026-04-09 03:00:00"):
            report.with_user(self.officer_a).action_forward()
        self.assertEqual(report.forward_date, date(2026, 4, 9))
        self.assertTrue(report.forward_late)
        on_time = self.make_report(user=self.employee, date_received="2026-03-02")
        with freeze_time("2026-03-16 03:00:00"):
            on_time.with_user(self.employee).action_report()
        with freeze_time("2026-03-30 03:00:00"):
            on_time.with_user(self.officer_a).action_forward()
        self.assertFalse(on_time.upg_late or on_time.forward_late)

    def test_upg_and_forwarding_escalated_once_each(self):
        cron = self.env.ref("iso_compliance_anti_bribery.ir_cron_gratification")
        # Both received Mon 2 Mar 2026: UPG deadline Mon 16 Mar. One is reported that day
        # (forwarding deadline Mon 16 Mar too), the other never.
        unreported = self.make_report(user=self.employee, date_received="2026-03-02")
        with freeze_time("2026-03-02 03:00:00"):
            unforwarded = self.make_report(user=self.employee, date_received="2026-03-02")
            unforwarded.with_user(self.employee).action_report()
        with freeze_time("2026-03-16 10:00:00"):  # 16 Mar, 17:00 in Serang: still in time
            cron.method_direct_trigger()
        self.assertFalse(self._activities(unreported, "not reported to the UPG"))
        self.assertFalse(self._activities(unforwarded, "not forwarded to KPK"))
        with freeze_time("2026-03-16 18:00:00"):  # 17 Mar, 01:00 in Serang
            cron.method_direct_trigger()
        with freeze_time("2026-03-18 02:00:00"):
            cron.method_direct_trigger()
        self.env.invalidate_all()
        self.assertEqual(
            self._activities(unreported, "not reported to the UPG").user_id,
            self.employee | self.officer_a,
            "the reporter and the agency's officer, once",
        )
        self.assertEqual(
            self._activities(unforwarded, "not forwarded to KPK").user_id, self.officer_a
        )
        self.assertEqual((unreported.upg_late, unreported.upg_escalated), (True, True))
        self.assertEqual((unforwarded.forward_late, unforwarded.forward_escalated), (True, True))
        self.assertFalse(unreported.is_late or unforwarded.is_late, "KPK deadline 21 April")
        self.assertFalse(self._activities(unreported, "past its KPK deadline"))

    def test_recap_counts_each_lateness(self):
        with freeze_time("2026-03-17 03:00:00"):
            report = self.make_report(user=self.employee, date_received="2026-03-02")
            report.with_user(self.employee).action_report()  # late to the UPG only
        wizard = self.env["iso.gratification.recap.wizard"].create(
            {"period": "quarter", "date_from": "2026-01-01"}
        )
        line = {line["agency"]: line for line in wizard._recap_lines()}[self.agency_a]
        self.assertEqual((line["late"], line["upg_late"], line["forward_late"]), (0, 1, 0))


@tagged("post_install", "-at_install")
class TestCalendarChanges(IsoGratificationCase):
    def test_decree_day_added_by_a_manager_moves_open_deadlines(self):
        with freeze_time("2026-03-02 03:00:00"):
            report = self.make_report(user=self.employee, date_received="2026-03-02")
            report.with_user(self.employee).action_report()
            decided = self.make_report(user=self.employee, date_received="2026-03-02")
            decided.with_user(self.officer_a).action_forward()
            decided.with_user(self.officer_a).write(
                {
                    "kpk_decision": "returned",
                    "kpk_decree": "1/KPK/2026",
                    "kpk_decision_date": "2026-03-02",
                }
            )
            decided.with_user(self.officer_a).action_record_decision()
        self.env.flush_all()  # the request ends
        self.assertEqual(report.deadline_date, date(2026, 4, 21))
        # A manager adds a joint leave day on Thursday 9 April 2026: the 30th working day
        # after 2 March moves from Tue 21 to Wed 22 April; the UPG and forwarding deadlines
        # (16 March) do not move.
        self.env["iso.public.holiday"].with_user(self.manager).create(
            {
                "date": "2026-04-09",
                "name": "Cuti bersama tambahan",
                "kind": "joint_leave",
                "decree": "SKB perubahan 2026",
            }
        )
        self.assertEqual(report.deadline_date, date(2026, 4, 22))
        self.assertEqual(report.upg_deadline_date, date(2026, 3, 16))
        note = report.message_ids.filtered(lambda m: "deadlines moved" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("KPK Deadline", note.body)
        self.assertEqual(decided.deadline_date, date(2026, 4, 21), "a decided report stays")
        # Only managers keep the decree's days; everyone reads them.
        with self.assertRaises(AccessError):
            self.env["iso.public.holiday"].with_user(self.officer_a).create(
                {"date": "2026-04-10", "name": "Libur", "decree": "SKB"}
            )
        self.assertTrue(self.env["iso.public.holiday"].with_user(self.employee).search_count([]))
        # The manager revokes it: back to 21 April.
        day = self.env["iso.public.holiday"].search([("date", "=", "2026-04-09")])
        day.with_user(self.manager).date_to = "2026-03-01"
        self.assertEqual(report.deadline_date, date(2026, 4, 21))

    def test_corrected_idul_fitri_estimate_replaced(self):
        # 2027 has no decree loaded: the package's days. A release estimates Idul Fitri on
        # 9-10 March 2027, the next one on 10-11 March.
        estimates = [
            {
                date(2027, 3, 8): "Day of Silence",
                date(2027, 3, 9): "Eid al-Fitr (estimated)",
                date(2027, 3, 10): "Eid al-Fitr Second Day (estimated)",
            },
            {
                date(2027, 3, 8): "Day of Silence",
                date(2027, 3, 10): "Eid al-Fitr",
                date(2027, 3, 11): "Eid al-Fitr Second Day",
            },
        ]
        Calendar = type(self.env["resource.calendar"])

        def load(days):
            with patch.object(Calendar, "_iso_package_days", lambda self, years: days):
                return self.calendar._iso_load_public_holidays([2027])

        def days_off():
            leaves = self.env["resource.calendar.leaves"].search(
                [
                    ("calendar_id", "=", self.calendar.id),
                    ("resource_id", "=", False),
                    ("date_from", ">=", "2027-03-01"),
                    ("date_from", "<", "2027-03-31"),
                ]
            )
            # Stored in UTC from midnight in Serang (UTC+7).
            return sorted((leave.date_from + timedelta(hours=7)).date() for leave in leaves)

        self.assertTrue(load(estimates[0]))
        with freeze_time("2027-03-09 03:00:00"):
            report = self.make_report(user=self.employee, date_received="2027-03-09")
        # Received Tue 9 Mar 2027, 10 Mar off: 11, 12 (2), 15-19 (7), 22-24 Mar (10).
        self.assertEqual(report.upg_deadline_date, date(2027, 3, 24))
        self.assertEqual(days_off(), [date(2027, 3, 8), date(2027, 3, 9), date(2027, 3, 10)])
        self.assertTrue(load(estimates[1]))
        self.assertEqual(days_off(), [date(2027, 3, 8), date(2027, 3, 10), date(2027, 3, 11)])
        # 10, 11 Mar off: 12 (1), 15-19 (6), 22-25 Mar (10).
        self.assertEqual(report.upg_deadline_date, date(2027, 3, 25))
        self.assertTrue(report.message_ids.filtered(lambda m: "deadlines moved" in (m.body or "")))
        self.assertFalse(load(estimates[1]), "loading again changes nothing")

    def test_cron_covers_the_years_of_open_reports(self):
        cron = self.env.ref("iso_compliance_anti_bribery.ir_cron_gratification")
        report = self.make_report(user=self.employee, date_received="2025-12-20")
        Leave = self.env["resource.calendar.leaves"]
        domain = [
            ("calendar_id", "=", self.calendar.id),
            ("iso_holiday", "=", True),
            ("date_from", ">=", "2025-12-01"),
            ("date_from", "<", "2025-12-31"),
        ]
        self.assertEqual(report.deadline_date, date(2026, 2, 5))
        # Someone deletes 2025's Christmas days off: the deadline moves two days earlier.
        Leave.search(domain).unlink()
        self.assertEqual(report.deadline_date, date(2026, 2, 3))
        # In 2026 the daily job loads 2025 again, the year the open report was received in.
        with freeze_time("2026-01-05 03:00:00"):
            cron.method_direct_trigger()
        self.assertEqual(len(Leave.search(domain)), 2, "25 and 26 December 2025 back")
        self.assertEqual(report.deadline_date, date(2026, 2, 5))


@tagged("post_install", "-at_install")
class TestMigration(IsoGratificationCase):
    def test_amendment_moved_to_20_january_and_old_holidays_resynced(self):
        migration = _load_migration()
        ref = self.env.ref
        old = ref("iso_compliance_anti_bribery.gratification_threshold_ceremony_2019")
        new = ref("iso_compliance_anti_bribery.gratification_threshold_ceremony_2026")
        # A database of 18.0.1.0.0: the 2026 amendment from 1 January.
        old.date_to = "2025-12-31"
        new.date_from = "2026-01-01"
        report = self.make_report(
            occasion="wedding",
            gift_form="money",
            giver_relation="other",
            value=1200000,
            date_received="2026-01-10",
        )
        self.assertEqual(report.exception_id, new)
        # A leave the former loader made from the package, not marked as the loader's.
        leave = self.env["resource.calendar.leaves"].search(
            [("calendar_id", "=", self.calendar.id), ("name", "=", "Eid al-Fitr (estimated)")],
            limit=1,
        )
        leave.with_context(iso_holiday_sync=True).iso_holiday = False
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.assertEqual((old.date_to, new.date_from), (date(2026, 1, 19), date(2026, 1, 20)))
        self.assertFalse(report.exception_id, "10 January 2026: the 2019 limit, Rp1,000,000")
        self.assertTrue(leave.iso_holiday)
