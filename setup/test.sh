#!/usr/bin/env bash
# `make test`: bootstrap, then lint, pure-Python tests, every addon's Odoo
# tests on a fresh throw-away database, and the translation check.
# Extra arguments go to run_tests.py (--addons, --tags, --skip-lint, --keep-db).
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
source "$(dirname "$0")/chromium.sh"
ensure_chromium
exec "$ODOO_PY" "$PROJECT_DIR/setup/run_tests.py" "$@"
