from odoo import api, models
from odoo.exceptions import ValidationError


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    @api.constrains("res_model", "partner_id")
    def _check_iso_concern_follower(self):
        """A follower of a case receives its messages: only concern handlers follow cases,
        whoever adds them and however (the chatter, RPC, the superuser)."""
        concern_followers = self.filtered(lambda f: f.res_model == "iso.concern")
        if not concern_followers:
            return
        cases = self.env["iso.concern"].sudo()
        for follower in concern_followers:
            allowed = cases.browse(follower.res_id)._allowed_partners()
            if follower.partner_id not in allowed:
                raise ValidationError(self.env._("Only concern handlers may follow a case."))
