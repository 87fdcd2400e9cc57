from datetime import date

from freezegun import freeze_time

from odoo.addons.iso_compliance.tests.common import IsoComplianceCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged


class IsoGratificationCase(IsoComplianceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Asia/Jakarta"
        cls.calendar = cls.company.resource_calendar_id
        cls.calendar.tz = "Asia/Jakarta"
        cls.calendar._iso_load_public_holidays([2025, 2026])
        cls.Report = cls.env["iso.gratification.report"]
        cls.employee = new_test_user(
            cls.env, login="pegawai", groups="base.group_user", name="Pegawai Disdukcapil"
        )
        cls.mentor_b = new_test_user(
            cls.env,
            login="mentor_b",
            groups="iso_compliance.group_iso_compliance_mentor",
            name="Mentor of B",
        )
        cls.agency_b.mentor_ids = cls.mentor_b

    @classmethod
    def make_report(cls, user=None, **vals):
        env_user = user or cls.env.user
        return cls.Report.with_user(env_user).create(
            {
                "agency_id": cls.agency_a.id,
                "reporter_id": env_user.id,
                "date_received": "2025-08-15",
                "giver_name": "PT Maju Jaya",
                "giver_relation": "vendor",
                "gift_form": "goods",
                "value": 750000,
                "occasion": "duty",
                **vals,
            }
        )


@tagged("post_install", "-at_install")
class TestWorkingDayDeadline(IsoGratificationCase):
    def test_holidays_loaded_into_the_calendar(self):
        leaves = self.env["resource.calendar.leaves"].search(
            [("calendar_id", "=", self.calendar.id), ("resource_id", "=", False)]
        )
        names = set(leaves.mapped("name"))
        self.assertIn("Cuti bersama Proklamasi Kemerdekaan", names, "from the decree's list")
        self.assertIn("Idul Fitri 1447 Hijriah", names)
        self.assertIn("Eid al-Fitr (estimated)", names, "2027: the package's estimate")
        # Loading again adds nothing.
        self.assertFalse(self.calendar._iso_load_public_holidays([2025]))

    def test_a_weekend_and_a_joint_leave_day(self):
        # Friday 15 Aug 2025; Sat 16, Sun 17 (Independence Day), Mon 18 joint leave day:
        # the first working day after receipt is Tuesday 19 August.
        self.assertEqual(
            self.calendar._iso_add_working_days(date(2025, 8, 15), 1), date(2025, 8, 19)
        )
        self.assertEqual(
            self.calendar._iso_add_working_days(date(2025, 8, 15), 3), date(2025, 8, 21)
        )

    def test_kpk_deadline_across_eid(self):
        # Received Thursday 20 March 2025. Working days after it: 21, 24-27 March (5);
        # 28 Mar (Nyepi joint leave), 31 Mar-4 Apr and 7 Apr (Eid and joint leave) skipped;
        # 8-11 Apr (9), 14-17 Apr (13), 18 Apr Good Friday; 21-25 Apr (18), 28-30 Apr (21);
        # 1 May Labour Day; 2 May (22), 5-9 May (27); 12-13 May Vesak and joint leave;
        # 14, 15, 16 May (30).
        report = self.make_report(date_received="2025-03-20")
        self.assertEqual(report.deadline_date, date(2025, 5, 16))

    @freeze_time("2025-09-01 03:00:00")
    def test_late_report_flagged_when_reported(self):
        # 15 Aug 2025 + 30 working days (18 Aug joint leave, 5 Sep Prophet's Birthday):
        # 19-22 Aug (4), 25-29 Aug (9), 1-4 Sep (13), 8-12 (18), 15-19 (23), 22-26 (28),
        # 29, 30 Sep (30).
        report = self.make_report()
        self.assertEqual(report.deadline_date, date(2025, 9, 30))
        report.action_report()
        self.assertEqual((report.state, report.report_date), ("reported", date(2025, 9, 1)))
        self.assertFalse(report.is_late)
        with freeze_time("2025-10-01 03:00:00"):
            late = self.make_report()
            late.action_report()
        self.assertTrue(late.is_late)


@tagged("post_install", "-at_install")
class TestDocumentCompletion(IsoGratificationCase):
    """Peraturan KPK 2/2019 Pasal 9: a report dated up to 19 January 2026 that stays
    incomplete 30 working days after its receipt is not followed up."""

    def _reported(self):
        with freeze_time("2025-09-01 03:00:00"):
            report = self.make_report(user=self.employee)
            report.action_report()
        return report

    def test_documents_due_30_working_days_after_the_report(self):
        report = self._reported()
        # Reported Monday 1 Sep 2025. Working days after it: 2, 3, 4 Sep (3); Friday 5 Sep,
        # the Prophet's Birthday, skipped; 8-12 (8), 15-19 (13), 22-26 (18), 29 Sep-3 Oct
        # (23; Pancasila Sanctity Day is no holiday), 6-10 (28), 13, Tuesday 14 Oct (30).
        with freeze_time("2025-09-02 03:00:00"):
            report.with_user(self.officer_a).action_request_completion()
        self.assertEqual(report.completion_requested_date, date(2025, 9, 2))
        self.assertEqual(report.completion_due_date, date(2025, 10, 14))
        with self.assertRaisesRegex(UserError, "already requested"):
            report.with_user(self.officer_a).action_request_completion()
        with freeze_time("2025-09-10 03:00:00"):
            report.with_user(self.employee).action_complete_documents()
        self.assertEqual(report.completion_date, date(2025, 9, 10))
        with self.assertRaisesRegex(UserError, "No documents are awaited"):
            report.with_user(self.employee).action_complete_documents()

    def test_only_officers_request_documents_and_only_of_a_report(self):
        report = self._reported()
        with self.assertRaises(AccessError):
            report.with_user(self.employee).action_request_completion()
        unreported = self.make_report(user=self.employee)
        for user in (self.employee, self.officer_a):
            with self.assertRaises(AccessError):
                unreported.with_user(user).write({"completion_requested_date": "2025-09-02"})
        with self.assertRaisesRegex(UserError, "cannot be asked for documents"):
            unreported.with_user(self.officer_a).action_request_completion()
        with self.assertRaisesRegex(UserError, "No documents are awaited"):
            unreported.with_user(self.employee).action_complete_documents()

    def test_overdue_documents_escalated_once(self):
        cron = self.env.ref("iso_compliance_anti_bribery.ir_cron_gratification")
        report = self._reported()
        with freeze_time("2025-09-02 03:00:00"):
            report.with_user(self.officer_a).action_request_completion()  # due 14 Oct 2025

        def activities():
            return self.env["mail.activity"].search(
                [
                    ("res_model", "=", report._name),
                    ("res_id", "=", report.id),
                    ("summary", "ilike", "Documents of a gratification report overdue"),
                ]
            )

        with freeze_time("2025-10-14 10:00:00"):  # 14 Oct, 17:00 in Serang: still due today
            cron.method_direct_trigger()
        self.assertFalse(activities())
        self.assertFalse(report.not_followed_up)
        with freeze_time("2025-10-14 18:00:00"):  # 15 Oct, 01:00 in Serang
            cron.method_direct_trigger()
        with freeze_time("2025-10-16 02:00:00"):
            cron.method_direct_trigger()
        self.env.invalidate_all()
        self.assertEqual(activities().user_id, self.employee | self.officer_a, "each once")
        self.assertTrue(report.completion_escalated)
        self.assertTrue(report.not_followed_up, "a lapsed incomplete report")


@tagged("post_install", "-at_install")
class TestExceptions(IsoGratificationCase):
    def test_wedding_threshold_by_date(self):
        # Peraturan KPK 2/2019 until 19 January 2026: Rp1,000,000; Peraturan KPK 1/2026, in
        # force from 20 January 2026: Rp1,500,000.
        vals = {"occasion": "wedding", "gift_form": "money", "giver_relation": "other"}
        old = self.make_report(value=1200000, date_received="2026-01-19", **vals)
        new = self.make_report(value=1200000, date_received="2026-01-20", **vals)
        self.assertFalse(old.exception_id)
        self.assertEqual(
            new.exception_id,
            self.env.ref("iso_compliance_anti_bribery.gratification_threshold_ceremony_2026"),
        )
        above = self.make_report(
            value=1500001, date_received="2026-01-20", **dict(vals, giver_name="Pak Darto")
        )
        self.assertFalse(above.exception_id)

    def test_colleague_gifts_per_giver_and_per_year(self):
        vals = {"giver_relation": "colleague", "giver_name": "Budi", "occasion": "farewell"}
        first = self.make_report(value=500000, date_received="2026-01-20", **vals)
        second = self.make_report(value=500000, date_received="2026-03-10", **vals)
        third = self.make_report(value=500000, date_received="2026-05-10", **vals)
        fourth = self.make_report(value=100000, date_received="2026-06-10", **vals)
        colleague = self.env.ref(
            "iso_compliance_anti_bribery.gratification_threshold_colleague_2026"
        )
        self.assertEqual(first.exception_id, colleague)
        self.assertEqual(second.exception_id, colleague)
        self.assertEqual(third.exception_id, colleague, "1,500,000 in the year: still within")
        self.assertFalse(fourth.exception_id, "1,600,000 in the year: above the yearly limit")
        too_much = self.make_report(
            value=600000, date_received="2026-01-20", **dict(vals, giver_name="Ani")
        )
        self.assertFalse(too_much.exception_id, "above Rp500,000 per giver")
        money = self.make_report(value=100000, gift_form="money", **dict(vals, giver_name="Eka"))
        self.assertFalse(money.exception_id, "cash between colleagues is no exception")

    def test_threshold_periods_do_not_overlap(self):
        with self.assertRaisesRegex(ValidationError, "in force during this period"):
            self.env["iso.gratification.threshold"].create(
                {
                    "name": "Wedding or religious ceremony gift",
                    "exception_type": "ceremony",
                    "amount_per_giver": 2000000,
                    "date_from": "2026-06-01",
                    "regulation": "Peraturan KPK 9/2026",
                }
            )

    def test_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "above zero"):
            self.make_report(value=0)
        with freeze_time("2025-08-01"), self.assertRaisesRegex(ValidationError, "future"):
            self.make_report(date_received="2025-08-02")


@tagged("post_install", "-at_install")
class TestGratificationCron(IsoGratificationCase):
    def test_late_reports_escalated_once(self):
        cron = self.env.ref("iso_compliance_anti_bribery.ir_cron_gratification")
        late_type = self.env.ref(
            "iso_compliance_anti_bribery.mail_activity_type_gratification_late"
        )
        report = self.make_report(user=self.employee)  # deadline 30 Sep 2025

        def activities():
            return self.env["mail.activity"].search(
                [
                    ("res_id", "=", report.id),
                    ("activity_type_id", "=", late_type.id),
                    ("summary", "ilike", "past its KPK deadline"),
                ]
            )

        with freeze_time("2025-09-30 10:00:00"):  # 30 Sep, 17:00 in Serang
            cron.method_direct_trigger()
        self.assertFalse(activities())
        with freeze_time("2025-09-30 18:00:00"):  # 1 Oct, 01:00 in Serang
            cron.method_direct_trigger()
        with freeze_time("2025-10-02 02:00:00"):
            cron.method_direct_trigger()
        self.env.invalidate_all()
        self.assertEqual(activities().user_id, self.officer_a, "the agency's officer, once")
        self.assertTrue(report.is_late)


@tagged("post_install", "-at_install")
class TestGratificationAccess(IsoGratificationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.make_report(user=cls.employee)
        cls.report.with_user(cls.employee).write(
            {"note_ids": [(0, 0, {"body": "Pemberi adalah tetangga saya."})]}
        )
        cls.report_b = cls.make_report(agency_id=cls.agency_b.id)

    def test_employee_reports_own_gifts_only(self):
        Report = self.Report.with_user(self.employee)
        self.assertEqual(Report.search([]), self.report)
        with self.assertRaisesRegex(AccessError, "not allowed to change"):
            self.report.with_user(self.employee).write({"kpk_decree": "123/KPK/2025"})
        with self.assertRaisesRegex(AccessError, "not allowed to change"):
            self.report.with_user(self.employee).write({"state": "decided"})
        with self.assertRaises(AccessError):
            self.report.with_user(self.employee).action_forward()
        self.report.with_user(self.employee).action_report()
        with self.assertRaisesRegex(UserError, "only before it is reported"):
            self.report.with_user(self.employee).write({"value": 1})
        with self.assertRaises(AccessError):
            self.report.with_user(self.employee).unlink()

    def test_officer_sees_agency_reports_and_notes(self):
        Report = self.Report.with_user(self.officer_a)
        self.assertEqual(Report.search([]), self.report)
        self.assertEqual(
            self.report.with_user(self.officer_a).note_ids.body, "Pemberi adalah tetangga saya."
        )
        self.report.with_user(self.officer_a).action_forward()
        self.report.with_user(self.officer_a).write(
            {
                "kpk_decision": "state_property",
                "kpk_decree": "12/KPK/2025",
                "kpk_decision_date": self.report.forward_date,
            }
        )
        self.report.with_user(self.officer_a).action_record_decision()
        self.assertEqual(self.report.state, "decided")

    def test_mentor_reads_mentored_agencies_without_notes(self):
        Report = self.Report.with_user(self.mentor)
        self.assertEqual(Report.search([]), self.report, "mentor of agency A only")
        self.assertFalse(self.report.with_user(self.mentor).note_ids)
        with self.assertRaises(AccessError):
            self.report.with_user(self.mentor).write({"description": "x"})
        self.assertEqual(self.Report.with_user(self.mentor_b).search([]), self.report_b)

    def test_manager_all_but_deletion(self):
        self.assertEqual(
            self.Report.with_user(self.manager).search([]), self.report | self.report_b
        )
        self.assertTrue(self.report.with_user(self.manager).note_ids)
        with self.assertRaises(AccessError):
            self.report.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "never deleted"):
            self.report.sudo().unlink()

    def test_recap(self):
        self.report.with_user(self.employee).action_report()
        wizard = self.env["iso.gratification.recap.wizard"].create(
            {"period": "quarter", "date_from": "2025-07-01"}
        )
        self.assertEqual(wizard.date_to, date(2025, 9, 30))
        lines = {line["agency"]: line for line in wizard._recap_lines()}
        self.assertEqual(lines[self.agency_a]["count"], 1)
        self.assertEqual(lines[self.agency_a]["value"], 750000)
        self.assertEqual(lines[self.agency_a]["states"]["reported"], 1)
        self.assertEqual(lines[self.agency_b]["states"]["received"], 1)
        html, _ = self.env["ir.actions.report"]._render_qweb_html(
            "iso_compliance_anti_bribery.iso_gratification_report_recap", wizard.ids
        )
        self.assertIn("Gratification Recap", html.decode())


@tagged("post_install", "-at_install")
class TestGratificationSideDoors(IsoGratificationCase):
    """Issue 19, items 13 to 15: values nobody may save, KPK's decision only on a report KPK
    received, the yearly cap re-checked when an earlier gift comes in later."""

    def test_value_must_be_a_number(self):
        report = self.make_report(user=self.officer_a)
        Report = self.Report.with_user(self.officer_a)
        count = Report.search_count([])
        for value in (float("nan"), float("inf"), float("-inf"), "NaN"):
            with self.subTest(value=value):
                with self.assertRaisesRegex(ValidationError, "Estimated Value must be a number"):
                    self.make_report(user=self.officer_a, value=value)
                with self.assertRaisesRegex(ValidationError, "Estimated Value must be a number"):
                    report.with_user(self.officer_a).write({"value": value})
        self.env.invalidate_all()
        self.assertEqual(report.value, 750000)
        self.assertEqual(Report.search_count([]), count)

    def test_blank_giver_and_missing_links(self):
        with self.assertRaisesRegex(ValidationError, "needs a Giver: it cannot be blank"):
            self.make_report(user=self.officer_a, giver_name="   ")
        report = self.make_report(user=self.officer_a)
        with self.assertRaisesRegex(ValidationError, "needs a Giver: it cannot be blank"):
            report.with_user(self.officer_a).write({"giver_name": "\t"})
        for fname, label in (("agency_id", "Agency"), ("reporter_id", "Reported By")):
            with self.subTest(field=fname):
                with self.assertRaisesRegex(ValidationError, f"{label}: the record given"):
                    self.make_report(user=self.officer_a, **{fname: 987654321})
                with self.assertRaisesRegex(ValidationError, f"{label}: the record given"):
                    report.with_user(self.officer_a).write({fname: 987654321})
        self.assertEqual(report.giver_name, "PT Maju Jaya")

    @freeze_time("2025-09-01 03:00:00")
    def test_kpk_decision_only_on_a_forwarded_report(self):
        report = self.make_report(user=self.officer_a)
        officer_report = report.with_user(self.officer_a)
        decision = {
            "kpk_decision": "state_property",
            "kpk_decree": "12/KPK/2025",
            "kpk_decision_date": "2025-09-01",
        }
        with self.assertRaisesRegex(UserError, "forwarded to KPK"):
            officer_report.write(decision)
        with self.assertRaisesRegex(UserError, "forwarded to KPK"):
            self.make_report(user=self.officer_a, kpk_decree="1/KPK/2025")
        officer_report.action_report()
        with self.assertRaisesRegex(UserError, "forwarded to KPK"):
            officer_report.write({"kpk_decree": "12/KPK/2025"})
        self.assertFalse(report.kpk_decree)
        officer_report.action_forward()
        officer_report.write(decision)
        officer_report.action_record_decision()
        self.assertEqual(report.state, "decided")
        with self.assertRaisesRegex(UserError, "forwarded to KPK"):
            officer_report.write({"kpk_decree": "13/KPK/2025"})
        with self.assertRaisesRegex(UserError, "date of receipt can no longer change"):
            officer_report.write({"date_received": "2025-08-01"})
        self.assertEqual(report.kpk_decree, "12/KPK/2025")
        self.assertEqual(report.date_received, date(2025, 8, 15))

    @freeze_time("2025-09-01 03:00:00")
    def test_lateness_follows_the_date_of_receipt(self):
        report = self.make_report(user=self.officer_a)
        report.with_user(self.officer_a).action_report()
        self.assertFalse(report.is_late, "reported on 1 September, within 30 working days")
        report.with_user(self.officer_a).write({"date_received": "2025-06-02"})
        self.assertLess(report.deadline_date, date(2025, 9, 1))
        self.assertTrue(report.is_late, "received in June: 1 September is past the deadline")
        report.with_user(self.officer_a).write({"date_received": "2025-08-15"})
        self.assertFalse(report.is_late)

    def test_yearly_cap_rechecked_when_an_earlier_gift_comes_later(self):
        vals = {"giver_relation": "colleague", "giver_name": "Budi", "occasion": "farewell"}
        colleague = self.env.ref(
            "iso_compliance_anti_bribery.gratification_threshold_colleague_2026"
        )
        january = self.make_report(value=500000, date_received="2026-01-10", **vals)
        march = self.make_report(value=500000, date_received="2026-03-10", **vals)
        may = self.make_report(value=500000, date_received="2026-05-10", **vals)
        self.assertEqual((january | march | may).exception_id, colleague)
        # A February gift recorded in June: 1,600,000 in the year by May, above the cap.
        february = self.make_report(value=100000, date_received="2026-02-10", **vals)
        self.assertEqual(february.exception_id, colleague, "600,000 by February")
        self.assertEqual(march.exception_id, colleague, "1,100,000 by March")
        self.assertFalse(may.exception_id, "1,600,000 by May: above the yearly cap")
        # Corrected: the February gift was from someone else; May is an exception again.
        february.write({"giver_name": "Sari"})
        self.assertEqual(may.exception_id, colleague)
