from markupsafe import Markup

from odoo import api, models
from odoo.osv import expression

from .iso_confidential_mixin import confidential_models, refuse_hidden, visible_message_domain


class MailMail(models.Model):
    """Outgoing mails of confidential records: seen only by the users who read the record
    (the administrator reads the outgoing queue otherwise); a mail that could not be sent
    keeps no copy of the message in the queue."""

    _inherit = "mail.mail"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain, visible_message_domain(self.env)])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        return refuse_hidden(self, operation, result, visible_message_domain(self.env))

    def _postprocess_sent_message(self, success_pids, failure_reason=False, failure_type=None):
        result = super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
        if failure_type:
            names = confidential_models(self.env)
            failed = self.sudo().exists().filtered(lambda m: m.model in names)
            if failed:
                failed.write(
                    {
                        "body_html": Markup("<p>%s</p>")
                        % self.env._(
                            "This message could not be sent; its content stays on the "
                            "confidential record it belongs to."
                        )
                    }
                )
        return result
