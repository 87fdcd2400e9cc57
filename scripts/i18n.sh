#!/usr/bin/env bash
# Regenerates each addon's i18n/<addon>.pot from a fresh database and merges it into its
# id.po (existing translations kept, new terms added untranslated, gone terms dropped; a term
# the addon did not have yet takes the translation another addon of the programme or Odoo
# already gives it). Then translate the new entries; the i18n test lists any left empty.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

make_throwaway_db iso_compliance_i18n
IFS=, read -r -a addons <<<"$ADDONS,iso_compliance_concern_anti_bribery"
# The translations as they were before this run, so that a term moved between addons keeps
# its translation whichever addon is merged first.
before=$(mktemp -d)
trap 'drop_throwaway_db; rm -rf "$before"' EXIT
references=()
for addon in "${addons[@]}"; do
  if [ -f "$REPO/$addon/i18n/id.po" ]; then
    cp "$REPO/$addon/i18n/id.po" "$before/$addon.po"
    references+=("$before/$addon.po")
  fi
done
for addon in "${addons[@]}"; do
  say "Exporting the terms of $addon ..."
  mkdir -p "$REPO/$addon/i18n"
  odoo_bin -d "$THROWAWAY_DB" --modules="$addon" --i18n-export="$REPO/$addon/i18n/$addon.pot" \
    --no-http --log-level=warn
  "$VPY" "$REPO/scripts/i18n_merge.py" "$REPO/$addon/i18n/$addon.pot" "$REPO/$addon/i18n/id.po" \
    "${references[@]}" "$ODOO_PATH"/odoo/addons/{mail,base,web,resource}/i18n/id.po
done
