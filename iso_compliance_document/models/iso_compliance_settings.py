from odoo import api, fields, models

from .iso_document import DEFAULT_REVIEW_LEAD_DAYS, DOCUMENT_PARAM_RANGES


class IsoComplianceSettings(models.TransientModel):
    """The document register's review reminder on the programme's settings page."""

    _inherit = "iso.compliance.settings"

    iso_document_review_lead_days = fields.Integer(
        string="Document Review Reminder (days before)",
        config_parameter="iso_compliance.document_review_lead_days",
        default=DEFAULT_REVIEW_LEAD_DAYS,
        help="How many days before a document's review date its owner gets an activity to "
        "review it (once per review period).",
    )

    @api.model
    def _iso_int_param_ranges(self):
        return {**super()._iso_int_param_ranges(), **DOCUMENT_PARAM_RANGES}

    @api.constrains("iso_document_review_lead_days")
    def _check_iso_document_settings(self):
        self._check_iso_int_ranges()
