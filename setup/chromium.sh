#!/usr/bin/env bash
# The browser tours (Odoo HttpCase.start_tour) run in headless Chromium.
# Source it and call ensure_chromium: when no Chromium or Chrome is on the
# PATH, install Debian's `chromium` package if this user may (root, or
# password-less sudo); otherwise say so, and Odoo reports the tours as skipped.

ensure_chromium() {
    local name
    for name in chromium chromium-browser google-chrome google-chrome-stable; do
        command -v "$name" >/dev/null 2>&1 && return 0
    done
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        sudo -n true 2>/dev/null || {
            echo "[setup] Chromium not found and cannot be installed here: browser tours will be skipped" >&2
            return 0
        }
        sudo="sudo -n"
    fi
    if command -v apt-get >/dev/null 2>&1; then
        echo "[setup] installing Chromium for the browser tours (apt-get install chromium)" >&2
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 ||
            { $sudo apt-get update -q >/dev/null 2>&1 &&
                $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1; } ||
            echo "[setup] Chromium could not be installed: browser tours will be skipped" >&2
    else
        echo "[setup] Chromium not found (no apt-get to install it): browser tours will be skipped" >&2
    fi
}
