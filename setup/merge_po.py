"""Merge a freshly exported .pot into a language .po (like msgmerge, with polib,
which Odoo already requires): new strings are added untranslated, strings
gone from the code are dropped, existing translations are kept."""

import sys

import polib


def merge(pot_path, po_path, language="nb_NO"):
    pot = polib.pofile(pot_path)
    try:
        po = polib.pofile(po_path)
    except OSError:
        po = polib.POFile()
    po.metadata = dict(pot.metadata, Language=language)
    po.merge(pot)
    for entry in po.obsolete_entries():
        po.remove(entry)
    po.save(po_path)
    missing = [entry.msgid for entry in po if not entry.translated()]
    print(f"{po_path}: {len(po)} strings, {len(missing)} untranslated")


if __name__ == "__main__":
    merge(*sys.argv[1:3])
