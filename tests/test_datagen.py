"""The benchmarks' data generator: the same seed must give the same firm, or
figures measured on two machines are not about the same data; and the shape
the benchmarks rely on (closed matters dominate, a few big clients, name
collisions) must hold. Pure Python: the rows are planned without a database."""

import importlib.util
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("faker")

_path = Path(__file__).resolve().parent / "perf" / "datagen.py"
_spec = importlib.util.spec_from_file_location("datagen", _path)
datagen = importlib.util.module_from_spec(_spec)
sys.modules["datagen"] = datagen
_spec.loader.exec_module(datagen)

# small, with fewer rows of the big tables: the suite stays fast.
TINY = replace(datagen.SCALES["small"], messages=2_000, time_lines=1_000, deadlines=500)


def snapshot(firm):
    return (
        firm.lawyers(),
        firm.partners,
        firm.matters,
        list(firm.messages()),
        list(firm.time_lines()),
        list(firm.deadlines()),
    )


@pytest.fixture(scope="module")
def firm():
    return datagen.Firm(TINY, seed=7)


def test_same_seed_same_firm(firm):
    assert snapshot(datagen.Firm(TINY, seed=7)) == snapshot(firm)


def test_other_seed_other_firm(firm):
    other = datagen.Firm(TINY, seed=8)
    assert other.partners[:50] != firm.partners[:50]
    assert other.matters[:50] != firm.matters[:50]


def test_counts_follow_the_scale(firm):
    lawyers, partners, matters, messages, time_lines, deadlines = snapshot(firm)
    assert (len(lawyers), len(partners), len(matters)) == (10, 2_000, 400)
    assert (len(messages), len(time_lines), len(deadlines)) == (2_000, 1_000, 500)


def test_closed_matters_dominate_and_few_clients_are_big(firm):
    matters = firm.matters
    states = Counter(matter[6] for matter in matters)
    assert states["closed"] + states["archived"] > 0.6 * len(matters)
    per_client = Counter(matter[1] for matter in matters).most_common()
    top = sum(count for _client, count in per_client[: max(1, len(per_client) // 20)])
    assert top > 0.2 * len(matters)  # the biggest 5 % of clients hold over a fifth
    assert per_client[-1][1] == 1  # and the tail has a single matter


def test_names_collide_and_matter_numbers_are_unique(firm):
    names = Counter(row[0] for row in firm.partners if not row[1])
    assert names.most_common(1)[0][1] > 1
    numbers = [matter[10] for matter in firm.matters]
    assert len(set(numbers)) == len(numbers)
    for matter in firm.matters:
        assert matter[8] is None or matter[8] >= matter[7]  # closed after opened


def test_rows_stay_inside_the_matters_life(firm):
    matters = firm.matters
    for index, _email, _inbound, moment, _subject, _body in firm.messages():
        opened, closed = matters[index][7], matters[index][8] or datagen.TODAY
        assert opened <= moment.date() <= closed
