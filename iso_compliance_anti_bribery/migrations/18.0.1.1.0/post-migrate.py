"""18.0.1.1.0 keeps the gratification rules as dated data and the days off a regency keeps
current. The upgrade loads the new records (the deadline rules, the joint decree's days of
2025 and 2026: new records of a noupdate file are created); this corrects what the noupdate
data cannot: Peraturan KPK 1/2026 is in force from 20 January 2026, not 1 January, so the
shipped exceptions of 2019 end on 19 January and those of 2026 start on 20 January (unless a
manager changed them already); the reports received between 1 and 19 January 2026 get the
exception of the rule then in force. The holidays loaded before are marked as the loader's,
so that it re-syncs them; every report gets its new deadlines (UPG, forwarding, the
completion rule of its date), and the calendars reload the decree's days, the open reports
saying in their chatter which deadline moved."""

import datetime

import pytz

from odoo import SUPERUSER_ID, api

SHIPPED_2019 = ("gratification_threshold_ceremony_2019", "gratification_threshold_colleague_2019")
SHIPPED_2026 = ("gratification_threshold_ceremony_2026", "gratification_threshold_colleague_2026")
IN_FORCE_2026 = datetime.date(2026, 1, 20)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    _amendment_from_20_january(env)
    _mark_loaded_holidays(env)
    Report = env["iso.gratification.report"].with_context(active_test=False)
    reports = Report.search([])
    fnames = [
        "exception_id",
        "upg_deadline_date",
        "forward_deadline_date",
        "deadline_date",
        "completion_due_date",
    ]
    for fname in fnames:
        env.add_to_compute(Report._fields[fname], reports)
    reports._recompute_recordset(fnames)
    env["resource.calendar"]._iso_refresh_public_holidays()


def _amendment_from_20_january(env):
    def shipped(xmlids):
        records = env["iso.gratification.threshold"]
        for xmlid in xmlids:
            records |= env.ref(f"iso_compliance_anti_bribery.{xmlid}", raise_if_not_found=False)
        return records.exists()

    new = shipped(SHIPPED_2026).filtered(lambda t: t.date_from == datetime.date(2026, 1, 1))
    new.write({"date_from": IN_FORCE_2026})
    old = shipped(SHIPPED_2019).filtered(lambda t: t.date_to == datetime.date(2025, 12, 31))
    old.write({"date_to": IN_FORCE_2026 - datetime.timedelta(days=1)})


def _mark_loaded_holidays(env):
    """The leaves for everyone that the former loader made from the holidays package: same
    day, same name."""
    Leave = env["resource.calendar.leaves"]
    leaves = Leave.search([("resource_id", "=", False), ("iso_holiday", "=", False)])
    if not leaves:
        return
    years = set()
    for leave in leaves:
        years |= {leave.date_from.year, (leave.date_from + datetime.timedelta(days=1)).year}
    days = env["resource.calendar"]._iso_package_days(years)
    for leave in leaves:
        tz = pytz.timezone(leave.calendar_id.tz or "Asia/Jakarta")
        day = leave.date_from.replace(tzinfo=pytz.utc).astimezone(tz).date()
        if days.get(day) == leave.name:
            leave.with_context(iso_holiday_sync=True).iso_holiday = True
