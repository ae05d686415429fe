"""Tests of law_crm/inbound_email.py (matter numbers, forward headers), without Odoo."""

import importlib.util
import sys
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

MODULE_PATH = Path(__file__).resolve().parents[2] / "law_crm" / "inbound_email.py"
OSLO = ZoneInfo("Europe/Oslo")


def _load():
    spec = importlib.util.spec_from_file_location("law_crm_inbound_email", MODULE_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


inbound = _load()


@pytest.mark.parametrize(
    ("subject", "numbers"),
    [
        ("Sak 2026-0042: stevning", ["2026-0042"]),
        ("[2026-0042] Re: Re: tilsvar", ["2026-0042"]),
        ("SV: 2026-0042 og 2025-0107, 2026-0042", ["2026-0042", "2025-0107"]),
        ("Møte 2026-03-10", []),
        ("Ref 12026-00421 and x2026-0042", []),
        ("Tel 2222-3333", []),
        ("", []),
        (None, []),
    ],
)
def test_find_matter_numbers(subject, numbers):
    assert inbound.find_matter_numbers(subject) == numbers


@pytest.mark.parametrize(
    ("subject", "forwarded"),
    [
        ("Fwd: Tilbud", True),
        ("FW: Tilbud", True),
        ("VS: Tilbud", True),
        ("[EXT] Fw: offer", True),
        ("Re: Fwd: offer", False),
        ("Forward planning", False),
        ("Vs. motparten", False),
    ],
)
def test_is_forward(subject, forwarded):
    assert inbound.is_forward(subject) is forwarded


GMAIL = """Se under.

---------- Forwarded message ---------
From: Per Hansen <Per.Hansen@Havblikk.example>
Date: Thu, 2 Apr 2026 at 10:15
Subject: Krav
To: Kari Berg <kari@berglunde.example>
"""

OUTLOOK_NB = """Til info

Fra: Hansen, Per [mailto:per@havblikk.example]
Sendt: torsdag 2. april 2026 10:15
Til: Kari Berg
Emne: Krav
"""

OUTLOOK_EN = """> From: Nordvik Holding AS <post@nordvik.example>
> Sent: Thursday, April 2, 2026 10:15 AM
> To: Kari Berg
"""

RFC_DATE = """Begin forwarded message:

From: post@nordvik.example
Date: Thu, 02 Apr 2026 10:15:00 +0200
"""


@pytest.mark.parametrize(
    ("body", "name", "email"),
    [
        (GMAIL, "Per Hansen", "per.hansen@havblikk.example"),
        (OUTLOOK_NB, "Hansen, Per", "per@havblikk.example"),
        (OUTLOOK_EN, "Nordvik Holding AS", "post@nordvik.example"),
        (RFC_DATE, "post@nordvik.example", "post@nordvik.example"),
    ],
)
def test_parse_forward_sender_and_date(body, name, email):
    parsed_name, parsed_email, sent = inbound.parse_forward(body)
    assert (parsed_name, parsed_email) == (name, email)
    assert sent is not None
    moment = inbound.to_utc_naive(sent, OSLO)
    # 10:15 in Oslo on 2 April 2026 (summer time, UTC+2) is 08:15 UTC.
    assert moment == datetime(2026, 4, 2, 8, 15)


def test_parse_forward_without_sender():
    assert inbound.parse_forward("Just a note, no headers.\nDate: yesterday") is None
    assert inbound.parse_forward("") is None
    assert inbound.parse_forward(None) is None


def test_parse_forward_unreadable_date_keeps_sender():
    name, email, sent = inbound.parse_forward("From: a@b.example\nDate: the day after the storm\n")
    assert (name, email) == ("a@b.example", "a@b.example")
    assert sent is None


def test_parse_date_aware_and_naive():
    assert inbound.parse_date("Thu, 02 Apr 2026 10:15:00 +0000") == datetime(
        2026, 4, 2, 10, 15, tzinfo=timezone.utc
    )
    assert inbound.parse_date("2. desember 2026 kl. 09:30") == datetime(2026, 12, 2, 9, 30)
    assert inbound.parse_date("") is None
    assert inbound.parse_date("not a date at all, no digits") is None
