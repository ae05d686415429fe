"""Throughput of the deadline engine against plain date arithmetic.

Computes the date-based rules of the catalogue (spec § 5) over a spread of
trigger dates and prints computations per second, next to a baseline measured
in the same run: ``trigger + relativedelta(...)`` with no rolling, recess or
steps. The ratio is what the engine's rules and explanations cost.

Run from the repository root: ``.venv/bin/python tests/perf/bench_deadline_engine.py``
(optionally with the number of computations, default 200000). Not a pytest test.
"""

import importlib.util
import sys
import time
from datetime import date, timedelta
from itertools import cycle, islice
from pathlib import Path

from dateutil.relativedelta import relativedelta

ENGINE_PATH = Path(__file__).resolve().parents[2] / "law_crm_deadlines" / "engine.py"

# code: (amount, unit, recess suspends) — spec § 5; gdpr_breach is an hours rule
# (compute_deadline_hours, no calendar work) and is left out.
CATALOGUE = {
    "anke_sivil": (1, "months", True),
    "anke_sivil_kort": (1, "weeks", True),
    "tilsvar": (3, "weeks", True),
    "anke_straff_dom": (2, "weeks", False),
    "anke_straff_kjennelse": (2, "weeks", False),
    "anke_straff_vitne": (3, "days", False),
    "forlik_overprov": (1, "months", True),
    "foreldelse_alminnelig": (3, "years", False),
    "foreldelse_tillegg": (1, "years", False),
    "foreldelse_erstatning": (3, "years", False),
    "foreldelse_laan": (10, "years", False),
    "reklamasjon_kjop": (2, "years", False),
    "reklamasjon_forbruker": (5, "years", False),
    "gdpr_request": (1, "months", False),
}


def load_engine():
    spec = importlib.util.spec_from_file_location("law_crm_deadlines_engine", ENGINE_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def workload(count):
    """``count`` (trigger, amount, unit, suspends): every rule over 2000–2039."""
    first, days = date(2000, 1, 1), (date(2040, 1, 1) - date(2000, 1, 1)).days
    rules = cycle(CATALOGUE.values())
    return [
        (first + timedelta(days=(i * 7919) % days), *rule)
        for i, rule in enumerate(islice(rules, count))
    ]


def per_second(function, cases):
    started = time.perf_counter()
    for trigger, amount, unit, suspends in cases:
        function(trigger, amount, unit, suspends)
    return len(cases) / (time.perf_counter() - started)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    engine = load_engine()
    cases = workload(count)

    def with_engine(trigger, amount, unit, suspends):
        return engine.compute_deadline(trigger, amount, unit, recess_suspends=suspends)

    def baseline(trigger, amount, unit, suspends):
        return trigger + relativedelta(**{unit: amount})

    per_second(with_engine, cases[:2000])  # warm the holiday and recess caches
    engine_rate = per_second(with_engine, cases)
    baseline_rate = per_second(baseline, cases)
    print(f"deadline engine: {count} computations, {len(CATALOGUE)} catalogue rules")
    print(f"  compute_deadline               {engine_rate:12,.0f} /s")
    print(f"  baseline trigger+relativedelta {baseline_rate:12,.0f} /s")
    print(f"  ratio engine/baseline          {engine_rate / baseline_rate:12.2f}")


if __name__ == "__main__":
    main()
