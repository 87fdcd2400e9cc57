from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    iso_escalated = fields.Boolean(
        string="Escalated (ISO Mentoring)",
        readonly=True,
        copy=False,
        help="This overdue follow-up action of a mentoring engagement was escalated once.",
    )
