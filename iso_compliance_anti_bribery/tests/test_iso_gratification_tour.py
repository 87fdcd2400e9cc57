from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestGratificationTour(HttpCase):
    """An agency officer records a gratification report in a real browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.addons_with_statics = http.root.statics  # see test_iso_mentoring_tour
        cls.officer = new_test_user(
            cls.env,
            login="tour_officer",
            password="tour_officer",
            groups="iso_compliance.group_iso_compliance_officer",
            name="Tour Officer",
        )
        cls.agency = cls.env["iso.agency"].create(
            {"name": "Tour Agency", "code": "TOURG", "officer_ids": [(4, cls.officer.id)]}
        )

    def test_officer_records_a_gratification_report(self):
        self.start_tour(
            "/odoo/action-iso_compliance_anti_bribery.iso_gratification_report_action",
            "iso_gratification_report_tour",
            login="tour_officer",
        )
        report = self.env["iso.gratification.report"].search(
            [("giver_name", "=", "Pemohon KTP-el")]
        )
        self.assertEqual(len(report), 1)
        self.assertEqual(report.agency_id, self.agency, "the officer's agency, by default")
        self.assertEqual(report.reporter_id, self.officer)
        self.assertEqual(report.value, 350000)
        self.assertEqual(report.state, "reported")
        self.assertTrue(report.deadline_date)
