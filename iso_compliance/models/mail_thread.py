from odoo import models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG


class MailThread(models.AbstractModel):
    """The programme's records with a chatter keep their history: the check runs before
    ``mail.thread`` deletes the record's messages, which happens before any ``ondelete``
    hook of the model could see them."""

    _inherit = "mail.thread"

    def unlink(self):
        if (
            self
            and hasattr(self, "_iso_unlink_except_with_history")
            and not self.env.context.get(MODULE_UNINSTALL_FLAG)
        ):
            self._iso_unlink_except_with_history()
        return super().unlink()
