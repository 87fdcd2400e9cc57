from odoo import api, fields, models
from odoo.exceptions import ValidationError

KINDS = [
    ("public_holiday", "Public Holiday"),
    ("joint_leave", "Joint Leave Day (Cuti Bersama)"),
]


class IsoPublicHoliday(models.Model):
    """A day off that the yearly joint decree of three ministers (SKB 3 Menteri) sets for
    civil servants: a national holiday or a joint leave day (cuti bersama). The decree is
    published months before any release of the `holidays` package knows it, so managers load
    or correct a year's days here; the working calendars follow at once, and so do the stored
    deadlines of the open registers (see resource.calendar._iso_load_public_holidays)."""

    _name = "iso.public.holiday"
    _description = "Public Holiday or Joint Leave Day"
    _order = "date, id"

    date = fields.Date(required=True, index=True)
    name = fields.Char(required=True, help="The day's name as the decree writes it.")
    kind = fields.Selection(KINDS, required=True, default="public_holiday")
    decree = fields.Char(
        required=True,
        help="The joint decree that sets the day, e.g. SKB 1497/2025, 2/2025, 5/2025.",
    )
    date_from = fields.Date(
        string="Decree In Force From",
        help="When the decree that sets this day took effect.",
    )
    date_to = fields.Date(
        string="Revoked On",
        help="When a later decree revoked this day; a revoked day is a working day again.",
    )
    year = fields.Integer(compute="_compute_year", store=True, index=True)
    active = fields.Boolean(default=True)

    @api.depends("date")
    def _compute_year(self):
        for day in self:
            day.year = day.date.year if day.date else 0

    @api.constrains("date_from", "date_to")
    def _check_validity(self):
        for day in self:
            if day.date_from and day.date_to and day.date_to < day.date_from:
                raise ValidationError(
                    self.env._("A decree day cannot be revoked before its decree took effect.")
                )

    @api.model
    def _days_off(self, years):
        """{date: name} of the days off these decree records set in `years` (revoked days
        left out)."""
        days = self.sudo().search([("year", "in", list(years)), ("date_to", "=", False)])
        return {day.date: day.name for day in days}

    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        days._sync_calendars(set(days.mapped("year")))
        return days

    def write(self, vals):
        years = set(self.mapped("year"))
        result = super().write(vals)
        if {"date", "name", "date_to", "active"} & set(vals):
            self._sync_calendars(years | set(self.mapped("year")))
        return result

    def unlink(self):
        years = set(self.mapped("year"))
        result = super().unlink()
        self.env["iso.public.holiday"]._sync_calendars(years)
        return result

    def _sync_calendars(self, years):
        """Reload the companies' working calendars for `years` (the deadlines follow)."""
        years = {year for year in years if year}
        if years and not self.env.context.get("iso_holiday_no_sync"):
            calendars = self.env["res.company"].sudo().search([]).resource_calendar_id
            calendars._iso_load_public_holidays(years)
