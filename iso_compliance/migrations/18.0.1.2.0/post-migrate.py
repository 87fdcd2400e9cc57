"""18.0.1.2.0 completes the ISO 9001:2015 clause library down to the fourth level (7.1.5.1,
7.5.1 ... 9.3.3: 27 clauses), which turns 7.1.5, 7.5, 8.2, 8.3, 8.4, 8.5 and 9.3 into headings.
The upgrade loads the new clauses (new records of a noupdate file are created); this brings
the checklists still being worked on in line with them: every engagement's readiness
checklist and the checklists of audits confirmed or in progress gain a line per new clause
and lose the untouched lines of the clauses that became headings; lines someone assessed or
worked on stay (iso.audit._generate_checklist, iso.mentoring._sync_lines). Reported and
closed audits are records of what was audited: left as they are.

It also removes iso.standard's surveillance_interval_months, which the cycle engine never
used (the calendar-year rule of ISO/IEC 17021-1 plans surveillance): Odoo drops its column
at the end of the upgrade."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    audits = env["iso.audit"].search([("state", "in", ("confirmed", "in_progress"))])
    audits._generate_checklist()
    env["iso.mentoring"].with_context(active_test=False).search([])._sync_lines()
