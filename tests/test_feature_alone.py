"""Each feature addon installs beside the programme alone (base + that addon, no other
feature), with a clean log, and uninstalls alone leaving the programme as it was: a regency
that wants only certification tracking gets no public page, no holidays package and no
register menus. One database, the features one after the other."""

import pytest
from odoo_runner import log_problems

FEATURES = ("iso_compliance_concern", "iso_compliance_anti_bribery", "iso_compliance_document")
PROGRAMME_TABLES = (
    "iso_agency",
    "iso_certificate",
    "iso_audit",
    "iso_audit_line",
    "iso_audit_finding",
    "iso_mentoring",
    "iso_mentoring_line",
)
STATE = "SELECT name, state FROM ir_module_module WHERE name LIKE 'iso\\_compliance%%' ORDER BY 1"
MENUS = """
SELECT d.module FROM ir_ui_menu m JOIN ir_model_data d
ON d.model = 'ir.ui.menu' AND d.res_id = m.id WHERE d.module LIKE 'iso\\_compliance%%'
GROUP BY 1 ORDER BY 1
"""
RECORDS = """
agency = env["iso.agency"].create({"name": "Dinas Sendiri", "code": "SENDIRI"})
iso_9001 = env.ref("iso_compliance.standard_iso_9001_2015")
engagement = env["iso.mentoring"].create(
    {"agency_id": agency.id, "standard_ids": [(6, 0, iso_9001.ids)]})
print("LINES", len(engagement.line_ids), "READINESS", engagement.readiness)
env.cr.commit()
"""


@pytest.fixture(scope="module")
def programme_only(odoo_cli, new_db):
    log = odoo_cli.run(
        "-d", new_db, "-i", "iso_compliance", "--without-demo=all", "--stop-after-init",
        "--no-http",
    )  # fmt: skip
    assert not log_problems(log), "\n".join(log_problems(log))
    out = odoo_cli.run("-d", new_db, "--no-http", command="shell", stdin=RECORDS)
    assert "READINESS 0.0" in out
    return new_db


def _tables(odoo_cli, db):
    return {
        table: odoo_cli.query(db, f'SELECT count(*) FROM "{table}"')[0][0]
        for table in PROGRAMME_TABLES
    }


def test_the_programme_alone_has_no_feature(odoo_cli, programme_only):
    states = dict(odoo_cli.query(programme_only, STATE))
    assert states["iso_compliance"] == "installed"
    assert {states.get(f) for f in FEATURES} <= {"uninstalled", None}
    assert odoo_cli.query(programme_only, MENUS) == [("iso_compliance",)]
    public = odoo_cli.query(
        programme_only, "SELECT count(*) FROM ir_ui_view WHERE key LIKE '%%concern_form_page'"
    )
    assert public == [(0,)], "no public page without the reporting channel"


@pytest.mark.parametrize("feature", FEATURES)
def test_a_feature_installs_and_uninstalls_alone(odoo_cli, programme_only, feature):
    before = _tables(odoo_cli, programme_only)
    log = odoo_cli.run(
        "-d", programme_only, "-i", feature, "--without-demo=all", "--stop-after-init",
        "--no-http",
    )  # fmt: skip
    assert not log_problems(log), "\n".join(log_problems(log))
    states = dict(odoo_cli.query(programme_only, STATE))
    assert states[feature] == "installed"
    others = [f for f in FEATURES if f != feature]
    assert {states.get(f) for f in others} <= {"uninstalled", None}, "a feature needs no other"
    assert states.get("iso_compliance_concern_anti_bribery") in ("uninstalled", None)
    assert odoo_cli.query(programme_only, MENUS) == sorted([("iso_compliance",), (feature,)])
    script = (
        f"env['ir.module.module'].search([('name', '=', '{feature}')])"
        ".button_immediate_uninstall()\n"
    )
    log = odoo_cli.run("-d", programme_only, "--no-http", command="shell", stdin=script)
    assert not log_problems(log), "\n".join(log_problems(log))
    assert dict(odoo_cli.query(programme_only, STATE))[feature] == "uninstalled"
    assert _tables(odoo_cli, programme_only) == before, "the programme's records stay"
    out = odoo_cli.run("-d", programme_only, "--no-http", command="shell", stdin=RECORDS.replace(
        "SENDIRI", f"S{len(feature)}"
    ))  # fmt: skip
    assert "READINESS 0.0" in out, "the programme still works"
