from odoo import api, models
from odoo.osv import expression

from .iso_confidential_mixin import refuse_hidden, visible_message_domain


class MailNotification(models.Model):
    """Notifications of messages on confidential records: read only by the users who read
    the record (Odoo's own rule on notifications restricts writing only)."""

    _inherit = "mail.notification"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain, visible_message_domain(self.env)])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        return refuse_hidden(self, operation, result, visible_message_domain(self.env))
