from odoo import api, fields, models


class IsoMentoring(models.Model):
    """Readiness follows the register: a line's chosen documents count, and a document's own
    changes reach the engagements of its agency."""

    _inherit = "iso.mentoring"

    document_to_approve_count = fields.Integer(
        string="To Approve",
        compute="_compute_document_to_approve_count",
        help="Documents of the agency sent for approval that you approve (as its head or a "
        "designated approver): what waits for you.",
    )

    @api.depends_context("uid")
    def _compute_document_to_approve_count(self):
        """One grouped count for all the engagements; only where the user approves."""
        counts = dict(
            self.env["iso.document"]._read_group(
                [("agency_id", "in", self.agency_id.ids), ("state", "=", "in_review")],
                ["agency_id"],
                ["__count"],
            )
        )
        for mentoring in self:
            agency = mentoring.agency_id
            mine = bool(agency) and self.env.user in agency.sudo()._document_approvers()
            mentoring.document_to_approve_count = counts.get(agency, 0) if mine else 0

    def action_view_documents_to_approve(self):
        """The agency's documents waiting for the user's approval."""
        self.ensure_one()
        return self.agency_id._action_documents([("state", "=", "in_review")])

    @api.depends("line_ids.document_ids.is_effective")
    def _compute_readiness(self):
        # Odoo gathers the dependencies of every override: this adds the line's documents.
        return super()._compute_readiness()

    @api.model
    def _recompute_readiness(self, agencies):
        """The lines' evidence is read anew too (a document changed state, clauses or review
        date)."""
        if agencies:
            self.env["iso.mentoring.line"].invalidate_model(
                ["evidence_document_ids", "evidence_status", "evidence_warning"]
            )
        return super()._recompute_readiness(agencies)
