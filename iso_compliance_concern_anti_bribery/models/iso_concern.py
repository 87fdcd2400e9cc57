from datetime import timedelta

from odoo import api, fields, models
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

    # ------------------------------------------------------------------ working days

    @api.model
    def _iso_working_calendar(self):
        """The company's working calendar, with the public holidays and joint leave days the
        anti-bribery addon keeps loaded (resource.calendar._iso_load_public_holidays)."""
        return self.env.company.resource_calendar_id

    @api.model
    def _add_days(self, day, days):
        """With the anti-bribery registers installed, the channel's deadlines are counted in
        working days on the same calendar as the gratification deadlines (the day they count
        from not counted), as the regencies' WBS rules count them."""
        calendar = self._iso_working_calendar()
        if not calendar:
            return super()._add_days(day, days)
        return calendar._iso_add_working_days(day, days)

    @api.model
    def _received_before(self, today, days):
        """UTC moment before which a case was received for its deadline of `days` working
        days to have passed on `today`: the day after the last day of receipt whose
        deadline is before today."""
        calendar = self._iso_working_calendar()
        if not calendar:
            return super()._received_before(today, days)
        last = today - timedelta(days=days + 1)
        while calendar._iso_add_working_days(last, days) >= today:
            last -= timedelta(days=1)
        return super()._received_before(today, (today - last).days - 1)
