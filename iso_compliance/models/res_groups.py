from odoo import models

from .iso_confidential_mixin import recheck_followers


class ResGroups(models.Model):
    """Followers of confidential records are checked again when a group loses users; users
    who join the programme through a group read its notifications in Odoo."""

    _inherit = "res.groups"

    def write(self, vals):
        before = self.sudo().users if "users" in vals else None
        in_programme = before._iso_users() if before is not None else None
        result = super().write(vals)
        if before is not None:
            users = self.sudo().users
            recheck_followers(self.env, (before - users).partner_id)
            (users - in_programme)._iso_notify_in_odoo()
        return result
