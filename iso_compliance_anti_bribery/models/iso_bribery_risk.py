from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

LIKELIHOOD = [
    ("1", "1 - Rare: not expected in five years"),
    ("2", "2 - Unlikely: could happen once in five years"),
    ("3", "3 - Possible: could happen once in two years"),
    ("4", "4 - Likely: expected once a year"),
    ("5", "5 - Almost certain: expected several times a year"),
]
IMPACT = [
    ("1", "1 - Insignificant: no loss, no complaint"),
    ("2", "2 - Minor: small loss, complaints handled within the agency"),
    ("3", "3 - Moderate: financial loss or a service disrupted, public complaints"),
    ("4", "4 - Major: large loss, audit finding or prosecution of an official"),
    ("5", "5 - Severe: prosecution of the agency's leaders, national media, service stopped"),
]
LEVELS = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("very_high", "Very High")]
LEVEL_CSS = {
    "low": "#4caf50",
    "medium": "#ffeb3b",
    "high": "#ff9800",
    "very_high": "#f44336",
}
STATES = [
    ("draft", "Draft"),
    ("assessed", "Assessed"),
    ("treated", "Treated"),
    ("accepted", "Accepted"),
    ("retired", "Retired"),
]
# States in which a risk is part of the live register and is reviewed.
LIVE_STATES = ("assessed", "treated", "accepted")
PROCESS_TYPES = [
    ("public_service", "Public Service Counter"),
    ("licensing", "Licensing and Permits"),
    ("procurement", "Procurement of Goods and Services"),
    ("recruitment", "Recruitment and Promotion"),
    ("finance", "Budget and Finance"),
    ("supervision", "Supervision and Inspection"),
    ("other", "Other"),
]
# What the assessment consists of: a change to one of these after a review shows on the risk.
ASSESSMENT_FIELDS = (
    "process",
    "process_type",
    "scheme",
    "parties",
    "likelihood",
    "impact",
    "existing_controls",
    "treatment_plan",
    "residual_likelihood",
    "residual_impact",
)
EDITABLE_FIELDS = frozenset(
    {
        *ASSESSMENT_FIELDS,
        "name",
        "agency_id",
        "owner_id",
        "review_interval_months",
        "note",
        "active",
        "color",
    }
)
# Set only by the actions (and the review job), never by a form or a client.
WORKFLOW_FIELDS = frozenset(
    {
        "state",
        "last_review_date",
        "next_review_date",
        "reviewed_by_id",
        "review_reminded",
        "changed_since_review",
    }
)


class IsoBriberyRisk(models.Model):
    """A bribery risk of an agency's process (ISO 37001 clause 4.5): how a bribe could be
    asked or offered there, how likely and how harmful that is before and after controls,
    who owns it, and when it is reviewed. Archived when it no longer applies, never deleted:
    the register is audit evidence."""

    _name = "iso.bribery.risk"
    _description = "Bribery Risk"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "iso.scheduled.mixin",
        "iso.workflow.mixin",
        "iso.access.mixin",
    ]
    _iso_write_fields = {
        "officer": EDITABLE_FIELDS,
        "mentor": EDITABLE_FIELDS,
        "manager": EDITABLE_FIELDS,
    }
    _iso_workflow_fields = WORKFLOW_FIELDS
    _iso_parent_fields = frozenset({"agency_id"})
    _iso_char_limits = {"name": 200, "process": 200}
    _order = "inherent_score desc, agency_id, id"

    name = fields.Char(
        string="Risk",
        required=True,
        tracking=True,
        help="The risk in one line, e.g. Fee asked to speed up an ID card.",
    )
    agency_id = fields.Many2one(
        "iso.agency",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self._default_agency(),
    )
    company_id = fields.Many2one(related="agency_id.company_id", store=True, index=True)
    process = fields.Char(
        string="Process or Service",
        required=True,
        tracking=True,
        help="The process or service where the risk lies, e.g. Issuing electronic ID cards.",
    )
    process_type = fields.Selection(PROCESS_TYPES, required=True, default="public_service")
    scheme = fields.Text(
        string="Bribery Scheme",
        help="How a bribe could be asked for, offered or given in this process.",
    )
    parties = fields.Text(
        string="Who Could Be Involved",
        help="Positions and outside parties that could take part, e.g. counter staff, brokers.",
    )
    likelihood = fields.Selection(
        LIKELIHOOD, tracking=True, help="How likely the risk is before the treatment plan."
    )
    impact = fields.Selection(
        IMPACT, tracking=True, help="How harmful the risk is before the treatment plan."
    )
    inherent_score = fields.Integer(
        compute="_compute_inherent", store=True, help="Likelihood times impact, 1 to 25."
    )
    inherent_level = fields.Selection(
        LEVELS,
        compute="_compute_inherent",
        store=True,
        help="Level of the score under the company's bands (Settings).",
    )
    existing_controls = fields.Text(
        help="Controls already in place, e.g. queue numbers, published fees, CCTV at counters."
    )
    treatment_plan = fields.Text(
        help="Controls to add. Schedule each action as an activity with its owner and deadline."
    )
    residual_likelihood = fields.Selection(
        LIKELIHOOD, tracking=True, help="How likely the risk remains once treated."
    )
    residual_impact = fields.Selection(
        IMPACT, tracking=True, help="How harmful the risk remains once treated."
    )
    residual_score = fields.Integer(compute="_compute_residual", store=True)
    residual_level = fields.Selection(LEVELS, compute="_compute_residual", store=True)
    owner_id = fields.Many2one(
        "res.users",
        string="Risk Owner",
        tracking=True,
        domain=[("share", "=", False)],
        help="Who answers for this risk and its treatment; reminded when a review is due.",
    )
    review_interval_months = fields.Integer(
        string="Review Every (months)",
        default=12,
        help="Months between planned reviews. ISO 37001 (4.5.3) asks for reviews at the "
        "regular intervals the organisation defines and on significant change; reviewing at "
        "least yearly is the regency's own policy.",
    )
    last_review_date = fields.Date(readonly=True, copy=False, tracking=True)
    next_review_date = fields.Date(readonly=True, copy=False, tracking=True, index=True)
    reviewed_by_id = fields.Many2one("res.users", string="Last Reviewed By", readonly=True)
    review_reminded = fields.Boolean(
        compute="_compute_review_reminded",
        store=True,
        copy=False,
        help="The owner was reminded of the current review date: one reminder per period.",
    )
    changed_since_review = fields.Boolean(
        compute="_compute_changed_since_review",
        store=True,
        readonly=True,
        copy=False,
        help="The assessment was changed after its last review: review it again.",
    )
    is_review_due = fields.Boolean(
        string="Review Due",
        compute="_compute_is_review_due",
        search="_search_is_review_due",
        help="A live risk whose next review date has come.",
    )
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, tracking=True, index=True
    )
    note = fields.Html(string="Notes")
    color = fields.Integer(string="Color Index")
    active = fields.Boolean(default=True, tracking=True)

    # ------------------------------------------------------------------ computes

    @api.depends(
        "likelihood",
        "impact",
        "company_id.bribery_risk_medium_from",
        "company_id.bribery_risk_high_from",
        "company_id.bribery_risk_very_high_from",
    )
    def _compute_inherent(self):
        for risk in self:
            score = int(risk.likelihood or 0) * int(risk.impact or 0)
            risk.inherent_score = score
            risk.inherent_level = (risk.company_id or self.env.company)._bribery_risk_level(score)

    @api.depends(
        "residual_likelihood",
        "residual_impact",
        "company_id.bribery_risk_medium_from",
        "company_id.bribery_risk_high_from",
        "company_id.bribery_risk_very_high_from",
    )
    def _compute_residual(self):
        for risk in self:
            score = int(risk.residual_likelihood or 0) * int(risk.residual_impact or 0)
            risk.residual_score = score
            risk.residual_level = (risk.company_id or self.env.company)._bribery_risk_level(score)

    @api.depends("next_review_date")
    def _compute_review_reminded(self):
        """A new review date opens a new period, with a reminder of its own."""
        self.review_reminded = False

    @api.depends(*ASSESSMENT_FIELDS)
    def _compute_changed_since_review(self):
        """A risk once reviewed that changes shows it until its next review."""
        for risk in self:
            risk.changed_since_review = bool(risk.last_review_date)

    @api.model_create_multi
    def create(self, vals_list):
        """A risk recorded with its last review (an import, the demo) was reviewed as it is
        recorded: it has not changed since."""
        risks = super().create(vals_list)
        reviewed = self.browse(
            risk.id
            for risk, vals in zip(risks, vals_list, strict=True)
            if vals.get("last_review_date") and "changed_since_review" not in vals
        )
        if reviewed:
            reviewed.sudo().with_context(tracking_disable=True)._workflow_write(
                {"changed_since_review": False}
            )
        return risks

    def _compute_is_review_due(self):
        today = fields.Date.context_today(self)
        for risk in self:
            risk.is_review_due = (
                risk.state in LIVE_STATES
                and bool(risk.next_review_date)
                and risk.next_review_date <= today
            )

    def _search_is_review_due(self, operator, value):
        """The one definition of a review due, shared by the search filter and the job."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("This search is not supported."))
        today = fields.Date.context_today(self)
        due = [
            ("state", "in", LIVE_STATES),
            ("next_review_date", "!=", False),
            ("next_review_date", "<=", today),
        ]
        if (operator == "=") == value:
            return due
        return ["!", "&", "&", *due]

    @api.depends("name", "agency_id.code")
    def _compute_display_name(self):
        for risk in self:
            code = risk.agency_id.code
            risk.display_name = f"{code}: {risk.name}" if code else (risk.name or "")

    # ------------------------------------------------------------------ rules

    @api.constrains("review_interval_months")
    def _check_review_interval(self):
        for risk in self:
            if not 1 <= risk.review_interval_months <= 12:
                raise ValidationError(
                    self.env._(
                        "The regency's policy is to review a bribery risk at least once a "
                        "year: the review interval is 1 to 12 months."
                    )
                )

    @api.constrains("residual_likelihood", "residual_impact", "likelihood", "impact")
    def _check_residual(self):
        for risk in self:
            if (
                risk.residual_score
                and risk.inherent_score
                and (risk.residual_score > risk.inherent_score)
            ):
                raise ValidationError(
                    self.env._(
                        "The residual risk of %(risk)s cannot be higher than its inherent "
                        "risk: controls do not make a risk worse.",
                        risk=risk.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "A bribery risk is never deleted: the register is audit evidence. Archive "
                "the risk instead, or retire it when it no longer applies."
            )
        )

    # ------------------------------------------------------------------ actions

    def _review_values(self):
        today = fields.Date.context_today(self)
        return {
            "last_review_date": today,
            "reviewed_by_id": self.env.uid,
            "changed_since_review": False,
        }

    def action_assess(self):
        """Record the assessment: likelihood, impact and owner known; the first review."""
        self._check_state(("draft",), self.env._("%(record)s cannot be assessed: it is %(state)s."))
        for risk in self:
            if not (risk.likelihood and risk.impact and risk.owner_id):
                raise UserError(
                    self.env._(
                        "Give %(risk)s a likelihood, an impact and an owner before marking it "
                        "assessed.",
                        risk=risk.display_name,
                    )
                )
        self._mark_reviewed({"state": "assessed"})
        return True

    def action_treat(self):
        """The treatment plan is in place: residual likelihood and impact known."""
        self._check_state(
            ("assessed",), self.env._("%(record)s cannot be marked treated: it is %(state)s.")
        )
        for risk in self:
            if not (risk.residual_likelihood and risk.residual_impact and risk.treatment_plan):
                raise UserError(
                    self.env._(
                        "Describe the treatment plan of %(risk)s and give its residual "
                        "likelihood and impact before marking it treated.",
                        risk=risk.display_name,
                    )
                )
        self._workflow_write({"state": "treated"})
        return True

    def action_accept(self):
        """Top management accepts the remaining risk as it is."""
        self._check_state(
            ("assessed", "treated"),
            self.env._("%(record)s cannot be accepted: it is %(state)s."),
        )
        self._workflow_write({"state": "accepted"})
        return True

    def action_retire(self):
        """The process changed or ended: the risk leaves the live register, kept as history."""
        self._check_state(
            ("draft", *LIVE_STATES), self.env._("%(record)s cannot be retired: it is %(state)s.")
        )
        self._workflow_write({"state": "retired", "next_review_date": False})
        return True

    def action_reopen(self):
        """Back to draft, for a retired risk that applies again."""
        self._check_state(
            ("retired",), self.env._("%(record)s cannot be reopened: it is %(state)s.")
        )
        self._workflow_write({"state": "draft"})
        return True

    def action_review(self):
        """Record a review: the next one is planned one interval later, and the reminder
        of this period is done."""
        self._check_state(
            LIVE_STATES, self.env._("%(record)s cannot be reviewed: it is %(state)s.")
        )
        self._mark_reviewed({})
        activity_type = self.env.ref(
            "iso_compliance_anti_bribery.mail_activity_type_bribery_risk_review"
        )
        self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        ).action_feedback(feedback=self.env._("Reviewed."))
        return True

    def _mark_reviewed(self, vals):
        today = fields.Date.context_today(self)
        for risk in self:
            risk._workflow_write(
                {
                    **vals,
                    **self._review_values(),
                    "next_review_date": today + relativedelta(months=risk.review_interval_months),
                }
            )

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _cron_bribery_risk_review(self, batch_size=500, limit=10000):
        """Daily: a live risk whose review date has come gets one review activity for its
        owner (the agency's officers when it has none), once per review period."""
        self = self._in_company_context()
        return self._run_steps((self._remind_review,), fields.Datetime.now(), batch_size, limit)

    @api.model
    def _remind_review(self, now, batch_size, limit):
        return self._remind_once(
            [("is_review_due", "=", True), ("review_reminded", "=", False)],
            {"review_reminded": True},
            "iso_compliance_anti_bribery.mail_activity_type_bribery_risk_review",
            lambda env: env._("Review this bribery risk: its review date has come"),
            lambda risk: risk.owner_id or risk.agency_id.officer_ids,
            lambda risk: risk.next_review_date,
            batch_size,
            limit,
        )

    # ------------------------------------------------------------------ risk matrix

    @api.model
    def _matrix_counts(self, domain, basis="inherent"):
        """Risks matching `domain` counted per (likelihood, impact), in one query; `basis`
        is "inherent" or "residual"."""
        likelihood, impact = (
            ("likelihood", "impact")
            if basis == "inherent"
            else ("residual_likelihood", "residual_impact")
        )
        groups = self._read_group(
            [*domain, (likelihood, "!=", False), (impact, "!=", False)],
            [likelihood, impact],
            ["__count"],
        )
        return {(int(lk), int(im)): count for lk, im, count in groups}

    @api.model
    def _matrix_counts_by_agency(self, agencies):
        """({agency id: count of its risks}, {agency id: {(likelihood, impact): count of its
        live risks}}) for `agencies`, in one query."""
        groups = self._read_group(
            [("agency_id", "in", agencies.ids)],
            ["agency_id", "state", "likelihood", "impact"],
            ["__count"],
        )
        totals = defaultdict(int)
        matrices = defaultdict(dict)
        for agency, state, lk, im, count in groups:
            totals[agency.id] += count
            if state in LIVE_STATES and lk and im:
                matrices[agency.id][(int(lk), int(im))] = count
        return totals, matrices

    @api.model
    def _matrix_html(self, counts, company):
        """The 5x5 heat map: likelihood from 5 (top) to 1, impact from 1 to 5, each cell
        coloured by its level under the company's bands and showing its count."""
        levels = dict(self._fields["inherent_level"]._description_selection(self.env))
        header = Markup("").join(
            Markup("<th class='text-center' style='width:16%%'>%s</th>") % impact
            for impact in range(1, 6)
        )
        rows = []
        for lk in range(5, 0, -1):
            cells = []
            for im in range(1, 6):
                level = company._bribery_risk_level(lk * im)
                count = counts.get((lk, im), 0)
                cells.append(
                    Markup(
                        "<td class='text-center fw-bold o_iso_risk_cell' title='%s' "
                        "style='background-color:%s;height:2.2em'>%s</td>"
                    )
                    % (levels[level], LEVEL_CSS[level], count or "")
                )
            rows.append(
                Markup("<tr><th class='text-center'>%s</th>%s</tr>") % (lk, Markup("").join(cells))
            )
        return Markup(
            "<table class='table table-bordered table-sm mb-1 o_iso_risk_matrix'>"
            "<thead><tr><th class='text-center'>%s</th>%s</tr></thead><tbody>%s</tbody>"
            "</table><div class='text-muted small'>%s</div>"
        ) % (
            self.env._("Likelihood \\ Impact"),
            header,
            Markup("").join(rows),
            self.env._("Each cell counts the live risks with that likelihood and impact."),
        )
