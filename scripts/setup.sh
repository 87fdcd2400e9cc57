#!/usr/bin/env bash
# Brings a machine to the point where Odoo 18.0 can serve and test iso_compliance:
# Odoo's source, a virtual environment, a running PostgreSQL and a configuration file.
# Every step is idempotent: a second run checks and reuses what exists.
#
#   scripts/setup.sh [all|odoo|venv|system|postgres|conf]
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

ensure_odoo() {
  if [ ! -f "$ODOO_PATH/odoo/release.py" ] || [ ! -f "$ODOO_BIN" ]; then
    if [ -e "$ODOO_PATH" ] && [ -n "$(ls -A "$ODOO_PATH" 2>/dev/null)" ]; then
      die "ODOO_PATH=$ODOO_PATH exists but holds no Odoo source tree (no odoo-bin, no odoo/release.py).
Point ODOO_PATH at the folder of an Odoo 18.0 checkout, e.g.: make test ODOO_PATH=/opt/odoo-18.0"
    fi
    say "No Odoo source at $ODOO_PATH: cloning the official 18.0 branch (shallow, about 1 GB)..."
    mkdir -p "$(dirname "$ODOO_PATH")"
    if ! GIT_TERMINAL_PROMPT=0 timeout 1800 git clone --quiet --depth 1 --branch 18.0 \
        "$ODOO_REPO_URL" "$ODOO_PATH"; then
      rm -rf "$ODOO_PATH"
      die "Could not clone Odoo 18.0 from $ODOO_REPO_URL into $ODOO_PATH.
Get an Odoo 18.0 source tree some other way and set ODOO_PATH to its folder (the one holding
odoo-bin), e.g.:  export ODOO_PATH=/opt/odoo-18.0   or   make test ODOO_PATH=/opt/odoo-18.0"
    fi
  fi
  grep -q "^version_info = (18, 0," "$ODOO_PATH/odoo/release.py" ||
    die "$ODOO_PATH is not Odoo 18.0 ($(grep '^version_info' "$ODOO_PATH/odoo/release.py")). Set ODOO_PATH to an Odoo 18.0 tree."
}

ensure_venv() {
  "$PYTHON" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))' 2>/dev/null ||
    die "Odoo 18.0 needs Python 3.10 to 3.12; '$PYTHON' is $("$PYTHON" --version 2>&1). Set PYTHON=python3.11 (for instance)."
  if [ ! -x "$VPY" ]; then
    say "Creating the virtual environment in .venv/ ..."
    "$PYTHON" -m venv "$VENV"
  fi
  mkdir -p "$STATE_DIR"
  # Odoo's own pins, adjusted where they do not build on Python 3.11:
  # cbor2 5.4.2 has no wheel and fails to build (5.6.2 does); python-ldap needs libldap
  # headers and only the auth_ldap addon uses it.
  local reqs="$STATE_DIR/requirements-odoo.txt"
  sed -e 's/^cbor2==5\.4\.2\b.*/cbor2==5.6.2/' -e '/^python-ldap==/d' \
    "$ODOO_PATH/requirements.txt" >"$reqs"
  local stamp="$VENV/.iso_compliance.sha256" sum
  sum=$(cat "$reqs" "$REPO/requirements-dev.txt" <("$VPY" --version) | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    say "Installing Odoo's requirements and the test tools into .venv/ ..."
    pip_install "$VPY" --upgrade pip wheel
    pip_install "$VPY" -r "$reqs" -r "$REPO/requirements-dev.txt"
    echo "$sum" >"$stamp"
  fi
  # Make `import odoo` work in the venv (pytest-odoo) without touching Odoo's tree.
  local site
  site=$("$VPY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  echo "$ODOO_PATH" >"$site/odoo-source.pth"
}

ensure_lint_venv() {
  local lint_py="$LINT_VENV/bin/python" stamp="$LINT_VENV/.iso_compliance.sha256" sum
  [ -x "$lint_py" ] || "$PYTHON" -m venv "$LINT_VENV"
  sum=$(cat "$REPO/requirements-lint.txt" <("$lint_py" --version) | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    say "Installing the linters into .venv-lint/ ..."
    pip_install "$lint_py" -r "$REPO/requirements-lint.txt"
    echo "$sum" >"$stamp"
  fi
}

# pip, quiet, less the notices some machines' pip configuration prints for every package.
pip_install() {
  local py="$1"
  shift
  "$py" -m pip install --quiet --disable-pip-version-check "$@" 2>&1 |
    { grep -v "is ignored: it is neither a file nor a directory" || true; }
  return "${PIPESTATUS[0]}"
}

# Programs Odoo needs for what the tests check: Chromium for browser tests (tours), which
# Odoo would otherwise skip, and wkhtmltopdf, without which it renders reports as HTML.
ensure_system_packages() {
  local missing=()
  command -v chromium >/dev/null || command -v chromium-browser >/dev/null ||
    command -v google-chrome >/dev/null || missing+=(chromium)
  command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "Installing ${missing[*]} (Debian packages) ..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
      die "apt-get could not install ${missing[*]}."
  else
    die "Missing ${missing[*]}: browser tests and PDF reports need them.
Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}), then run again."
  fi
}

# True when a PostgreSQL server answers with the settings libpq would use.
pg_answers() { "$VPY" -c 'import psycopg2; psycopg2.connect(dbname="postgres").close()' 2>/dev/null; }

ensure_postgres() {
  if [ -n "${ODOO_RC:-}" ]; then
    [ -f "$ODOO_RC" ] || die "ODOO_RC=$ODOO_RC is not a file."
    say "Using the database settings of ODOO_RC=$ODOO_RC."
    return
  fi
  if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}${PGPASSWORD:-}" ]; then
    pg_answers || die "No PostgreSQL server answers with PGHOST=${PGHOST:-} PGPORT=${PGPORT:-} PGUSER=${PGUSER:-}.
Check those settings (and PGPASSWORD); the user needs the right to create databases."
    return
  fi
  pg_answers && return
  if ! command -v pg_lsclusters >/dev/null; then
    die "No PostgreSQL server answers and none is installed here.
Install PostgreSQL 13 or newer (Debian/Ubuntu: apt-get install postgresql), or point the set-up at
a server with PGHOST, PGPORT, PGUSER and PGPASSWORD (or an Odoo config file in ODOO_RC)."
  fi
  local ver name status
  while read -r ver name _port status _rest; do
    [ "$status" = "down" ] || continue
    if [ "$(id -u)" = 0 ]; then
      say "Starting PostgreSQL cluster $ver/$name ..."
      pg_ctlcluster "$ver" "$name" start
    else
      die "PostgreSQL cluster $ver/$name is installed but not running. Start it: sudo pg_ctlcluster $ver $name start"
    fi
  done < <(pg_lsclusters --no-header)
  pg_answers && return
  # The server runs but knows no role for this user: as root, create a superuser role
  # named after the current user (Odoo refuses to run as the 'postgres' role).
  local me
  me=$(id -un)
  [ "$me" != postgres ] || die "Odoo refuses to connect as the 'postgres' role: run as another user."
  if [ "$(id -u)" = 0 ]; then
    say "Creating the PostgreSQL superuser role '$me' ..."
    runuser -u postgres -- psql -q -c "CREATE ROLE \"$me\" SUPERUSER LOGIN" postgres
  fi
  pg_answers || die "PostgreSQL runs but does not accept '$me'. As an administrator: sudo -u postgres createuser --superuser $me"
}

write_conf() {
  mkdir -p "$STATE_DIR/data"
  local db_host="${PGHOST:-}" db_port="${PGPORT:-}" db_user="${PGUSER:-}" db_password="${PGPASSWORD:-}"
  if [ -n "${ODOO_RC:-}" ]; then
    eval "$("$VPY" - "$ODOO_RC" <<'PY'
import configparser, shlex, sys
conf = configparser.ConfigParser()
conf.read(sys.argv[1])
opts = conf["options"] if conf.has_section("options") else {}
for key in ("host", "port", "user", "password"):
    value = opts.get("db_" + key, "")
    print(f"db_{key}={shlex.quote('' if value == 'False' else value)}")
PY
)"
  fi
  local tmp="$ODOO_CONF.tmp"
  sed -e "s|@ODOO_PATH@|$ODOO_PATH|g" -e "s|@REPO@|$REPO|g" \
      -e "s|@HTTP_INTERFACE@|$HTTP_INTERFACE|g" -e "s|@HTTP_PORT@|$HTTP_PORT|g" -e "s|@GEVENT_PORT@|$GEVENT_PORT|g" \
      -e "s|@DB_HOST@|${db_host:-False}|g" -e "s|@DB_PORT@|${db_port:-False}|g" \
      -e "s|@DB_USER@|${db_user:-False}|g" -e "s|@DB_PASSWORD@|${db_password:-False}|g" \
      "$REPO/scripts/odoo.conf.template" >"$tmp"
  mv "$tmp" "$ODOO_CONF"
}

step="${1:-all}"
case "$step" in
  odoo) ensure_odoo ;;
  venv) ensure_odoo; ensure_venv; ensure_lint_venv ;;
  postgres) ensure_postgres ;;
  conf) write_conf ;;
  system) ensure_system_packages ;;
  all) ensure_odoo; ensure_venv; ensure_lint_venv; ensure_system_packages; ensure_postgres; write_conf ;;
  *) die "unknown step '$step' (all, odoo, venv, system, postgres, conf)" ;;
esac
