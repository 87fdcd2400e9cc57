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
    for table, column in (
        ("mail_message", "model"),
        ("mail_activity", "res_model"),
        ("mail_followers", "res_model"),
    ):
        left = odoo_cli.query(new_db, f"SELECT count(*) FROM {table} WHERE {column} LIKE 'iso.%%'")
        assert left == [(0,)], f"{table} rows of the addon's models left behind"
