#!/usr/bin/env bash
# `make i18n`: refresh every addon's .pot from the code and merge it into
# i18n/nb_NO.po (new strings appear untranslated; translate them, commit both).
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
source "$(dirname "$0")/database.sh"
db=${LAW_CRM_DB}_i18n
dropdb --if-exists "$db"
addons=$(project_addons)
# With demo data: its translatable names (matter names) are exported too.
odoo_once -d "$db" -i "$addons" --with-demo --log-level=warn
for addon in ${addons//,/ }; do
    mkdir -p "$PROJECT_DIR/$addon/i18n"
    "$ODOO_PY" $ODOO_BIN i18n export -c "$ODOO_CONF" -d "$db" -o "$PROJECT_DIR/$addon/i18n/$addon.pot" "$addon"
    "$ODOO_PY" "$PROJECT_DIR/setup/merge_po.py" "$PROJECT_DIR/$addon/i18n/$addon.pot" "$PROJECT_DIR/$addon/i18n/nb_NO.po"
done
dropdb "$db"
