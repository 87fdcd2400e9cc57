from odoo import api, fields, models
from odoo.exceptions import ValidationError

CATEGORIES = [("wbk", "WBK"), ("wbbm", "WBBM")]
TARGETS = [
    ("total", "Total Score"),
    ("node", "A Part of the Sheet"),
    ("question", "One Item"),
    ("areas", "Every Area of Change"),
]


class IsoZiPassMark(models.Model):
    """A minimum a unit's score must reach to be proposed as WBK or WBBM. The figures come
    from the implementations that agree on them, not from a regulation text that was seen:
    a manager corrects them per year."""

    _name = "iso.zi.pass.mark"
    _description = "Zona Integritas Pass Mark"
    _inherit = ["iso.access.mixin"]
    _order = "template_id, category, sequence, id"
    _iso_write_fields = {
        "manager": frozenset(
            {
                "template_id",
                "category",
                "sequence",
                "name",
                "target",
                "node_id",
                "question_id",
                "minimum",
                "minimum_percent",
            }
        )
    }
    _iso_parent_fields = frozenset({"template_id"})
    _iso_char_limits = {"name": 120}

    template_id = fields.Many2one("iso.zi.template", required=True, index=True, ondelete="cascade")
    category = fields.Selection(CATEGORIES, required=True, default="wbk")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, help="E.g. Pengungkit, IPAK, Pelayanan publik prima.")
    target = fields.Selection(TARGETS, required=True, default="node")
    node_id = fields.Many2one(
        "iso.zi.node",
        string="Part",
        ondelete="cascade",
        domain="[('template_id', '=', template_id)]",
    )
    question_id = fields.Many2one(
        "iso.zi.question",
        string="Item",
        ondelete="cascade",
        domain="[('template_id', '=', template_id)]",
    )
    minimum = fields.Float(string="Minimum Score", digits=(6, 2))
    minimum_percent = fields.Float(
        string="Minimum % of Weight", digits=(5, 2), help="For every area of change: e.g. 60."
    )

    @api.constrains("target", "node_id", "question_id", "minimum", "minimum_percent")
    def _check_target(self):
        for mark in self:
            if mark.target == "node" and not mark.node_id:
                raise ValidationError(
                    self.env._("%(name)s: choose the part of the sheet it tests.", name=mark.name)
                )
            if mark.target == "question" and not mark.question_id:
                raise ValidationError(
                    self.env._("%(name)s: choose the item it tests.", name=mark.name)
                )
            if mark.minimum < 0 or not 0 <= mark.minimum_percent <= 100:
                raise ValidationError(
                    self.env._(
                        "%(name)s: a minimum cannot be negative, nor a percentage above 100.",
                        name=mark.name,
                    )
                )
