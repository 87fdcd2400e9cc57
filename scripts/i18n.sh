#!/usr/bin/env bash
# Regenerates iso_compliance/i18n/iso_compliance.pot from a fresh database and merges it
# into id.po (existing translations kept, new terms added untranslated, gone terms dropped).
# Then translate the new entries of id.po; the i18n test lists any left empty.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

make_throwaway_db iso_compliance_i18n
odoo_bin -d "$THROWAWAY_DB" --modules=iso_compliance --i18n-export="$REPO/iso_compliance/i18n/iso_compliance.pot" \
  --no-http --log-level=warn
"$VPY" "$REPO/scripts/i18n_merge.py" "$REPO/iso_compliance/i18n/iso_compliance.pot" \
  "$REPO/iso_compliance/i18n/id.po" \
  "$ODOO_PATH"/odoo/addons/{mail,base,web}/i18n/id.po
