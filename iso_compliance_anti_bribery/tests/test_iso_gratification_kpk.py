"""KPK's side of a gratification report (UU 30/2002 Pasal 17; Peraturan KPK 2/2019 as amended
by 1/2026): its outcomes, the date of its decision and its own 30 working days, the flag of a
report made after an internal-oversight (APIP) finding, and the object deposited with the UPG
(barang titipan). Expected dates counted by hand from the 2026 joint decree's days off (see
test_iso_gratification_deadlines)."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_iso_gratification import IsoGratificationCase


@tagged("post_install", "-at_install")
class TestKpkDecision(IsoGratificationCase):
    def _forwarded_on_2_march_2026(self):
        with freeze_time("2026-03-02 03:00:00"):
            report = self.make_report(user=self.employee, date_received="2026-02-27")
            report.with_user(self.officer_a).action_forward()
        return report

    def _decide(self, report, on, **vals):
        with freeze_time(f"{on} 03:00:00"):
            officer_report = report.with_user(self.officer_a)
            officer_report.write(
                {
                    "kpk_decision": "returned",
                    "kpk_decree": "12/KPK/2026",
                    "kpk_decision_date": on,
                    **vals,
                }
            )
            officer_report.action_record_decision()

    def test_kpk_decides_within_30_working_days_of_the_report(self):
        # Forwarded Mon 2 Mar 2026: 3-6 Mar (4), 9-13 (9), 16, 17 Mar (11), 18-24 Mar off,
        # 25-27 (14), 30, 31 (16), 1, 2 Apr (18), 3 Apr Good Friday, 6-10 (23), 13-17 (28),
        # 20, Tue 21 Apr (30).
        report = self._forwarded_on_2_march_2026()
        self.assertEqual(report.forward_date, date(2026, 3, 2))
        self.assertEqual(report.decision_deadline_date, date(2026, 4, 21))
        on_time = self._forwarded_on_2_march_2026()
        self._decide(on_time, "2026-04-21")
        self.assertEqual(on_time.state, "decided")
        self.assertFalse(on_time.decision_late, "decided on the 30th working day")
        late = self._forwarded_on_2_march_2026()
        self._decide(late, "2026-04-22", kpk_decision="state_property")
        self.assertTrue(late.decision_late)

    def test_undecided_report_flagged_once_past_kpk_deadline(self):
        cron = self.env.ref("iso_compliance_anti_bribery.ir_cron_gratification")
        report = self._forwarded_on_2_march_2026()

        def activities():
            return self.env["mail.activity"].search(
                [
                    ("res_model", "=", report._name),
                    ("res_id", "=", report.id),
                    ("summary", "ilike", "KPK has not decided"),
                ]
            )

        with freeze_time("2026-04-21 10:00:00"):  # 21 Apr, 17:00 in Serang: still in time
            cron.method_direct_trigger()
        self.assertFalse(report.decision_late)
        with freeze_time("2026-04-21 18:00:00"):  # 22 Apr, 01:00 in Serang
            cron.method_direct_trigger()
        with freeze_time("2026-04-23 02:00:00"):
            cron.method_direct_trigger()
        self.env.invalidate_all()
        self.assertTrue(report.decision_late)
        self.assertEqual(activities().user_id, self.officer_a, "the agency's officer, once")

    def test_not_followed_up_and_bad_decision_dates(self):
        report = self._forwarded_on_2_march_2026()
        officer_report = report.with_user(self.officer_a)
        with freeze_time("2026-03-20 03:00:00"):
            officer_report.write({"kpk_decision": "not_followed_up", "kpk_decree": "R/9/2026"})
            with self.assertRaises(UserError) as cm:
                officer_report.action_record_decision()
            self.assertRegex(str(cm.exception), "decision date")
            for day, message in (
                ("2026-03-01", "before the report reached KPK"),
                ("2026-03-21", "in the future"),
            ):
                with self.subTest(day=day):
                    with self.assertRaises(ValidationError) as cm:
                        officer_report.write({"kpk_decision_date": day})
                    self.assertRegex(str(cm.exception), message)
            self.assertFalse(report.kpk_decision_date)
            officer_report.write({"kpk_decision_date": "2026-03-19"})
            officer_report.action_record_decision()
        self.assertEqual((report.state, report.kpk_decision), ("decided", "not_followed_up"))
        self.assertFalse(report.decision_late)
        with self.assertRaises(UserError) as cm:
            officer_report.write({"kpk_decision_date": "2026-03-18"})
        self.assertRegex(str(cm.exception), "forwarded to KPK")

    def test_decision_date_only_on_a_forwarded_report(self):
        report = self.make_report(user=self.officer_a, date_received="2026-02-27")
        with self.assertRaises(UserError) as cm:
            report.with_user(self.officer_a).write({"kpk_decision_date": "2026-03-02"})
        self.assertRegex(str(cm.exception), "forwarded to KPK")
        self.assertFalse(report.kpk_decision_date)


@tagged("post_install", "-at_install")
class TestKpkFieldsPerRole(IsoGratificationCase):
    """The UPG's fields are written by the agency's officers and the managers; the reporter
    writes none of them; nobody writes the flags and dates the actions set."""

    UPG_FIELDS = {
        "reported_after_apip": True,
        "deposit_description": "Jam tangan dalam kotak asli",
        "deposit_location": "Lemari UPG",
        "deposit_receipt": "TT-01/UPG/2026",
    }
    WORKFLOW = {
        "decision_late": True,
        "deposit_date": "2026-03-02",
        "deposit_received_by_id": None,
        "deposit_released_date": "2026-03-02",
    }

    def test_upg_fields_per_role(self):
        report = self.make_report(user=self.employee, date_received="2026-02-27")
        workflow = dict(self.WORKFLOW, deposit_received_by_id=self.officer_a.id)
        for fname, value in self.UPG_FIELDS.items():
            with self.subTest(field=fname):
                for user in (self.employee, self.mentor):
                    with self.assertRaises(AccessError):
                        report.with_user(user).write({fname: value})
                report.with_user(self.officer_a).write({fname: value})
                self.assertEqual(report[fname], value)
                report.with_user(self.manager).write({fname: False})
                self.assertFalse(report[fname])
        for fname, value in workflow.items():
            with self.subTest(field=fname):
                for user in (self.employee, self.officer_a, self.manager):
                    with self.assertRaises(AccessError):
                        report.with_user(user).write({fname: value})
                self.assertFalse(report[fname])
        with self.assertRaises(AccessError):
            self.make_report(user=self.officer_a, deposit_date="2026-03-02")

    def test_the_reporter_states_the_exception_and_the_conflict_of_interest(self):
        report = self.make_report(user=self.employee, date_received="2026-02-27")
        vals = {"claimed_exception": "training_kit", "conflict_of_interest": True}
        with self.assertRaises(AccessError):
            report.with_user(self.mentor).write(vals)
        report.with_user(self.employee).write(vals)
        self.assertEqual(report.claimed_exception, "training_kit")
        self.assertTrue(report.conflict_of_interest)
        report.with_user(self.employee).action_report()
        with self.assertRaises(UserError) as cm:
            report.with_user(self.employee).write({"conflict_of_interest": False})
        self.assertRegex(str(cm.exception), "only before it is reported")
        self.assertTrue(report.conflict_of_interest)


@tagged("post_install", "-at_install")
class TestDepositedObject(IsoGratificationCase):
    def test_object_deposited_then_released_after_the_decision(self):
        with freeze_time("2026-03-02 03:00:00"):
            report = self.make_report(user=self.employee, date_received="2026-02-27")
            with self.assertRaises(UserError) as cm:
                report.with_user(self.officer_a).action_receive_deposit()
            self.assertRegex(str(cm.exception), "cannot have an object deposited")
            report.with_user(self.employee).action_report()
            with self.assertRaises(AccessError):
                report.with_user(self.employee).action_receive_deposit()
            officer_report = report.with_user(self.officer_a)
            with self.assertRaises(UserError) as cm:
                officer_report.action_receive_deposit()
            self.assertRegex(str(cm.exception), "Describe the object")
            self.assertFalse(report.deposit_date)
            officer_report.write({"deposit_description": "Jam tangan, kondisi baik"})
            officer_report.action_receive_deposit()
            self.assertEqual(report.deposit_date, date(2026, 3, 2))
            self.assertEqual(report.deposit_received_by_id, self.officer_a)
            with self.assertRaises(UserError) as cm:
                officer_report.action_receive_deposit()
            self.assertRegex(str(cm.exception), "already deposited")
            officer_report.action_forward()
            with self.assertRaises(UserError) as cm:
                officer_report.action_release_deposit()
            self.assertRegex(str(cm.exception), "stays with the UPG")
        with freeze_time("2026-03-20 03:00:00"):
            officer_report.write(
                {
                    "kpk_decision": "state_property",
                    "kpk_decree": "15/KPK/2026",
                    "kpk_decision_date": "2026-03-19",
                }
            )
            officer_report.action_record_decision()
            officer_report.action_release_deposit()
        self.assertEqual(report.deposit_released_date, date(2026, 3, 20))
        with self.assertRaises(UserError) as cm:
            officer_report.action_release_deposit()
        self.assertRegex(str(cm.exception), "No object")
