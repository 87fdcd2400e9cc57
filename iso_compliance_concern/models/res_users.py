from markupsafe import Markup

from odoo import api, models

from .iso_concern import HANDLER_GROUP


def note_new_handlers(env, users):
    """Who becomes a concern handler reads every case of her companies: each of those cases
    says so in its chatter, with who gave the right (an administrator giving it to himself
    leaves this trace too)."""
    users = users.sudo().filtered(lambda u: not u.share)
    if not users:
        return
    Concern = env["iso.concern"].sudo()
    for user in users:
        cases = Concern.search([("company_id", "in", user.company_ids.ids)])
        if not cases:
            continue
        lang = Concern._company_lang()
        body = Markup("<p>%s</p>") % env(context=dict(env.context, lang=lang))._(
            "%(user)s became a concern handler (given by %(by)s) and may read this case.",
            user=user.name,
            by=env.user.name,
        )
        for case in cases:
            case.message_post(
                body=body,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                author_id=env.user.partner_id.id,
            )


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _iso_user_groups(self):
        """Handlers read the cases' notifications in Odoo too."""
        groups = super()._iso_user_groups()
        if self.env.ref(HANDLER_GROUP, raise_if_not_found=False):
            groups = [*groups, HANDLER_GROUP]
        return groups

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        group = self.env.ref(HANDLER_GROUP, raise_if_not_found=False)
        if group:
            note_new_handlers(self.env, users.sudo().filtered(lambda u: group in u.groups_id))
        return users

    def write(self, vals):
        group = self.env.ref(HANDLER_GROUP, raise_if_not_found=False)
        if not group:  # the channel is being uninstalled
            return super().write(vals)
        group = group.sudo()
        before = self.sudo().filtered(lambda u: group in u.groups_id)
        result = super().write(vals)
        after = self.sudo().filtered(lambda u: group in u.groups_id)
        note_new_handlers(self.env, after - before)
        return result
