"""Install, upgrade and uninstall the programme's addons in a new database with odoo-bin, as an
administrator would, and require a clean log at every step."""

import pytest
from odoo_runner import log_problems

ADDONS = (
    "iso_compliance,iso_compliance_document,iso_compliance_anti_bribery,iso_compliance_concern,"
    "iso_compliance_zona_integritas"
)
ALL = (*ADDONS.split(","), "iso_compliance_concern_anti_bribery")


@pytest.fixture(scope="module")
def new_db(demo_db):
    """This module works on a copy of the run's demo database (every addon installed with
    its demo data by odoo-bin, see conftest.py): upgrades, migrations, then uninstall."""
    return demo_db


def test_install_with_demo_logs_no_problem(odoo_cli, new_db, demo_template):
    _template, log = demo_template
    assert not log_problems(log), "\n".join(log_problems(log))
    states = odoo_cli.query(
        new_db, "SELECT name, state FROM ir_module_module WHERE name IN %s ORDER BY 1", [ALL]
    )
    assert states == [(name, "installed") for name in sorted(ALL)], "the bridge installs itself"
    (count,) = odoo_cli.query(new_db, "SELECT count(*) FROM iso_agency")
    assert count[0] >= 12, "the demo agencies were not loaded"
    # The demo speaks Indonesian, down to what its records logged at creation.
    english = odoo_cli.query(
        new_db,
        "SELECT model, body FROM mail_message WHERE model LIKE 'iso.%%' "
        "AND body ILIKE '%%created%%'",
    )
    assert english == [], english
    (created,) = odoo_cli.query(
        new_db,
        "SELECT count(*) FROM mail_message WHERE model = 'iso.certificate' "
        "AND body LIKE '%%Sertifikat ISO dibuat%%'",
    )
    assert created[0] >= 10, "the demo certificates logged no creation in Indonesian"


def test_upgrade_logs_no_problem(odoo_cli, new_db):
    log = odoo_cli.run("-d", new_db, "-u", ADDONS, "--stop-after-init", "--no-http")
    assert "loading iso_compliance/views/iso_agency_views.xml" in log, "the addon was not upgraded"
    assert not log_problems(log), "\n".join(log_problems(log))


# The split into feature addons (the features are installed already here: nothing to move),
# and the certificates' normalised number key.
MIGRATIONS_2_0 = ["[>18.0.2.0.0] pre-migrate", "[18.0.2.0.0>] post-certificate-number"]


def migrations_run(log):
    marker = "iso_compliance: Running migration "
    return [line.split(marker)[1].strip() for line in log.splitlines() if marker in line]


def test_upgrade_from_1_0_drops_the_per_certificate_reminder_template(odoo_cli, new_db):
    """18.0.1.0.0 shipped a reminder template per certificate, as noupdate data: the
    migration to 18.0.1.1.0 removes it. Rebuilt here as 18.0.1.0.0 left it."""
    script = (
        "template = env['mail.template'].create({'name': 'Old reminder', "
        "'model_id': env['ir.model']._get_id('iso.certificate')})\n"
        "env['ir.model.data'].create({'module': 'iso_compliance', "
        "'name': 'mail_template_certificate_expiry_reminder', 'model': 'mail.template', "
        "'res_id': template.id, 'noupdate': True})\n"
        "env['ir.module.module'].search([('name', '=', 'iso_compliance')])"
        ".latest_version = '18.0.1.0.0'\n"
        "env.cr.commit()\n"
    )
    odoo_cli.run("-d", new_db, "--no-http", command="shell", stdin=script)
    old = "SELECT count(*) FROM mail_template WHERE name->>'en_US' = 'Old reminder'"
    assert odoo_cli.query(new_db, old) == [(1,)]
    log = odoo_cli.run("-d", new_db, "-u", "iso_compliance", "--stop-after-init", "--no-http")
    assert sorted(migrations_run(log)) == sorted(
        [
            "[18.0.1.1.0>] post-migrate",
            "[18.0.1.2.0>] post-migrate",
            "[>18.0.1.2.0] pre-migrate",
            *MIGRATIONS_2_0,
        ]
    )
    assert not log_problems(log), "\n".join(log_problems(log))
    assert odoo_cli.query(new_db, old) == [(0,)]
    xmlids = odoo_cli.query(
        new_db,
        "SELECT name FROM ir_model_data WHERE module = 'iso_compliance' "
        "AND name LIKE 'mail_template_certificate_%%'",
    )
    assert xmlids == [("mail_template_certificate_reminder_digest",)]


NEW_9001_CLAUSES = [
    "7.1.5.1", "7.1.5.2", "7.5.1", "7.5.2", "7.5.3", "8.2.1", "8.2.2", "8.2.3", "8.2.4",
    "8.3.1", "8.3.2", "8.3.3", "8.3.4", "8.3.5", "8.3.6", "8.4.1", "8.4.2", "8.4.3",
    "8.5.1", "8.5.2", "8.5.3", "8.5.4", "8.5.5", "8.5.6", "9.3.1", "9.3.2", "9.3.3",
]  # fmt: skip

# The database as 18.0.1.1.0 left it: ISO 9001 without its 27 fourth-level clauses (7.1.5,
# 7.5, 8.2 ... 9.3 assessable), the standards' surveillance interval column, checklists of
# an engagement and of a confirmed audit partly worked on, and a reported audit.
AS_1_1 = """
iso_9001 = env.ref("iso_compliance.standard_iso_9001_2015")
clauses = {c.number: c for c in iso_9001.clause_ids}
new = env["iso.standard.clause"].browse([clauses[n].id for n in NEW_CLAUSES])
agency = env["iso.agency"].create({"name": "Dinas Migrasi", "code": "MIGRASI"})
for table in ("iso_audit_line", "iso_mentoring_line"):
    env.cr.execute(f"DELETE FROM {table} WHERE clause_id = ANY(%s)", [new.ids])
for clause in new:  # findings on a new clause were on its parent
    env.cr.execute("UPDATE iso_audit_finding SET clause_id = %s WHERE clause_id = %s",
                   [clause.parent_id.id, clause.id])
env.invalidate_all()
new.unlink()
Audit = env["iso.audit"]
def audit(ref):
    return Audit.create({"agency_id": agency.id, "standard_ids": [(6, 0, iso_9001.ids)],
                         "window_start": "2025-03-01", "window_end": "2025-03-31",
                         "scope": ref})
running, reported = audit("MIG-RUNNING"), audit("MIG-REPORTED")
(running | reported).action_confirm()
lines = {l.clause_id.number: l for l in running.line_ids}
lines["7.1.5"].result = "conforming"
assert lines["7.5"].result == "not_assessed"
reported.line_ids.write({"result": "conforming"})
reported.write({"state": "reported"})
engagement = env["iso.mentoring"].create(
    {"agency_id": agency.id, "standard_ids": [(6, 0, iso_9001.ids)]})
steps = {l.clause_id.number: l for l in engagement.line_ids}
steps["8.2"].status = "in_progress"
env.ref("iso_compliance.clause_37001_2025_7_3").guidance = False
env.ref("iso_compliance.clause_37001_2025_8_7").guidance = "Our own note"
env.cr.execute("ALTER TABLE iso_standard ADD COLUMN surveillance_interval_months integer")
env["ir.module.module"].search([("name", "=", "iso_compliance")]).latest_version = "18.0.1.1.0"
env.cr.commit()
""".replace("NEW_CLAUSES", repr(NEW_9001_CLAUSES))


def test_upgrade_from_1_1_completes_iso_9001_and_keeps_the_work_done(odoo_cli, new_db):
    odoo_cli.run("-d", new_db, "--no-http", command="shell", stdin=AS_1_1)
    numbers = (
        "SELECT c.number FROM iso_standard_clause c JOIN ir_model_data d "
        "ON d.res_id = c.standard_id AND d.model = 'iso.standard' "
        "AND d.name = 'standard_iso_9001_2015' WHERE c.number = ANY(%s)"
    )
    assert odoo_cli.query(new_db, numbers, [NEW_9001_CLAUSES]) == []
    log = odoo_cli.run("-d", new_db, "-u", "iso_compliance", "--stop-after-init", "--no-http")
    assert sorted(migrations_run(log)) == sorted(
        ["[>18.0.1.2.0] pre-migrate", "[18.0.1.2.0>] post-migrate", *MIGRATIONS_2_0]
    )
    assert not log_problems(log), "\n".join(log_problems(log))
    assert sorted(odoo_cli.query(new_db, numbers, [NEW_9001_CLAUSES])) == sorted(
        (n,) for n in NEW_9001_CLAUSES
    )
    clause = (
        "SELECT c.number, c.is_assessable, c.name->>'id_ID' FROM iso_standard_clause c "
        "JOIN ir_model_data d ON d.res_id = c.id AND d.model = 'iso.standard.clause' "
        "WHERE d.module = 'iso_compliance' AND d.name = %s"
    )
    assert odoo_cli.query(new_db, clause, ["clause_9001_2015_7_1_5"])[0][:2] == ("7.1.5", False)
    assert odoo_cli.query(new_db, clause, ["clause_9001_2015_7_1_5_2"]) == [
        ("7.1.5.2", True, "Ketertelusuran pengukuran")
    ]
    checklist = (
        "SELECT c.number, l.result FROM iso_audit_line l JOIN iso_audit a ON a.id = l.audit_id "
        "JOIN iso_standard_clause c ON c.id = l.clause_id WHERE a.scope = %s"
    )
    running = dict(odoo_cli.query(new_db, checklist, ["MIG-RUNNING"]))
    assert running["7.1.5"] == "conforming", "an assessed line is kept"
    assert "7.5" not in running, "an untouched line of a new heading goes"
    assert {n: running.get(n) for n in NEW_9001_CLAUSES} == dict.fromkeys(
        NEW_9001_CLAUSES, "not_assessed"
    )
    reported = dict(odoo_cli.query(new_db, checklist, ["MIG-REPORTED"]))
    assert "7.5" in reported and "7.5.1" not in reported, "a reported audit is history"
    steps = dict(
        odoo_cli.query(
            new_db,
            "SELECT c.number, l.active FROM iso_mentoring_line l "
            "JOIN iso_mentoring m ON m.id = l.mentoring_id "
            "JOIN iso_agency a ON a.id = m.agency_id "
            "JOIN iso_standard_clause c ON c.id = l.clause_id WHERE a.code = 'MIGRASI'",
        )
    )
    assert steps["8.2"] is False, "a line worked on is archived, not lost"
    assert "8.3" not in steps, "an untouched line of a new heading goes"
    assert {n: steps.get(n) for n in NEW_9001_CLAUSES} == dict.fromkeys(NEW_9001_CLAUSES, True)
    guidance = (
        "SELECT d.name, c.guidance->>'en_US' FROM iso_standard_clause c JOIN ir_model_data d "
        "ON d.res_id = c.id AND d.model = 'iso.standard.clause' AND d.module = 'iso_compliance' "
        "WHERE d.name IN ('clause_37001_2025_7_3', 'clause_37001_2025_8_7')"
    )
    notes = dict(odoo_cli.query(new_db, guidance))
    assert notes["clause_37001_2025_7_3"].startswith("Not yet confirmed from a public source")
    assert notes["clause_37001_2025_8_7"] == "Our own note", "a note someone wrote stays"
    column = (
        "SELECT count(*) FROM information_schema.columns "
        "WHERE table_name = 'iso_standard' AND column_name = 'surveillance_interval_months'"
    )
    assert odoo_cli.query(new_db, column) == [(0,)]


def test_upgrade_from_1_1_keeps_the_readiness_bands(odoo_cli, new_db):
    """18.0.1.2.0 renamed the readiness bands so that they sort in order ("25" became
    "025"): the bands stored by 18.0.1.1.0 are renamed, not emptied."""
    script = (
        "env.cr.execute(\"UPDATE iso_mentoring SET readiness_band = ltrim(readiness_band, '0')"
        " WHERE readiness_band != '000'\")\n"
        "env.cr.execute(\"UPDATE iso_mentoring SET readiness_band = '0'"
        " WHERE readiness_band = '000'\")\n"
        "env['ir.module.module'].search([('name', '=', 'iso_compliance')])"
        ".latest_version = '18.0.1.1.0'\n"
        "env.cr.commit()\n"
    )
    odoo_cli.run("-d", new_db, "--no-http", command="shell", stdin=script)
    bands = "SELECT readiness_band, count(*) FROM iso_mentoring GROUP BY 1 ORDER BY 1"
    before = odoo_cli.query(new_db, bands)
    assert {band for band, _count in before} <= {"0", "25", "50", "75", "100"}, before
    assert len(before) >= 2, "the demo should spread engagements over several bands"
    log = odoo_cli.run("-d", new_db, "-u", "iso_compliance", "--stop-after-init", "--no-http")
    assert not log_problems(log), "\n".join(log_problems(log))
    old_to_new = {"0": "000", "25": "025", "50": "050", "75": "075", "100": "100"}
    assert odoo_cli.query(new_db, bands) == sorted(
        (old_to_new[band], count) for band, count in before
    )


# Records as users make them (no xml id), on the agencies, standards and certification
# bodies of the data files, with the cron's activities, followers and e-mails.
USER_RECORDS = """
agency = env.ref("iso_compliance.agency_dinkes")
iso_9001 = env.ref("iso_compliance.standard_iso_9001_2015")
body = env["res.partner"].search([("is_certification_body", "=", True)], limit=1)
new_agency = env["iso.agency"].create({"name": "Dinas Baru", "code": "BARU"})
values = {"standard_id": iso_9001.id, "certification_body_id": body.id,
          "issue_date": "2025-03-01", "decision_date": "2025-03-01"}
Certificate = env["iso.certificate"]
Certificate.create(dict(values, name="USER-1", agency_id=new_agency.id)).action_activate()
Certificate.create(dict(values, name="USER-2", agency_id=agency.id,
                        standard_id=env.ref("iso_compliance.standard_iso_37001_2025").id))
env["iso.audit"].create({"agency_id": agency.id, "standard_ids": [(6, 0, iso_9001.ids)],
                         "window_start": "2026-03-01", "window_end": "2026-03-31"})
env["iso.mentoring"].create({"agency_id": new_agency.id, "standard_ids": [(6, 0, iso_9001.ids)]})
env["iso.standard.clause"].create({"standard_id": iso_9001.id, "number": "10.9", "name": "Own"})
env.ref("iso_compliance.ir_cron_certificate_lifecycle").method_direct_trigger()
env.cr.commit()
"""


def test_uninstall_removes_everything(odoo_cli, new_db):
    odoo_cli.run("-d", new_db, "--no-http", command="shell", stdin=USER_RECORDS)
    (made,) = odoo_cli.query(
        new_db, "SELECT count(*) FROM iso_certificate WHERE name LIKE 'USER-%%'"
    )
    assert made == (2,)
    script = (
        "env['ir.module.module'].search([('name', '=', 'iso_compliance')])"
        ".button_immediate_uninstall()\n"
    )
    log = odoo_cli.run("-d", new_db, "--no-http", command="shell", stdin=script)
    assert not log_problems(log), "\n".join(log_problems(log))
    states = odoo_cli.query(
        new_db, "SELECT DISTINCT state FROM ir_module_module WHERE name IN %s", [ALL]
    )
    assert states == [("uninstalled",)], "the features go with the base"
    tables = odoo_cli.query(
        new_db, "SELECT tablename FROM pg_tables WHERE tablename LIKE 'iso\\_%%'"
    )
    assert tables == [], f"tables left behind: {tables}"
    groups = odoo_cli.query(
        new_db, "SELECT count(*) FROM ir_model_data WHERE module LIKE 'iso\\_compliance%%'"
    )
    assert groups == [(0,)]
    for table, column in (
        ("mail_message", "model"),
        ("mail_activity", "res_model"),
        ("mail_followers", "res_model"),
    ):
        left = odoo_cli.query(new_db, f"SELECT count(*) FROM {table} WHERE {column} LIKE 'iso.%%'")
        assert left == [(0,)], f"{table} rows of the addon's models left behind"
