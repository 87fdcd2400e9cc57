from odoo import api, models
from odoo.osv import expression

from .iso_confidential_mixin import confidential_models, visible_domain

# Only Python code can hold this object: set by mail.thread while it delivers a message to
# the recipients' inboxes, which formats it as each recipient (a delivery, not a read).
NOTIFYING = object()


class MailMessage(models.Model):
    """Messages on confidential records: read only by the users who read the record (Odoo
    lets an author, a recipient or a notified partner read a message whatever the record's
    rules say); changed or deleted only by their author, and only while they read it."""

    _inherit = "mail.message"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain, visible_domain(self.env, "model", "res_id")])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _get_forbidden_access(self, operation):
        forbidden = super()._get_forbidden_access(operation)
        names = confidential_models(self.env)
        rest = (self - forbidden).sudo().filtered(lambda m: m.model in names and m.res_id)
        if not rest:
            return forbidden
        by_record = {}
        for message in rest:
            by_record.setdefault((message.model, message.res_id), []).append(message.id)
        partner = self.env.user.partner_id
        for (name, res_id), message_ids in by_record.items():
            messages = self.browse(message_ids)
            record = self.env[name].browse(res_id).exists()
            if not record or not record.has_access("read"):
                forbidden |= messages
            elif operation in ("write", "unlink"):
                forbidden |= messages.filtered(lambda m: m.sudo().author_id != partner)
        return forbidden

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        self._iso_log_confidential_reads()
        return result

    def _message_fetch(
        self, domain, search_term=None, before=None, after=None, around=None, limit=30
    ):
        result = super()._message_fetch(
            domain,
            search_term=search_term,
            before=before,
            after=after,
            around=around,
            limit=limit,
        )
        result["messages"]._iso_log_confidential_reads()
        return result

    def _iso_log_confidential_reads(self):
        """Reading the messages of a confidential record is reading the record (delivering
        it to a recipient's inbox is not: the recipient's own reading of the inbox is)."""
        if self.env.su or not self or self.env.context.get("iso_notifying") is NOTIFYING:
            return
        names = confidential_models(self.env)
        by_model = {}
        for message in self.sudo():
            if message.model in names and message.res_id:
                by_model.setdefault(message.model, set()).add(message.res_id)
        for name, res_ids in by_model.items():
            self.env[name].browse(res_ids)._iso_log_read()
