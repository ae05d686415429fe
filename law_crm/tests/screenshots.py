"""Screenshots for the user guides, taken while the browser tours run.

Odoo's tours cannot take screenshots themselves. A tour step made with
``screenshot()`` (``static/tests/tours/screenshot.js``) logs
``law_crm screenshot <name>.<language>`` to the browser console;
``capturing_screenshots`` makes Odoo's ChromeBrowser answer that line: it asks
Chrome DevTools for ``Page.captureScreenshot`` (the viewport, the test's
``browser_size``), writes ``<name>.<language>.png`` into the folder, reduced
to a 256-colour palette to keep the repository small, and tells the page to
go on. ``make screenshots`` runs the tours with ``LAW_CRM_SCREENSHOTS`` set to
``docs/guide/img``.
"""

import base64
import io
import json
import logging
import os
import re
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

from PIL import Image

from odoo.tests.common import ChromeBrowser, ChromeBrowserException

_logger = logging.getLogger(__name__)

ENVIRONMENT = "LAW_CRM_SCREENSHOTS"
COOKIE = "law_crm_screenshots"
SIGNAL = "law_crm screenshot "
NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\.[a-z]{2}")


def screenshot_folder():
    """The folder of ``LAW_CRM_SCREENSHOTS``, or None when it is not set."""
    folder = os.environ.get(ENVIRONMENT)
    return Path(folder).resolve() if folder else None


def compress(png):
    """The PNG ``png`` with a palette of 256 colours: a screen of Odoo has
    few colours, and the file is a third of the size."""
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _capture(browser, folder, name):
    """Save the viewport as ``folder/name.png``, then let the tour go on.
    Runs in the browser's websocket thread: asynchronous sends only."""

    def save(future):
        try:
            png = base64.b64decode(future.result()["data"])
            (folder / f"{name}.png").write_bytes(compress(png))
            _logger.info("screenshot %s saved in %s", name, folder)
        except (ChromeBrowserException, KeyError, OSError, ValueError):
            _logger.exception("screenshot %s could not be taken", name)
        browser._websocket_send(
            "Runtime.evaluate",
            params={"expression": f"window.lawCrmScreenshot = {json.dumps(name)}"},
        )

    request = browser._websocket_send(
        "Page.captureScreenshot", params={"format": "png"}, with_future=True
    )
    request.add_done_callback(save)


@contextmanager
def capturing_screenshots(folder):
    """While active, ChromeBrowser answers the tours' screenshot signals."""
    folder.mkdir(parents=True, exist_ok=True)
    handle_console = ChromeBrowser._handle_console

    def handle_console_with_screenshots(browser, **params):
        args = params.get("args") or [{}]
        message = args[0].get("value")
        if params.get("type") == "log" and isinstance(message, str) and message.startswith(SIGNAL):
            name = message[len(SIGNAL) :]
            if NAME.fullmatch(name):
                _capture(browser, folder, name)
                return
            _logger.error("screenshot name %r is not lower-case words and a language", name)
        handle_console(browser, **params)

    with patch.object(ChromeBrowser, "_handle_console", handle_console_with_screenshots):
        yield
