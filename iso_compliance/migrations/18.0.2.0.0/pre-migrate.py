"""18.0.2.0.0 splits the addon: the document register, the anti-bribery registers and the
reporting channel become addons of their own beside the programme (iso_compliance_document,
iso_compliance_anti_bribery, iso_compliance_concern, and the bridge between the last two).

A database that runs 18.0.1.2.0 keeps every record: before the base's models load,
- the external ids, many2many tables and SQL constraints those addons now define move to
  them (moved_to_features.json), so that Odoo updates the records instead of deleting them
  with the base's data and creating them again;
- the four addons are marked installed and to be upgraded in this same run (not to be
  installed: an install would load their noupdate data and demo again over what users
  changed), with the base's demo setting.
Their own data then loads in update mode, as after any upgrade."""

import json
import logging
from pathlib import Path

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    moved = json.loads(Path(__file__).with_name("moved_to_features.json").read_text())
    cr.execute("SELECT demo FROM ir_module_module WHERE name = 'iso_compliance'")
    (demo,) = cr.fetchone()
    for module, names in moved["xmlids"].items():
        # A name the addon already has (a database where it is installed, whose base was set
        # back to an older version) stays where it is.
        cr.execute(
            "UPDATE ir_model_data d SET module = %s "
            "WHERE d.module = 'iso_compliance' AND d.name = ANY(%s) AND NOT EXISTS "
            "(SELECT 1 FROM ir_model_data o WHERE o.module = %s AND o.name = d.name)",
            (module, names, module),
        )
        _logger.info("%s external ids of iso_compliance now belong to %s", cr.rowcount, module)
        cr.execute("SELECT id, state FROM ir_module_module WHERE name = %s", (module,))
        row = cr.fetchone()
        if not row:
            raise RuntimeError(
                f"The addon {module} is not in the addons path: 18.0.2.0.0 of iso_compliance "
                "needs its feature addons beside it (see the README's installation)."
            )
        module_id, state = row
        for table, names_key in (
            ("ir_model_relation", "relations"),
            ("ir_model_constraint", "constraints"),
        ):
            cr.execute(
                f"UPDATE {table} SET module = %s WHERE name = ANY(%s) AND module = "
                "(SELECT id FROM ir_module_module WHERE name = 'iso_compliance')",
                (module_id, moved[names_key].get(module, [])),
            )
        if state == "uninstalled":
            cr.execute(
                "UPDATE ir_module_module SET state = 'to upgrade', demo = %s, "
                "latest_version = '18.0.1.0.0' WHERE id = %s",
                (demo, module_id),
            )
