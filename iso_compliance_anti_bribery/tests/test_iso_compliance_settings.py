from odoo.addons.iso_compliance.tests.common import IsoComplianceCase
from odoo.exceptions import ValidationError
from odoo.tests import Form


class TestBriberyRiskBandSettings(IsoComplianceCase):
    def test_manager_sets_the_bribery_risk_bands_of_the_company(self):
        """The bands are the company's: the manager's page shows and saves them, with the
        company's rule (rising scores from 2 to 25)."""
        company = self.env.company
        Settings = self.env["iso.compliance.settings"].with_user(self.manager)
        with Form(Settings) as form:
            self.assertEqual(
                (
                    form.iso_bribery_risk_medium_from,
                    form.iso_bribery_risk_high_from,
                    form.iso_bribery_risk_very_high_from,
                ),
                (5, 10, 17),
            )
            form.iso_bribery_risk_medium_from = 4
            form.iso_bribery_risk_high_from = 12
            form.iso_bribery_risk_very_high_from = 20
        form.record.execute()
        self.assertEqual(
            (
                company.bribery_risk_medium_from,
                company.bribery_risk_high_from,
                company.bribery_risk_very_high_from,
            ),
            (4, 12, 20),
        )
        page = Settings.create(
            {
                "iso_bribery_risk_medium_from": 12,
                "iso_bribery_risk_high_from": 12,
                "iso_bribery_risk_very_high_from": 20,
                "iso_mentoring_stall_days": 40,
            }
        )
        # assertRaises (unlike assertRaisesRegex) rolls back to a savepoint, as a request would.
        with self.assertRaises(ValidationError) as refused:
            page.execute()
        self.assertIn("rising scores", str(refused.exception))
        company.invalidate_recordset()
        self.assertEqual(company.bribery_risk_medium_from, 4)
