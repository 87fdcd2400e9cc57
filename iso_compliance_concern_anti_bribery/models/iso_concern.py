from odoo import fields, models
from odoo.addons.iso_compliance_concern.models.iso_concern import HANDLER_GROUP


class IsoConcern(models.Model):
    """A case names the bribery risk of the agency's register it shows, or that it leads to
    assess again (ISO 37001 4.5 and 8.9): where the channel and the registers meet."""

    _inherit = "iso.concern"

    bribery_risk_id = fields.Many2one(
        "iso.bribery.risk",
        string="Related Bribery Risk",
        ondelete="set null",
        help="The bribery risk of the agency's register the case shows, or that it leads to "
        "assess again (ISO 37001 4.5).",
    )

    def _iso_writable_fields(self):
        writable = super()._iso_writable_fields()
        if self.env.user.has_group(HANDLER_GROUP):
            writable |= {"bribery_risk_id"}
        return writable
