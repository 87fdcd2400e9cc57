from odoo import api, models

from .iso_confidential_mixin import recheck_followers

# Changes to a user that may change what the user reads.
_RIGHTS_FIELDS = ("groups_id", "company_ids", "company_id", "active", "share")
_ISO_USER_GROUP = "iso_compliance.group_iso_compliance_officer"


def _changes_rights(vals):
    return any(
        key in _RIGHTS_FIELDS or key.startswith(("in_group_", "sel_groups_")) for key in vals
    )


class ResUsers(models.Model):
    """Followers of confidential records are checked again when a user's rights change;
    users of the programme read their notifications in Odoo."""

    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        self.browse(
            user.id
            for user, vals in zip(users, vals_list, strict=True)
            if "notification_type" not in vals
        )._iso_notify_in_odoo()
        return users

    def write(self, vals):
        before = self._iso_users() if _changes_rights(vals) else self.browse()
        result = super().write(vals)
        if _changes_rights(vals):
            recheck_followers(self.env, self.sudo().partner_id)
            if "notification_type" not in vals:
                (self - before)._iso_notify_in_odoo()
        return result

    @api.model
    def _iso_user_groups(self):
        """The external ids of the groups whose members work in the programme and read its
        notifications in Odoo: the base's roles (officer and those above it); a feature
        with a group of its own adds it (the channel's handlers)."""
        return [_ISO_USER_GROUP]

    def _iso_users(self):
        """These users who have a role in the programme: members of those groups (a user's
        groups hold the groups they imply), read for all of them at once rather than one
        ``has_group`` each (a group's write at module install runs this too)."""
        groups = (
            self.env["res.groups"]
            .browse(self.env.ref(xmlid).id for xmlid in self._iso_user_groups())
            .sudo()
        )
        return self.filtered(lambda user: user.sudo().groups_id & groups)

    def _iso_notify_in_odoo(self):
        """A regency's users read their notifications in Odoo (the mail server and their
        addresses are often missing): a user who joins the programme gets them in the
        Discuss inbox instead of by e-mail; the user may change it in the preferences."""
        users = self._iso_users().filtered(lambda user: user.notification_type == "email")
        if users:
            users.sudo().write({"notification_type": "inbox"})
