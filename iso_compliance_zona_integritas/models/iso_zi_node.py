from odoo import api, fields, models
from odoo.exceptions import ValidationError

LEVELS = [
    ("component", "Component"),
    ("sub_component", "Sub-component"),
    ("area", "Area of Change"),
    ("sub_area", "Sub-area"),
]
SCORINGS = [
    ("sum", "Sum of Its Parts"),
    ("average", "Average of Its Answers x Weight"),
    ("weighted", "Sum of Each Answer x Its Own Weight"),
]


class IsoZiNode(models.Model):
    """A node of the evaluation sheet's tree (component, sub-component, area of change,
    sub-area) with its weight and how its score is made from its parts."""

    _name = "iso.zi.node"
    _description = "Zona Integritas Sheet Node"
    _inherit = ["iso.access.mixin"]
    _order = "template_id, sort_path, id"
    _parent_store = True
    _rec_names_search = ["code", "name"]
    _iso_write_fields = {
        "manager": frozenset(
            {
                "template_id",
                "parent_id",
                "code",
                "name",
                "level",
                "weight",
                "scoring",
                "area_key",
                "sequence",
            }
        )
    }
    _iso_parent_fields = frozenset({"template_id", "parent_id"})
    _iso_char_limits = {"code": 30, "name": 250, "area_key": 60}

    template_id = fields.Many2one(
        "iso.zi.template", string="Evaluation Sheet", required=True, index=True, ondelete="cascade"
    )
    parent_id = fields.Many2one(
        "iso.zi.node", index=True, ondelete="cascade", domain="[('template_id', '=', template_id)]"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("iso.zi.node", "parent_id", string="Parts")
    question_ids = fields.One2many("iso.zi.question", "node_id", string="Questions")
    sequence = fields.Integer(default=10)
    code = fields.Char(
        required=True, help="E.g. A.I.5.i for the Pemenuhan sub-area on gratification."
    )
    name = fields.Char(required=True)
    level = fields.Selection(LEVELS, required=True, default="sub_area")
    weight = fields.Float(required=True, digits=(6, 2))
    scoring = fields.Selection(
        SCORINGS,
        required=True,
        default="average",
        help="Sum of its parts: areas and components. Average: a sub-area, the mean of its "
        "answered items times its weight. Each answer times its own weight: the Hasil "
        "items (survey index / 4 x 17.5, performance option x 5).",
    )
    sort_path = fields.Char(
        compute="_compute_sort_path",
        store=True,
        recursive=True,
        help="The node's place in the tree, for ordering.",
    )
    area_key = fields.Char(
        help="The same key on the Pemenuhan and the Reform half of an area of change (e.g. "
        "PENGAWASAN): the area minimum adds them up when it applies per area.",
    )

    @api.depends("sequence", "parent_id.sort_path")
    def _compute_sort_path(self):
        for node in self:
            node.sort_path = (
                f"{node.parent_id.sort_path or ''}{node.sequence:05d}.{node.id or 0:07d}/"
            )

    def _label(self):
        """The node's name as a sentence heading (the sheet writes areas in capitals)."""
        words = (self.name or "").title().split()
        return " ".join(
            word.upper() if word.upper() in ("SDM", "SOP", "SPIP", "SPBE", "TI") else word
            for word in words
        )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for node in self:
            node.display_name = f"{node.code} {node.name}" if node.code else node.name

    @api.constrains("weight")
    def _check_weight(self):
        for node in self:
            if node.weight < 0:
                raise ValidationError(self.env._("A weight cannot be negative."))

    @api.constrains("parent_id", "template_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A part of the sheet cannot contain itself."))
        for node in self:
            if node.parent_id and node.parent_id.template_id != node.template_id:
                raise ValidationError(
                    self.env._("A part of the sheet must belong to the same sheet as its parent.")
                )
