from odoo import api, fields, models
from odoo.exceptions import ValidationError

ANSWER_TYPES = [
    ("yes_no", "Ya/Tidak"),
    ("abc", "A/B/C"),
    ("abcd", "A/B/C/D"),
    ("abcde", "A/B/C/D/E"),
    ("count", "Number (Input of a Percentage)"),
    ("index", "Survey Index 0-4"),
    ("computed", "Computed Percentage"),
]
CHOICE_TYPES = ("yes_no", "abc", "abcd", "abcde")
FORMULAS = [
    ("ratio_capped", "min(1, numerator / denominator)"),
    ("decrease_ratio", "Decrease: (previous year - this year) / previous year"),
]
EVIDENCE_SOURCES = [
    ("gratification", "Gratification Reports of the Unit"),
    ("concern", "Reporting Channel (Counts Only)"),
    ("concern_due", "Count: Complaints to Follow Up"),
    ("concern_open", "Count: Complaints Being Processed"),
    ("concern_done", "Count: Complaints Completed"),
    ("documents", "Controlled Documents"),
    ("risks", "Bribery Risk Register"),
    ("audits", "Audits and Findings"),
    ("certificates", "ISO Certificates"),
]


class IsoZiQuestion(models.Model):
    """A question of the evaluation sheet: its code, PortalRB number, text and criterion,
    answer type with its options, or the formula of a computed percentage and the counts it
    is made of."""

    _name = "iso.zi.question"
    _description = "Zona Integritas Question"
    _inherit = ["iso.access.mixin"]
    _order = "template_id, sequence, id"
    _rec_names_search = ["code", "name"]
    _iso_write_fields = {
        "manager": frozenset(
            {
                "node_id",
                "sequence",
                "code",
                "soal_id",
                "name",
                "criteria",
                "answer_type",
                "option_ids",
                "weight",
                "formula",
                "numerator_ids",
                "denominator_ids",
                "excel_row",
                "evidence_source",
                "evidence_hint",
            }
        )
    }
    _iso_parent_fields = frozenset({"node_id"})
    _iso_char_limits = {"code": 40}

    node_id = fields.Many2one(
        "iso.zi.node", string="Sub-area", required=True, index=True, ondelete="cascade"
    )
    template_id = fields.Many2one(
        related="node_id.template_id", store=True, index=True, string="Evaluation Sheet"
    )
    sequence = fields.Integer(default=10)
    code = fields.Char(
        required=True,
        help="E.g. A.I.5.i.b; an input of a percentage: its percentage's code and a number.",
    )
    soal_id = fields.Integer(
        string="PortalRB No.",
        help="The question's number in KemenPANRB's PortalRB master list of the year (soal_id).",
    )
    name = fields.Text(string="Question", required=True)
    criteria = fields.Text(help="How the answer is chosen (Penjelasan).")
    answer_type = fields.Selection(ANSWER_TYPES, required=True, default="abc")
    option_ids = fields.One2many("iso.zi.option", "question_id", string="Options")
    weight = fields.Float(
        digits=(6, 2),
        help="Only in a part scored answer by answer (Hasil): IPAK 17.5, capaian kinerja 5.",
    )
    formula = fields.Selection(FORMULAS)
    numerator_ids = fields.Many2many(
        "iso.zi.question",
        "iso_zi_question_numerator_rel",
        "question_id",
        "input_id",
        domain="[('template_id', '=', template_id), ('answer_type', '=', 'count')]",
        help="This year's figure for a decrease.",
    )
    denominator_ids = fields.Many2many(
        "iso.zi.question",
        "iso_zi_question_denominator_rel",
        "question_id",
        "input_id",
        string="Denominator (Sum)",
        domain="[('template_id', '=', template_id), ('answer_type', '=', 'count')]",
        help="Added up; the previous year's figure for a decrease.",
    )
    excel_row = fields.Integer(
        string="Row in the Portal's Sheet",
        help="The row of the question in the sheet 'Jawaban' of KemenPANRB's answer workbook.",
    )
    evidence_source = fields.Selection(
        EVIDENCE_SOURCES,
        help="What this product already keeps for the question: shown next to it, and counts "
        "filled in from it on request (never a case, only counts).",
    )
    evidence_hint = fields.Text(help="What the Inspectorate expects as evidence.")

    def formula_input_decrease(self):
        """Whether this count feeds a decrease (discipline violations of two years)."""
        self.ensure_one()
        return bool(
            self.search_count(
                [
                    ("formula", "=", "decrease_ratio"),
                    "|",
                    ("numerator_ids", "in", self.ids),
                    ("denominator_ids", "in", self.ids),
                ]
            )
        )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for question in self:
            text = " ".join((question.name or "").split())
            text = text if len(text) <= 80 else text[:79] + "…"
            question.display_name = f"{question.code} {text}"

    @api.constrains("answer_type", "formula", "numerator_ids", "denominator_ids", "weight")
    def _check_formula(self):
        for question in self:
            if question.weight < 0:
                raise ValidationError(self.env._("A weight cannot be negative."))
            if question.answer_type == "computed":
                if (
                    not question.formula
                    or not question.numerator_ids
                    or not question.denominator_ids
                ):
                    raise ValidationError(
                        self.env._(
                            "%(code)s: a computed percentage needs its formula, its numerator "
                            "and its denominator.",
                            code=question.code,
                        )
                    )
                inputs = question.numerator_ids | question.denominator_ids
                if inputs.template_id != question.template_id:
                    raise ValidationError(
                        self.env._(
                            "%(code)s: its inputs must be items of the same sheet.",
                            code=question.code,
                        )
                    )
            elif question.formula:
                raise ValidationError(
                    self.env._(
                        "%(code)s: only a computed percentage has a formula.", code=question.code
                    )
                )
