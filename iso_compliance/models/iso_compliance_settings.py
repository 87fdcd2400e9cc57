from odoo import api, models
from odoo.exceptions import AccessError


class IsoComplianceSettings(models.TransientModel):
    """The programme parameters for the addon's managers, who are not system administrators:
    the Settings app (``res.config.settings``) is for administrators only and saves every
    application's settings at once. This page reads and writes the addon's parameters only,
    as the superuser once the manager's right to do so is checked."""

    _name = "iso.compliance.settings"
    _inherit = ["iso.compliance.settings.mixin"]
    _description = "ISO Compliance Settings"

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
        self._iso_execute_extra()
        return {"type": "ir.actions.client", "tag": "reload"}

    def _iso_execute_extra(self):
        """Hook for feature addons: save what is not a system parameter (the anti-bribery
        addon writes the company's bribery risk bands). Called by execute() once the
        manager's right is checked and the parameters saved."""
        return True

    def cancel(self):
        """Discard the changes: open the page again with the stored parameters."""
        return self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance.iso_compliance_settings_action"
        )
