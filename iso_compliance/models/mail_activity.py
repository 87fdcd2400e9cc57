from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from .iso_confidential_mixin import confidential_models, refuse_hidden, visible_domain


class MailActivity(models.Model):
    """Activities of confidential records: seen only by the users who read the record (Odoo
    shows an activity to its assignee whatever the record's rules say), and assigned only to
    users the record allows (``_iso_allowed_partners``)."""

    _inherit = "mail.activity"

    iso_escalated = fields.Boolean(
        string="Escalated (ISO Mentoring)",
        readonly=True,
        copy=False,
        help="This overdue follow-up action of a mentoring engagement was escalated once.",
    )

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

    @api.constrains("res_model", "res_id", "user_id")
    def _check_iso_confidential_assignee(self):
        names = confidential_models(self.env)
        for activity in self.sudo().filtered(lambda a: a.res_model in names and a.user_id):
            record = self.env[activity.res_model].sudo().browse(activity.res_id)
            if not record._iso_allowed_partners(activity.user_id.partner_id):
                raise ValidationError(
                    self.env._(
                        "Activities on %(record)s may be assigned only to the people who may "
                        "read it.",
                        record=self.env["ir.model"]._get(activity.res_model).name,
                    )
                )
