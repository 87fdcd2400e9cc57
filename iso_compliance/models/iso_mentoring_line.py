from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

LINE_STATUSES = [
    ("not_started", "Not Started"),
    ("in_progress", "In Progress"),
    ("implemented", "Implemented"),
    ("verified", "Verified by Mentor"),
]
# Officers report where the agency stands; mentors also archive lines (readiness still counts
# them while their standard is pursued). Verified by and on follow the status.
OFFICER_FIELDS = frozenset({"status", "note", "attachment_ids", "document_ids"})
EVIDENCE_STATUSES = [
    ("none", "No Register Document"),
    ("effective", "Effective"),
    ("not_effective", "Not Effective"),
]


class IsoMentoringLine(models.Model):
    """One assessable clause of a pursued standard on an engagement's readiness checklist:
    where the agency stands on it, with its evidence, and whether a mentor verified it."""

    _name = "iso.mentoring.line"
    _description = "Readiness Checklist Line"
    _inherit = ["iso.access.mixin"]
    _iso_write_fields = {
        "officer": OFFICER_FIELDS,
        "mentor": OFFICER_FIELDS | {"active"},
        "manager": OFFICER_FIELDS | {"active"},
    }
    _iso_workflow_fields = frozenset({"verified_by_id", "verified_on"})
    _iso_parent_fields = frozenset({"mentoring_id"})
    _order = "mentoring_id, standard_id, clause_sort_key, id"
    _rec_name = "clause_id"

    mentoring_id = fields.Many2one(
        "iso.mentoring", string="Engagement", required=True, index=True, ondelete="cascade"
    )
    clause_id = fields.Many2one(
        "iso.standard.clause", required=True, index=True, ondelete="cascade"
    )
    standard_id = fields.Many2one(related="clause_id.standard_id", store=True, index=True)
    clause_sort_key = fields.Char(related="clause_id.sort_key", store=True)
    guidance = fields.Text(related="clause_id.guidance")
    agency_id = fields.Many2one(related="mentoring_id.agency_id")
    status = fields.Selection(
        LINE_STATUSES,
        default="not_started",
        required=True,
        index=True,
        help="Implemented: the agency reports the clause in place, with its evidence. "
        "Verified by Mentor: an Inspectorate mentor checked the evidence; only mentors set it.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "iso_mentoring_line_attachment_rel",
        "line_id",
        "attachment_id",
        string="Evidence",
        help="Documents that show the clause is implemented: decrees, procedures, records.",
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
    note = fields.Text(string="Notes")
    verified_by_id = fields.Many2one("res.users", readonly=True)
    verified_on = fields.Date(readonly=True)
    company_id = fields.Many2one(related="mentoring_id.company_id", store=True, index=True)
    active = fields.Boolean(
        default=True,
        help="Lines of a standard no longer pursued are archived when the agency worked on "
        "them, so that their evidence stays.",
    )

    _sql_constraints = [
        (
            "clause_mentoring_uniq",
            "unique(mentoring_id, clause_id)",
            "The checklist already holds this clause.",
        ),
    ]

    def _is_untouched(self):
        self.ensure_one()
        return (
            self.status == "not_started"
            and not self.note
            and not self.attachment_ids
            and not self.document_ids
        )

    def _register_evidence(self):
        """{line id: documents} for these lines: the approved or obsolete documents of the
        line's agency chosen on the line or serving its clause or a clause mapped to it.
        A bounded number of queries whatever the number of lines and documents (readiness
        runs it for whole engagements)."""
        lines = self.sudo().with_context(active_test=False)
        Document = self.env["iso.document"].sudo()
        documents = Document.search_fetch(
            [
                ("agency_id.mentoring_ids", "in", lines.mentoring_id.ids),
                ("state", "in", ("approved", "obsolete")),
            ],
            ["agency_id", "clause_ids", "state", "review_overdue", "is_effective"],
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

    def _check_verification_rights(self, vals):
        """Only mentors verify a clause or change a verified one: the agency reports, the
        Inspectorate confirms."""
        if self._iso_in_workflow() or self.env.user.has_group(
            "iso_compliance.group_iso_compliance_mentor"
        ):
            return
        touches = {"verified_by_id", "verified_on"} & set(vals)
        if touches or vals.get("status") == "verified":
            raise AccessError(
                self.env._("Only an Inspectorate mentor can mark a clause as verified.")
            )
        if "status" in vals and any(line.status == "verified" for line in self):
            raise AccessError(
                self.env._("Only an Inspectorate mentor can change a clause already verified.")
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_untouched_of_dropped_standards(self):
        """Readiness never rises because a line went: only a line nobody worked on, of a
        standard its engagement no longer pursues or of a clause that became a heading, is
        deleted (the checklist refresh does)."""
        for line in self:
            if not line._is_untouched() or (
                line.clause_id.is_assessable and line.standard_id in line.mentoring_id.standard_ids
            ):
                raise UserError(
                    self.env._(
                        "Clause %(clause)s is on the checklist of a pursued standard or was "
                        "worked on: it cannot be deleted.",
                        clause=line.clause_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        verified = []
        for vals in vals_list:
            self._check_verification_rights(vals)
            verified.append(vals.get("status") == "verified")
        lines = super().create(vals_list)
        for line, is_verified in zip(lines, verified, strict=True):
            if is_verified:
                line._workflow_write(
                    {"verified_by_id": self.env.uid, "verified_on": fields.Date.context_today(self)}
                )
        return lines

    def write(self, vals):
        self._check_verification_rights(vals)
        if vals.get("status") == "verified" and "verified_by_id" not in vals:
            # Lines verified before keep who verified them and when.
            newly = self.filtered(lambda line: line.status != "verified")
            result = super().write(vals)
            newly._workflow_write(
                {"verified_by_id": self.env.uid, "verified_on": fields.Date.context_today(self)}
            )
            return result
        result = super().write(vals)
        if "status" in vals and vals["status"] != "verified":
            self.filtered("verified_by_id")._workflow_write(
                {"verified_by_id": False, "verified_on": False}
            )
        return result

    def action_verify(self):
        self.write({"status": "verified"})
        return True
