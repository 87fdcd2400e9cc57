#!/usr/bin/env bash
# Serves Odoo on http://$HTTP_INTERFACE:$HTTP_PORT with the demo database, creating it (addon and
# demo data installed) on the first run. Extra arguments go to odoo-bin, e.g. -u iso_compliance,
# or --workers=3 --max-cron-threads=1 to serve as in production (websocket on $GEVENT_PORT).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

state=$(sql postgres "SELECT 1 FROM pg_database WHERE datname = '$DEMO_DB'")
if [ -n "$state" ]; then
  state=$(sql "$DEMO_DB" "SELECT state FROM ir_module_module WHERE name = 'iso_compliance'" 2>/dev/null || true)
fi
if [ "$state" != "installed" ]; then
  say "Creating database $DEMO_DB with $ADDONS and their demo data (about a minute, once)..."
  odoo_bin -d "$DEMO_DB" -i "$ADDONS" --stop-after-init --no-http --log-level=warn
fi
say "Odoo serves http://$HTTP_INTERFACE:$HTTP_PORT  (database $DEMO_DB, log in admin / admin; Ctrl-C stops)"
if [[ " $* " == *" --workers="[1-9]* || " $* " == *" --workers "[1-9]* ]]; then
  say "With workers, the websocket (live notifications) is served on port $GEVENT_PORT (GEVENT_PORT)"
fi
# The address and ports on the command line too, so that HTTP_PORT counts even when the
# configuration file was written with another.
exec "$VPY" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DEMO_DB" --db-filter="^$DEMO_DB\$" \
  --http-interface="$HTTP_INTERFACE" --http-port="$HTTP_PORT" --gevent-port="$GEVENT_PORT" "$@"
