from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

# Indonesia's public holidays and the joint leave days (cuti bersama) decreed for civil
# servants, as the `holidays` package names the country and its categories.
HOLIDAY_COUNTRY = "ID"
HOLIDAY_CATEGORIES = ("public", "government")
# How the `holidays` package marks a day it guessed (an Islamic or lunar date not yet decreed).
ESTIMATE_MARK = "estimated"


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    @api.model
    def _iso_package_days(self, years):
        """{date: name} of the days off the `holidays` package knows for `years`."""
        import holidays  # an external dependency of the addon (see the manifest)

        return dict(
            holidays.country_holidays(
                HOLIDAY_COUNTRY, years=sorted(years), categories=HOLIDAY_CATEGORIES
            )
        )

    @api.model
    def _iso_days_off(self, years):
        """{date: name} of the days off in `years`: the joint decree's days the managers keep
        (iso.public.holiday) and the `holidays` package's. In a year whose decree is loaded,
        the package's estimates (a guessed Idul Fitri...) give way to the decree."""
        decreed = self.env["iso.public.holiday"]._days_off(years)
        decreed_years = {day.year for day in decreed}
        days = {
            day: name
            for day, name in self._iso_package_days(years).items()
            if not (day.year in decreed_years and ESTIMATE_MARK in name)
        }
        days.update(decreed)
        return days

    def _iso_load_public_holidays(self, years):
        """Make the days off of `years` (see _iso_days_off) leaves for everyone on these
        working calendars. The leaves this loader made are re-synced: a day no longer off (a
        corrected estimate, a revoked decree day) loses its leave, a renamed one is renamed.
        Leaves entered by hand are left alone. When anything changed, the stored deadlines of
        the open registers are recomputed. Returns whether anything changed."""
        years = {int(year) for year in years}
        if not years:
            return False
        days = self._iso_days_off(years)
        Leave = self.env["resource.calendar.leaves"].sudo().with_context(iso_holiday_sync=True)
        changed = self.browse()
        for calendar in self:
            tz = pytz.timezone(calendar.tz or "Asia/Jakarta")

            def local_day(leave, tz=tz):
                return leave.date_from.replace(tzinfo=pytz.utc).astimezone(tz).date()

            leaves = Leave.search(
                [
                    ("calendar_id", "=", calendar.id),
                    ("resource_id", "=", False),
                    ("date_from", ">=", datetime(min(years) - 1, 12, 31)),
                    ("date_from", "<", datetime(max(years) + 1, 1, 1)),
                ]
            ).filtered(lambda leave, tz=tz: local_day(leave).year in years)
            by_hand = {local_day(leave) for leave in leaves if not leave.iso_holiday}
            loaded = {}
            stale = Leave
            for leave in leaves.filtered("iso_holiday"):
                day = local_day(leave)
                if day not in days or day in by_hand or day in loaded:
                    stale |= leave
                else:
                    loaded[day] = leave
                    if leave.name != days[day]:
                        leave.name = days[day]
                        changed |= calendar
            if stale:
                stale.unlink()
                changed |= calendar
            vals_list = []
            for day, name in sorted(days.items()):
                if day in loaded or day in by_hand:
                    continue
                start = tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc)
                stop = tz.localize(datetime.combine(day, time(23, 59, 59))).astimezone(pytz.utc)
                vals_list.append(
                    {
                        "name": name,
                        "calendar_id": calendar.id,
                        "company_id": calendar.company_id.id,
                        "date_from": start.replace(tzinfo=None),
                        "date_to": stop.replace(tzinfo=None),
                        "time_type": "leave",
                        "iso_holiday": True,
                    }
                )
            if vals_list:
                Leave.create(vals_list)
                changed |= calendar
        if changed:
            changed._iso_calendar_changed()
        return bool(changed)

    def _iso_calendar_changed(self):
        """The days off of these calendars changed: recompute the stored deadlines of the
        open records counted on them (extended by the registers)."""
        self.env["iso.gratification.report"]._iso_recompute_deadlines(self)

    @api.model
    def _iso_years_to_cover(self, today):
        """The years the working calendars must know: this year and next, and every year
        that an open register's dates span (extended by the registers)."""
        years = {today.year, today.year + 1}
        years |= self.env["iso.gratification.report"]._iso_open_years()
        return years

    @api.model
    def _iso_refresh_public_holidays(self, today=None):
        """Daily: load the days off of the years to cover into every company's calendar."""
        today = today or fields.Date.context_today(self)
        calendars = self.env["res.company"].sudo().search([]).resource_calendar_id
        return calendars._iso_load_public_holidays(self._iso_years_to_cover(today))

    def _iso_add_working_days(self, start, days):
        """The date of the `days`-th working day after the date `start` (which does not
        count), on this calendar with its leaves for everyone (public holidays)."""
        self.ensure_one()
        tz = pytz.timezone(self.tz or "Asia/Jakarta")
        begin = tz.localize(datetime.combine(start + timedelta(days=1), time.min))
        end = self.plan_days(days, begin, compute_leaves=True)
        if not end:
            return False
        return end.astimezone(tz).date() if end.tzinfo else end.date()


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    iso_holiday = fields.Boolean(
        string="Loaded Public Holiday",
        readonly=True,
        help="Loaded from the joint decree's days and the holidays package, and re-synced "
        "with them.",
    )

    def _iso_global_calendars(self):
        return self.filtered(lambda leave: not leave.resource_id).calendar_id

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        if not self.env.context.get("iso_holiday_sync"):
            leaves._iso_global_calendars()._iso_calendar_changed()
        return leaves

    def write(self, vals):
        calendars = self._iso_global_calendars()
        result = super().write(vals)
        if not self.env.context.get("iso_holiday_sync") and {
            "date_from",
            "date_to",
            "calendar_id",
            "resource_id",
        } & set(vals):
            (calendars | self._iso_global_calendars())._iso_calendar_changed()
        return result

    def unlink(self):
        calendars = self._iso_global_calendars()
        result = super().unlink()
        if not self.env.context.get("iso_holiday_sync"):
            calendars._iso_calendar_changed()
        return result
