from odoo import models
from odoo.exceptions import UserError


class IsoWorkflowMixin(models.AbstractModel):
    """State transitions of certificates, audits and findings: who may, and from where."""

    _name = "iso.workflow.mixin"
    _description = "State Transition Helpers"

    def _check_state(self, allowed, action):
        """Refuse `action` (a past participle, e.g. "activated") unless the user may write
        these records and every one of them is in one of the `allowed` states."""
        self.check_access("write")
        labels = dict(self._fields["state"]._description_selection(self.env))
        for record in self:
            if record.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(record)s cannot be %(action)s: it is %(state)s.",
                        record=record.display_name,
                        action=action,
                        state=labels[record.state],
                    )
                )
