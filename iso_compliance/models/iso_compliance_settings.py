from odoo import api, fields, models
from odoo.exceptions import AccessError


class IsoComplianceSettings(models.TransientModel):
    """The programme parameters for the addon's managers, who are not system administrators:
    the Settings app (``res.config.settings``) is for administrators only and saves every
    application's settings at once. This page reads and writes the addon's parameters only,
    as the superuser once the manager's right to do so is checked."""

    _name = "iso.compliance.settings"
    _inherit = ["iso.compliance.settings.mixin"]
    _description = "ISO Compliance Settings"

    # The bribery risk bands belong to the company (each company assesses on its own scale):
    # shown from the current company, written to it on save.
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

    def _parameter_fields(self):
        return [
            field for field in self._fields.values() if getattr(field, "config_parameter", None)
        ]

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        params = self.env["ir.config_parameter"].sudo()
        for field in self._parameter_fields():
            if field.name not in fields_list:
                continue
            stored = params.get_param(field.config_parameter)
            if stored in (None, False, ""):
                continue
            if field.type == "integer":
                try:
                    values[field.name] = int(stored)
                except ValueError:
                    continue
            else:
                values[field.name] = stored
        return values

    def execute(self):
        """Save the parameters (the settings page's Save button)."""
        self.ensure_one()
        if not self.env.user.has_group("iso_compliance.group_iso_compliance_manager"):
            raise AccessError(
                self.env._("Only ISO Compliance managers can change the programme parameters.")
            )
        params = self.env["ir.config_parameter"].sudo()
        for field in self._parameter_fields():
            # Stored as the Settings app stores them, so both pages read the same values.
            value = self[field.name]
            if field.type == "char":
                value = (value or "").strip() or False
            elif field.type == "integer":
                value = repr(value) if value else False
            params.set_param(field.config_parameter, value)
        # The company's constraint checks the bands (rising scores from 2 to 25).
        self.env.company.sudo().write(
            {
                "bribery_risk_medium_from": self.iso_bribery_risk_medium_from,
                "bribery_risk_high_from": self.iso_bribery_risk_high_from,
                "bribery_risk_very_high_from": self.iso_bribery_risk_very_high_from,
            }
        )
        return {"type": "ir.actions.client", "tag": "reload"}

    def cancel(self):
        """Discard the changes: open the page again with the stored parameters."""
        return self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance.iso_compliance_settings_action"
        )
