#!/usr/bin/env bash
# The whole test suite on a throwaway database made for this run (never the demo one):
# the addon's ORM tests through pytest-odoo, the top-level tests/ suite (install, upgrade,
# uninstall, RPC, lint). Extra arguments go to pytest, e.g. -k agency or a test's path.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

make_throwaway_db iso_compliance_test

export ISO_ODOO_CONF="$ODOO_CONF" ISO_ODOO_BIN="$ODOO_BIN" ISO_PYTHON="$VPY"
cd "$REPO"
if [ "$#" -eq 0 ]; then
  set -- iso_compliance/tests iso_compliance_document/tests iso_compliance_anti_bribery/tests \
    iso_compliance_concern_anti_bribery/tests \
    iso_compliance_concern/tests iso_compliance_zona_integritas/tests tests
fi
"$VENV/bin/pytest" --odoo-config="$ODOO_CONF" --odoo-database="$THROWAWAY_DB" --odoo-http \
  --odoo-log-level=warn --durations=12 "$@"
