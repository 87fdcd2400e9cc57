from odoo import models

from .iso_concern import HANDLER_GROUP
from .res_users import note_new_handlers


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        group = self.env.ref(HANDLER_GROUP, raise_if_not_found=False)
        if not group:  # the channel is being uninstalled
            return super().write(vals)
        group = group.sudo()
        before = group.users if "users" in vals and group in self else None
        result = super().write(vals)
        if before is not None:
            note_new_handlers(self.env, group.users - before)
        return result
