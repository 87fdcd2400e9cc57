from odoo import api, fields, models

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
    _order = "audit_id, standard_id, sort_key, id"

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

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._sync_findings()
        return lines

    def write(self, vals):
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
            line.finding_id = finding
        for line in graded - to_create:
            if line.finding_id.state == "open" and line.finding_id.grade != line.result:
                line.finding_id.grade = line.result
