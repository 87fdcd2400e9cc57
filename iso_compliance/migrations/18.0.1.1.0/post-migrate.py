"""18.0.1.1.0 e-mails certificate reminders once per person and run (template
mail_template_certificate_reminder_digest). The per-certificate template of 18.0.1.0.0 was
noupdate data, which an upgrade keeps: remove it, unless an administrator deleted it already."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    old = env.ref(
        "iso_compliance.mail_template_certificate_expiry_reminder", raise_if_not_found=False
    )
    if old:
        old.unlink()
