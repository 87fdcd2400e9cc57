"""The rules that hid cases' followers are replaced by the base addon's confidential
mechanism (iso.confidential.mixin): they go, and the new access log rule comes with the
(noupdate) security file's new records."""

from odoo import SUPERUSER_ID, api

OBSOLETE_RULES = (
    "iso_compliance_concern.mail_followers_rule_iso_concern_user",
    "iso_compliance_concern.mail_followers_rule_iso_concern_handler",
)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in OBSOLETE_RULES:
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.unlink()
