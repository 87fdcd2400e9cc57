from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """The addon's section of the Settings app (administrators): the programme parameters of
    the mixin, and the bribery risk bands of the current company."""

    _name = "res.config.settings"
    _inherit = ["res.config.settings", "iso.compliance.settings.mixin"]

    iso_bribery_risk_medium_from = fields.Integer(
        related="company_id.bribery_risk_medium_from", readonly=False
    )
    iso_bribery_risk_high_from = fields.Integer(
        related="company_id.bribery_risk_high_from", readonly=False
    )
    iso_bribery_risk_very_high_from = fields.Integer(
        related="company_id.bribery_risk_very_high_from", readonly=False
    )
