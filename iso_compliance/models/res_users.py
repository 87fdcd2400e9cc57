from odoo import models

from .iso_confidential_mixin import recheck_followers

# Changes to a user that may change what the user reads.
_RIGHTS_FIELDS = ("groups_id", "company_ids", "company_id", "active", "share")


def _changes_rights(vals):
    return any(
        key in _RIGHTS_FIELDS or key.startswith(("in_group_", "sel_groups_")) for key in vals
    )


class ResUsers(models.Model):
    """Followers of confidential records are checked again when a user's rights change."""

    _inherit = "res.users"

    def write(self, vals):
        result = super().write(vals)
        if _changes_rights(vals):
            recheck_followers(self.env, self.sudo().partner_id)
        return result
