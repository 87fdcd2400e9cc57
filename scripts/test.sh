#!/usr/bin/env bash
# The whole test suite on a throwaway database made for this run (never the demo one):
# the addon's ORM tests through pytest-odoo, the top-level tests/ suite (install, upgrade,
# uninstall, RPC, lint). Extra arguments go to pytest, e.g. -k agency or a test's path.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

TEST_DB="iso_compliance_test_$(date +%Y%m%d%H%M%S)_$$"
cleanup() {
  sql postgres "DROP DATABASE IF EXISTS \"$TEST_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$STATE_DIR/data/filestore/$TEST_DB"
}
trap cleanup EXIT

say "Installing iso_compliance (without demo data) into the throwaway database $TEST_DB ..."
odoo_bin -d "$TEST_DB" -i iso_compliance --without-demo=all --stop-after-init --no-http \
  --log-level=warn

export ISO_ODOO_CONF="$ODOO_CONF" ISO_ODOO_BIN="$ODOO_BIN" ISO_PYTHON="$VPY"
cd "$REPO"
if [ "$#" -eq 0 ]; then
  set -- iso_compliance/tests tests
fi
"$VENV/bin/pytest" --odoo-config="$ODOO_CONF" --odoo-database="$TEST_DB" --odoo-http \
  --odoo-log-level=warn "$@"
