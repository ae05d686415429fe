"""The Norwegian translations follow the glossary (docs/glossary.md).

Reads the glossary's tables and every addon's ``i18n/nb_NO.po``; a translated
message whose English matches a term's English pattern must contain the term's
bokmål pattern, unless the glossary lists it as an exception.
"""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "glossary.md"
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdf]|%[sd]|\{[^}]*\}|<[^>]+>")


def table_rows(section):
    """Cells of the markdown table under ``## section``, header excluded."""
    text = GLOSSARY.read_text(encoding="utf-8")
    body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in body.splitlines():
        if not line.startswith("|") or set(line) <= {"|", "-", " "}:
            continue
        cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
        rows.append([cell.strip().replace("\\|", "|") for cell in cells])
    return rows[1:]


def code(cell):
    match = re.fullmatch(r"`(.*)`", cell)
    assert match, f"expected `pattern` in the glossary, got {cell!r}"
    return match.group(1)


def terms():
    return [
        (english, re.compile(code(en_pattern), re.I), re.compile(code(nb_pattern), re.I))
        for english, _bokmal, en_pattern, nb_pattern in table_rows("Terms")
    ]


def exceptions():
    return {(addon, code(message)) for addon, message, _why in table_rows("Exceptions")}


def po_files():
    return sorted(ROOT.glob("*/i18n/nb_NO.po"))


def deviations(po_path, term_list, excepted):
    addon = po_path.parent.parent.name
    found = []
    for entry in polib.pofile(str(po_path)):
        if not entry.msgstr or (addon, entry.msgid) in excepted:
            continue
        english = PLACEHOLDER.sub(" ", entry.msgid)
        bokmal = PLACEHOLDER.sub(" ", entry.msgstr)
        for term, en_pattern, nb_pattern in term_list:
            if en_pattern.search(english) and not nb_pattern.search(bokmal):
                found.append(f"{addon}: {term!r}: {entry.msgid!r} -> {entry.msgstr!r}")
    return found


def test_glossary_is_readable():
    term_list = terms()
    assert len(term_list) >= 30
    assert {"matter", "client", "counterparty", "deadline"} <= {t for t, _e, _n in term_list}
    assert po_files(), "no nb_NO.po found"


@pytest.mark.parametrize("po_path", po_files(), ids=lambda path: path.parent.parent.name)
def test_translations_follow_the_glossary(po_path):
    found = deviations(po_path, terms(), exceptions())
    assert not found, "translations deviating from docs/glossary.md:\n" + "\n".join(found)


def test_a_deviation_is_caught(tmp_path):
    """The check itself works: a made-up catalogue calling a matter *oppdrag*."""
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Open the matter %(matter)s", msgstr="Åpne oppdraget %(matter)s"))
    po.append(polib.POEntry(msgid="Deadlines", msgstr="Frister"))
    path = tmp_path / "law_crm_fake" / "i18n" / "nb_NO.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    found = deviations(path, terms(), exceptions())
    assert len(found) == 1 and "oppdraget" in found[0]


def test_every_exception_is_still_in_its_catalogue():
    """An exception for a message that no longer exists is stale: remove it."""
    messages = {
        (path.parent.parent.name, entry.msgid)
        for path in po_files()
        for entry in polib.pofile(str(path))
    }
    stale = exceptions() - messages
    assert not stale, f"stale exceptions in docs/glossary.md: {sorted(stale)}"
