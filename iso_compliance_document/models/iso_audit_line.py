from odoo import api, fields, models
from odoo.addons.iso_compliance.models.iso_access_mixin import extend_write_fields
from odoo.addons.iso_compliance.models.iso_audit_line import IsoAuditLine as BaseAuditLine


class IsoAuditLine(models.Model):
    """The register's documents an auditor cites on a checklist clause."""

    _inherit = "iso.audit.line"
    _iso_write_fields = extend_write_fields(
        BaseAuditLine._iso_write_fields,
        {"mentor": {"document_ids"}, "manager": {"document_ids"}},
    )

    document_ids = fields.Many2many(
        "iso.document",
        "iso_audit_line_document_rel",
        "line_id",
        "document_id",
        string="Documents Cited",
        domain="[('agency_id', '=', agency_id)]",
        help="Documents of the agency's register the auditor examined for this clause.",
    )
    document_warning = fields.Char(
        compute="_compute_document_warning",
        help="Cited documents that are obsolete, not approved or overdue for review.",
    )

    @api.depends("document_ids.state", "document_ids.review_overdue")
    def _compute_document_warning(self):
        for line in self:
            line.document_warning = line.document_ids.sudo()._evidence_warning() or False
