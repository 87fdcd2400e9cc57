from odoo import fields, models


class IsoComplianceSettings(models.TransientModel):
    """The bribery risk bands on the programme's settings page. They belong to the company
    (each company assesses on its own scale): shown from the current company, written to it
    on save, where the company's constraint checks them."""

    _inherit = "iso.compliance.settings"

    iso_bribery_risk_medium_from = fields.Integer(
        string="Medium Risk From Score",
        default=lambda self: self.env.company.bribery_risk_medium_from,
    )
    iso_bribery_risk_high_from = fields.Integer(
        string="High Risk From Score",
        default=lambda self: self.env.company.bribery_risk_high_from,
    )
    iso_bribery_risk_very_high_from = fields.Integer(
        string="Very High Risk From Score",
        default=lambda self: self.env.company.bribery_risk_very_high_from,
    )

    def _iso_execute_extra(self):
        result = super()._iso_execute_extra()
        self.env.company.sudo().write(
            {
                "bribery_risk_medium_from": self.iso_bribery_risk_medium_from,
                "bribery_risk_high_from": self.iso_bribery_risk_high_from,
                "bribery_risk_very_high_from": self.iso_bribery_risk_very_high_from,
            }
        )
        return result
