from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .iso_certificate import DEFAULT_REMINDER_DAYS, DEFAULT_SUSPENSION_LIMIT_MONTHS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    iso_certificate_reminder_days = fields.Char(
        string="Expiry Reminders (days before)",
        config_parameter="iso_compliance.certificate_reminder_days",
        default=DEFAULT_REMINDER_DAYS,
        help="Days before a certificate's expiry at which its agency's officers and mentors "
        "are reminded, separated by commas. Each fires once per certificate.",
    )
    iso_suspension_limit_months = fields.Integer(
        string="Suspension Limit (months)",
        config_parameter="iso_compliance.suspension_limit_months",
        default=DEFAULT_SUSPENSION_LIMIT_MONTHS,
        help="After this many months of suspension, managers are asked to withdraw the "
        "certificate or reduce its scope.",
    )

    @api.constrains("iso_certificate_reminder_days", "iso_suspension_limit_months")
    def _check_iso_settings(self):
        for settings in self:
            days = (settings.iso_certificate_reminder_days or "").replace(" ", "").split(",")
            if not all(d.isdigit() and int(d) > 0 for d in days):
                raise ValidationError(
                    self.env._(
                        "Expiry reminders must be whole numbers of days separated by commas, "
                        "e.g. 180,90,30,7."
                    )
                )
            if settings.iso_suspension_limit_months <= 0:
                raise ValidationError(self.env._("The suspension limit must be at least a month."))
