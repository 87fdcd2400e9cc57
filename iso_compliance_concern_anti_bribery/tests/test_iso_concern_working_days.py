from datetime import date

from freezegun import freeze_time

from odoo.addons.iso_compliance.tests.common import IsoComplianceCase
from odoo.tests import new_test_user, tagged

HANDLER = "iso_compliance_concern.group_iso_concern_handler"


@tagged("post_install", "-at_install")
class TestConcernWorkingDays(IsoComplianceCase):
    """With the anti-bribery registers, the channel's deadlines (3 and 14 days in the
    shipped settings) are working days on the company's calendar with the 2026 joint
    decree's days: 18 Mar (cuti bersama), 19 Mar (Nyepi), 20, 23, 24 Mar (cuti bersama),
    21-22 Mar (Idul Fitri, a weekend), 3 Apr (Good Friday)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Asia/Jakarta"
        cls.calendar = cls.env.company.resource_calendar_id
        cls.calendar.tz = "Asia/Jakarta"
        cls.calendar._iso_load_public_holidays([2026])
        cls.handler = new_test_user(cls.env, login="handler", groups=HANDLER, name="Handler")
        cls.cron = cls.env.ref("iso_compliance_concern.ir_cron_concern_deadlines")
        # Received on Wednesday 18 March 2026 at 10:00 WIB, a joint leave day.
        with freeze_time("2026-03-18 03:00:00"):
            cls.case, _secret = cls.env["iso.concern"]._create_from_web(
                {"agency_id": cls.agency_a.id, "description": "Pungutan liar di loket."},
                {"name": "Ahmad Fauzi", "contact": "0812-0000-0000"},
                [],
            )

    def run_cron(self, moment):
        with freeze_time(moment):
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def test_deadlines_skip_idul_fitri(self):
        # Acknowledgement: 19-24 Mar off; 25 (1), 26 (2), Fri 27 Mar (3).
        self.assertEqual(self.case.ack_deadline, date(2026, 3, 27))
        # Assessment: 25-27 (3), 30, 31 (5), 1, 2 Apr (7), 3 Apr off, 6-10 (12), 13, Tue 14
        # Apr (14).
        self.assertEqual(self.case.assess_deadline, date(2026, 4, 14))

    def test_not_escalated_on_idul_fitri(self):
        # Saturday 21 March, Idul Fitri: in calendar days the acknowledgement was due that day.
        self.run_cron("2026-03-22 02:00:00")
        self.assertFalse(self.case.ack_escalated)
        self.run_cron("2026-03-27 16:30:00")  # Fri 27 Mar, 23:30 WIB: the last day
        self.assertFalse(self.case.ack_escalated)
        self.run_cron("2026-03-27 17:30:00")  # Sat 28 Mar, 00:30 WIB: overdue
        self.assertTrue(self.case.ack_escalated)
        self.assertFalse(self.case.assess_escalated)
        self.run_cron("2026-04-14 16:30:00")  # Tue 14 Apr, 23:30 WIB
        self.assertFalse(self.case.assess_escalated)
        self.run_cron("2026-04-14 17:30:00")  # Wed 15 Apr, 00:30 WIB
        self.assertTrue(self.case.assess_escalated)

    def test_the_calendar_covers_the_years_of_open_cases(self):
        with freeze_time("2024-12-30 03:00:00"):
            self.env["iso.concern"]._create_from_web(
                {"agency_id": self.agency_a.id, "description": "Laporan lama."},
                {"name": "Budi", "contact": "0812-1111-1111"},
                [],
            )
        years = self.env["resource.calendar"]._iso_years_to_cover(date(2026, 12, 3))
        self.assertLessEqual({2024, 2025, 2026, 2027}, years)
