from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

AREA_MINIMUM_MODES = [
    ("combined", "Per Area (Pemenuhan + Reform)"),
    ("split", "Per Half (Pemenuhan and Reform Separately)"),
]


class IsoZiTemplate(models.Model):
    """One year's evaluation sheet (LKE) of the Zona Integritas: the tree of components,
    areas and sub-areas with their weights, the questions with their answer types and
    options, the computed percentages, and the pass marks. Data, not code: KemenPANRB changes
    the questions from year to year, so a manager corrects it here and copies it forward to
    the next year."""

    _name = "iso.zi.template"
    _description = "Zona Integritas Evaluation Sheet (LKE)"
    _inherit = ["mail.thread", "iso.access.mixin"]
    _order = "year desc, id desc"
    _iso_write_fields = {
        "manager": frozenset(
            {
                "name",
                "year",
                "regulation",
                "source",
                "zero_denominator_value",
                "area_minimum_mode",
                "note",
                "active",
                "node_ids",
                "question_ids",
                "pass_mark_ids",
            }
        )
    }
    _iso_char_limits = {"name": 120, "regulation": 200}

    name = fields.Char(required=True, tracking=True, help="E.g. LKE Zona Integritas 2026.")
    year = fields.Integer(
        required=True,
        tracking=True,
        help="The evaluation year this sheet is used for.",
    )
    regulation = fields.Char(
        required=True,
        default="PermenPANRB No. 90 Tahun 2021, Lampiran III",
        tracking=True,
    )
    source = fields.Text(
        help="Where the questions were transcribed from (e.g. KemenPANRB PortalRB's master "
        "question list of the year).",
    )
    zero_denominator_value = fields.Float(
        string="Value When a Denominator Is 0",
        default=1.0,
        tracking=True,
        help="A computed percentage whose denominator is 0 (no change agents, no complaint "
        "to follow up, nobody obliged to report) has no value in the regulation; the "
        "official sheet shows an error. By default it counts as met (1: no obligation); ask "
        "the Inspectorate and set 0 if it should count as not met.",
    )
    area_minimum_mode = fields.Selection(
        AREA_MINIMUM_MODES,
        string="Area Minimum Applies",
        required=True,
        default="combined",
        tracking=True,
        help="Whether the minimum per area of change is tested on the area as a whole "
        "(Pemenuhan and Reform halves added) or on each half separately: implementations "
        "differ and the regulation text with the pass marks was not seen.",
    )
    note = fields.Html()
    active = fields.Boolean(default=True, tracking=True)
    node_ids = fields.One2many("iso.zi.node", "template_id", string="Components and Areas")
    question_ids = fields.One2many("iso.zi.question", "template_id", string="Questions")
    pass_mark_ids = fields.One2many("iso.zi.pass.mark", "template_id", string="Pass Marks")
    question_count = fields.Integer(compute="_compute_counts")
    total_weight = fields.Float(
        compute="_compute_counts", help="The sum of the weights of the top-level parts."
    )

    @api.depends("question_ids", "node_ids.weight", "node_ids.parent_id")
    def _compute_counts(self):
        for template in self:
            template.question_count = len(
                template.question_ids.filtered(lambda q: q.answer_type != "computed")
            )
            template.total_weight = sum(
                template.node_ids.filtered(lambda n: not n.parent_id).mapped("weight")
            )

    @api.constrains("year")
    def _check_year(self):
        for template in self:
            if not 2000 <= template.year <= 2100:
                raise ValidationError(
                    self.env._("The year of an evaluation sheet must be between 2000 and 2100.")
                )

    @api.constrains("year", "active")
    def _check_one_per_year(self):
        for template in self.filtered("active"):
            if self.search_count([("year", "=", template.year), ("id", "!=", template.id)]):
                raise ValidationError(
                    self.env._(
                        "There is already an evaluation sheet for %(year)s: archive it first.",
                        year=template.year,
                    )
                )

    @api.constrains("zero_denominator_value")
    def _check_zero_denominator_value(self):
        for template in self:
            if not 0 <= template.zero_denominator_value <= 1:
                raise ValidationError(
                    self.env._("The value when a denominator is 0 must be between 0 and 1.")
                )

    def _scoring_structure(self):
        """(nodes, questions) of the scoring engine for this sheet, read in a few queries."""
        from . import zi_scoring

        self.ensure_one()
        nodes = {
            node.id: zi_scoring.Node(node.id, node.parent_id.id or None, node.weight, node.scoring)
            for node in self.node_ids.sorted(lambda n: (n.sequence, n.id))
        }
        zi_scoring.build_tree(nodes)
        questions = {}
        for question in self.question_ids.sorted(lambda q: (q.sequence, q.id)):
            item = zi_scoring.Question(
                question.id,
                question.node_id.id,
                question.answer_type,
                question.weight,
                question.formula or None,
                tuple(question.numerator_ids.ids),
                tuple(question.denominator_ids.ids),
            )
            questions[question.id] = item
            if question.node_id.id in nodes:
                nodes[question.node_id.id].questions.append(item)
        return nodes, questions

    def action_copy_to_next_year(self):
        """The sheet for the next year, as a draft copy of this one (tree, questions,
        options, computed percentages, pass marks) that a manager then corrects."""
        self.ensure_one()
        year = self.year + 1
        if self.search_count([("year", "=", year)]):
            raise UserError(
                self.env._("There is already an evaluation sheet for %(year)s.", year=year)
            )
        new = self._copy_to_year(year)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _copy_to_year(self, year):
        self.ensure_one()
        new = self.create(
            {
                "name": self.name.replace(str(self.year), str(year))
                if str(self.year) in self.name
                else f"{self.name} {year}",
                "year": year,
                "regulation": self.regulation,
                "source": self.env._("Copied from %(name)s.", name=self.name),
                "zero_denominator_value": self.zero_denominator_value,
                "area_minimum_mode": self.area_minimum_mode,
            }
        )
        node_map = {}
        for node in self.node_ids.sorted(lambda n: (len(n.parent_path or ""), n.sequence, n.id)):
            node_map[node.id] = node.copy(
                {"template_id": new.id, "parent_id": node_map.get(node.parent_id.id, False)}
            ).id
        question_map = {}
        # The counts first, then the percentages computed from them.
        for question in self.question_ids.sorted(lambda q: (q.formula or "", q.id)):
            question_map[question.id] = question.copy(
                {
                    "node_id": node_map[question.node_id.id],
                    "numerator_ids": [
                        Command.set([question_map[q.id].id for q in question.numerator_ids])
                    ],
                    "denominator_ids": [
                        Command.set([question_map[q.id].id for q in question.denominator_ids])
                    ],
                    "option_ids": [
                        Command.create(
                            {
                                "code": o.code,
                                "name": o.name,
                                "value": o.value,
                                "sequence": o.sequence,
                            }
                        )
                        for o in question.option_ids
                    ],
                }
            )
        for mark in self.pass_mark_ids:
            mark.copy(
                {
                    "template_id": new.id,
                    "node_id": node_map.get(mark.node_id.id, False),
                    "question_id": question_map[mark.question_id.id].id
                    if mark.question_id
                    else False,
                }
            )
        new.message_post(
            body=self.env._(
                "Copied from %(name)s; check it against this year's regulation.", name=self.name
            )
        )
        return new
