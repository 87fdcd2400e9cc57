from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# ISO 37001 clause 8.2: (a) categories of transactions, projects or activities, (b) business
# associates, (c) personnel in certain positions.
SUBJECT_TYPES = [
    ("activity", "Transaction, Project or Activity"),
    ("partner", "Business Associate"),
    ("position", "Position"),
]
DECISIONS = [
    ("proceed", "Proceed"),
    ("conditions", "Proceed with Conditions"),
    ("decline", "Do Not Proceed"),
]
STATES = [("draft", "In Progress"), ("decided", "Decided"), ("lapsed", "Lapsed")]
RISK_LEVELS = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("very_high", "Very High")]
# Days before the end of validity at which the agency's officers are asked to repeat it.
LAPSE_NOTICE_DAYS = 30
EDITABLE_FIELDS = frozenset(
    {
        "agency_id",
        "subject_type",
        "activity",
        "partner_id",
        "position",
        "holder_id",
        "reason",
        "risk_level",
        "risk_id",
        "checks",
        "findings",
        "decision",
        "conditions",
        "valid_until",
        "note",
        "active",
    }
)
WORKFLOW_FIELDS = frozenset({"state", "decided_by_id", "decided_on", "lapse_reminded"})


class IsoDueDiligence(models.Model):
    """Due diligence (ISO 37001 clause 8.2) on a transaction, project or activity, a business
    associate or a position with more than a low bribery risk, linked to the assessed risk
    that calls for it (clause 4.5): what was checked, what was found, the decision and how
    long it holds. Repeated before it lapses; never deleted."""

    _name = "iso.due.diligence"
    _description = "Due Diligence"
    _inherit = ["mail.thread", "mail.activity.mixin", "iso.scheduled.mixin", "iso.access.mixin"]
    _iso_write_fields = {
        "officer": EDITABLE_FIELDS,
        "mentor": EDITABLE_FIELDS,
        "manager": EDITABLE_FIELDS,
    }
    _iso_workflow_fields = WORKFLOW_FIELDS
    _iso_parent_fields = frozenset({"agency_id"})
    _iso_char_limits = {"position": 200, "activity": 200}
    _order = "decided_on desc, id desc"

    agency_id = fields.Many2one(
        "iso.agency",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self._default_agency(),
    )
    company_id = fields.Many2one(related="agency_id.company_id", store=True, index=True)
    subject_type = fields.Selection(
        SUBJECT_TYPES, string="Subject", required=True, default="partner", tracking=True
    )
    activity = fields.Char(
        string="Transaction, Project or Activity",
        tracking=True,
        help="The transaction, project or activity, or the category of them, with more than a "
        "low bribery risk, e.g. a procurement package or a large building permit.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Business Associate",
        index=True,
        tracking=True,
        help="Supplier, contractor or consultant the agency deals with.",
    )
    position = fields.Char(
        tracking=True,
        help="Job title of a position with more than a low bribery risk, e.g. Procurement "
        "Officer (Pejabat Pengadaan).",
    )
    holder_id = fields.Many2one(
        "res.users",
        string="Current Holder",
        domain=[("share", "=", False)],
        help="The person in the position, or the candidate, when known.",
    )
    reason = fields.Text(
        required=True, help="Why due diligence is needed: the bribery risk it addresses."
    )
    risk_level = fields.Selection(
        RISK_LEVELS,
        string="Bribery Risk",
        required=True,
        default="medium",
        help="The depth of the checks follows the risk.",
    )
    risk_id = fields.Many2one(
        "iso.bribery.risk",
        string="Assessed Risk",
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('agency_id', '=', agency_id)]",
        help="The bribery risk of the agency's risk register (clause 4.5) that calls for this "
        "due diligence.",
    )
    checks = fields.Text(
        string="Checks Done",
        help="E.g. company registration (AHU), tax status, beneficial owners, blacklist "
        "(LKPP), court records, references, conflict of interest declaration.",
    )
    findings = fields.Text()
    decision = fields.Selection(DECISIONS, tracking=True)
    conditions = fields.Text(help="Conditions of a decision to proceed with conditions.")
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_on = fields.Date(readonly=True, tracking=True)
    valid_until = fields.Date(tracking=True, help="Repeat the due diligence before this date.")
    lapse_reminded = fields.Boolean(
        compute="_compute_lapse_reminded",
        store=True,
        copy=False,
        help="The agency's officers were asked to repeat it before it lapses.",
    )
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, tracking=True, index=True
    )
    note = fields.Html(string="Notes")
    active = fields.Boolean(default=True, tracking=True)

    @api.depends("partner_id", "position", "activity", "subject_type", "agency_id.code")
    def _compute_display_name(self):
        for record in self:
            subject = {
                "partner": record.partner_id.name,
                "position": record.position,
                "activity": record.activity,
            }.get(record.subject_type) or ""
            code = record.agency_id.code
            record.display_name = f"{code}: {subject}" if code else subject

    @api.depends("valid_until")
    def _compute_lapse_reminded(self):
        """A new validity date opens a new reminder."""
        self.lapse_reminded = False

    @api.onchange("risk_id")
    def _onchange_risk_id(self):
        """The depth of the checks follows the risk: its residual level, or its inherent one
        while the residual is not assessed."""
        level = self.risk_id.residual_level or self.risk_id.inherent_level
        if level:
            self.risk_level = level

    @api.constrains("risk_id", "agency_id")
    def _check_risk_of_the_agency(self):
        for record in self:
            if record.risk_id and record.risk_id.sudo().agency_id != record.agency_id:
                raise ValidationError(
                    self.env._(
                        "The risk that calls for %(record)s must be one of its agency's risks: "
                        "%(risk)s belongs to another agency.",
                        record=record.sudo().display_name,
                        risk=record.risk_id.sudo().display_name,
                    )
                )

    @api.constrains("subject_type", "partner_id", "position", "activity")
    def _check_subject(self):
        for record in self:
            if record.subject_type == "activity" and not (record.activity or "").strip():
                raise ValidationError(
                    self.env._(
                        "Enter the transaction, project or activity the due diligence is on."
                    )
                )
            if record.subject_type == "partner" and not record.partner_id:
                raise ValidationError(
                    self.env._("Choose the business associate of the due diligence.")
                )
            if record.subject_type == "position" and not (record.position or "").strip():
                raise ValidationError(self.env._("Enter the position the due diligence is on."))

    @api.constrains("valid_until", "decided_on")
    def _check_validity(self):
        for record in self:
            if record.valid_until and record.decided_on and record.valid_until <= record.decided_on:
                raise ValidationError(
                    self.env._("A due diligence must remain valid after the day of its decision.")
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("A due diligence is never deleted: archive it when it no longer matters.")
        )

    def write(self, vals):
        if (
            not self._iso_in_workflow()
            and {"decision", "conditions"} & set(vals)
            and any(r.state != "draft" for r in self)
        ):
            raise UserError(
                self.env._("A decision already taken is not changed: repeat the due diligence.")
            )
        return super().write(vals)

    def action_decide(self):
        """Record the decision: who decided and when."""
        self.check_access("write")
        today = fields.Date.context_today(self)
        for record in self:
            if record.state != "draft":
                raise UserError(
                    self.env._("%(record)s was already decided.", record=record.display_name)
                )
            if not (record.decision and record.checks and record.valid_until):
                raise UserError(
                    self.env._(
                        "Describe the checks done, choose a decision and a validity date for "
                        "%(record)s before recording the decision.",
                        record=record.display_name,
                    )
                )
            if record.decision == "conditions" and not (record.conditions or "").strip():
                raise UserError(
                    self.env._(
                        "State the conditions under which %(record)s may proceed.",
                        record=record.display_name,
                    )
                )
        self._workflow_write(
            {"state": "decided", "decided_by_id": self.env.uid, "decided_on": today}
        )
        self._check_validity()
        return True

    def action_repeat(self):
        """Start the next due diligence on the same subject, from this one."""
        self.ensure_one()
        new = self.copy(
            {"decision": False, "conditions": False, "valid_until": False, "findings": False}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _cron_due_diligence(self, batch_size=500, limit=10000):
        """Daily: ask the agency's officers to repeat a due diligence 30 days before it lapses
        (once per validity date), and mark lapsed those past their validity."""
        self = self._in_company_context()
        today = fields.Date.context_today(self)
        return self._run_steps((self._remind_lapse, self._mark_lapsed), today, batch_size, limit)

    @api.model
    def _remind_lapse(self, today, batch_size, limit):
        return self._remind_once(
            [
                ("state", "=", "decided"),
                ("lapse_reminded", "=", False),
                ("valid_until", "<=", today + timedelta(days=LAPSE_NOTICE_DAYS)),
            ],
            {"lapse_reminded": True},
            "iso_compliance_anti_bribery.mail_activity_type_due_diligence_lapse",
            lambda env: env._("Repeat this due diligence before it lapses"),
            lambda record: record.agency_id.officer_ids,
            lambda record: record.valid_until,
            batch_size,
            limit,
        )

    @api.model
    def _mark_lapsed(self, today, batch_size, limit):
        domain = [("state", "=", "decided"), ("valid_until", "<", today)]
        return self._process_matching(
            domain, lambda b: b._workflow_write({"state": "lapsed"}), batch_size, limit
        )
