# shellcheck shell=bash
# Shared settings for the project's scripts: where Odoo, the virtual environment,
# the generated configuration and the logs live. Sourced, never run.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Odoo's source tree: ODOO_PATH, or a default location outside the repository.
DEFAULT_ODOO_PATH="${XDG_DATA_HOME:-$HOME/.local/share}/iso_compliance/odoo-18.0"
ODOO_PATH="${ODOO_PATH:-$DEFAULT_ODOO_PATH}"
ODOO_REPO_URL="${ODOO_REPO_URL:-https://github.com/odoo/odoo.git}"
PYTHON="${PYTHON:-python3}"
VENV="$REPO/.venv"
VPY="$VENV/bin/python"
LINT_VENV="$REPO/.venv-lint"
STATE_DIR="$REPO/.odoo"
ODOO_CONF="$STATE_DIR/odoo.conf"
ODOO_BIN="$ODOO_PATH/odoo-bin"
DEMO_DB="${DEMO_DB:-iso_compliance_demo}"
# The programme's addons at the repository root: the base first, then its features (the
# bridges between features install by themselves, auto_install).
ADDONS="iso_compliance,iso_compliance_document,iso_compliance_anti_bribery,iso_compliance_concern,iso_compliance_zona_integritas"
HTTP_INTERFACE="${HTTP_INTERFACE:-127.0.0.1}"
HTTP_PORT="${HTTP_PORT:-8069}"
# The websocket's port when Odoo runs with workers (8072 beside the default 8069).
GEVENT_PORT="${GEVENT_PORT:-$((HTTP_PORT + 3))}"
export ODOO_PATH

say() { printf '\033[1m[iso_compliance]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[iso_compliance] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Run odoo-bin with the generated configuration.
odoo_bin() { "$VPY" "$ODOO_BIN" -c "$ODOO_CONF" "$@"; }

# Run a SQL statement against the server Odoo uses, printing bare values.
# Uses psycopg2 from the venv, so it honours the same settings as Odoo.
sql() {
  local db="$1" query="$2"
  "$VPY" - "$ODOO_CONF" "$db" "$query" <<'PY'
import configparser, sys
import psycopg2
conf = configparser.ConfigParser()
conf.read(sys.argv[1])
opts = conf["options"]
kw = {k: opts.get("db_" + k) for k in ("host", "port", "user", "password")}
kw = {k: v for k, v in kw.items() if v and v != "False"}
cn = psycopg2.connect(dbname=sys.argv[2], **kw)
cn.autocommit = True  # DROP DATABASE cannot run in a transaction
with cn.cursor() as cr:
    cr.execute(sys.argv[3])
    if cr.description:
        for row in cr.fetchall():
            print("|".join("" if v is None else str(v) for v in row))
cn.close()
PY
}

# Create a database named "$1_<time>_<pid>" with every addon installed without demo data, and
# drop it (with its filestore) when the calling script exits. Sets THROWAWAY_DB.
make_throwaway_db() {
  THROWAWAY_DB="$1_$(date +%Y%m%d%H%M%S)_$$"
  trap drop_throwaway_db EXIT
  say "Installing $ADDONS (without demo data) into the throwaway database $THROWAWAY_DB ..."
  odoo_bin -d "$THROWAWAY_DB" -i "$ADDONS" --without-demo=all --stop-after-init --no-http \
    --log-level=warn
}

drop_throwaway_db() {
  sql postgres "DROP DATABASE IF EXISTS \"$THROWAWAY_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$STATE_DIR/data/filestore/$THROWAWAY_DB"
}
