"""Tests of the conflict-search name normalisation, without Odoo.

The module is loaded from its file so that importing the addon package (and
with it Odoo) is not needed.
"""

import importlib.util
from pathlib import Path

import pytest

NAMES_PATH = Path(__file__).resolve().parents[2] / "law_crm" / "names.py"


def _load_names():
    spec = importlib.util.spec_from_file_location("law_crm_names", NAMES_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


names = _load_names()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Bjørn Ødegård", "Bjorn Odegaard"),
        ("Bjørn Ødegård", "BJOERN  ODEGAARD"),
        ("Ærlig Bygg AS", "Aerlig Bygg"),
        ("Nordisk Bygg AS", "nordisk bygg a/s"),
        ("Nordisk Bygg AS", "Nordisk Bygg A / S"),
        ("Fjord Shipping ASA", "Fjord Shipping"),
        ("Havblikk Invest ANS", "Havblikk Invest DA"),
        ("Hansen Rør ENK", "Hansen Ror"),
        ("Nordic Trading NUF", "Nordic Trading Ltd."),
        ("Müller Bau GmbH", "Muller Bau"),
        ("Svensk Stål AB", "Svensk Stal"),
        ("Berg Eiendom Holding AS ASA", "Berg Eiendom Holding"),
        ("Åse Ås", "Aase Aas"),
        ("  Kari\tNordmann \n", "kari nordmann"),
        ("Café Ørn", "Cafe Orn"),
    ],
)
def test_spellings_of_the_same_name_meet(first, second):
    assert names.normalise_name(first) == names.normalise_name(second)


def test_known_forms():
    assert names.normalise_name("Bjørn Ødegård") == "bjorn odegard"
    assert names.normalise_name("Nordisk Byg A/S") == "nordisk byg"
    assert names.normalise_name("Advokatfirma Lund & Co DA") == "advokatfirma lund co"


def test_legal_forms_only_trailing_and_never_the_whole_name():
    # "Da" inside a name is a name, and a name that is only a form stays.
    assert names.normalise_name("Da Silva Import AS") == "da silva import"
    assert names.normalise_name("AS") == "as"
    assert names.normalise_name("As Sandvik") == "as sandvik"


def test_different_names_stay_different():
    assert names.normalise_name("Nordisk Bygg AS") != names.normalise_name("Nordisk Bank AS")
    assert names.normalise_name("Ola Hansen") != names.normalise_name("Ola Hanssen")


def test_empty_values():
    assert names.normalise_name(False) == ""
    assert names.normalise_name(None) == ""
    assert names.normalise_name(" - ") == ""
    assert names.normalise_identifier(False) == ""


@pytest.mark.parametrize(
    ("raw", "digits"),
    [
        ("923 609 016", "923609016"),
        ("NO 923.609.016 MVA", "923609016"),
        ("010190-12345", "01019012345"),
    ],
)
def test_identifiers_compare_as_digits(raw, digits):
    assert names.normalise_identifier(raw) == digits


def test_name_key_ignores_word_order_spaces_and_forms():
    key = names.name_key
    assert key("Bjørn Ødegård") == "bjornodegard"
    assert key("Ødegård, Bjørn") == key("Bjorn  Odegaard")
    assert key("Nordisk Bygg AS") == key("Bygg Nordisk A/S") == "byggnordisk"
    assert key("") == ""
