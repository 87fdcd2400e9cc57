from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .iso_audit import DEFAULT_AUDIT_REMINDER_DAYS
from .iso_audit_finding import DEFAULT_DUE_DAYS
from .iso_certificate import DEFAULT_REMINDER_DAYS, DEFAULT_SUSPENSION_LIMIT_MONTHS
from .iso_config import INT_PARAM_RANGES, MAX_REMINDERS, REMINDER_DAYS_RANGE
from .iso_cycle_mixin import DEFAULT_RECERTIFICATION_LEAD_DAYS
from .iso_mentoring import DEFAULT_STALL_DAYS
from .iso_scheduled_mixin import parse_reminder_days


class IsoComplianceSettingsMixin(models.AbstractModel):
    """The programme parameters, stored as system parameters (``config_parameter``): shared
    by the Settings app (administrators) and the addon's own settings page (managers), so
    that both show and check the same fields."""

    _name = "iso.compliance.settings.mixin"
    _description = "ISO Compliance Programme Parameters"

    @api.model
    def _valid_field_parameter(self, field, name):
        return name == "config_parameter" or super()._valid_field_parameter(field, name)

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

    iso_audit_reminder_days = fields.Char(
        string="Audit Reminders (days before)",
        config_parameter="iso_compliance.audit_reminder_days",
        default=DEFAULT_AUDIT_REMINDER_DAYS,
        help="Days before a planned audit at which the agency's officers and mentors and the "
        "audit team are reminded, separated by commas.",
    )
    iso_recertification_lead_days = fields.Integer(
        string="Re-certification Lead (days)",
        config_parameter="iso_compliance.recertification_lead_days",
        default=DEFAULT_RECERTIFICATION_LEAD_DAYS,
        help="How many days before expiry the re-certification audit must be finished, so "
        "that the certification body decides in time.",
    )
    iso_finding_due_days_major = fields.Integer(
        string="Major Nonconformity (days)",
        config_parameter="iso_compliance.finding_due_days_major",
        default=DEFAULT_DUE_DAYS["major"],
        help="Days after the audit to correct a major nonconformity: the certification "
        "body's deadline.",
    )
    iso_finding_due_days_minor = fields.Integer(
        string="Minor Nonconformity (days)",
        config_parameter="iso_compliance.finding_due_days_minor",
        default=DEFAULT_DUE_DAYS["minor"],
    )
    iso_mentoring_stall_days = fields.Integer(
        string="Mentoring Session Due After (days)",
        config_parameter="iso_compliance.mentoring_stall_days",
        default=DEFAULT_STALL_DAYS,
        help="When no session was held with an agency for this many days, its lead mentor "
        "gets an activity to plan one (once until the next session is held).",
    )

    @api.constrains(
        "iso_certificate_reminder_days",
        "iso_audit_reminder_days",
        "iso_suspension_limit_months",
        "iso_recertification_lead_days",
        "iso_finding_due_days_major",
        "iso_finding_due_days_minor",
        "iso_mentoring_stall_days",
    )
    def _check_iso_settings(self):
        """Each programme setting within the range its scheduled action accepts (see
        iso_config): what passes here never makes a job fall back to its default."""
        self._check_iso_int_ranges()
        for settings in self:
            for reminders in (
                settings.iso_certificate_reminder_days,
                settings.iso_audit_reminder_days,
            ):
                if parse_reminder_days(reminders) is None:
                    raise ValidationError(
                        self.env._(
                            "Reminders are at most %(count)s whole numbers of days from "
                            "%(lowest)s to %(highest)s, separated by commas, e.g. 180,90,30,7.",
                            count=MAX_REMINDERS,
                            lowest=REMINDER_DAYS_RANGE[0],
                            highest=REMINDER_DAYS_RANGE[1],
                        )
                    )

    @api.model
    def _iso_int_param_ranges(self):
        """{system parameter: (lowest, highest)} of the whole-number settings. Hook: a
        feature addon that adds settings to this mixin extends it with its own ranges (and
        adds an ``@api.constrains`` on its fields calling ``_check_iso_int_ranges``)."""
        return dict(INT_PARAM_RANGES)

    def _check_iso_int_ranges(self):
        """Every whole-number setting of the mixin within its range."""
        ranges = self._iso_int_param_ranges()
        for settings in self:
            for fname, field in self._fields.items():
                key = getattr(field, "config_parameter", None)
                if key not in ranges:
                    continue
                lowest, highest = ranges[key]
                if not lowest <= settings[fname] <= highest:
                    raise ValidationError(
                        self.env._(
                            "%(setting)s must be from %(lowest)s to %(highest)s.",
                            setting=field.get_description(self.env)["string"],
                            lowest=lowest,
                            highest=highest,
                        )
                    )
