"""Conflict search over 1,000,000 contacts against stock ``name_search``.

Takes ``count`` contacts (default 1,000,000) from the data generator
(``datagen.Firm``, seed 4): a quarter companies, the rest persons with Faker
``no_NO`` names, surnames drawn with Zipf weights (Hansen first), 20 % with
two first names and 25 % with a double surname, so that "Kari Hansen" recurs
well over a hundred times, as in a real register (see ``datagen.py``).
Among them are 100 planted targets, the collision set: 50 people with
Norwegian letters and a double surname (Bjørn Hansen Ødegård) and 50 companies
(Nordisk Fjord Bygg AS). The 100 queries are the ways a user types them in an
intake: people in ASCII (Bjorn Hansen Odegaard), half of them also with one
letter missing or doubled; companies with another legal form (A/S) or with
one letter missing or doubled.

For each query, in the same run on the same data:

- ours: ``law.conflict.check._search_parties`` (one SQL statement over the
  trigram indexes), plus the corporate-family and role look-ups of a real
  check (``_family_of``, ``_roles_of``);
- stock: ``res.partner.name_search(query, limit=100)``, Odoo's own contact
  search (ILIKE on complete name, email, reference, VAT), as superuser.

It prints p50 and p95 latency of both, the ratio, and the recall on the
collision set: the share of queries whose planted target is among the
results.

The contacts are written with one ``COPY`` (names normalised in Python with
the same function the ORM uses), the indexes rebuilt and the table analysed
afterwards: creating a million partners through the ORM would take hours.
Everything runs as superuser; nothing is deleted, so use a scratch database::

    source setup/bootstrap.sh
    "$ODOO_PY" /opt/odoo/odoo-bin -c .odoo.conf -d bench_conflict -i law_crm \\
        --stop-after-init
    "$ODOO_PY" tests/perf/bench_conflict_search.py bench_conflict [count]
    dropdb bench_conflict

Measured on the development machine (2 cores, PostgreSQL 15, shared_buffers
128 MB), 1,000,000 contacts from ``datagen``, 100 queries, 2026-12-04, the
machine shared with other runs (load average 5 to 8)::

    $ "$ODOO_PY" tests/perf/bench_conflict_search.py law_crm_scale_conflict
    contacts: 1,000,005 (generated in 100 s)
    queries: 100 (collision set: 100 planted targets)
    conflict search: p50    21.3 ms   p95    98.4 ms
    stock name_search: p50   777.2 ms   p95   875.8 ms
    ratio (stock / ours): p50  36.5x   p95   8.9x
    recall on the collision set: conflict search 97%, stock name_search 0%
    mean hits per query: conflict search 12.3

A second run on the same data: p50 29.4 ms, p95 157.7 ms, ratio 27.7x /
6.2x, recall 97 %. Stock misses every query because ILIKE knows neither
"ø" = "o" nor typos.

Before the contacts came from ``datagen`` (2026-12-03, the benchmark's own
name lists: 120 first names, 150 surnames and 2,400 farm names, "Ola Hansen"
some 30 times): p50 24.6 ms, p95 57.9 ms, recall 99 %, 29.1 hits per query.
The generator's register repeats names more (Faker has 200 first names and
101 surnames; "Kari Hansen" 200 times, "Ivar Hansen" 254), which gives the
trigram search larger candidate sets for common names: a slower tail.

Not a pytest test (the name starts with ``bench_``).
"""

import io
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import datagen

ODOO_SRC = "/opt/odoo"
if ODOO_SRC not in sys.path:
    sys.path.insert(0, ODOO_SRC)
ADDONS = Path(__file__).resolve().parents[2]
if str(ADDONS) not in sys.path:
    sys.path.insert(0, str(ADDONS))

from odoo import SUPERUSER_ID, api  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.tools import config  # noqa: E402

CONF = ADDONS / ".odoo.conf"
SEED = 4
QUERIES = 100
MARK = "bench-conflict"

# The planted targets' parts: the generator's names and trade words, and
# place words that make a company name rare enough to be one target.
FIRST, LAST = datagen.norwegian_names()
WORDS = [
    *datagen.TRADES,
    "Nordisk",
    "Fjord",
    "Bygg",
    "Eiendom",
    "Invest",
    "Holding",
    "Transport",
    "Shipping",
    "Fisk",
    "Laks",
    "Kraft",
    "Energi",
    "Data",
    "Consult",
    "Regnskap",
    "Rør",
    "Elektro",
    "Maskin",
    "Handel",
    "Import",
    "Eksport",
    "Marin",
    "Havbruk",
    "Skog",
    "Tre",
    "Stål",
    "Betong",
    "Vest",
    "Øst",
    "Nord",
    "Sør",
    "Norsk",
    "Arktisk",
    "Polar",
    "Kyst",
    "Fjell",
    "Dal",
    "Bre",
    "Elv",
    "Sjø",
    "Berg",
    "Lys",
    "Vind",
    "Sol",
    "Havblikk",
    "Nordvik",
    "Solberg",
    "Lunde",
    "Aurora",
    "Viking",
    "Trøndelag",
    "Rogaland",
    "Agder",
    "Hordaland",
    "Finnmark",
    "Telemark",
]


def typo(rng, text):
    """Drop or double one letter inside a word (not the first)."""
    i = rng.randrange(1, len(text) - 1)
    while not text[i].isalpha():
        i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1 :] if rng.random() < 0.5 else text[:i] + text[i] + text[i:]


def ascii_spelling(text):
    return (
        text.replace("ø", "o")
        .replace("Ø", "O")
        .replace("å", "aa")
        .replace("Å", "Aa")
        .replace("æ", "ae")
    )


def plant(rng):
    """(target name, query) pairs of the collision set: half people with
    Norwegian letters asked in ASCII or with a typo, half companies asked
    with another legal form or a typo."""
    pairs = []
    norwegian_first = [f for f in FIRST if set(f) & set("æøåÆØÅ")]
    norwegian_last = [w for w in LAST if set(w) & set("æøåÆØÅ")]
    while len(pairs) < QUERIES // 2:
        # A rarer surname pair makes the target a person, not a family: a
        # double surname as many Norwegians have.
        target = f"{rng.choice(norwegian_first)} {rng.choice(LAST)} {rng.choice(norwegian_last)}"
        query = ascii_spelling(target) if len(pairs) % 2 else typo(rng, ascii_spelling(target))
        pairs.append((target, query))
    while len(pairs) < QUERIES:
        stem = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(WORDS)}"
        target = f"{stem} AS"
        query = f"{ascii_spelling(stem)} A/S" if len(pairs) % 2 else typo(rng, stem) + " AS"
        pairs.append((target, query))
    return pairs


def generate(env, count, targets, name_key):
    """COPY ``count`` contacts, the targets among them; rebuild the indexes.

    The contacts are the generator's (``datagen.Firm``, seed ``SEED``): only
    their names and whether they are companies are written."""
    firm = datagen.Firm(replace(datagen.SCALES["large"], partners=count - len(targets)), SEED)
    buffer = io.StringIO()
    for name, is_company, *_rest in firm.partners:
        flag = "t" if is_company else "f"
        buffer.write(f"{name}\t{name}\t{name_key(name)}\t{flag}\tt\tcontact\t{MARK}\n")
    for name in targets:
        flag = "t" if name.endswith(" AS") else "f"
        buffer.write(f"{name}\t{name}\t{name_key(name)}\t{flag}\tt\tcontact\t{MARK}\n")
    buffer.seek(0)
    cr = env.cr
    cr.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'res_partner' "
        "AND indexname NOT LIKE '%%pkey' AND indexdef NOT LIKE 'CREATE UNIQUE%%'"
    )
    indexes = cr.fetchall()
    for name, _definition in indexes:
        cr.execute(f'DROP INDEX "{name}"')
    cr._obj.copy_expert(
        "COPY res_partner (name, complete_name, law_name_normalised, is_company, active, type, "
        "ref) FROM STDIN",
        buffer,
    )
    cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE ref = %s", [MARK])
    for _name, definition in indexes:
        cr.execute(definition)
    cr.execute("ANALYZE res_partner")
    cr.commit()


def measure(func, queries):
    timings, results = [], []
    for query in queries:
        started = time.perf_counter()
        results.append(func(query))
        timings.append((time.perf_counter() - started) * 1000)
    return timings, results


def percentile(values, share):
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def main():
    database = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    config.parse_config(["-c", str(CONF), "-d", database])
    from odoo.addons.law_crm.names import name_key  # noqa: PLC0415

    registry = Registry(database)
    rng = random.Random(SEED + 1)
    pairs = plant(rng)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        started = time.perf_counter()
        cr.execute("SELECT count(*) FROM res_partner WHERE ref = %s", [MARK])
        if not cr.fetchone()[0]:
            generate(env, count, [target for target, _query in pairs], name_key)
        cr.execute("SELECT count(*) FROM res_partner")
        total = cr.fetchone()[0]
        print(f"contacts: {total:,} (generated in {time.perf_counter() - started:.0f} s)")
        targets = {}
        for target, _query in pairs:
            cr.execute("SELECT id FROM res_partner WHERE name = %s", [target])
            targets[target] = {row[0] for row in cr.fetchall()}

        Check = env["law.conflict.check"]
        Matter = env["project.project"]

        def ours(query):
            found = Check._search_parties({name_key(query)}, set(), set())
            family = Check._family_of(found)
            Check._roles_of(set(found) | set(family), Matter, env["crm.lead"])
            return set(found)

        def stock(query):
            return {pid for pid, _name in env["res.partner"].name_search(query, limit=100)}

        queries = [query for _target, query in pairs]
        ours(queries[0]), stock(queries[0])  # warm the caches of both alike
        our_times, our_results = measure(ours, queries)
        stock_times, stock_results = measure(stock, queries)

        def recall(results):
            found = sum(bool(targets[t] & r) for (t, _q), r in zip(pairs, results, strict=True))
            return found / len(pairs)

        p50, p95 = percentile(our_times, 0.5), percentile(our_times, 0.95)
        s50, s95 = percentile(stock_times, 0.5), percentile(stock_times, 0.95)
        print(f"queries: {len(queries)} (collision set: {len(pairs)} planted targets)")
        print(f"conflict search: p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
        print(f"stock name_search: p50 {s50:7.1f} ms   p95 {s95:7.1f} ms")
        print(f"ratio (stock / ours): p50 {s50 / p50:5.1f}x   p95 {s95 / p95:5.1f}x")
        print(
            f"recall on the collision set: conflict search {recall(our_results):.0%}, "
            f"stock name_search {recall(stock_results):.0%}"
        )
        mean_hits = statistics.mean(len(r) for r in our_results)
        print(f"mean hits per query: conflict search {mean_hits:.1f}")


if __name__ == "__main__":
    main()
