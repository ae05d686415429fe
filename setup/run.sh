#!/usr/bin/env bash
# `make run`: bootstrap, create the demo database once (all addons, Norwegian
# demo data and bokmål loaded), then serve Odoo on http://localhost:${LAW_CRM_PORT:-8069}.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
source "$(dirname "$0")/database.sh"

ensure_database "$LAW_CRM_DB"
say "serving $LAW_CRM_DB on http://localhost:$LAW_CRM_PORT (admin/admin; demo users log in with their login as password)"
exec "$ODOO_PY" $ODOO_BIN -c "$ODOO_CONF" -d "$LAW_CRM_DB" --db-filter="^$LAW_CRM_DB\$" \
    --http-port="$LAW_CRM_PORT" "$@"
