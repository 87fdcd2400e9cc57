from odoo import api, fields, models
from odoo.addons.iso_compliance.models.iso_access_mixin import extend_write_fields
from odoo.addons.iso_compliance.models.iso_audit_finding import (
    IsoAuditFinding as BaseAuditFinding,
)


class IsoAuditFinding(models.Model):
    """The register's document a finding is about."""

    _inherit = "iso.audit.finding"
    _iso_write_fields = extend_write_fields(
        BaseAuditFinding._iso_write_fields,
        {"mentor": {"document_id"}, "manager": {"document_id"}},
    )

    document_id = fields.Many2one(
        "iso.document",
        string="Document Concerned",
        ondelete="set null",
        tracking=True,
        domain="[('agency_id', '=', agency_id)]",
        help="The document of the agency's register the finding is about, if any.",
    )
    document_warning = fields.Char(
        compute="_compute_document_warning",
        help="The document concerned is obsolete, not approved or overdue for review.",
    )

    @api.depends("document_id.state", "document_id.review_overdue")
    def _compute_document_warning(self):
        for finding in self:
            finding.document_warning = finding.document_id.sudo()._evidence_warning() or False
