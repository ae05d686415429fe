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

# Create the database with every addon and demo data, or install addons that
# appeared since; a database that has them all is left as it is.
ensure_database() {
    local db=$1 addons missing
    addons=$(project_addons)
    if ! psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
        say "creating database $db with $addons and demo data (about 2 minutes, once)"
        odoo_once -d "$db" -i "$addons" --with-demo --load-language=nb_NO
        return
    fi
    missing=$(psql -d "$db" -Atc "SELECT string_agg(name, ',') FROM unnest(string_to_array('$addons', ',')) AS name
        WHERE name NOT IN (SELECT name FROM ir_module_module WHERE state = 'installed')")
    if [ -n "$missing" ]; then
        say "installing $missing into $db"
        odoo_once -d "$db" -i "$missing"
    fi
}
