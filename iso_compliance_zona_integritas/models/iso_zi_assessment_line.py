import math

from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .iso_zi_question import CHOICE_TYPES

REVIEW_STATES = [
    ("pending", "Not Evaluated"),
    ("accepted", "Accepted"),
    ("corrected", "Corrected"),
    ("returned", "Returned for Revision"),
    ("revised", "Revised by the Unit"),
]
UNIT_FIELDS = frozenset(
    {
        "unit_option_id",
        "unit_figure",
        "unit_note",
        "document_ids",
        "gratification_report_ids",
        "bribery_risk_ids",
        "audit_ids",
        "finding_ids",
        "certificate_ids",
        "evidence_ids",
    }
)
TPI_FIELDS = frozenset({"tpi_option_id", "tpi_figure", "tpi_note", "recommendation"})
# The links to the programme's registers given as evidence.
EVIDENCE_LINK_FIELDS = (
    "document_ids",
    "gratification_report_ids",
    "bribery_risk_ids",
    "audit_ids",
    "finding_ids",
    "certificate_ids",
)
WORKFLOW_FIELDS = frozenset({"review_state", "revision_count", "reviewed_by_id", "reviewed_date"})
TPI_GROUP = "iso_compliance_zona_integritas.group_zi_tpi"


class IsoZiAssessmentLine(models.Model):
    """One question of a unit's assessment: the unit's answer, note and evidence; the TPI's
    answer, note and recommendation; and where the TPI's review of it stands. The unit's
    answer is never overwritten by the TPI: the TPI's stands beside it."""

    _name = "iso.zi.assessment.line"
    _description = "Zona Integritas Answer"
    _inherit = ["iso.access.mixin"]
    _order = "assessment_id, sequence, id"
    _rec_name = "question_id"
    _iso_workflow_fields = WORKFLOW_FIELDS
    _iso_parent_fields = frozenset({"assessment_id"})

    assessment_id = fields.Many2one(
        "iso.zi.assessment", required=True, index=True, ondelete="cascade"
    )
    question_id = fields.Many2one("iso.zi.question", required=True, index=True, ondelete="restrict")
    sequence = fields.Integer()
    code = fields.Char(related="question_id.code")
    question = fields.Text(related="question_id.name", string="Question Text")
    criteria = fields.Text(related="question_id.criteria")
    node_id = fields.Many2one(related="question_id.node_id", store=True, string="Sub-area")
    answer_type = fields.Selection(related="question_id.answer_type")
    evidence_source = fields.Selection(related="question_id.evidence_source")
    agency_id = fields.Many2one(
        related="assessment_id.agency_id", store=True, index=True, string="Evaluated Unit"
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    state = fields.Selection(related="assessment_id.state", string="Assessment Status")
    zi_is_tpi = fields.Boolean(related="assessment_id.zi_is_tpi")
    zi_is_operator = fields.Boolean(related="assessment_id.zi_is_operator")
    agency_parent_id = fields.Many2one(related="agency_id.parent_id", string="Agency Above")
    # The unit's side.
    unit_option_id = fields.Many2one(
        "iso.zi.option",
        string="Unit's Answer",
        ondelete="restrict",
        domain="[('question_id', '=', question_id)]",
    )
    unit_figure = fields.Char(
        string="Unit's Figure", help="A number: a count, or a survey index from 0 to 4."
    )
    unit_note = fields.Text(string="Unit's Note")
    document_ids = fields.Many2many(
        "iso.document",
        "iso_zi_line_document_rel",
        "line_id",
        "document_id",
        string="Register Documents",
    )
    gratification_report_ids = fields.Many2many(
        "iso.gratification.report",
        "iso_zi_line_gratification_rel",
        "line_id",
        "report_id",
        string="Gratification Reports",
    )
    bribery_risk_ids = fields.Many2many(
        "iso.bribery.risk", "iso_zi_line_risk_rel", "line_id", "risk_id", string="Bribery Risks"
    )
    audit_ids = fields.Many2many(
        "iso.audit", "iso_zi_line_audit_rel", "line_id", "audit_id", string="Audits"
    )
    finding_ids = fields.Many2many(
        "iso.audit.finding",
        "iso_zi_line_finding_rel",
        "line_id",
        "finding_id",
        string="Audit Findings",
    )
    certificate_ids = fields.Many2many(
        "iso.certificate",
        "iso_zi_line_certificate_rel",
        "line_id",
        "certificate_id",
        string="Certificates",
    )
    evidence_ids = fields.One2many("iso.zi.evidence", "line_id", string="Links and Files")
    evidence_count = fields.Integer(compute="_compute_evidence_count", string="Evidence")
    register_summary = fields.Text(
        string="What the Registers Hold",
        compute="_compute_register_summary",
        help="Figures of the unit's registers for the year (counts only, never a case).",
    )
    # The TPI's side.
    tpi_option_id = fields.Many2one(
        "iso.zi.option",
        string="TPI's Answer",
        ondelete="restrict",
        domain="[('question_id', '=', question_id)]",
    )
    tpi_figure = fields.Char(string="TPI's Figure")
    tpi_note = fields.Text(string="TPI's Note")
    recommendation = fields.Text()
    review_state = fields.Selection(REVIEW_STATES, default="pending", required=True, index=True)
    revision_count = fields.Integer(default=0)
    reviewed_by_id = fields.Many2one("res.users", string="Evaluated By")
    reviewed_date = fields.Date(string="Evaluated On")
    answered = fields.Boolean(compute="_compute_values")
    unit_value = fields.Float(string="Unit's Value", compute="_compute_values", digits=(6, 4))
    tpi_value = fields.Float(string="TPI's Value", compute="_compute_values", digits=(6, 4))
    unit_answer_label = fields.Char(string="Unit", compute="_compute_values")
    tpi_answer_label = fields.Char(string="TPI", compute="_compute_values")
    differs = fields.Boolean(compute="_compute_values", string="TPI Differs")

    _sql_constraints = [
        (
            "question_unique",
            "unique(assessment_id, question_id)",
            "A question is answered once per assessment.",
        ),
    ]

    # ------------------------------------------------------------------ values

    def _answer_value(self, side):
        """The value the scoring engine takes from this line's `side` (unit, tpi): the
        option's value, the figure as a number, None when blank."""
        option = self[f"{side}_option_id"]
        if self.question_id.answer_type in CHOICE_TYPES:
            return option.value if option else None
        figure = self[f"{side}_figure"]
        return float(figure) if figure not in (False, None, "") else None

    @api.depends(
        "unit_option_id",
        "unit_figure",
        "tpi_option_id",
        "tpi_figure",
        "question_id",
        "assessment_id.line_ids.unit_figure",
        "assessment_id.line_ids.tpi_figure",
    )
    def _compute_values(self):
        results = self.assessment_id._score_results()
        for line in self:
            unit, tpi = results.get(line.assessment_id.id, (None, None))
            qid = line.question_id.id
            line.unit_value = (unit and unit.values.get(qid)) or 0.0
            line.tpi_value = (tpi and tpi.values.get(qid)) or 0.0
            line.answered = line._answer_value("unit") is not None
            line.unit_answer_label = line._label("unit", unit)
            line.tpi_answer_label = line._label("tpi", tpi)
            line.differs = bool(
                line.review_state == "corrected"
                or (line.tpi_answer_label and line.tpi_answer_label != line.unit_answer_label)
            )

    def _label(self, side, result):
        if self.question_id.answer_type in CHOICE_TYPES:
            return self[f"{side}_option_id"].code or ""
        if self.question_id.answer_type == "computed":
            value = result and result.values.get(self.question_id.id)
            return "" if value is None else f"{value * 100:.2f}%"
        return self[f"{side}_figure"] or ""

    @api.depends(
        "document_ids",
        "gratification_report_ids",
        "bribery_risk_ids",
        "audit_ids",
        "finding_ids",
        "certificate_ids",
        "evidence_ids",
    )
    def _compute_evidence_count(self):
        for line in self:
            line.evidence_count = sum(
                len(line[f])
                for f in (
                    "document_ids",
                    "gratification_report_ids",
                    "bribery_risk_ids",
                    "audit_ids",
                    "finding_ids",
                    "certificate_ids",
                    "evidence_ids",
                )
            )

    @api.depends("evidence_source", "agency_id", "assessment_id.year")
    def _compute_register_summary(self):
        for line in self:
            line.register_summary = line._register_summary() or False

    def _register_summary(self):
        """Counts of the unit's registers for the year that bear on the question."""
        source = self.question_id.evidence_source
        if not source:
            return ""
        _ = self.env._
        agency = self.agency_id
        year = self.assessment_id.year
        start, end = f"{year}-01-01", f"{year + 1}-01-01"
        if source == "gratification" and "iso.gratification.report" in self.env:
            Report = self.env["iso.gratification.report"].sudo()
            groups = dict(
                Report._read_group(
                    [
                        ("agency_id", "child_of", agency.id),
                        ("date_received", ">=", start),
                        ("date_received", "<", end),
                    ],
                    ["state"],
                    ["__count"],
                )
            )
            labels = dict(Report._fields["state"]._description_selection(self.env))
            parts = [f"{labels[state]}: {count}" for state, count in groups.items()]
            return _(
                "Gratification reports of %(year)s: %(total)s (%(parts)s).",
                year=year,
                total=sum(groups.values()),
                parts=", ".join(parts) or "-",
            )
        if source.startswith("concern"):
            counts = self.assessment_id._channel_counts()
            if not counts:
                return ""
            return _(
                "Reporting channel, %(year)s: %(due)s received, %(open)s being processed, "
                "%(done)s completed.",
                year=year,
                due=counts["concern_due"],
                open=counts["concern_open"],
                done=counts["concern_done"],
            )
        if source == "documents":
            Document = self.env["iso.document"].sudo()
            count = Document.search_count([("agency_id", "child_of", agency.id)])
            return _("Controlled documents of the unit: %(count)s.", count=count)
        if source == "risks" and "iso.bribery.risk" in self.env:
            count = (
                self.env["iso.bribery.risk"]
                .sudo()
                .search_count([("agency_id", "child_of", agency.id)])
            )
            return _("Bribery risks in the unit's register: %(count)s.", count=count)
        if source == "audits":
            count = (
                self.env["iso.audit"].sudo().search_count([("agency_id", "child_of", agency.id)])
            )
            return _("Audits of the unit: %(count)s.", count=count)
        if source == "certificates":
            certificates = (
                self.env["iso.certificate"]
                .sudo()
                .search([("agency_id", "child_of", agency.id), ("state", "=", "active")])
            )
            return _(
                "Active ISO certificates: %(names)s.",
                names=", ".join(certificates.mapped("display_name")) or "-",
            )
        return ""

    def _evidence_labels(self):
        """The evidence of the unit as lines of text: the registers' records by name, the
        free links with their address, the files by name."""
        labels = []
        for fname in (
            "document_ids",
            "gratification_report_ids",
            "bribery_risk_ids",
            "audit_ids",
            "finding_ids",
            "certificate_ids",
        ):
            labels += self[fname].mapped("display_name")
        for evidence in self.evidence_ids:
            labels.append(
                f"{evidence.name}: {evidence.url}"
                if evidence.url
                else f"{evidence.name} ({evidence.filename or ''})"
            )
        return labels

    # ------------------------------------------------------------------ checks

    @api.model
    def _normalise_figure(self, question, value):
        """The figure as stored ("12", "3.6"), or an error in words: counts are whole
        numbers from 0, a survey index goes from 0 to 4."""
        if value in (False, None) or (isinstance(value, str) and not value.strip()):
            return False
        text = str(value).strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        _ = self.env._
        if not math.isfinite(number):
            raise ValidationError(
                _("%(code)s: %(value)s is not a number.", code=question.code, value=str(value)[:20])
            )
        if question.answer_type == "count":
            if number < 0 or number != int(number):
                raise ValidationError(
                    _("%(code)s: a count is a whole number from 0.", code=question.code)
                )
            return str(int(number))
        if question.answer_type == "index":
            if not 0 <= number <= 4:
                raise ValidationError(
                    _("%(code)s: a survey index goes from 0 to 4.", code=question.code)
                )
            return f"{number:.2f}".rstrip("0").rstrip(".")
        raise ValidationError(
            _("%(code)s is answered by choosing an option, not with a figure.", code=question.code)
        )

    def _check_option(self, option_id):
        for line in self:
            option = self.env["iso.zi.option"].sudo().browse(option_id)
            if option and option.question_id != line.question_id:
                raise ValidationError(
                    self.env._(
                        "%(code)s: choose one of its own options.", code=line.question_id.code
                    )
                )
            if option and line.question_id.answer_type not in CHOICE_TYPES:
                raise ValidationError(
                    self.env._("%(code)s is answered with a figure.", code=line.question_id.code)
                )

    # ------------------------------------------------------------------ rights

    def _iso_writable_fields(self):
        allowed = None
        tpi = self.env.user.has_group(TPI_GROUP)
        for line in self:
            mine = set()
            assessment = line.sudo().assessment_id
            operator = assessment.with_env(self.env)._zi_user_is_operator()
            if operator and assessment.state in ("draft", "revision"):
                mine |= UNIT_FIELDS
            if tpi and not operator and assessment.state == "review":
                mine |= TPI_FIELDS
            allowed = mine if allowed is None else allowed & mine
        return frozenset(allowed or ())

    def _iso_refuse(self, fnames):
        """Refuse with the reason in the user's terms where the state is the reason."""
        if not self.env.su:
            for line in self:
                assessment = line.sudo().assessment_id.with_env(self.env)
                if (
                    fnames & UNIT_FIELDS
                    and assessment._zi_user_is_operator()
                    and assessment.state not in ("draft", "revision")
                ):
                    raise AccessError(
                        self.env._(
                            "%(name)s is %(state)s: the unit's answers no longer change.",
                            name=assessment.display_name,
                            state=dict(
                                assessment._fields["state"]._description_selection(self.env)
                            )[assessment.state],
                        )
                    )
                if (
                    fnames & TPI_FIELDS
                    and self.env.user.has_group(TPI_GROUP)
                    and not assessment._zi_user_is_operator()
                    and assessment.state != "review"
                ):
                    raise AccessError(
                        self.env._(
                            "The TPI's answers are written during the review: start the review "
                            "of %(name)s first.",
                            name=assessment.display_name,
                        )
                    )
        return super()._iso_refuse(fnames)

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "The answers of an assessment are made with it, one per question of its sheet."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        vals = dict(vals)
        for fname in ("unit_figure", "tpi_figure"):
            if fname in vals:
                questions = self.question_id
                if len(questions) > 1 and vals[fname]:
                    raise UserError(self.env._("Write figures one item at a time."))
                vals[fname] = (
                    self._normalise_figure(questions[:1], vals[fname]) if questions else vals[fname]
                )
        for fname in ("unit_option_id", "tpi_option_id"):
            if vals.get(fname):
                self._check_option(vals[fname])
        if not self.env.su and not self._iso_in_workflow() and set(vals) & UNIT_FIELDS:
            closed = self.filtered(
                lambda ln: (
                    ln.assessment_id.state == "revision"
                    and ln.review_state not in ("returned", "revised")
                )
            )
            if closed:
                raise UserError(
                    self.env._(
                        "%(code)s was not returned by the TPI: during a revision only the "
                        "returned items change.",
                        code=closed[0].question_id.code,
                    )
                )
        before = {line.id: (line.unit_option_id, line.unit_figure) for line in self}
        links = [f for f in EVIDENCE_LINK_FIELDS if f in vals]
        linked = {(line.id, f): set(line.sudo()[f].ids) for line in self for f in links}
        result = super().write(vals)
        if links and not self.env.su:
            self._check_evidence_links(links, linked)
        if not self.env.su and set(vals) & {"unit_option_id", "unit_figure"}:
            for line in self.filtered(lambda ln: ln.review_state in ("returned", "revised")):
                if before[line.id] != (line.unit_option_id, line.unit_figure):
                    line._workflow_write(
                        {"review_state": "revised", "revision_count": line.revision_count + 1}
                    )
        return result

    def _check_evidence_links(self, fnames, before):
        """The records newly given as evidence are the user's to read and belong to the unit
        (its agency above or its sub-units included): not another agency's, whatever ids a
        client sends."""
        for line in self:
            unit = line.sudo().agency_id
            allowed = unit | unit.parent_id
            for fname in fnames:
                added = line.sudo()[fname].filtered(
                    lambda r, b=before[(line.id, fname)]: r.id not in b
                )
                if not added:
                    continue
                added.with_env(self.env).check_access("read")
                foreign = added.filtered(
                    lambda r, allowed=allowed, unit=unit: (
                        r.agency_id not in allowed
                        and not (r.agency_id.parent_path or "").startswith(unit.parent_path or "-")
                    )
                )
                if foreign:
                    raise ValidationError(
                        self.env._(
                            "%(code)s: %(record)s belongs to %(agency)s, not to %(unit)s: give "
                            "the unit's own records as evidence.",
                            code=line.question_id.code,
                            record=foreign[0].display_name,
                            agency=foreign[0].agency_id.display_name,
                            unit=unit.display_name,
                        )
                    )

    # ------------------------------------------------------------------ TPI actions

    def _check_review(self):
        self.assessment_id._check_tpi()
        for line in self:
            if line.assessment_id.state != "review":
                raise UserError(
                    self.env._(
                        "Start the TPI review of %(name)s first.",
                        name=line.assessment_id.display_name,
                    )
                )
            if line.question_id.answer_type == "computed":
                raise UserError(
                    self.env._(
                        "%(code)s is computed from its counts: evaluate the counts.",
                        code=line.question_id.code,
                    )
                )

    def _review_vals(self, state):
        return {
            "review_state": state,
            "reviewed_by_id": self.env.uid,
            "reviewed_date": fields.Date.context_today(self),
        }

    def action_tpi_accept(self):
        """The TPI agrees with the unit's answer: it becomes the TPI's answer too."""
        self._check_review()
        for line in self:
            if line._answer_value("unit") is None:
                raise UserError(
                    self.env._(
                        "%(code)s has no answer of the unit to accept.", code=line.question_id.code
                    )
                )
            line._workflow_write(
                {
                    **self._review_vals("accepted"),
                    "tpi_option_id": line.unit_option_id.id,
                    "tpi_figure": line.unit_figure,
                }
            )
        return True

    def action_tpi_correct(self):
        """The TPI stands by its own answer, different from the unit's, and says why."""
        self._check_review()
        for line in self:
            if line._answer_value("tpi") is None:
                raise UserError(
                    self.env._(
                        "%(code)s: choose the TPI's answer before correcting.",
                        code=line.question_id.code,
                    )
                )
            if not (line.tpi_note or "").strip():
                raise UserError(
                    self.env._(
                        "%(code)s: a correction needs the TPI's note saying why.",
                        code=line.question_id.code,
                    )
                )
            line._workflow_write(self._review_vals("corrected"))
            line.assessment_id._line_message(
                line,
                self.env._(
                    "corrected by the TPI: %(unit)s → %(tpi)s. %(note)s",
                    unit=line.unit_answer_label or "-",
                    tpi=line.tpi_answer_label or "-",
                    note=line.tpi_note,
                ),
            )
        return True

    def action_tpi_return(self):
        """The TPI sends the item back to the unit with a note saying what is missing."""
        self._check_review()
        for line in self:
            if not (line.tpi_note or "").strip():
                raise UserError(
                    self.env._(
                        "%(code)s: write in the TPI's note what the unit must revise.",
                        code=line.question_id.code,
                    )
                )
            line._workflow_write(self._review_vals("returned"))
            line.assessment_id._line_message(
                line, escape(self.env._("returned to the unit: %(note)s", note=line.tpi_note))
            )
        return True
