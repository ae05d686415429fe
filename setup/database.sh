#!/usr/bin/env bash
# Helpers for the long-lived demo database, sourced after bootstrap.sh.
export LAW_CRM_DB=${LAW_CRM_DB:-law_crm}
export LAW_CRM_PORT=${LAW_CRM_PORT:-8069}

project_addons() {
    "$ODOO_PY" -c 'import sys; sys.path.insert(0, sys.argv[1]); from run_tests import discover_addons; print(",".join(discover_addons()))' "$PROJECT_DIR/setup"
}

odoo_once() {
    "$ODOO_PY" $ODOO_BIN -c "$ODOO_CONF" --stop-after-init --http-port="$LAW_CRM_PORT" "$@"
}

# Fingerprint of the addons' files: when it changes, the database is updated.
addons_fingerprint() {
    (cd "$PROJECT_DIR" && find ${1//,/ } -type f ! -name '*.pyc' -print0 | sort -z |
        xargs -0 sha256sum | sha256sum | cut -c1-16)
}

# Create the database with every addon and demo data; later, install addons
# that appeared and update the others when their files changed. A database
# that is up to date is left as it is, so a second run starts in seconds.
ensure_database() {
    local db=$1 addons missing stamp fingerprint
    addons=$(project_addons)
    stamp=$LAW_CRM_CACHE/$db.fingerprint
    fingerprint=$(addons_fingerprint "$addons")
    if ! psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
        say "creating database $db with $addons and demo data (about 2 minutes, once)"
        odoo_once -d "$db" -i "$addons" --with-demo --load-language=nb_NO
        echo "$fingerprint" > "$stamp"
        return
    fi
    missing=$(psql -d "$db" -Atc "SELECT string_agg(name, ',') FROM unnest(string_to_array('$addons', ',')) AS name
        WHERE name NOT IN (SELECT name FROM ir_module_module WHERE state = 'installed')")
    if [ -n "$missing" ]; then
        say "installing $missing into $db"
        odoo_once -d "$db" -i "$missing" --with-demo
    fi
    if [ "$(cat "$stamp" 2>/dev/null)" != "$fingerprint" ]; then
        say "addons changed since $db was last updated: updating $addons"
        odoo_once -d "$db" -u "$addons"
        echo "$fingerprint" > "$stamp"
    fi
}
