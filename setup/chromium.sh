#!/usr/bin/env bash
# The browser tours (Odoo HttpCase.start_tour) run in headless Chromium.
# Source it and call ensure_chromium: when no Chromium or Chrome is on the
# PATH, install Debian's `chromium` package if this user may (root, or
# password-less sudo); otherwise say so, and Odoo reports the tours as skipped.

find_chromium() {
    local name
    for name in chromium chromium-browser google-chrome google-chrome-stable; do
        command -v "$name" >/dev/null 2>&1 && return 0
    done
    return 1
}

ensure_chromium() {
    find_chromium && return 0
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
        # Another apt-get (a second test run on the same machine) may hold
        # the dpkg lock: wait for it rather than fail.
        local apt=(apt-get -y -q -o DPkg::Lock::Timeout=600)
        $sudo env DEBIAN_FRONTEND=noninteractive "${apt[@]}" install chromium >/dev/null 2>&1 ||
            { $sudo "${apt[@]}" update >/dev/null 2>&1 &&
                $sudo env DEBIAN_FRONTEND=noninteractive "${apt[@]}" install chromium >/dev/null 2>&1; }
        find_chromium || echo "[setup] Chromium could not be installed: browser tours will be skipped" >&2
    else
        echo "[setup] Chromium not found (no apt-get to install it): browser tours will be skipped" >&2
    fi
}
