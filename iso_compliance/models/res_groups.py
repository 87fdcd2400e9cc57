from odoo import models

from .iso_confidential_mixin import recheck_followers


class ResGroups(models.Model):
    """Followers of confidential records are checked again when a group loses users."""

    _inherit = "res.groups"

    def write(self, vals):
        before = self.sudo().users if "users" in vals else None
        result = super().write(vals)
        if before is not None:
            recheck_followers(self.env, (before - self.sudo().users).partner_id)
        return result
