"""Install, upgrade and uninstall iso_compliance in a new database with odoo-bin, as an
administrator would, and require a clean log at every step."""

from odoo_runner import log_problems


def test_install_with_demo_logs_no_problem(odoo_cli, new_db):
    log = odoo_cli.run("-d", new_db, "-i", "iso_compliance", "--stop-after-init", "--no-http")
    assert not log_problems(log), "\n".join(log_problems(log))
    (state,) = odoo_cli.query(
        new_db, "SELECT state FROM ir_module_module WHERE name='iso_compliance'"
    )
    assert state == ("installed",)
    (count,) = odoo_cli.query(new_db, "SELECT count(*) FROM iso_agency")
    assert count[0] >= 12, "the demo agencies were not loaded"


def test_upgrade_logs_no_problem(odoo_cli, new_db):
    log = odoo_cli.run("-d", new_db, "-u", "iso_compliance", "--stop-after-init", "--no-http")
    assert "loading iso_compliance/views/iso_agency_views.xml" in log, "the addon was not upgraded"
    assert not log_problems(log), "\n".join(log_problems(log))


def test_uninstall_removes_everything(odoo_cli, new_db):
    script = (
        "env['ir.module.module'].search([('name', '=', 'iso_compliance')])"
        ".button_immediate_uninstall()\n"
    )
    log = odoo_cli.run("-d", new_db, "--no-http", command="shell", stdin=script)
    assert not log_problems(log), "\n".join(log_problems(log))
    (state,) = odoo_cli.query(
        new_db, "SELECT state FROM ir_module_module WHERE name='iso_compliance'"
    )
    assert state == ("uninstalled",)
    tables = odoo_cli.query(
        new_db, "SELECT tablename FROM pg_tables WHERE tablename LIKE 'iso\\_%%'"
    )
    assert tables == [], f"tables left behind: {tables}"
    groups = odoo_cli.query(
        new_db, "SELECT count(*) FROM ir_model_data WHERE module = 'iso_compliance'"
    )
    assert groups == [(0,)]
