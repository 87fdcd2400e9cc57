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
    ran = [line for line in log.splitlines() if "iso_compliance: Running migration" in line]
    assert len(ran) == 1 and "post-migrate" in ran[0], ran
    assert not log_problems(log), "\n".join(log_problems(log))
    assert odoo_cli.query(new_db, old) == [(0,)]
    xmlids = odoo_cli.query(
        new_db,
        "SELECT name FROM ir_model_data WHERE module = 'iso_compliance' "
        "AND name LIKE 'mail_template_certificate_%%'",
    )
    assert xmlids == [("mail_template_certificate_reminder_digest",)]


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
