#!/usr/bin/env bash
# Load benchmark (bench/bench_load.py) against a multi-worker server, the way the README's
# Production section runs Odoo: a throwaway database with the addon and its demo data, Odoo
# with 3 HTTP workers and one cron worker on free loopback ports, USERS simulated users for
# DURATION seconds while every scheduled job of the addon is triggered every few seconds.
# The server and the database are removed at exit, whatever happens.
# Usage: scripts/bench_load.sh [USERS] [DURATION]   (50 and 60 by default)
# Results: bench/results/load_USERS.json and the server's log beside it.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

USERS="${1:-50}"
DURATION="${2:-60}"
[[ "$USERS" =~ ^[0-9]+$ && "$DURATION" =~ ^[0-9]+$ ]] || die "USERS and DURATION are whole numbers"

THROWAWAY_DB="iso_compliance_load_$(date +%Y%m%d%H%M%S)_$$"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  fi
  drop_throwaway_db
}
trap cleanup EXIT

free_port() { "$VPY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

say "Installing iso_compliance with its demo data into $THROWAWAY_DB ..."
odoo_bin -d "$THROWAWAY_DB" -i iso_compliance --stop-after-init --no-http --log-level=warn
# No mail server here: the reminders' e-mails stay queued, where the benchmark counts them.
sql "$THROWAWAY_DB" "UPDATE ir_cron SET active = false WHERE id = (SELECT res_id FROM ir_model_data
  WHERE module = 'mail' AND name = 'ir_cron_mail_scheduler_action')" >/dev/null

mkdir -p "$REPO/bench/results"
LOG="$REPO/bench/results/load_${USERS}.log"
PORT=$(free_port)
GEVENT=$(free_port)
say "Starting Odoo with --workers=3 --max-cron-threads=1 on 127.0.0.1:$PORT (gevent $GEVENT) ..."
# Its own session (process group), so that cleanup ends its workers too. Serialization
# retries (odoo.service.model) and the jobs' runs (ir_cron) are logged at INFO: the
# benchmark counts them.
setsid "$VPY" "$ODOO_BIN" -c "$ODOO_CONF" -d "$THROWAWAY_DB" --db-filter="^$THROWAWAY_DB\$" \
  --http-interface=127.0.0.1 --http-port="$PORT" --gevent-port="$GEVENT" \
  --workers=3 --max-cron-threads=1 --log-level=warn --log-handler=odoo.service.model:INFO \
  --log-handler=odoo.addons.base.models.ir_cron:INFO \
  >"$LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 120); do
  if "$VPY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' \
    "http://127.0.0.1:$PORT/web/webclient/version_info" 2>/dev/null; then break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || die "Odoo exited: $(tail -20 "$LOG")"
  sleep 1
done

say "Load: $USERS users for $DURATION s ..."
"$VPY" "$REPO/bench/bench_load.py" --url "http://127.0.0.1:$PORT" --db "$THROWAWAY_DB" \
  --conf "$ODOO_CONF" --log "$LOG" --users "$USERS" --duration "$DURATION" \
  --out "$REPO/bench/results/load_${USERS}.json"
