from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .iso_audit import DEFAULT_AUDIT_REMINDER_DAYS
from .iso_audit_finding import DEFAULT_DUE_DAYS
from .iso_certificate import DEFAULT_REMINDER_DAYS, DEFAULT_SUSPENSION_LIMIT_MONTHS
from .iso_concern import DEFAULT_ACK_DAYS, DEFAULT_ASSESS_DAYS, DEFAULT_RETENTION_YEARS
from .iso_concern_rate_limit import DEFAULT_STATUS_LIMIT, DEFAULT_SUBMIT_LIMIT
from .iso_config import INT_PARAM_RANGES, MAX_REMINDERS, REMINDER_DAYS_RANGE
from .iso_cycle_mixin import DEFAULT_RECERTIFICATION_LEAD_DAYS
from .iso_document import DEFAULT_REVIEW_LEAD_DAYS
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
    iso_document_review_lead_days = fields.Integer(
        string="Document Review Reminder (days before)",
        config_parameter="iso_compliance.document_review_lead_days",
        default=DEFAULT_REVIEW_LEAD_DAYS,
        help="How many days before a document's review date its owner gets an activity to "
        "review it (once per review period).",
    )

    iso_concern_ack_days = fields.Integer(
        string="Acknowledge Reports Within (days)",
        config_parameter="iso_compliance.concern_ack_days",
        default=DEFAULT_ACK_DAYS,
        help="Days after a report is received by which a concern handler must acknowledge "
        "it; after that the handlers are reminded, once.",
    )
    iso_concern_assess_days = fields.Integer(
        string="Assess Reports Within (days)",
        config_parameter="iso_compliance.concern_assess_days",
        default=DEFAULT_ASSESS_DAYS,
        help="Days after a report is received by which it must be assessed; after that the "
        "handlers are reminded, once.",
    )
    iso_concern_submit_limit = fields.Integer(
        string="Reports per Address and Hour",
        config_parameter="iso_compliance.concern_submit_limit",
        default=DEFAULT_SUBMIT_LIMIT,
        help="How many reports the public page accepts from one internet address in an hour.",
    )
    iso_concern_status_limit = fields.Integer(
        string="Status Look-ups per Address and Hour",
        config_parameter="iso_compliance.concern_status_limit",
        default=DEFAULT_STATUS_LIMIT,
        help="How many times one internet address may look a case up (or answer) on the "
        "status page in an hour: guessing codes is slowed down to nothing.",
    )
    iso_concern_retention_years = fields.Integer(
        string="Reporter Identity Kept (years)",
        config_parameter="iso_compliance.concern_retention_years",
        default=DEFAULT_RETENTION_YEARS,
        help="Years after a case is closed after which the reporter's identity is erased. "
        "The case itself is never deleted.",
    )

    @api.constrains(
        "iso_concern_ack_days",
        "iso_concern_assess_days",
        "iso_concern_submit_limit",
        "iso_concern_status_limit",
        "iso_concern_retention_years",
        "iso_certificate_reminder_days",
        "iso_audit_reminder_days",
        "iso_suspension_limit_months",
        "iso_recertification_lead_days",
        "iso_finding_due_days_major",
        "iso_finding_due_days_minor",
        "iso_mentoring_stall_days",
        "iso_document_review_lead_days",
    )
    def _check_iso_settings(self):
        """Each programme setting within the range its scheduled action accepts (see
        iso_config): what passes here never makes a job fall back to its default."""
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
            for fname in self._fields:
                field = self._fields[fname]
                key = getattr(field, "config_parameter", None)
                if key not in INT_PARAM_RANGES:
                    continue
                lowest, highest = INT_PARAM_RANGES[key]
                if not lowest <= settings[fname] <= highest:
                    raise ValidationError(
                        self.env._(
                            "%(setting)s must be from %(lowest)s to %(highest)s.",
                            setting=field.get_description(self.env)["string"],
                            lowest=lowest,
                            highest=highest,
                        )
                    )
