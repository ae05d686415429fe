"""What an inbound email says about the matter it belongs to: pure text parsing.

No Odoo import, so the rules are tested without a database (tests/mail/). The
mail gateway uses them to route email sent or forwarded to the firm's logging
address: matter numbers written in the subject, and the original sender and
date that a forwarded email carries in its body.

Written by hand because no maintained library parses the forward headers of
the mail clients Norwegian lawyers use (Outlook in bokmål and English, Gmail,
Apple Mail); ``email.utils`` and ``dateutil`` do the address and date work.
"""

import re
from datetime import timezone
from email.utils import getaddresses, parsedate_to_datetime

from dateutil import parser as date_parser

# Matter numbers are "<year>-<serial>" (2026-0042), see the law.matter sequence.
MATTER_NUMBER_RE = re.compile(r"(?<![\w-])((?:19|20)\d{2}-\d{4,6})(?![\w-])")

# Subject prefixes of forwarded mail: English, Norwegian Outlook ("VS"),
# German ("WG"), French ("TR"), Danish/Swedish ("VB", "VS").
FORWARD_SUBJECT_RE = re.compile(r"^\s*(?:\[[^\]]*\]\s*)*(fwd?|vs|wg|tr|vb)\s*:", re.IGNORECASE)

_HEADER_LINE_RE = re.compile(
    r"^[ \t>*]*(?P<key>from|fra|von|de|date|sent|sendt|dato|datum|envoyé)\s*:\s*(?P<value>.+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_FROM_KEYS = {"from", "fra", "von", "de"}
_DATE_KEYS = {"date", "sent", "sendt", "dato", "datum", "envoyé"}

_NORWEGIAN_WORDS = {
    "januar": "january",
    "februar": "february",
    "mars": "march",
    "april": "april",
    "mai": "may",
    "juni": "june",
    "juli": "july",
    "august": "august",
    "september": "september",
    "oktober": "october",
    "november": "november",
    "desember": "december",
    "mandag": "",
    "tirsdag": "",
    "onsdag": "",
    "torsdag": "",
    "fredag": "",
    "lørdag": "",
    "søndag": "",
    "kl.": "",
    "kl": "",
}
_NORWEGIAN_RE = re.compile(
    r"\b(" + "|".join(re.escape(word) for word in _NORWEGIAN_WORDS) + r")(?=\W|$)", re.IGNORECASE
)


def find_matter_numbers(subject):
    """The distinct matter numbers written in ``subject``, in order of appearance."""
    numbers = []
    for number in MATTER_NUMBER_RE.findall(subject or ""):
        if number not in numbers:
            numbers.append(number)
    return numbers


def is_forward(subject):
    """Whether the subject says the email was forwarded (Fwd:, VS:, …)."""
    return bool(FORWARD_SUBJECT_RE.match(subject or ""))


def parse_date(text):
    """A timezone-aware datetime from a forward header's date, or None.

    Accepts RFC 5322 dates and the long forms mail clients write in English
    and bokmål ("torsdag 2. april 2026 10:00"); naive results are left naive
    for the caller to place in the firm's timezone.
    """
    text = (text or "").strip()
    if not text:
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        # Not RFC 5322: read the long form, with bokmål words in English.
        english = _NORWEGIAN_RE.sub(lambda match: _NORWEGIAN_WORDS[match.group(1).lower()], text)
        english = english.replace(" at ", " ").replace(" à ", " ")
    try:
        return date_parser.parse(english, fuzzy=True, dayfirst=True)
    except (ValueError, OverflowError):
        return None


def parse_forward(text):
    """Original sender and date of a forwarded email, from its plain-text body.

    Returns ``(name, email, date)`` of the first forwarded header block found,
    or None when the body carries no sender address. ``date`` may be None.
    """
    sender, sent = None, None
    for match in _HEADER_LINE_RE.finditer(text or ""):
        key, value = match.group("key").lower(), match.group("value")
        if key in _FROM_KEYS and sender is None:
            # "Name [mailto:a@b]" is how Outlook writes it in plain text.
            value = re.sub(r"\[mailto:([^\]]+)\]", r"<\1>", value)
            angle = re.match(r"^(.*?)<([^>]+)>", value)
            if angle:  # "Hansen, Per <per@…>": the comma is part of the name
                name, email = angle.group(1).strip().strip('"'), angle.group(2)
            else:
                name, email = getaddresses([value])[0]
            if "@" in email:
                sender = (name.strip() or email, email.strip().lower())
        elif key in _DATE_KEYS and sender is not None and sent is None:
            sent = parse_date(value)
        if sender and sent:
            break
    if sender is None:
        return None
    return sender[0], sender[1], sent


def to_utc_naive(moment, default_tz):
    """``moment`` as the naive UTC datetime Odoo stores; naive input is read in
    ``default_tz`` (a ``tzinfo``, the firm's timezone)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=default_tz)
    return moment.astimezone(timezone.utc).replace(tzinfo=None)
