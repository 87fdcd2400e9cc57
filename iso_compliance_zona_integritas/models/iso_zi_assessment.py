from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

from . import zi_scoring

STATES = [
    ("draft", "Self-assessment"),
    ("submitted", "Submitted"),
    ("review", "TPI Review"),
    ("revision", "Unit Revision"),
    ("final", "TPI Final"),
    ("decided", "Decided: Propose"),
    ("not_proposed", "Not Proposed"),
    ("proposed", "Proposed to KemenPANRB"),
    ("result", "National Result"),
    ("monitoring", "Monitoring"),
    ("cancelled", "Cancelled"),
]
TARGETS = [("wbk", "WBK"), ("wbbm", "WBBM")]
DECISION_CATEGORIES = [("wbk", "WBK"), ("wbk_afirmasi", "WBK-Afirmasi"), ("wbbm", "WBBM")]
RESULTS = [("granted", "Title Granted"), ("not_granted", "Not Granted")]
TPI_GROUP = "iso_compliance_zona_integritas.group_zi_tpi"
# What the scores and the readiness are computed from.
SCORE_DEPENDS = (
    "state",
    "template_id",
    "line_ids.unit_option_id",
    "line_ids.unit_figure",
    "line_ids.tpi_option_id",
    "line_ids.tpi_figure",
)
LEAD_GROUP = "iso_compliance_zona_integritas.group_zi_tpi_lead"
MANAGER_GROUP = "iso_compliance.group_iso_compliance_manager"

UNIT_FIELDS = frozenset(
    {
        "decree_date",
        "tlhp_percent",
        "lhkpn_percent",
        "lhkasn_percent",
        "wbk_year",
        "survey_document_ids",
        "unit_note",
    }
)
TPI_FIELDS = frozenset({"tpi_summary", "tpi_recommendation"})
DECISION_FIELDS = frozenset({"decision_category", "decision_note"})
RESULT_FIELDS = frozenset({"result", "result_date", "result_reference"})
MANAGER_FIELDS = frozenset({"period_id", "agency_id", "target", "afirmasi", "active"})
WORKFLOW_FIELDS = frozenset(
    {
        "state",
        "submitted_date",
        "revision_round",
        "decided_by_id",
        "decision_date",
        "proposal_date",
        "monitoring_note",
    }
)


class IsoZiAssessment(models.Model):
    """A unit's Zona Integritas evaluation of a year: the unit's own answers with notes and
    evidence, and the Inspectorate's (the internal evaluation team, TPI) answers and notes
    beside them, both scored by the regulation's formula; then the TPI's decision, the
    proposal to KemenPANRB, the national result and the monitoring of a unit that got its
    title. Unit officers write their unit's answers, TPI members only the TPI's, the TPI
    lead decides; every step leaves a line in the chatter."""

    _name = "iso.zi.assessment"
    _description = "Zona Integritas Assessment"
    _inherit = ["mail.thread", "mail.activity.mixin", "iso.workflow.mixin", "iso.access.mixin"]
    _order = "year desc, agency_id, id"
    _iso_workflow_fields = WORKFLOW_FIELDS
    _iso_parent_fields = frozenset({"agency_id", "period_id"})
    _iso_char_limits = {"result_reference": 120}

    name = fields.Char(compute="_compute_name", store=True)
    period_id = fields.Many2one(
        "iso.zi.period",
        string="Evaluation Year",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    template_id = fields.Many2one(
        related="period_id.template_id", store=True, string="Evaluation Sheet"
    )
    year = fields.Integer(related="period_id.year", store=True)
    agency_id = fields.Many2one(
        "iso.agency",
        string="Unit",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The agency or sub-unit (puskesmas, kecamatan, service counter) building the Zona "
        "Integritas.",
    )
    company_id = fields.Many2one(related="agency_id.company_id", store=True, index=True)
    target = fields.Selection(TARGETS, required=True, default="wbk", tracking=True)
    afirmasi = fields.Boolean(
        string="Affirmation Unit",
        tracking=True,
        help="A unit the regency may propose for WBK even when the regency's own "
        "pre-conditions are not met.",
    )
    state = fields.Selection(
        STATES,
        required=True,
        default="draft",
        tracking=True,
        index=True,
        group_expand="_expand_states",
    )
    color = fields.Integer(compute="_compute_color")
    line_ids = fields.One2many("iso.zi.assessment.line", "assessment_id", string="Answers")
    score_ids = fields.One2many("iso.zi.score", "assessment_id", string="Scores")
    # The unit's pre-conditions.
    decree_date = fields.Date(
        string="ZI Decree Date",
        tracking=True,
        help="The date of the unit's decree (SK) building the Zona Integritas.",
    )
    tlhp_percent = fields.Float(
        string="Audit Follow-up %",
        digits=(5, 2),
        tracking=True,
        help="Share of BPK and APIP findings followed up (TLHP).",
    )
    lhkpn_percent = fields.Float(string="LHKPN Compliance %", digits=(5, 2), tracking=True)
    lhkasn_percent = fields.Float(string="LHKASN Compliance %", digits=(5, 2), tracking=True)
    wbk_year = fields.Integer(
        string="WBK Since",
        tracking=True,
        help="The year the unit obtained the WBK title (for a WBBM proposal).",
    )
    survey_document_ids = fields.Many2many(
        "iso.document",
        "iso_zi_assessment_survey_document_rel",
        "assessment_id",
        "document_id",
        string="Survey Reports",
        help="The SPAK and SPKP survey reports (documents of the register).",
    )
    unit_note = fields.Html(string="Unit's Note")
    # The TPI's evaluation.
    tpi_summary = fields.Html(string="TPI Notes")
    tpi_recommendation = fields.Html(string="TPI Recommendations")
    submitted_date = fields.Date(readonly=True, copy=False)
    revision_round = fields.Integer(readonly=True, copy=False)
    decision_category = fields.Selection(DECISION_CATEGORIES, string="Proposed As", tracking=True)
    decision_note = fields.Text(string="Decision Notes", tracking=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decision_date = fields.Date(readonly=True, copy=False)
    proposal_date = fields.Date(readonly=True, copy=False)
    result = fields.Selection(RESULTS, string="National Result", tracking=True)
    result_date = fields.Date(tracking=True)
    result_reference = fields.Char(string="Decree of the Result", tracking=True)
    monitoring_note = fields.Text(readonly=True, copy=False)
    active = fields.Boolean(default=True, tracking=True)
    # Scores (both sides), stored for the recap and the dashboards.
    unit_total = fields.Float(string="Unit Score", compute="_compute_scores", store=True)
    tpi_total = fields.Float(string="TPI Score", compute="_compute_scores", store=True)
    answered_count = fields.Integer(compute="_compute_scores", store=True)
    question_count = fields.Integer(compute="_compute_scores", store=True)
    progress = fields.Float(string="Answered %", compute="_compute_scores", store=True)
    evaluated_count = fields.Integer(
        string="Evaluated by the TPI", compute="_compute_scores", store=True
    )
    wbk_ready = fields.Boolean(string="Meets WBK", compute="_compute_scores", store=True)
    wbbm_ready = fields.Boolean(string="Meets WBBM", compute="_compute_scores", store=True)
    # Written in the reader's language when read, not stored in the language of whoever
    # last changed an answer.
    wbk_missing = fields.Text(string="Missing for WBK", compute="_compute_missing")
    wbbm_missing = fields.Text(string="Missing for WBBM", compute="_compute_missing")
    score_basis = fields.Selection(
        [("unit", "The Unit's Answers"), ("tpi", "The TPI's Answers")],
        compute="_compute_scores",
        store=True,
        help="Before the TPI reviews, readiness is judged on the unit's answers; from the "
        "review on, on the TPI's.",
    )
    precondition_issues = fields.Text(
        string="Pre-conditions Not Met", compute="_compute_precondition_issues"
    )
    # Who is looking (for the form's buttons).
    zi_is_operator = fields.Boolean(string="You Operate This Unit", compute="_compute_zi_roles")
    zi_is_tpi = fields.Boolean(string="You Evaluate as TPI", compute="_compute_zi_roles")
    zi_is_lead = fields.Boolean(string="You Lead the TPI", compute="_compute_zi_roles")

    _sql_constraints = [
        (
            "unit_period_unique",
            "unique(period_id, agency_id)",
            "A unit has one assessment per evaluation year.",
        ),
    ]

    # ------------------------------------------------------------------ computes

    @api.depends("period_id.year", "agency_id.name")
    def _compute_name(self):
        for assessment in self:
            assessment.name = (
                f"ZI {assessment.period_id.year or ''} · {assessment.agency_id.name or ''}"
            )

    def _expand_states(self, states, domain):
        """Every stage a column on the board, empty or not (not the cancelled ones)."""
        return [key for key, _label in STATES if key != "cancelled"]

    @api.depends("state", "wbk_ready", "wbbm_ready", "target")
    def _compute_color(self):
        for assessment in self:
            ready = assessment.wbbm_ready if assessment.target == "wbbm" else assessment.wbk_ready
            assessment.color = (
                10 if ready else (1 if assessment.state not in ("draft", "cancelled") else 0)
            )

    @api.depends_context("uid")
    @api.depends("agency_id")
    def _compute_zi_roles(self):
        user = self.env.user
        tpi = user.has_group(TPI_GROUP)
        lead = user.has_group(LEAD_GROUP)
        for assessment in self:
            operator = assessment._zi_user_is_operator()
            assessment.zi_is_operator = operator
            assessment.zi_is_tpi = tpi and not operator
            assessment.zi_is_lead = lead and not operator

    def _zi_user_is_operator(self):
        """Whether the current user is an officer of the unit or of the agency above it."""
        self.ensure_one()
        agency = self.sudo().agency_id
        return self.env.user in (agency.officer_ids | agency.parent_id.officer_ids)

    def _answers(self, side):
        """{question id: the answer's value or number} of one side (unit, tpi) of the lines."""
        answers = {}
        for line in self.line_ids:
            answers[line.question_id.id] = line._answer_value(side)
        return answers

    def _score_results(self):
        """{assessment id: (unit result, tpi result)} of the scoring engine, the sheet's
        structure read once per sheet."""
        structures = {}
        results = {}
        for assessment in self:
            template = assessment.template_id
            if not template:
                results[assessment.id] = (None, None)
                continue
            if template.id not in structures:
                structures[template.id] = template._scoring_structure()
            nodes, questions = structures[template.id]
            zero = template.zero_denominator_value
            results[assessment.id] = (
                zi_scoring.score(nodes, questions, assessment._answers("unit"), zero),
                zi_scoring.score(nodes, questions, assessment._answers("tpi"), zero),
            )
        return results

    def _readiness(self):
        """{assessment id: (unit result, tpi result, basis, {category: issues})}: both
        sides scored, and what each category lacks on the side readiness is judged on (the
        unit's answers until the TPI reviews, the TPI's from then on)."""
        readiness = {}
        results = self._score_results()
        for assessment in self:
            assessment_id = assessment.id
            unit, tpi = results[assessment_id]
            if unit is None:
                readiness[assessment_id] = (None, None, "unit", {})
                continue
            basis = "unit" if assessment.state in ("draft", "submitted") else "tpi"
            chosen = unit if basis == "unit" else tpi
            issues = {c: assessment._missing(c, chosen, basis) for c in ("wbk", "wbbm")}
            readiness[assessment_id] = (unit, tpi, basis, issues)
        return readiness

    @api.depends(*SCORE_DEPENDS)
    def _compute_scores(self):
        readiness = self._readiness()
        for assessment in self:
            unit, tpi, basis, missing = readiness[assessment.id]
            assessment.update(
                {
                    "unit_total": unit.total if unit else 0.0,
                    "tpi_total": tpi.total if tpi else 0.0,
                    "answered_count": unit.answered if unit else 0,
                    "question_count": unit.expected if unit else 0,
                    "progress": 100.0 * unit.answered / unit.expected
                    if unit and unit.expected
                    else 0.0,
                    "evaluated_count": tpi.answered if tpi else 0,
                    "wbk_ready": bool(unit) and not missing["wbk"],
                    "wbbm_ready": bool(unit) and not missing["wbbm"],
                    "score_basis": basis,
                }
            )

    @api.depends_context("lang")
    @api.depends(*SCORE_DEPENDS)
    def _compute_missing(self):
        readiness = self._readiness()
        for assessment in self:
            missing = readiness[assessment.id][3]
            assessment.wbk_missing = "\n".join(missing.get("wbk", ())) or False
            assessment.wbbm_missing = "\n".join(missing.get("wbbm", ())) or False

    def _missing(self, category, result, basis):
        """What the unit lacks to reach `category` on `result` (a scoring result), in words:
        unanswered items, then every pass mark of the sheet not reached."""
        _ = self.env._
        issues = []
        if result.answered < result.expected:
            left = result.expected - result.answered
            if basis == "unit":
                issues.append(_("%(count)s items not answered yet", count=left))
            else:
                issues.append(_("%(count)s items not evaluated by the TPI yet", count=left))
        for mark in self.template_id.pass_mark_ids.filtered(lambda m: m.category == category):
            issues.extend(self._pass_mark_issues(mark, result))
        return issues

    def _pass_mark_issues(self, mark, result):
        _ = self.env._
        fmt = self._format_number
        if mark.target == "total":
            value = result.total
        elif mark.target == "node":
            value = result.nodes.get(mark.node_id.id, 0.0)
        elif mark.target == "question":
            item = result.values.get(mark.question_id.id)
            value = (item or 0.0) * (mark.question_id.weight or 1.0)
        else:
            return self._area_issues(mark, result)
        if float_compare(value, mark.minimum, precision_digits=6) < 0:
            return [
                _(
                    "%(name)s: %(value)s, at least %(minimum)s",
                    name=mark.name,
                    value=fmt(value),
                    minimum=fmt(mark.minimum),
                )
            ]
        return []

    def _area_issues(self, mark, result):
        _ = self.env._
        areas = self.template_id.node_ids.filtered(lambda n: n.level == "area").sorted("sort_path")
        groups = defaultdict(lambda: self.env["iso.zi.node"])
        for area in areas:
            key = (
                area.area_key
                if self.template_id.area_minimum_mode == "combined" and area.area_key
                else area.id
            )
            groups[key] |= area
        issues = []
        for group in groups.values():
            weight = sum(group.mapped("weight"))
            value = sum(result.nodes.get(area.id, 0.0) for area in group)
            percent = 100.0 * value / weight if weight else 100.0
            if float_compare(percent, mark.minimum_percent, precision_digits=6) < 0:
                label = group[0]._label() if len(group) > 1 else f"{group.code} {group._label()}"
                issues.append(
                    _(
                        "%(area)s: %(value)s of %(weight)s (%(percent)s%%), at least %(minimum)s%%",
                        area=label,
                        value=self._format_number(value),
                        weight=self._format_number(weight),
                        percent=self._format_number(percent),
                        minimum=self._format_number(mark.minimum_percent),
                    )
                )
        return issues

    def _format_number(self, value):
        lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
        return lang.format("%.2f", value, grouping=True)

    @api.depends_context("uid")
    @api.depends(
        "target",
        "afirmasi",
        "decree_date",
        "tlhp_percent",
        "lhkpn_percent",
        "lhkasn_percent",
        "wbk_year",
        "survey_document_ids",
        "period_id",
    )
    def _compute_precondition_issues(self):
        for assessment in self:
            assessment.precondition_issues = (
                "\n".join(assessment._precondition_issues(assessment.target)) or False
            )

    def _precondition_issues(self, category, regency=True):
        """The pre-conditions of the unit and (unless `regency` is False) of the regency
        that are not met to propose the unit as `category` (wbk, wbk_afirmasi, wbbm), in
        words."""
        self.ensure_one()
        _ = self.env._
        period = self.period_id.sudo()
        issues = []
        if regency and category != "wbk_afirmasi":
            regency = "wbbm" if category == "wbbm" else "wbk"
            issues += [
                _("Regency: %(issue)s", issue=issue) for issue in period._regency_issues(regency)
            ]
        reference = period.proposal_start or period.tpi_deadline or fields.Date.context_today(self)
        if not self.decree_date:
            issues.append(_("the date of the unit's ZI decree is missing"))
        elif (
            period.decree_months_min
            and self.decree_date + relativedelta(months=period.decree_months_min) > reference
        ):
            issues.append(
                _(
                    "the unit's ZI decree must be at least %(months)s months old",
                    months=period.decree_months_min,
                )
            )
        if float_compare(self.tlhp_percent, period.tlhp_min, precision_digits=2) < 0:
            issues.append(
                _(
                    "audit follow-up (TLHP) must reach %(min)s%%",
                    min=self._format_number(period.tlhp_min),
                )
            )
        for fname, label in (("lhkpn_percent", "LHKPN"), ("lhkasn_percent", "LHKASN")):
            if float_compare(self[fname], period.lhkpn_min, precision_digits=2) < 0:
                issues.append(
                    _(
                        "%(report)s compliance must reach %(min)s%%",
                        report=label,
                        min=self._format_number(period.lhkpn_min),
                    )
                )
        if not self.survey_document_ids:
            issues.append(_("the SPAK and SPKP survey reports are not attached"))
        if category == "wbbm":
            years = period.wbk_years_for_wbbm
            if not self.wbk_year:
                issues.append(_("a WBBM proposal needs the year the unit became WBK"))
            elif self.wbk_year + years > period.year:
                issues.append(_("the unit must have been WBK for %(years)s years", years=years))
        return issues

    # ------------------------------------------------------------------ constraints

    @api.constrains("tlhp_percent", "lhkpn_percent", "lhkasn_percent", "wbk_year")
    def _check_numbers(self):
        for assessment in self:
            for fname in ("tlhp_percent", "lhkpn_percent", "lhkasn_percent"):
                if not 0 <= assessment[fname] <= 100:
                    raise ValidationError(self.env._("A percentage must be between 0 and 100."))
            if assessment.wbk_year and not 2000 <= assessment.wbk_year <= assessment.year:
                raise ValidationError(
                    self.env._(
                        "The year the unit became WBK must be between 2000 and the evaluation year."
                    )
                )

    # ------------------------------------------------------------------ rights

    def _iso_writable_fields(self):
        allowed = None
        user = self.env.user
        lead = user.has_group(LEAD_GROUP)
        tpi = user.has_group(TPI_GROUP)
        manager = user.has_group(MANAGER_GROUP)
        for assessment in self:
            mine = set()
            operator = assessment._zi_user_is_operator()
            # The answers are written through the form too: each line checks its own fields.
            if operator and assessment.state in ("draft", "revision"):
                mine |= UNIT_FIELDS | {"line_ids"}
            if tpi and not operator and assessment.state in ("submitted", "review", "final"):
                mine |= TPI_FIELDS
            if tpi and not operator and assessment.state == "review":
                mine |= {"line_ids"}
            if lead and not operator:
                if assessment.state == "final":
                    mine |= DECISION_FIELDS
                if assessment.state == "proposed":
                    mine |= RESULT_FIELDS
            if manager:
                mine |= MANAGER_FIELDS if assessment.state == "draft" else {"active"}
            allowed = mine if allowed is None else allowed & mine
        return frozenset(allowed or ())

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        user = self.env.user
        if not self.env.su and not (user.has_group(LEAD_GROUP) or user.has_group(MANAGER_GROUP)):
            raise AccessError(
                self.env._(
                    "Only the TPI lead or a programme manager chooses the units evaluated in a "
                    "year."
                )
            )
        assessments = super().create(vals_list)
        assessments._create_lines()
        return assessments

    def _create_lines(self):
        """One answer line per question of the sheet and one score per part of it, made by
        the system (nobody creates or deletes them by hand)."""
        lines, scores = [], []
        for assessment in self:
            template = assessment.sudo().template_id
            for question in template.question_ids:
                lines.append(
                    {
                        "assessment_id": assessment.id,
                        "question_id": question.id,
                        "sequence": question.sequence,
                    }
                )
            for node in template.node_ids:
                scores.append({"assessment_id": assessment.id, "node_id": node.id})
        self.env["iso.zi.assessment.line"].sudo().create(lines)
        self.env["iso.zi.score"].sudo().create(scores)

    def write(self, vals):
        updates_only = all(
            isinstance(command, (list, tuple)) and command[0] == Command.UPDATE
            for command in vals.get("line_ids", [])
        )
        if not updates_only and not self.env.su:
            raise AccessError(
                self.env._(
                    "The answers of an assessment are updated one by one: none is added "
                    "or removed by hand."
                )
            )
        old_templates = {a.id: a.template_id for a in self}
        result = super().write(vals)
        if "period_id" in vals:
            changed = self.filtered(lambda a: a.template_id != old_templates[a.id])
            if changed:
                changed.sudo().line_ids.unlink()
                changed.sudo().score_ids.unlink()
                changed._create_lines()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if self.env.su:
            return
        for assessment in self:
            if assessment.state != "draft" or assessment.line_ids.filtered("answered"):
                raise UserError(
                    self.env._(
                        "%(name)s has answers or a history: cancel or archive it instead of "
                        "deleting it.",
                        name=assessment.display_name,
                    )
                )

    # ------------------------------------------------------------------ actions

    def _check_operator(self):
        for assessment in self:
            if not self.env.su and not assessment._zi_user_is_operator():
                raise AccessError(
                    self.env._(
                        "Only the officers of %(unit)s submit its self-assessment.",
                        unit=assessment.agency_id.display_name,
                    )
                )

    def _check_tpi(self, lead=False):
        group = LEAD_GROUP if lead else TPI_GROUP
        for assessment in self:
            if self.env.su:
                continue
            if not self.env.user.has_group(group):
                raise AccessError(
                    self.env._("Only the TPI lead may do this.")
                    if lead
                    else self.env._("Only a member of the TPI may do this.")
                )
            if assessment._zi_user_is_operator():
                raise AccessError(
                    self.env._(
                        "You are an officer of %(unit)s: its evaluation is done by other "
                        "members of the TPI.",
                        unit=assessment.agency_id.display_name,
                    )
                )

    def action_submit(self):
        self._check_state(
            ("draft", "revision"), self.env._("%(record)s cannot be submitted: it is %(state)s.")
        )
        self._check_operator()
        for assessment in self:
            if assessment.answered_count < assessment.question_count:
                raise UserError(
                    self.env._(
                        "%(name)s cannot be submitted: %(count)s items are not answered yet.",
                        name=assessment.display_name,
                        count=assessment.question_count - assessment.answered_count,
                    )
                )
            returned = assessment.line_ids.filtered(lambda ln: ln.review_state == "returned")
            if returned:
                raise UserError(
                    self.env._(
                        "%(name)s cannot be submitted: the TPI returned %(codes)s and they "
                        "have not been revised.",
                        name=assessment.display_name,
                        codes=", ".join(returned.mapped("question_id.code")[:10]),
                    )
                )
            assessment._workflow_write(
                {"state": "submitted", "submitted_date": fields.Date.context_today(self)}
            )
            assessment._notify_tpi(
                self.env._(
                    "%(name)s was submitted for the TPI's evaluation.", name=assessment.display_name
                )
            )
        return True

    def action_start_review(self):
        self._check_state(
            ("submitted",), self.env._("%(record)s cannot be reviewed: it is %(state)s.")
        )
        self._check_tpi()
        self._workflow_write({"state": "review"})
        return True

    def action_request_revision(self):
        self._check_state(
            ("review",), self.env._("%(record)s cannot be returned: it is %(state)s.")
        )
        self._check_tpi()
        for assessment in self:
            returned = assessment.line_ids.filtered(lambda ln: ln.review_state == "returned")
            if not returned:
                raise UserError(
                    self.env._(
                        "Return at least one item with a note before asking %(unit)s to revise.",
                        unit=assessment.agency_id.display_name,
                    )
                )
            assessment._workflow_write(
                {"state": "revision", "revision_round": assessment.revision_round + 1}
            )
            assessment.message_post(
                body=self.env._(
                    "Returned to the unit for revision: %(codes)s.",
                    codes=", ".join(returned.mapped("question_id.code")),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            assessment._notify_unit(
                self.env._(
                    "The TPI returned items of %(name)s for revision.", name=assessment.display_name
                )
            )
        return True

    def action_finalize(self):
        self._check_state(
            ("review",), self.env._("%(record)s cannot be finalised: it is %(state)s.")
        )
        self._check_tpi()
        for assessment in self:
            open_lines = assessment.line_ids.filtered(
                lambda ln: (
                    ln.question_id.answer_type != "computed"
                    and ln.review_state not in ("accepted", "corrected")
                )
            )
            if open_lines:
                raise UserError(
                    self.env._(
                        "%(name)s cannot be finalised: %(count)s items are not accepted or "
                        "corrected yet (%(codes)s).",
                        name=assessment.display_name,
                        count=len(open_lines),
                        codes=", ".join(open_lines.mapped("question_id.code")[:10]),
                    )
                )
        self._workflow_write({"state": "final"})
        return True

    def action_decide_propose(self):
        self._check_state(("final",), self.env._("%(record)s cannot be decided: it is %(state)s."))
        self._check_tpi(lead=True)
        for assessment in self:
            category = assessment.decision_category
            if not category:
                raise UserError(
                    self.env._(
                        "Choose what %(unit)s is proposed as (WBK, WBK-Afirmasi or WBBM).",
                        unit=assessment.agency_id.display_name,
                    )
                )
            score_category = "wbbm" if category == "wbbm" else "wbk"
            issues = (
                assessment.wbbm_missing if score_category == "wbbm" else assessment.wbk_missing
            ) or ""
            issues = [i for i in issues.split("\n") if i] + assessment._precondition_issues(
                category
            )
            if issues:
                raise UserError(
                    self.env._(
                        "%(unit)s cannot be proposed as %(category)s:\n- %(issues)s",
                        unit=assessment.agency_id.display_name,
                        category=dict(DECISION_CATEGORIES)[category],
                        issues="\n- ".join(issues),
                    )
                )
            assessment._workflow_write(
                {
                    "state": "decided",
                    "decided_by_id": self.env.uid,
                    "decision_date": fields.Date.context_today(self),
                }
            )
        return True

    def action_decide_not_propose(self):
        self._check_state(("final",), self.env._("%(record)s cannot be decided: it is %(state)s."))
        self._check_tpi(lead=True)
        for assessment in self:
            if not (assessment.decision_note or "").strip():
                raise UserError(
                    self.env._(
                        "Write in the decision notes why %(unit)s is not proposed.",
                        unit=assessment.agency_id.display_name,
                    )
                )
            assessment._workflow_write(
                {
                    "state": "not_proposed",
                    "decided_by_id": self.env.uid,
                    "decision_date": fields.Date.context_today(self),
                }
            )
            assessment._notify_unit(
                self.env._(
                    "The TPI decided not to propose %(name)s this year.",
                    name=assessment.display_name,
                )
            )
        return True

    def action_propose(self):
        self._check_state(
            ("decided",), self.env._("%(record)s cannot be proposed: it is %(state)s.")
        )
        self._check_tpi(lead=True)
        self._workflow_write(
            {"state": "proposed", "proposal_date": fields.Date.context_today(self)}
        )
        return True

    def action_record_result(self):
        self._check_state(
            ("proposed",), self.env._("%(record)s has no result to record: it is %(state)s.")
        )
        self._check_tpi(lead=True)
        for assessment in self:
            if not assessment.result or not assessment.result_date:
                raise UserError(self.env._("Enter the national result and its date first."))
        self._workflow_write({"state": "result"})
        return True

    def action_start_monitoring(self):
        self._check_state(
            ("result",), self.env._("%(record)s cannot be monitored: it is %(state)s.")
        )
        self._check_tpi(lead=True)
        for assessment in self:
            if assessment.result != "granted":
                raise UserError(self.env._("Only a unit that obtained its title is monitored."))
        self._workflow_write(
            {
                "state": "monitoring",
                "monitoring_note": self.env._(
                    "The TPI monitors the unit and reports to KemenPANRB."
                ),
            }
        )
        return True

    def action_cancel(self):
        self._check_state(
            ("draft", "submitted", "review", "revision", "final"),
            self.env._("%(record)s cannot be cancelled: it is %(state)s."),
        )
        if (
            not self.env.su
            and not self.env.user.has_group(MANAGER_GROUP)
            and not self.env.user.has_group(LEAD_GROUP)
        ):
            raise AccessError(
                self.env._("Only the TPI lead or a programme manager cancels an assessment.")
            )
        self._workflow_write({"state": "cancelled"})
        return True

    def action_prefill_counts(self):
        """Fill the unit's counts the reporting channel keeps (complaints to follow up,
        being processed, completed in the year): counts only, read by the system, never a
        case."""
        self.ensure_one()
        if not self._zi_user_is_operator() and not self.env.su:
            raise AccessError(self.env._("Only the officers of the unit fill its answers."))
        counts = self._channel_counts()
        lines = self.line_ids.filtered(lambda ln: ln.question_id.evidence_source in counts)
        if self.state == "revision":  # only the items the TPI returned change then
            lines = lines.filtered(lambda ln: ln.review_state in ("returned", "revised"))
        for line in lines:
            line.write({"unit_figure": str(counts[line.question_id.evidence_source])})
        return True

    def _channel_counts(self):
        """{evidence source: count} of the unit's cases received in the year, from the
        reporting channel when it is installed; empty otherwise."""
        self.ensure_one()
        if "iso.concern" not in self.env:
            return {}
        Concern = self.env["iso.concern"].sudo()
        domain = [
            ("agency_id", "child_of", self.agency_id.id),
            ("received_date", ">=", f"{self.year}-01-01"),
            ("received_date", "<", f"{self.year + 1}-01-01"),
        ]
        groups = dict(Concern._read_group(domain, ["state"], ["__count"]))
        due = sum(groups.values())
        done = groups.get("concluded", 0) + groups.get("closed", 0)
        return {"concern_due": due, "concern_open": due - done, "concern_done": done}

    def _lhe_report_data(self):
        """What the evaluation report prints: the scores of the components, sub-components
        and areas on both sides, the items with a TPI note, readiness, and the team that
        signs (the lead who decided, the members who evaluated items)."""
        self.ensure_one()
        fmt = self._format_number
        rows = []
        for score in self.score_ids.filtered(
            lambda s: s.level in ("component", "sub_component", "area")
        ):
            depth = {"component": 0, "sub_component": 1, "area": 2}[score.level]
            rows.append(
                {
                    "label": "\u00a0" * 4 * depth + score.node_id.display_name,
                    "weight": fmt(score.weight),
                    "unit": fmt(score.unit_score),
                    "tpi": fmt(score.tpi_score),
                    "bold": depth < 2,
                }
            )
        roots = self.template_id.node_ids.filtered(lambda n: not n.parent_id)
        notes = self.line_ids.filtered(lambda ln: ln.tpi_note or ln.recommendation)
        target_missing = self.wbbm_missing if self.target == "wbbm" else self.wbk_missing
        lead = self.decided_by_id or self.env.ref(LEAD_GROUP).sudo().users[:1]
        members = self.line_ids.reviewed_by_id - lead
        _ = self.env._
        return {
            "rows": rows,
            "total_weight": fmt(sum(roots.mapped("weight"))),
            "unit_total": fmt(self.unit_total),
            "tpi_total": fmt(self.tpi_total),
            "wbk": _("met") if self.wbk_ready else _("not met"),
            "wbbm": _("met") if self.wbbm_ready else _("not met"),
            "missing": [i for i in (target_missing or "").split("\n") if i],
            "notes": notes,
            "lead": lead,
            "members": members,
        }

    def _portal_workbook(self):
        """The answers in KemenPANRB's answer workbook layout (bytes of an .xlsx)."""
        from ..controllers.main import portal_workbook

        self.ensure_one()
        return portal_workbook(self)

    def action_export_portal(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/iso_zi/export/{self.id}",
            "target": "download",
        }

    @api.model
    def _demo_progress(self, assessment_id, quality, share, state):
        """Demo data only: answer `share` of the sheet of an assessment with answers whose
        quality (0..1) decides how many are the best option, then move it to `state`
        through the actions, as the TPI would (the demo's Inspector deciding)."""
        assessment = self.browse(assessment_id)
        lines = assessment.line_ids.filtered(lambda ln: ln.question_id.answer_type != "computed")
        answered = lines[: round(len(lines) * share)]
        for index, line in enumerate(answered):
            question = line.question_id
            if question.answer_type == "count":
                figure = 10 if question.code.endswith("-1") else round(10 * quality)
                if question.formula_input_decrease():
                    figure = 4 if question.code.endswith("-1") else 1
                line.write({"unit_figure": str(figure)})
            elif question.answer_type == "index":
                line.write({"unit_figure": f"{3.2 + 0.7 * quality:.2f}"})
            else:
                options = question.option_ids.sorted("sequence")
                best = (index * 37 % 100) < quality * 100
                line.write({"unit_option_id": (options[0] if best else options[1]).id})
        # Evidence from the unit's register on the items it bears on.
        documents = self.env["iso.document"].search(
            [
                "|",
                ("agency_id", "=", assessment.agency_id.id),
                ("agency_id", "=", assessment.agency_id.parent_id.id),
            ],
            limit=3,
        )
        if documents:
            answered.filtered(lambda ln: ln.question_id.evidence_source == "documents").write(
                {"document_ids": [Command.set(documents.ids)]}
            )
        if state == "draft":
            return
        assessment.action_submit()
        assessment.action_start_review()
        evaluated = assessment.line_ids.filtered(
            lambda ln: ln.question_id.answer_type != "computed"
        )
        evaluated.action_tpi_accept()
        corrected = evaluated.filtered(
            lambda ln: ln.question_id.answer_type in ("abc", "abcd", "abcde")
        )[:1]
        if corrected:
            options = corrected.question_id.option_ids.sorted("sequence")
            corrected.write(
                {
                    "tpi_option_id": options[1].id,
                    "tpi_note": self.env._(
                        "The team's decree was signed, but the members were not chosen through "
                        "an open procedure."
                    ),
                    "recommendation": self.env._(
                        "Choose the members through an open call within the unit."
                    ),
                }
            )
            corrected.action_tpi_correct()
        if state == "review":
            return
        assessment.action_finalize()
        inspector = self.env.ref("iso_compliance.user_inspector", raise_if_not_found=False)
        assessment.write(
            {
                "decision_category": "wbk",
                "decision_note": self.env._("All pass marks met on the TPI's answers."),
            }
        )
        assessment.action_decide_propose()
        if inspector:
            assessment._workflow_write({"decided_by_id": inspector.id})
        if state == "proposed":
            assessment.action_propose()

    # ------------------------------------------------------------------ notifications

    def _notify_tpi(self, summary):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        users = (
            self.env.ref(TPI_GROUP).sudo().users.filtered(lambda u: u.active and u.share is False)
        )
        for assessment in self:
            assessment.message_post(
                body=summary, message_type="comment", subtype_xmlid="mail.mt_note"
            )
            for user in (users - (assessment.agency_id.sudo().officer_ids)).filtered(
                lambda u: u.has_group(LEAD_GROUP)
            )[:1]:
                assessment.sudo().activity_schedule(
                    activity_type_id=activity_type.id, summary=summary, user_id=user.id
                )

    def _notify_unit(self, summary):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for assessment in self:
            officer = (
                assessment.agency_id.sudo().officer_ids[:1]
                or assessment.agency_id.sudo().parent_id.officer_ids[:1]
            )
            if officer:
                assessment.sudo().activity_schedule(
                    activity_type_id=activity_type.id, summary=summary, user_id=officer.id
                )

    def _line_message(self, line, body):
        self.message_post(
            body=Markup("<b>%s</b> %s") % (line.question_id.code, body),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
