from odoo import api, models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    @api.model
    def _iso_years_to_cover(self, today):
        """Also the years of the reporting channel's cases still awaiting acknowledgement or
        assessment, whose deadlines run on the same calendar."""
        years = super()._iso_years_to_cover(today)
        for (day,) in (
            self.env["iso.concern"]
            .sudo()
            ._read_group([("state", "in", ("received", "acknowledged"))], ["received_date:year"])
        ):
            if day:
                years |= {day.year, day.year + 1}
        return years
