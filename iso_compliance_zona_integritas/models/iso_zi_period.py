from odoo import api, fields, models
from odoo.exceptions import ValidationError

BPK_OPINIONS = [
    ("wtp", "WTP (Unqualified)"),
    ("wdp", "WDP (Qualified)"),
    ("tw", "TW (Adverse)"),
    ("tmp", "TMP (Disclaimer)"),
]
# Grades of SAKIP and of the bureaucratic-reform index, best first.
GRADES = [("AA", "AA"), ("A", "A"), ("BB", "BB"), ("B", "B"), ("CC", "CC"), ("C", "C"), ("D", "D")]
GRADE_RANK = {code: rank for rank, (code, _label) in enumerate(reversed(GRADES))}


def grade_at_least(grade, minimum):
    """Whether `grade` (AA best .. D worst) is `minimum` or better; False when unknown."""
    return bool(grade and minimum) and GRADE_RANK[grade] >= GRADE_RANK[minimum]


class IsoZiPeriod(models.Model):
    """A year's Zona Integritas evaluation in the regency: the sheet used, the dates the
    Inspectorate and KemenPANRB set that year (they change every year and were not found for
    2025 and 2026, so they are entered, never assumed), and the regency's own
    pre-conditions (BPK opinion, SAKIP, bureaucratic-reform index, SPIP maturity) with the
    minima to compare them with."""

    _name = "iso.zi.period"
    _description = "Zona Integritas Evaluation Period"
    _inherit = ["mail.thread", "mail.activity.mixin", "iso.access.mixin"]
    _order = "year desc, id desc"

    _editable = frozenset(
        {
            "name",
            "year",
            "template_id",
            "company_id",
            "tpi_deadline",
            "proposal_start",
            "proposal_end",
            "objection_start",
            "objection_end",
            "bpk_opinion",
            "sakip_grade",
            "rb_grade",
            "spip_level",
            "quota",
            "sakip_min_wbk",
            "sakip_min_wbbm",
            "rb_min_wbk",
            "rb_min_wbbm",
            "spip_min",
            "tlhp_min",
            "lhkpn_min",
            "decree_months_min",
            "wbk_years_for_wbbm",
            "note",
            "active",
        }
    )
    _iso_write_fields = {"manager": _editable}
    _iso_parent_fields = frozenset({"company_id"})
    _iso_char_limits = {"name": 120}

    name = fields.Char(required=True, tracking=True, help="E.g. Evaluasi Zona Integritas 2026.")
    year = fields.Integer(required=True, tracking=True)
    template_id = fields.Many2one(
        "iso.zi.template",
        string="Evaluation Sheet",
        required=True,
        ondelete="restrict",
        tracking=True,
        domain="[('year', '=', year)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    tpi_deadline = fields.Date(
        string="TPI Deadline",
        tracking=True,
        help="When the Inspectorate's evaluation must be done.",
    )
    proposal_start = fields.Date(string="Proposal Window Opens", tracking=True)
    proposal_end = fields.Date(
        string="Proposal Window Closes",
        tracking=True,
        help="The regulation's default is 31 May; KemenPANRB sets each year's window by notice.",
    )
    objection_start = fields.Date(string="Objection (Sanggah) From")
    objection_end = fields.Date(string="Objection (Sanggah) Until")
    bpk_opinion = fields.Selection(BPK_OPINIONS, string="BPK Opinion", tracking=True)
    sakip_grade = fields.Selection(GRADES, string="SAKIP Grade", tracking=True)
    rb_grade = fields.Selection(GRADES, string="Bureaucratic-Reform Index", tracking=True)
    spip_level = fields.Integer(string="SPIP Maturity Level", tracking=True)
    quota = fields.Integer(
        help="How many units KemenPANRB accepts from the regency this year (0: no limit known)."
    )
    sakip_min_wbk = fields.Selection(
        GRADES, string="Minimum SAKIP (WBK)", default="B", required=True
    )
    sakip_min_wbbm = fields.Selection(
        GRADES, string="Minimum SAKIP (WBBM)", default="BB", required=True
    )
    rb_min_wbk = fields.Selection(
        GRADES, string="Minimum RB Index (WBK)", default="CC", required=True
    )
    rb_min_wbbm = fields.Selection(
        GRADES, string="Minimum RB Index (WBBM)", default="B", required=True
    )
    spip_min = fields.Integer(string="Minimum SPIP Level", default=3)
    tlhp_min = fields.Float(
        string="Minimum Audit Follow-up %",
        default=100.0,
        help="Follow-up of BPK and APIP findings (TLHP).",
    )
    lhkpn_min = fields.Float(string="Minimum LHKPN/LHKASN %", default=100.0)
    decree_months_min = fields.Integer(
        string="Months Since the Unit's ZI Decree",
        default=12,
        help="SE MenPANRB 15/2022: a year at least.",
    )
    wbk_years_for_wbbm = fields.Integer(
        string="Years as WBK Before WBBM",
        default=2,
        help="PortalRB checks 'minimal telah 2 tahun WBK' (one source only): correct it if the "
        "year's notice says otherwise.",
    )
    note = fields.Html()
    active = fields.Boolean(default=True)
    assessment_ids = fields.One2many("iso.zi.assessment", "period_id", string="Assessments")
    assessment_count = fields.Integer(compute="_compute_assessment_count")
    regency_wbk_ok = fields.Boolean(
        string="Regency May Propose WBK", compute="_compute_regency_checks"
    )
    regency_wbbm_ok = fields.Boolean(
        string="Regency May Propose WBBM", compute="_compute_regency_checks"
    )
    regency_issues = fields.Text(
        string="Regency Pre-conditions Not Met", compute="_compute_regency_checks"
    )

    @api.depends("assessment_ids")
    def _compute_assessment_count(self):
        for period in self:
            period.assessment_count = len(period.assessment_ids)

    @api.depends(
        "bpk_opinion",
        "sakip_grade",
        "rb_grade",
        "spip_level",
        "sakip_min_wbk",
        "sakip_min_wbbm",
        "rb_min_wbk",
        "rb_min_wbbm",
        "spip_min",
    )
    def _compute_regency_checks(self):
        for period in self:
            wbk, wbbm = period._regency_issues("wbk"), period._regency_issues("wbbm")
            period.regency_wbk_ok = not wbk
            period.regency_wbbm_ok = not wbbm
            lines = [f"WBK: {issue}" for issue in wbk] + [f"WBBM: {issue}" for issue in wbbm]
            period.regency_issues = "\n".join(lines)

    def _regency_issues(self, category):
        """What the regency lacks to propose units as `category` (wbk, wbbm), in words."""
        self.ensure_one()
        _ = self.env._
        issues = []
        if self.bpk_opinion != "wtp":
            issues.append(_("the BPK opinion must be WTP"))
        sakip_min = self.sakip_min_wbk if category == "wbk" else self.sakip_min_wbbm
        if not grade_at_least(self.sakip_grade, sakip_min):
            issues.append(_("SAKIP must be %(grade)s or better", grade=sakip_min))
        rb_min = self.rb_min_wbk if category == "wbk" else self.rb_min_wbbm
        if not grade_at_least(self.rb_grade, rb_min):
            issues.append(
                _("the bureaucratic-reform index must be %(grade)s or better", grade=rb_min)
            )
        if self.spip_min and self.spip_level < self.spip_min:
            issues.append(_("SPIP maturity must be level %(level)s or higher", level=self.spip_min))
        return issues

    @api.constrains(
        "year",
        "spip_level",
        "spip_min",
        "quota",
        "tlhp_min",
        "lhkpn_min",
        "decree_months_min",
        "wbk_years_for_wbbm",
        "proposal_start",
        "proposal_end",
        "objection_start",
        "objection_end",
        "template_id",
    )
    def _check_values(self):
        _ = self.env._
        for period in self:
            if not 2000 <= period.year <= 2100:
                raise ValidationError(_("The year must be between 2000 and 2100."))
            if not 0 <= period.spip_level <= 5 or not 0 <= period.spip_min <= 5:
                raise ValidationError(_("SPIP maturity levels go from 0 to 5."))
            if min(period.quota, period.decree_months_min, period.wbk_years_for_wbbm) < 0:
                raise ValidationError(_("A quota, a number of months or years cannot be negative."))
            if not (0 <= period.tlhp_min <= 100 and 0 <= period.lhkpn_min <= 100):
                raise ValidationError(_("A percentage must be between 0 and 100."))
            for start, end in (
                ("proposal_start", "proposal_end"),
                ("objection_start", "objection_end"),
            ):
                if period[start] and period[end] and period[end] < period[start]:
                    raise ValidationError(_("A window cannot close before it opens."))
            if period.template_id.year != period.year:
                raise ValidationError(
                    _(
                        "The evaluation sheet of %(year)s must be used for the evaluation of "
                        "%(year)s.",
                        year=period.year,
                    )
                )

    def _recap_report_data(self):
        """The recap across the year's units, from the stored scores in a few grouped
        queries whatever the number of units: the six areas (Pemenuhan and Reform added),
        the total, readiness and what blocks each unit."""
        self.ensure_one()
        _ = self.env._
        assessments = self.assessment_ids.filtered(lambda a: a.state != "cancelled").sorted(
            lambda a: (-a.tpi_total if a.score_basis == "tpi" else -a.unit_total, a.agency_id.name)
        )
        areas = self.template_id.node_ids.filtered(lambda n: n.level == "area").sorted("sort_path")
        keys = []
        for area in areas:
            key = area.area_key or str(area.id)
            if key not in keys:
                keys.append(key)
        area_key = {area.id: area.area_key or str(area.id) for area in areas}
        weights = dict.fromkeys(keys, 0.0)
        labels = {}
        for area in areas:
            weights[area_key[area.id]] += area.weight
            labels.setdefault(area_key[area.id], area._label())
        sums = {}
        groups = self.env["iso.zi.score"]._read_group(
            [("assessment_id", "in", assessments.ids), ("level", "=", "area")],
            ["assessment_id", "node_id"],
            ["unit_score:sum", "tpi_score:sum"],
        )
        for assessment, node, unit_score, tpi_score in groups:
            bucket = sums.setdefault(assessment.id, dict.fromkeys(keys, 0.0))
            score = tpi_score if assessment.score_basis == "tpi" else unit_score
            bucket[area_key[node.id]] += score
        fmt = self.env["iso.zi.assessment"]._format_number
        states = dict(
            self.env["iso.zi.assessment"]._fields["state"]._description_selection(self.env)
        )
        rows = []
        for assessment in assessments:
            bucket = sums.get(assessment.id, dict.fromkeys(keys, 0.0))
            missing = (
                assessment.wbbm_missing if assessment.target == "wbbm" else assessment.wbk_missing
            )
            total = (
                assessment.tpi_total if assessment.score_basis == "tpi" else assessment.unit_total
            )
            rows.append(
                {
                    "unit": assessment.agency_id.name,
                    "state": states[assessment.state],
                    "cells": [fmt(bucket[key]) for key in keys],
                    "total": fmt(total),
                    "wbk": _("Ready") if assessment.wbk_ready else _("Not ready"),
                    "wbbm": _("Ready") if assessment.wbbm_ready else _("Not ready"),
                    "blocking": [i for i in (missing or "").split("\n") if i]
                    + assessment._precondition_issues(assessment.target, regency=False),
                }
            )
        inspectorate = self.env["iso.agency"].search(
            [
                ("agency_type", "=", "inspectorate"),
                ("company_id", "=", self.company_id.id),
                ("head_id", "!=", False),
            ],
            limit=1,
        )
        return {
            "columns": [{"label": labels[key], "weight": fmt(weights[key])} for key in keys],
            "rows": rows,
            "signer": inspectorate.head_id,
        }

    def action_open_assessments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance_zona_integritas.iso_zi_assessment_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"default_period_id": self.id}
        return action
