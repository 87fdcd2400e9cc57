#!/usr/bin/env bash
# Benchmarks on a throwaway database made for this run (never the demo one), dropped at exit.
# Usage: scripts/bench.sh [N] [--profile]   N certificates: 1000 (default), 10000 or 100000.
# Results: bench/results/cron_N.json (see bench/bench_certificate_cron.py).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

N="${1:-1000}"
if [ "$#" -gt 0 ]; then shift; fi
case "$N" in
  1000 | 10000 | 100000) ;;
  *) die "N must be 1000, 10000 or 100000, not '$N'" ;;
esac

BENCH_DB="iso_compliance_bench_$$"
cleanup() {
  sql postgres "DROP DATABASE IF EXISTS \"$BENCH_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$STATE_DIR/data/filestore/$BENCH_DB"
}
trap cleanup EXIT

say "Installing iso_compliance (without demo data) into the throwaway database $BENCH_DB ..."
odoo_bin -d "$BENCH_DB" -i iso_compliance --without-demo=all --stop-after-init --no-http \
  --log-level=warn

say "Benchmarking the certificate scheduled action with N=$N ..."
cd "$REPO"
"$VPY" "$REPO/bench/bench_certificate_cron.py" --conf "$ODOO_CONF" --db "$BENCH_DB" --n "$N" "$@"
