from datetime import datetime, time, timedelta

import pytz

from odoo import models

# Indonesia's public holidays and the joint leave days (cuti bersama) decreed for civil
# servants, as the `holidays` package names the country and its categories.
HOLIDAY_COUNTRY = "ID"
HOLIDAY_CATEGORIES = ("public", "government")


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _iso_load_public_holidays(self, years):
        """Add Indonesia's public holidays and joint leave days of `years` to these working
        calendars as leaves for everyone, from the maintained `holidays` package. Days that
        already have such a leave are left alone, so running it again adds only what is
        missing (e.g. joint leave days decreed later in a newer package)."""
        import holidays  # an external dependency of the addon (see the manifest)

        days = holidays.country_holidays(
            HOLIDAY_COUNTRY, years=list(years), categories=HOLIDAY_CATEGORIES
        )
        Leave = self.env["resource.calendar.leaves"].sudo()
        created = Leave
        for calendar in self:
            tz = pytz.timezone(calendar.tz or "Asia/Jakarta")
            existing = {
                leave.date_from.replace(tzinfo=pytz.utc).astimezone(tz).date()
                for leave in Leave.search(
                    [("calendar_id", "=", calendar.id), ("resource_id", "=", False)]
                )
            }
            vals_list = []
            for day, name in sorted(days.items()):
                if day in existing:
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
                    }
                )
            created |= Leave.create(vals_list)
        return created

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
