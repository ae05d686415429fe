"""Tests of the GDPR log's hash chain, without Odoo (loaded from its file)."""

import importlib.util
import sys
from pathlib import Path

CHAIN_PATH = Path(__file__).resolve().parents[2] / "law_crm_gdpr" / "hashchain.py"


def _load():
    spec = importlib.util.spec_from_file_location("law_crm_gdpr_hashchain", CHAIN_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


chain = _load()


def build(contents):
    entries, prev = [], chain.GENESIS
    for sequence, content in enumerate(contents, start=1):
        digest = chain.entry_hash(prev, content)
        entries.append((sequence, prev, digest, content))
        prev = digest
    return entries


CONTENTS = [{"action": "consent_given", "count": 1}, {"action": "archive", "count": 40}] * 3


def test_canonical_ignores_key_order():
    assert chain.canonical({"a": 1, "b": "ø"}) == chain.canonical({"b": "ø", "a": 1})
    assert chain.entry_hash(chain.GENESIS, {"a": 1, "b": 2}) == chain.entry_hash(
        chain.GENESIS, {"b": 2, "a": 1}
    )


def test_hash_covers_previous_hash_and_content():
    one = chain.entry_hash(chain.GENESIS, {"count": 1})
    assert one != chain.entry_hash("1" * 64, {"count": 1})
    assert one != chain.entry_hash(chain.GENESIS, {"count": 2})
    assert len(one) == 64


def test_intact_chain_verifies():
    assert chain.first_break(build(CONTENTS)) is None
    assert chain.first_break([]) is None


def test_changed_content_is_detected():
    entries = build(CONTENTS)
    sequence, prev, digest, content = entries[3]
    entries[3] = (sequence, prev, digest, {**content, "count": 0})
    assert chain.first_break(entries) == 4


def test_recomputed_hash_breaks_the_next_link():
    entries = build(CONTENTS)
    sequence, prev, _digest, content = entries[2]
    forged = {**content, "count": 0}
    entries[2] = (sequence, prev, chain.entry_hash(prev, forged), forged)
    assert chain.first_break(entries) == 4


def test_removed_entry_is_detected():
    entries = build(CONTENTS)
    del entries[1]
    assert chain.first_break(entries) == 3
    renumbered = [(i, *rest) for i, (_s, *rest) in enumerate(entries, start=1)]
    assert chain.first_break(renumbered) == 2


def test_verification_resumes_after_a_verified_batch():
    entries = build(CONTENTS)
    assert chain.first_break(entries[3:], prev_hash=entries[2][2], prev_sequence=3) is None
    assert chain.first_break(entries[3:]) == 4
