"""18.0.2.0.0 compares certificate numbers through iso.certificate's stored `number_key`
(capitals, no spaces), which the upgrade computes for the existing certificates after the
model's `init`: only now can the unique index of (certification body, number key) that
serves the duplicate check be created. Numbers that collide under the new comparison
(e.g. "QMS 01" and "QMS01" of one body) are logged and the index waits for them to be
corrected (see `_create_number_key_index`)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["iso.certificate"].flush_model(["number_key"])
    env["iso.certificate"]._create_number_key_index()
