from odoo import api, fields, models


class IsoAgency(models.Model):
    """The agency's link to the public reporting page."""

    _inherit = "iso.agency"

    concern_url = fields.Char(
        string="Whistleblowing Link",
        compute="_compute_concern_url",
        help="The address of the public reporting page with this agency already chosen: "
        "publish it on the agency's website, counters and posters.",
    )

    @api.depends("code")
    def _compute_concern_url(self):
        base = self.get_base_url() if self else ""
        for agency in self:
            agency.concern_url = f"{base}/lapor?agency={agency.code}" if agency.code else False
