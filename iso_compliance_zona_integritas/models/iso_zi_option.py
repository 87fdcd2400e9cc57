from odoo import api, fields, models
from odoo.exceptions import ValidationError


class IsoZiOption(models.Model):
    """An answer a choice question offers (Ya/Tidak, A-E) with its criterion and value."""

    _name = "iso.zi.option"
    _description = "Zona Integritas Answer Option"
    _inherit = ["iso.access.mixin"]
    _order = "question_id, sequence, id"
    _iso_write_fields = {"manager": frozenset({"question_id", "code", "name", "value", "sequence"})}
    _iso_parent_fields = frozenset({"question_id"})
    _iso_char_limits = {"code": 10}

    question_id = fields.Many2one("iso.zi.question", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    code = fields.Char(
        required=True, help="Ya, Tidak, A, B, C, D or E: what the national portal expects."
    )
    name = fields.Text(string="Criterion", help="When this answer applies.")
    value = fields.Float(
        required=True, digits=(4, 2), help="1 for the best answer, 0 for the worst."
    )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for option in self:
            text = (option.name or "").strip()
            if text and text != option.code:
                text = text if len(text) <= 90 else text[:89] + "…"
                option.display_name = f"{option.code}. {text}"
            else:
                option.display_name = option.code

    @api.constrains("value")
    def _check_value(self):
        for option in self:
            if not 0 <= option.value <= 1:
                raise ValidationError(self.env._("An answer's value must be between 0 and 1."))
