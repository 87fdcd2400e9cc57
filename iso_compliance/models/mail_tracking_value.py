from odoo import api, models
from odoo.osv import expression

from .iso_confidential_mixin import refuse_hidden, visible_message_domain


class MailTrackingValue(models.Model):
    """Tracked changes of confidential records (assignments, states, corrections): read only
    by the users who read the record."""

    _inherit = "mail.tracking.value"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain, visible_message_domain(self.env)])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        return refuse_hidden(self, operation, result, visible_message_domain(self.env))
