from odoo import api, models

from .iso_access_mixin import check_plain_values


class Base(models.AbstractModel):
    """Every model of the programme's addons, also those outside ``iso.access.mixin``
    (thresholds, standards, clauses, notes...), refuses the values ``check_plain_values``
    refuses: a model added later is covered without anyone remembering it."""

    _inherit = "base"

    def _iso_plain_values_checked(self):
        """The programme's models outside iso.access.mixin: those inside it check the same
        values in ``_iso_check_values``, earlier (before their own rules read them), and
        once (the links' look-ups are queries)."""
        return (self._original_module or "").startswith("iso_compliance") and not isinstance(
            self, type(self.env["iso.access.mixin"])
        )

    @api.model_create_multi
    def create(self, vals_list):
        if self._iso_plain_values_checked():
            for vals in vals_list:
                check_plain_values(self, vals)
        return super().create(vals_list)

    def write(self, vals):
        if self._iso_plain_values_checked():
            check_plain_values(self, vals)
        return super().write(vals)
