from odoo import models
from odoo.exceptions import UserError


class IsoWorkflowMixin(models.AbstractModel):
    """State transitions of certificates, audits and findings: who may, and from where."""

    _name = "iso.workflow.mixin"
    _description = "State Transition Helpers"

    def _check_state(self, allowed, message):
        """Refuse the action unless the user may write these records and every one of them
        is in one of the `allowed` states. `message` is the action's own whole sentence,
        translated, with the placeholders %(record)s and %(state)s, e.g.
        ``self.env._("%(record)s cannot be activated: it is %(state)s.")``."""
        self.check_access("write")
        labels = dict(self._fields["state"]._description_selection(self.env))
        for record in self:
            if record.state not in allowed:
                raise UserError(
                    message % {"record": record.display_name, "state": labels[record.state]}
                )
