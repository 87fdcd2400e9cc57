from odoo import models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .mail_message import NOTIFYING


class MailThread(models.AbstractModel):
    """The programme's records with a chatter keep their history: the check runs before
    ``mail.thread`` deletes the record's messages, which happens before any ``ondelete``
    hook of the model could see them. Delivering a message to the recipients' inboxes
    (which Odoo formats as each recipient) is not logged as their reading it."""

    _inherit = "mail.thread"

    def unlink(self):
        if (
            self
            and hasattr(self, "_iso_unlink_except_with_history")
            and not self.env.context.get(MODULE_UNINSTALL_FLAG)
        ):
            self._iso_unlink_except_with_history()
        return super().unlink()

    def _notify_thread_by_inbox(self, message, recipients_data, msg_vals=False, **kwargs):
        return super()._notify_thread_by_inbox(
            message.with_context(iso_notifying=NOTIFYING), recipients_data, msg_vals, **kwargs
        )
