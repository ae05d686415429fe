#!/usr/bin/env bash
# Bootstrap shared by `make run` and `make test`: finds Odoo 19, builds the
# project virtualenv, makes sure PostgreSQL answers. Source it; it exports
#   ODOO_SRC ODOO_PY ODOO_BIN ADDONS_PATH PGHOST PGPORT PGUSER LAW_CRM_CACHE
# Idempotent: every step reuses what a previous run left behind.
set -euo pipefail

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PROJECT_DIR
export LAW_CRM_CACHE=${LAW_CRM_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/law_crm}
mkdir -p "$LAW_CRM_CACHE"

say() { printf '[setup] %s\n' "$*" >&2; }

pick_python() {
    local candidate
    for candidate in ${PYTHON:-} python3.12 python3.11 python3.10 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    say "no Python 3.10-3.12 found; set PYTHON=/path/to/python3.x"
    return 1
}

# --- 1. Odoo 19 ------------------------------------------------------------
# Order: $ODOO_SRC, an importable `odoo` (a packaged install), /opt/odoo,
# else a shallow clone of upstream 19.0 into the cache.
find_odoo() {
    local base_python=$1
    ODOO_PACKAGED=0
    if [ -n "${ODOO_SRC:-}" ]; then
        [ -f "$ODOO_SRC/odoo/release.py" ] || { say "ODOO_SRC=$ODOO_SRC has no odoo/release.py"; return 1; }
    elif packaged=$("$base_python" -c 'import odoo.release, os; print(os.path.dirname(os.path.dirname(odoo.release.__file__)))' 2>/dev/null); then
        ODOO_SRC=$packaged
        ODOO_PACKAGED=1
    elif [ -f /opt/odoo/odoo/release.py ]; then
        ODOO_SRC=/opt/odoo
    else
        ODOO_SRC=$LAW_CRM_CACHE/odoo-19.0
        if [ ! -f "$ODOO_SRC/odoo/release.py" ]; then
            say "no Odoo found; cloning upstream odoo/odoo 19.0 (shallow) into $ODOO_SRC"
            git clone --depth 1 --branch 19.0 https://github.com/odoo/odoo.git "$ODOO_SRC"
        fi
    fi
    "$base_python" - "$ODOO_SRC" <<'PY' || { say "Odoo at $ODOO_SRC is not 19.0"; return 1; }
import re, sys
text = open(sys.argv[1] + '/odoo/release.py').read()
sys.exit(0 if re.search(r"version_info = \(\s*19\s*,", text) else 1)
PY
    export ODOO_SRC ODOO_PACKAGED
}

# --- 2. virtualenv -----------------------------------------------------------
# Odoo's own requirements, with the pitfalls seen on Debian 12 / Python 3.11:
#  - cbor2==5.4.2 no longer builds from sdist; 5.4.6 ships wheels.
#  - python-ldap only serves auth_ldap, which no law_crm addon uses, and it
#    needs LDAP/SASL headers to compile: left out.
odoo_requirements() {
    sed -E \
        -e 's/^cbor2==5\.4\.2/cbor2==5.4.6/' \
        -e '/^python-ldap/d' \
        "$ODOO_SRC/requirements.txt"
}

build_venv() {
    local base_python=$1 key venv
    key=$( { "$base_python" --version; echo "$ODOO_SRC"; odoo_requirements; cat "$PROJECT_DIR/requirements.txt" "$PROJECT_DIR/setup/requirements-dev.txt"; } | sha256sum | cut -c1-12)
    venv=$LAW_CRM_CACHE/venv-$key
    if [ ! -x "$venv/bin/python" ] || [ ! -f "$venv/.complete" ]; then
        say "building virtualenv $venv (about 2 minutes, once)"
        rm -rf "$venv"
        local site=()
        [ "$ODOO_PACKAGED" = 1 ] && site=(--system-site-packages)
        "$base_python" -m venv "${site[@]}" "$venv"
        "$venv/bin/pip" install --quiet --upgrade pip wheel 'setuptools<81'
        if [ "$ODOO_PACKAGED" = 0 ]; then
            "$venv/bin/pip" install --quiet -r <(odoo_requirements)
        fi
        "$venv/bin/pip" install --quiet -r "$PROJECT_DIR/requirements.txt" -r "$PROJECT_DIR/setup/requirements-dev.txt"
        touch "$venv/.complete"
    fi
    ln -sfn "$venv" "$PROJECT_DIR/.venv"
    ODOO_PY=$venv/bin/python
    export ODOO_PY
}

# --- 3. PostgreSQL -----------------------------------------------------------
# Use a running server (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 as the
# current user); else start a private cluster under the cache directory.
pg_answers() {
    "$ODOO_PY" - <<'PY' 2>/dev/null
import os, psycopg2
psycopg2.connect(dbname='postgres', host=os.environ['PGHOST'], port=os.environ['PGPORT'],
                 user=os.environ['PGUSER'], connect_timeout=3).close()
PY
}

ensure_postgres() {
    export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-$(id -un)}
    pg_answers && return 0
    local pgdata=$LAW_CRM_CACHE/pgdata initdb pg_ctl
    initdb=$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -n1 || true)
    pg_ctl=$(command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | tail -n1 || true)
    if [ -z "$initdb" ] || [ -z "$pg_ctl" ]; then
        say "PostgreSQL does not answer on $PGHOST:$PGPORT and initdb/pg_ctl are not installed"
        return 1
    fi
    local runas=()
    # PostgreSQL refuses to run as root: a private cluster then belongs to `postgres`.
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || { say "running as root without a postgres user"; return 1; }
        runas=(runuser -u postgres --)
        mkdir -p "$pgdata" && chown postgres "$pgdata"
    fi
    export PGHOST=127.0.0.1 PGPORT=${LAW_CRM_PGPORT:-55432}
    if [ ! -f "$pgdata/PG_VERSION" ]; then
        say "initialising a private PostgreSQL cluster in $pgdata"
        "${runas[@]}" "$initdb" -D "$pgdata" -A trust -U "$PGUSER" >/dev/null
    fi
    pg_answers || "${runas[@]}" "$pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
        -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
    pg_answers || { say "PostgreSQL did not start; see $pgdata/server.log"; return 1; }
}

# --- 4. addons path ------------------------------------------------------------
addons_path() {
    local paths=("$PROJECT_DIR")
    if [ "$ODOO_PACKAGED" = 1 ]; then
        paths+=("$ODOO_SRC/odoo/addons")
    else
        paths+=("$ODOO_SRC/addons" "$ODOO_SRC/odoo/addons")
    fi
    ADDONS_PATH=$(IFS=,; echo "${paths[*]}")
    export ADDONS_PATH
}

base_python=$(pick_python)
find_odoo "$base_python"
build_venv "$base_python"
ensure_postgres
addons_path
if [ "$ODOO_PACKAGED" = 1 ]; then
    ODOO_BIN="-m odoo"
else
    ODOO_BIN="$ODOO_SRC/odoo-bin"
fi
export ODOO_BIN
# One Odoo configuration file for every command (the i18n subcommand takes
# connection settings only from a file).
export ODOO_CONF=$PROJECT_DIR/.odoo.conf
cat > "$ODOO_CONF" <<CONF
[options]
addons_path = $ADDONS_PATH
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
http_interface = 127.0.0.1
CONF
say "Odoo $ODOO_SRC, Python $ODOO_PY, PostgreSQL $PGUSER@$PGHOST:$PGPORT"
