#!/usr/bin/env bash
# Regenerates iso_compliance/i18n/iso_compliance.pot from a fresh database and merges it
# into id.po (existing translations kept, new terms added untranslated, gone terms dropped).
# Then translate the new entries of id.po; the i18n test lists any left empty.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

DB="iso_compliance_i18n_$$"
trap 'sql postgres "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$STATE_DIR/data/filestore/$DB"' EXIT
odoo_bin -d "$DB" -i iso_compliance --without-demo=all --stop-after-init --no-http --log-level=warn
odoo_bin -d "$DB" --modules=iso_compliance --i18n-export="$REPO/iso_compliance/i18n/iso_compliance.pot" \
  --no-http --log-level=warn
"$VPY" "$REPO/scripts/i18n_merge.py" "$REPO/iso_compliance/i18n/iso_compliance.pot" \
  "$REPO/iso_compliance/i18n/id.po" \
  "$ODOO_PATH"/odoo/addons/{mail,base,web}/i18n/id.po
