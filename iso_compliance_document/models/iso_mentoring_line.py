from odoo import api, fields, models
from odoo.addons.iso_compliance.models.iso_access_mixin import extend_write_fields
from odoo.addons.iso_compliance.models.iso_mentoring_line import (
    IsoMentoringLine as BaseMentoringLine,
)

EVIDENCE_STATUSES = [
    ("none", "No Register Document"),
    ("effective", "Effective"),
    ("not_effective", "Not Effective"),
]


class IsoMentoringLine(models.Model):
    """The register's documents as a checklist line's evidence: readiness counts a clause
    only while one of its register documents is effective."""

    _inherit = "iso.mentoring.line"
    _iso_write_fields = extend_write_fields(
        BaseMentoringLine._iso_write_fields,
        {role: {"document_ids"} for role in ("officer", "mentor", "manager")},
    )

    document_ids = fields.Many2many(
        "iso.document",
        "iso_mentoring_line_document_rel",
        "line_id",
        "document_id",
        string="Evidence Documents",
        domain="[('agency_id', '=', agency_id)]",
        help="Documents of the agency's register that show the clause is implemented. "
        "Documents registered for this clause, or for a clause mapped to it, count too.",
    )
    evidence_document_ids = fields.Many2many(
        "iso.document",
        compute="_compute_evidence",
        string="Evidence from the Register",
        help="The register's approved or obsolete documents for this clause: chosen on the "
        "line, serving the clause, or serving a clause of another standard mapped to it.",
    )
    evidence_status = fields.Selection(
        EVIDENCE_STATUSES,
        compute="_compute_evidence",
        help="Readiness counts the clause only while at least one of its register documents "
        "is effective (approved and not overdue for review). Free attachments are for "
        "one-off records and do not replace register documents.",
    )
    evidence_warning = fields.Char(
        compute="_compute_evidence",
        help="Why the register's documents for this clause no longer count.",
    )

    def _is_untouched(self):
        return super()._is_untouched() and not self.document_ids

    def _evidence_count(self):
        return super()._evidence_count() + len(self.evidence_document_ids)

    def _readiness_statuses(self):
        """A line whose register documents are all obsolete or overdue for review counts
        nothing, whatever its status."""
        statuses = super()._readiness_statuses()
        evidence = self._register_evidence()
        for line in self:
            if self._evidence_status_of(evidence[line.id]) == "not_effective":
                statuses[line.id] = "evidence_not_effective"
        return statuses

    def _register_evidence(self):
        """{line id: documents} for these lines: the approved or obsolete documents of the
        line's agency chosen on the line or serving its clause or a clause mapped to it.
        A bounded number of queries whatever the number of lines and documents (readiness
        runs it for whole engagements)."""
        lines = self.sudo().with_context(active_test=False)
        # Archived documents too: archiving a document that stopped counting must not let
        # its clauses count again.
        Document = self.env["iso.document"].sudo().with_context(active_test=False)
        documents = Document.search_fetch(
            [
                ("agency_id.mentoring_ids", "in", lines.mentoring_id.ids),
                ("state", "in", ("approved", "obsolete")),
            ],
            ["agency_id", "clause_ids", "state", "review_overdue", "is_effective", "active"],
        )
        if not documents:
            return {line.id: Document for line in lines}
        lines.fetch(["clause_id", "mentoring_id", "document_ids"])
        lines.mentoring_id.fetch(["agency_id"])
        equivalents = self.env["iso.clause.mapping"]._equivalents(lines.clause_id.ids)
        by_agency_clause = {}
        for document in documents:
            for clause_id in document.clause_ids.ids:
                by_agency_clause.setdefault((document.agency_id.id, clause_id), []).append(
                    document.id
                )
        result = {}
        for line in lines:
            agency_id = line.mentoring_id.agency_id.id
            ids = {doc.id for doc in line.document_ids if doc in documents}
            for clause_id in equivalents[line.clause_id.id]:
                ids.update(by_agency_clause.get((agency_id, clause_id), ()))
            result[line.id] = Document.browse(sorted(ids))
        return result

    @api.model
    def _evidence_status_of(self, documents):
        if not documents:
            return "none"
        return "effective" if any(documents.mapped("is_effective")) else "not_effective"

    @api.depends_context("uid")
    @api.depends("document_ids", "clause_id")
    def _compute_evidence(self):
        stored = self.filtered("id")
        evidence = stored._register_evidence() if stored else {}
        for line in self:
            documents = evidence.get(line.id, self.env["iso.document"].sudo())
            line.evidence_document_ids = documents.with_env(self.env)
            line.evidence_status = self._evidence_status_of(documents)
            line.evidence_warning = (
                self.env._(
                    "Readiness does not count this clause: %(reasons)s",
                    reasons=documents._evidence_warning(),
                )
                if line.evidence_status == "not_effective"
                else False
            )
