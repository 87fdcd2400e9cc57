from odoo import api, fields, models

from .iso_concern import (
    DEFAULT_ACK_DAYS,
    DEFAULT_ASSESS_DAYS,
    DEFAULT_FEEDBACK_DAYS,
    DEFAULT_INVESTIGATION_DAYS,
    DEFAULT_RETENTION_YEARS,
)
from .iso_concern_config import CONCERN_PARAM_RANGES
from .iso_concern_rate_limit import DEFAULT_STATUS_LIMIT, DEFAULT_SUBMIT_LIMIT


class IsoComplianceSettings(models.TransientModel):
    """The reporting channel's deadlines, public page limits and retention on the
    programme's settings page."""

    _inherit = "iso.compliance.settings"

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
    iso_concern_feedback_days = fields.Integer(
        string="Give the Reporter Feedback Within (days)",
        config_parameter="iso_compliance.concern_feedback_days",
        default=DEFAULT_FEEDBACK_DAYS,
        help="Days after a report is received by which the handlers send the reporter a "
        "first message (feedback); after that the handlers are reminded, once. Working days "
        "when the anti-bribery registers are installed.",
    )
    iso_concern_investigation_days = fields.Integer(
        string="Conclude Investigations Within (days)",
        config_parameter="iso_compliance.concern_investigation_days",
        default=DEFAULT_INVESTIGATION_DAYS,
        help="Days after an investigation starts by which it must be concluded; after that "
        "the handlers are reminded, once. Working days when the anti-bribery registers are "
        "installed.",
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

    @api.model
    def _iso_int_param_ranges(self):
        return {**super()._iso_int_param_ranges(), **CONCERN_PARAM_RANGES}

    @api.constrains(
        "iso_concern_ack_days",
        "iso_concern_assess_days",
        "iso_concern_feedback_days",
        "iso_concern_investigation_days",
        "iso_concern_submit_limit",
        "iso_concern_status_limit",
        "iso_concern_retention_years",
    )
    def _check_iso_concern_settings(self):
        self._check_iso_int_ranges()
