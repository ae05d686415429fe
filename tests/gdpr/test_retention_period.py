"""Retention periods of the spec (shared/spec/gdpr-and-duties.md), without Odoo."""

import importlib.util
import sys
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

PATH = Path(__file__).resolve().parents[2] / "law_crm_gdpr" / "retention_period.py"


def _load():
    spec = importlib.util.spec_from_file_location("law_crm_gdpr_retention_period", PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


period = _load()
d = date.fromisoformat


def test_invoice_kept_to_end_of_fifth_financial_year():
    # Invoice dated 2026-03-15, calendar financial year: kept until 2031-12-31.
    assert period.kept_until(d("2026-03-15"), years=5, from_year_end=True) == d("2031-12-31")
    assert period.last_due_start(d("2031-12-31"), years=5, from_year_end=True) == d("2025-12-31")
    assert period.last_due_start(d("2032-01-01"), years=5, from_year_end=True) == d("2026-12-31")


def test_aml_records_kept_five_years_after_relationship_ended():
    assert period.kept_until(d("2026-09-30"), years=5) == d("2031-09-30")
    assert period.last_due_start(d("2031-09-30"), years=5) == d("2026-09-29")
    assert period.last_due_start(d("2031-10-01"), years=5) == d("2026-09-30")


def test_secondary_documentation_three_years_six_months():
    assert period.kept_until(d("2026-05-01"), years=3, months=6, from_year_end=True) == d(
        "2030-06-30"
    )


def test_month_end_clamping_is_exact():
    # 31 Aug + 6 months = 28 Feb: due on 1 Mar, although 1 Mar - 6 months is 1 Sep - 1.
    assert period.kept_until(d("2025-08-31"), months=6) == d("2026-02-28")
    assert period.last_due_start(d("2026-03-01"), months=6) == d("2025-08-31")


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    offset=st.integers(min_value=0, max_value=6000),
    years=st.integers(min_value=0, max_value=20),
    months=st.integers(min_value=0, max_value=11),
    from_year_end=st.booleans(),
)
def test_due_exactly_when_the_period_has_passed(start, offset, years, months, from_year_end):
    today = start + timedelta(days=offset)
    due = period.kept_until(start, years, months, from_year_end) < today
    assert due == (start <= period.last_due_start(today, years, months, from_year_end))
