from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from .iso_config import get_int_param

GRADES = [
    ("major", "Major Nonconformity"),
    ("minor", "Minor Nonconformity"),
    ("observation", "Observation"),
    ("ofi", "Opportunity for Improvement"),
]
FINDING_STATES = [
    ("open", "Open"),
    ("action_planned", "Action Planned"),
    ("implemented", "Implemented"),
    ("verified", "Verified"),
    ("closed", "Closed"),
]
# Days to act, by grade, unless Settings say otherwise (0: no due date).
DEFAULT_DUE_DAYS = {"major": 60, "minor": 90, "observation": 180, "ofi": 0}
# What an agency officer may write on a finding of their agency, and nothing else.
OFFICER_FIELDS = frozenset({"root_cause", "correction", "corrective_action"})
# What auditors (mentors) and managers may write; states move through the actions.
AUDITOR_FIELDS = OFFICER_FIELDS | {
    "grade",
    "statement",
    "evidence",
    "responsible_id",
    "due_date",
    "verification_note",
}


class IsoAuditFinding(models.Model):
    """What an audit found at a clause, and its correction and corrective action up to
    verification by an auditor."""

    _name = "iso.audit.finding"
    _description = "Audit Finding"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "iso.scheduled.mixin",
        "iso.workflow.mixin",
        "iso.access.mixin",
    ]
    _order = "is_major desc, due_date, id"
    _iso_write_fields = {
        "officer": OFFICER_FIELDS,
        "mentor": AUDITOR_FIELDS,
        "manager": AUDITOR_FIELDS,
    }
    _iso_workflow_fields = frozenset(
        {"state", "verified_by_id", "verified_on", "verification_outcome", "escalated"}
    )
    _iso_parent_fields = frozenset({"audit_id"})
    _rec_name = "name"

    name = fields.Char(compute="_compute_name", store=True)
    audit_id = fields.Many2one(
        "iso.audit", required=True, index=True, ondelete="cascade", tracking=True
    )
    agency_id = fields.Many2one(related="audit_id.agency_id", store=True, index=True)
    company_id = fields.Many2one(related="audit_id.company_id", store=True, index=True)
    clause_id = fields.Many2one(
        "iso.standard.clause", required=True, ondelete="restrict", tracking=True
    )
    standard_id = fields.Many2one(related="clause_id.standard_id", store=True)
    grade = fields.Selection(GRADES, required=True, default="minor", tracking=True)
    is_major = fields.Boolean(compute="_compute_is_major", store=True)
    statement = fields.Text(required=True, help="What was found, against which requirement.")
    evidence = fields.Text()
    root_cause = fields.Text(tracking=True)
    correction = fields.Text(tracking=True, help="What was done at once to fix the finding.")
    corrective_action = fields.Text(
        tracking=True, help="What removes the root cause so that it does not happen again."
    )
    responsible_id = fields.Many2one(
        "res.users",
        compute="_compute_responsible_id",
        store=True,
        readonly=False,
        tracking=True,
        help="The agency's officer who carries out the corrective action; the agency's first "
        "officer is proposed.",
    )
    due_date = fields.Date(
        compute="_compute_due_date",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Proposed from the grade (Settings); for a major nonconformity, the certification "
        "body's deadline.",
    )
    state = fields.Selection(
        FINDING_STATES,
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        group_expand=True,
        copy=False,
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue"
    )
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    verified_on = fields.Date(readonly=True, copy=False)
    verification_outcome = fields.Selection(
        [("effective", "Effective"), ("not_effective", "Not Effective")],
        readonly=True,
        copy=False,
    )
    verification_note = fields.Text()
    user_is_officer_only = fields.Boolean(
        compute="_compute_user_is_officer_only",
        help="Technical: the current user is an agency officer, who answers findings; "
        "auditors grade and verify them.",
    )
    escalated = fields.Boolean(
        compute="_compute_escalated",
        store=True,
        readonly=False,
        copy=False,
        help="This overdue period was escalated; a new due date opens a new period.",
    )

    @api.depends_context("uid")
    def _compute_user_is_officer_only(self):
        self.user_is_officer_only = not self._is_auditor()

    @api.depends("audit_id.name", "clause_id.number")
    def _compute_name(self):
        for finding in self:
            finding.name = f"{finding.audit_id.name} / {finding.clause_id.number}"

    @api.depends("grade")
    def _compute_is_major(self):
        for finding in self:
            finding.is_major = finding.grade == "major"

    @api.depends("grade", "audit_id.date_end")
    def _compute_due_date(self):
        """Proposed from the grade and the audit's end, again when either changes (a minor
        nonconformity regraded major gets the shorter deadline); a date set by hand stands
        until then. A closed finding keeps its date."""
        today = fields.Date.context_today(self)
        for finding in self:
            if not finding.grade or (finding.state == "closed" and finding.due_date):
                continue
            if finding.grade not in DEFAULT_DUE_DAYS:
                continue  # refused with a message by the write or create
            days = get_int_param(
                self.env,
                f"iso_compliance.finding_due_days_{finding.grade}",
                DEFAULT_DUE_DAYS[finding.grade],
            )
            start = finding.audit_id.date_end or today
            finding.due_date = start + timedelta(days=days) if days else False

    @api.depends("due_date", "state")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for finding in self:
            finding.is_overdue = bool(
                finding.due_date
                and finding.due_date < today
                and finding.state not in ("verified", "closed")
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue findings."))
        today = fields.Date.context_today(self)
        domain = [("due_date", "<", today), ("state", "not in", ("verified", "closed"))]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    # ------------------------------------------------------------------ access

    @api.model_create_multi
    def create(self, vals_list):
        findings = super().create(vals_list)
        findings._note_on_audits()
        return findings

    def _note_on_audits(self):
        """A note on each audit's chatter lists the findings just raised, with links, so
        that who follows the audit learns of them."""
        grades = dict(self._fields["grade"]._description_selection(self.env))
        for audit, findings in self.grouped("audit_id").items():
            items = Markup().join(
                Markup("<li>%s (%s)</li>")
                % (finding._get_html_link(title=finding.name), grades[finding.grade])
                for finding in findings
            )
            audit._message_log(
                body=Markup("<p>%s</p><ul>%s</ul>") % (self.env._("New findings:"), items)
            )

    def _is_auditor(self):
        return self.env.user.has_group("iso_compliance.group_iso_compliance_mentor")

    def _iso_refuse(self, fnames):
        if self._iso_role() == "officer":
            raise AccessError(
                self.env._(
                    "Agency officers may only fill in the root cause, the correction and the "
                    "corrective action of a finding."
                )
            )
        return super()._iso_refuse(fnames)

    @api.constrains("clause_id", "audit_id")
    def _check_clause_covered(self):
        for finding in self:
            if finding.clause_id.standard_id not in finding.audit_id.standard_ids:
                raise ValidationError(
                    self.env._(
                        "Clause %(clause)s is not one of the standards %(audit)s covers.",
                        clause=finding.clause_id.display_name,
                        audit=finding.audit_id.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_fresh(self):
        """A finding is the audit's record once acted upon or once its audit is reported:
        only an open finding of an audit still under way can go (a result set by mistake)."""
        for finding in self:
            if finding.state != "open" or finding.audit_id.state not in (
                "confirmed",
                "in_progress",
            ):
                raise UserError(
                    self.env._(
                        "%(finding)s cannot be deleted: it was acted upon or its audit was "
                        "reported. Close it instead.",
                        finding=finding.name,
                    )
                )

    @api.depends("agency_id")
    def _compute_responsible_id(self):
        for finding in self:
            if not finding.responsible_id:
                finding.responsible_id = finding.agency_id.officer_ids[:1]

    @api.depends("due_date")
    def _compute_escalated(self):
        self.escalated = False

    # ------------------------------------------------------------------ actions

    def _check_state(self, allowed, message):
        if not self._is_auditor():
            raise AccessError(self.env._("Only auditors and managers move findings on."))
        return super()._check_state(allowed, message)

    def action_plan(self):
        self._check_state(
            ("open",),
            self.env._("The action plan of %(record)s cannot be accepted: it is %(state)s."),
        )
        for finding in self:
            if not (finding.correction or finding.corrective_action):
                raise UserError(
                    self.env._(
                        "Describe the correction or the corrective action of %(finding)s first.",
                        finding=finding.name,
                    )
                )
        self._workflow_write({"state": "action_planned"})
        return True

    def action_submit_plan(self):
        """The agency hands in its action plan: the finding moves to *Action Planned* and its
        auditor gets an activity to review the plan (as Odoo's stage hand-offs do)."""
        self.check_access("write")
        labels = dict(self._fields["state"]._description_selection(self.env))
        for finding in self:
            if finding.state != "open":
                raise UserError(
                    self.env._(
                        "The action plan of %(finding)s was already handed in: the finding is "
                        "%(state)s.",
                        finding=finding.name,
                        state=labels[finding.state],
                    )
                )
            if not (finding.correction or finding.corrective_action):
                raise UserError(
                    self.env._(
                        "Describe the correction or the corrective action of %(finding)s first.",
                        finding=finding.name,
                    )
                )
        # The officer may not write the state field itself: this button is their way.
        self.sudo().write({"state": "action_planned"})
        today = fields.Date.context_today(self)
        self.sudo()._schedule_activities(
            self.env.ref("mail.mail_activity_data_todo"),
            (
                (
                    finding,
                    auditor,
                    lambda env, name=finding.name: env._(
                        "Review the action plan of %(finding)s", finding=name
                    ),
                    today,
                )
                for finding in self
                for auditor in (
                    finding.audit_id.lead_auditor_id
                    or finding.audit_id.auditor_ids[:1]
                    or finding.agency_id.mentor_ids[:1]
                )
            ),
        )
        return True

    def action_implement(self):
        self._check_state(
            ("action_planned",),
            self.env._("%(record)s cannot be marked implemented: it is %(state)s."),
        )
        self._workflow_write({"state": "implemented"})
        return True

    def _verify(self, effective, note=False):
        self._check_state(
            ("implemented",), self.env._("%(record)s cannot be verified: it is %(state)s.")
        )
        self._workflow_write(
            {
                "state": "verified" if effective else "action_planned",
                "verification_outcome": "effective" if effective else "not_effective",
                "verified_by_id": self.env.user.id,
                "verified_on": fields.Date.context_today(self),
                "verification_note": note,
            }
        )

    def action_verify_effective(self):
        self._verify(True)
        return True

    def action_verify_not_effective(self):
        self._verify(False)
        return True

    def action_close(self):
        self._check_state(
            ("open", "action_planned", "implemented", "verified"),
            self.env._("%(record)s cannot be closed: it is %(state)s."),
        )
        for finding in self:
            if finding.grade in ("major", "minor") and finding.state != "verified":
                raise UserError(
                    self.env._(
                        "%(finding)s is a nonconformity: its corrective action must be verified "
                        "as effective before it is closed.",
                        finding=finding.name,
                    )
                )
        self._workflow_write({"state": "closed"})
        return True

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _escalate_overdue(self, today, batch_size, limit):
        domain = [("is_overdue", "=", True), ("escalated", "=", False)]
        return self._process_matching(domain, lambda b: b._escalate(), batch_size, limit)

    def _escalate(self):
        """Tell the responsible's mentors (the agency's) and the managers, once per overdue
        period: a new due date opens a new period."""
        managers = self._managers_by_company()
        today = fields.Date.context_today(self)
        self._schedule_activities(
            self.env.ref("mail.mail_activity_data_warning"),
            (
                (
                    finding,
                    user,
                    lambda env, due=finding.due_date: env._(
                        "Overdue since %(date)s: follow up the corrective action",
                        date=format_date(env, due),
                    ),
                    today,
                )
                for finding in self
                for user in finding.agency_id.mentor_ids | managers[finding.company_id]
            ),
        )
        self._workflow_write({"escalated": True})
