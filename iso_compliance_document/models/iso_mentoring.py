from odoo import api, models


class IsoMentoring(models.Model):
    """Readiness follows the register: a line's chosen documents count, and a document's own
    changes reach the engagements of its agency."""

    _inherit = "iso.mentoring"

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
