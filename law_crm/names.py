"""Normalised names and identifiers for the conflict-of-interest search.

Pure Python, no Odoo import: the same function fills the stored
``law_name_normalised`` columns (ORM and bulk SQL loads alike) and turns the
searched text into the query, so both sides of the trigram comparison are
spelled the same way. Tested without Odoo in ``tests/conflict/``.

What normalising does, in order:

- lower case, Unicode NFKC (full-width letters, ligatures);
- Norwegian letters and their ASCII spellings meet: ``æ``/``ae`` -> ``ae``,
  ``ø``/``oe``/``o`` -> ``o``, ``å``/``aa`` -> ``a`` (so "Bjørn Ødegård" and
  "Bjorn Odegaard" are the same string); other accents are dropped;
- ``A/S`` and punctuation become spaces, runs of whitespace one space;
- legal-form suffixes (AS, ASA, ANS, DA, SA, ENK, NUF, A/S, AB, GmbH, Ltd...)
  are removed from the end of the name, so "Nordisk Bygg AS" and
  "Nordisk Byg A/S" differ only by the missing "g".

The search key (:func:`name_key`) goes one step further: the words sorted
and joined without spaces. Word order then does not matter ("Ødegård,
Bjørn"), and the trigrams that pg_trgm indexes are fewer and rarer: the
padded word starts and endings of a space-separated name ("  h", "en ") occur
in most Norwegian names, and the index would read those long posting lists
for every search (measured 4-5x slower on a million contacts).
"""

import re
import unicodedata

# Company forms that say nothing about who a party is. Only trailing ones are
# removed (repeatedly: "Foo Holding AS Ltd"): in the middle of a name, "da" or
# "sa" may be a real word ("Da Silva").
LEGAL_FORMS = frozenset(
    {
        "as",
        "asa",
        "ans",
        "da",
        "sa",
        "enk",
        "nuf",
        "ks",
        "ba",
        "sf",
        "ab",
        "gmbh",
        "ltd",
        "limited",
        "plc",
        "inc",
        "llc",
        "oy",
        "aps",
        "bv",
        "nv",
    }
)

_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "ae", "ö": "o", "ü": "u", "ß": "ss"})
_SLASH_FORM = re.compile(r"\b([a-z])\s*/\s*([a-z])\b")  # a/s, a / s -> as
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"\D+")


def normalise_name(name):
    """The comparable form of a person's or organisation's name ('' if none)."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).lower().translate(_LETTERS)
    text = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    text = text.replace("aa", "a").replace("oe", "o")
    text = _SLASH_FORM.sub(r"\1\2", text)
    words = _NON_WORD.sub(" ", text).split()
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def normalise_identifier(value):
    """Digits only: organisation and national identity numbers compare as
    digit strings whatever spaces, dots, dashes or country prefix ("NO",
    "MVA") a user typed."""
    return _DIGITS.sub("", value or "")


def name_key(name):
    """The stored and searched form: normalised words, sorted, no spaces."""
    return "".join(sorted(normalise_name(name).split()))
