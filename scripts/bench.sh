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

make_throwaway_db iso_compliance_bench

say "Benchmarking the certificate scheduled action with N=$N ..."
cd "$REPO"
"$VPY" "$REPO/bench/bench_certificate_cron.py" --conf "$ODOO_CONF" --db "$THROWAWAY_DB" --n "$N" "$@"
