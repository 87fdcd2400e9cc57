from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from .iso_confidential_mixin import confidential_models, refuse_hidden, visible_domain


class MailFollowers(models.Model):
    """Followers of confidential records: seen only by the users who read the record, and
    only partners the record allows (``_iso_allowed_partners``) follow it, whoever adds them
    and however (the chatter, RPC, the superuser)."""

    _inherit = "mail.followers"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain, visible_domain(self.env, "res_model", "res_id")])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        return refuse_hidden(
            self, operation, result, visible_domain(self.env, "res_model", "res_id")
        )

    @api.constrains("res_model", "res_id", "partner_id")
    def _check_iso_confidential_follower(self):
        names = confidential_models(self.env)
        for follower in self.sudo().filtered(lambda f: f.res_model in names):
            record = self.env[follower.res_model].sudo().browse(follower.res_id)
            if not record._iso_allowed_partners(follower.partner_id):
                raise ValidationError(
                    self.env._(
                        "Only the people who may read %(record)s may follow it.",
                        record=self.env["ir.model"]._get(follower.res_model).name,
                    )
                )
