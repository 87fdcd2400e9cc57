from odoo import api, fields, models
from odoo.exceptions import UserError

RESULTS = [
    ("not_assessed", "Not Assessed"),
    ("conforming", "Conforming"),
    ("major", "Major Nonconformity"),
    ("minor", "Minor Nonconformity"),
    ("observation", "Observation"),
    ("ofi", "Opportunity for Improvement"),
    ("not_applicable", "Not Applicable"),
]
# Results that are findings, graded as the finding is.
FINDING_RESULTS = ("major", "minor", "observation", "ofi")


class IsoAuditLine(models.Model):
    """One clause of an audit's checklist and what the auditor found there."""

    _name = "iso.audit.line"
    _description = "Audit Checklist Line"
    _inherit = ["iso.access.mixin"]
    _order = "audit_id, standard_id, sort_key, id"
    _iso_write_fields = {
        "mentor": frozenset({"result", "notes", "evidence"}),
        "manager": frozenset({"result", "notes", "evidence"}),
    }
    _iso_workflow_fields = frozenset({"finding_id"})
    _iso_parent_fields = frozenset({"audit_id"})

    audit_id = fields.Many2one("iso.audit", required=True, index=True, ondelete="cascade")
    clause_id = fields.Many2one(
        "iso.standard.clause", required=True, index=True, ondelete="restrict"
    )
    standard_id = fields.Many2one(related="clause_id.standard_id", store=True)
    sort_key = fields.Char(related="clause_id.sort_key", store=True)
    result = fields.Selection(RESULTS, default="not_assessed", required=True)
    notes = fields.Text()
    evidence = fields.Text(help="Documents, records and interviews the result rests on.")
    finding_id = fields.Many2one("iso.audit.finding", readonly=True, copy=False)
    agency_id = fields.Many2one(related="audit_id.agency_id", store=True, index=True)
    company_id = fields.Many2one(related="audit_id.company_id", store=True)
    audit_state = fields.Selection(related="audit_id.state")

    _sql_constraints = [
        ("clause_audit_uniq", "unique(audit_id, clause_id)", "A clause appears once per audit."),
    ]

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unassessed(self):
        """The checklist is the audit's record: only a clause not assessed that the audit no
        longer covers (its standard dropped, or the clause became a heading) goes; the
        checklist refresh does that."""
        for line in self:
            if (
                line.result != "not_assessed"
                or line.finding_id
                or line.audit_id.state not in ("planned", "confirmed", "in_progress")
                or (line.clause_id.is_assessable and line.standard_id in line.audit_id.standard_ids)
            ):
                raise UserError(
                    self.env._(
                        "Clause %(clause)s stays on the checklist of %(audit)s: it was assessed, "
                        "its audit was reported, or the audit still covers its standard.",
                        clause=line.clause_id.number,
                        audit=line.audit_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._sync_findings()
        return lines

    def write(self, vals):
        if not self._iso_in_workflow() and any(
            line.audit_id.state in ("reported", "closed") for line in self
        ):
            raise UserError(
                self.env._("The checklist of a reported or closed audit cannot be changed.")
            )
        res = super().write(vals)
        if "result" in vals:
            self._sync_findings()
        return res

    def _sync_findings(self):
        """A nonconforming result creates its finding (in one batch); a changed grade
        follows on the finding while it is still open."""
        graded = self.filtered(lambda line: line.result in FINDING_RESULTS)
        to_create = graded.filtered(lambda line: not line.finding_id)
        findings = self.env["iso.audit.finding"].create(
            [
                {
                    "audit_id": line.audit_id.id,
                    "clause_id": line.clause_id.id,
                    "grade": line.result,
                    "statement": line.notes or line.clause_id.display_name,
                    "evidence": line.evidence,
                }
                for line in to_create
            ]
        )
        for line, finding in zip(to_create, findings, strict=True):
            line._workflow_write({"finding_id": finding.id})
        for line in graded - to_create:
            if line.finding_id.state == "open" and line.finding_id.grade != line.result:
                line.finding_id.grade = line.result
