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
OFFICER_FIELDS = frozenset({"status", "note", "attachment_ids"})


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
        return self.status == "not_started" and not self.note and not self.attachment_ids

    def _evidence_count(self):
        """How many pieces of evidence the line has, as the progress report counts them.
        Hook: a feature addon that keeps evidence elsewhere adds its own (the document
        register adds the line's register documents)."""
        self.ensure_one()
        return len(self.attachment_ids)

    def _readiness_statuses(self):
        """{line id: the status readiness counts the line at} (see iso.mentoring
        READINESS_WEIGHTS): the line's own status. Hook: a feature addon that knows more about
        the evidence overrides it (the document register counts a line whose register
        documents all stopped counting as ``evidence_not_effective``). Called on whole
        engagements' lines at once: keep it to a bounded number of queries."""
        return {line.id: line.status for line in self}

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
