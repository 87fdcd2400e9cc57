"""18.0.1.2.0 completes the ISO 9001:2015 clause library down to the fourth level (7.1.5.1,
7.5.1 ... 9.3.3: 27 clauses), which turns 7.1.5, 7.5, 8.2, 8.3, 8.4, 8.5 and 9.3 into headings.
The upgrade loads the new clauses (new records of a noupdate file are created); this brings
the checklists still being worked on in line with them: every engagement's readiness
checklist and the checklists of audits confirmed or in progress gain a line per new clause
and lose the untouched lines of the clauses that became headings; lines someone assessed or
worked on stay (iso.audit._generate_checklist, iso.mentoring._sync_lines). Reported and
closed audits are records of what was audited: left as they are. The ISO 37001:2025 clauses
that no public source confirms yet say so in their guidance."""

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import file_open


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    audits = env["iso.audit"].search([("state", "in", ("confirmed", "in_progress"))])
    audits._generate_checklist()
    env["iso.mentoring"].with_context(active_test=False).search([])._sync_lines()
    _say_which_2025_clauses_are_unconfirmed(env)


def _say_which_2025_clauses_are_unconfirmed(env):
    """The ISO 37001:2025 clauses whose number or title no public source confirms yet get
    the guidance that says so, as in a new database, unless someone wrote one already (the
    clauses are noupdate data: the upgrade does not touch them)."""
    with file_open("iso_compliance/data/iso_standard_data.xml", "rb") as data:
        records = etree.parse(data).getroot().iter("record")
        guidance = {
            record.get("id"): field.text
            for record in records
            for field in record.iterfind("field[@name='guidance']")
            if record.get("id").startswith("clause_37001_2025_")
        }
    for xmlid, text in guidance.items():
        clause = env.ref(f"iso_compliance.{xmlid}", raise_if_not_found=False)
        if clause and not clause.guidance:
            clause.guidance = text
