"""Tests of the Norwegian deadline engine, without Odoo.

The engine is loaded from its file so that importing the addon package (and
with it Odoo) is not needed. The expected dates come from
shared/spec/deadlines-no.md § 6 and were checked by hand against a calendar.
"""

import importlib.util
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

ENGINE_PATH = Path(__file__).resolve().parents[2] / "law_crm_deadlines" / "engine.py"


def _load_engine():
    spec = importlib.util.spec_from_file_location("law_crm_deadlines_engine", ENGINE_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


engine = _load_engine()
OSLO = ZoneInfo("Europe/Oslo")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def d(iso):
    return date.fromisoformat(iso)


def fmt(day):
    """A date as the steps write it: '1 Mar 2027'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- Spec § 6: worked examples ----------------------------------------------

WORKED_EXAMPLES = [
    # trigger, amount, unit, recess suspends, deadline
    ("2025-04-03", 2, "weeks", False, "2025-04-22"),
    ("2026-03-26", 2, "weeks", False, "2026-04-09"),
    ("2026-03-19", 2, "weeks", False, "2026-04-07"),
    ("2026-01-28", 1, "months", True, "2026-03-02"),
    ("2027-01-31", 1, "months", False, "2027-03-01"),
    ("2028-01-31", 1, "months", False, "2028-02-29"),
    ("2025-02-28", 1, "months", False, "2025-03-28"),
    ("2026-04-17", 2, "weeks", False, "2026-05-04"),
    ("2027-05-03", 2, "weeks", False, "2027-05-18"),
    ("2026-12-10", 2, "weeks", False, "2026-12-24"),
    ("2026-07-10", 1, "months", True, "2026-09-15"),
    ("2026-12-10", 1, "months", True, "2027-01-21"),
    ("2023-12-25", 3, "years", False, "2026-12-28"),
]


@pytest.mark.parametrize(("trigger", "amount", "unit", "suspends", "expected"), WORKED_EXAMPLES)
def test_worked_examples(trigger, amount, unit, suspends, expected):
    result = engine.compute_deadline(d(trigger), amount, unit, recess_suspends=suspends)
    assert result.date == d(expected)
    assert result.steps
    assert fmt(result.date) in result.steps[-1]
    assert result.flags == frozenset()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-12-24", True),  # julaften on a Thursday
        ("2026-12-31", True),  # nyttårsaften on a Thursday
        ("2026-04-04", False),  # påskeaften, a Saturday
        ("2026-05-01", False),
        ("2026-05-14", False),  # Kristi himmelfartsdag
        ("2027-05-17", False),  # a Monday, also Andre pinsedag
    ],
)
def test_non_working_checks(day, working):
    assert engine.is_working_day(d(day)) is working


def test_steps_explain_month_end_and_roll():
    steps = engine.compute_deadline(d("2027-01-31"), 1, "months").steps
    assert "31 Feb 2027 does not exist, so the last day of February" in steps[0]
    assert "domstolloven § 148" in steps[0]
    assert steps[1] == "28 Feb 2027 is a Sunday: moved to Mon 1 Mar 2027 (domstolloven § 149)"


def test_roll_step_names_the_holiday():
    steps = engine.compute_deadline(d("2027-05-03"), 2, "weeks").steps
    assert "Grunnlovsdag" in steps[-1]
    assert "Andre pinsedag" in steps[-1]
    assert "Tue 18 May 2027" in steps[-1]


def test_christmas_suspension_steps_show_the_remaining_days():
    steps = " | ".join(
        engine.compute_deadline(d("2026-12-10"), 1, "months", recess_suspends=True).steps
    )
    assert "18 days" in steps
    assert "3 Jan 2027" in steps
    assert "21 Jan 2027" in steps


# --- Holidays and recesses ----------------------------------------------------


@pytest.mark.parametrize(
    "easter_sunday", ["2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2038-04-25"]
)
def test_easter_sunday_in_holidays(easter_sunday):
    day = d(easter_sunday)
    holidays = engine.norwegian_holidays(day.year)
    assert holidays[day] == "Første påskedag"
    assert holidays[day - timedelta(days=3)] == "Skjærtorsdag"
    assert holidays[day + timedelta(days=50)].endswith("Andre pinsedag")


def test_holidays_of_2026():
    assert sorted(engine.norwegian_holidays(2026)) == [
        d("2026-01-01"),
        d("2026-04-02"),
        d("2026-04-03"),
        d("2026-04-05"),
        d("2026-04-06"),
        d("2026-05-01"),
        d("2026-05-14"),
        d("2026-05-17"),
        d("2026-05-24"),
        d("2026-05-25"),
        d("2026-12-25"),
        d("2026-12-26"),
    ]


def test_holidays_cannot_be_changed_through_the_returned_dict():
    engine.norwegian_holidays(2026).clear()
    assert len(engine.norwegian_holidays(2026)) == 12


def test_court_recesses_of_2026():
    assert engine.court_recesses(2026) == [
        (d("2026-03-28"), d("2026-04-06")),
        (d("2026-07-01"), d("2026-08-15")),
        (d("2026-12-24"), d("2027-01-03")),
    ]


@pytest.mark.parametrize(
    ("day", "recess"),
    [
        ("2027-01-02", ("2026-12-24", "2027-01-03")),  # Christmas recess across the new year
        ("2027-01-03", ("2026-12-24", "2027-01-03")),
        ("2027-01-04", None),
        ("2026-12-23", None),
        ("2026-03-28", ("2026-03-28", "2026-04-06")),
        ("2026-04-07", None),
        ("2026-08-15", ("2026-07-01", "2026-08-15")),
        ("2026-08-16", None),
    ],
)
def test_in_court_recess(day, recess):
    expected = (d(recess[0]), d(recess[1])) if recess else None
    assert engine.in_court_recess(d(day)) == expected


# --- Recess edge and the court's override -----------------------------------------


@pytest.mark.parametrize(
    ("trigger", "amount", "unit", "nominal", "expected"),
    [
        # Sat 23 Dec 2023 → Sun 24 → 25, 26 Dec (holidays) → Wed 27 Dec, in the recess.
        ("2023-11-23", 1, "months", "2023-12-23", "2023-12-27"),
        ("2023-12-09", 2, "weeks", "2023-12-23", "2023-12-27"),
        # Sat 30 Jun 2029 → Sun 1 Jul → Mon 2 Jul, in the summer recess.
        ("2029-05-30", 1, "months", "2029-06-30", "2029-07-02"),
    ],
)
def test_recess_edge_is_flagged_with_the_earlier_date(trigger, amount, unit, nominal, expected):
    result = engine.compute_deadline(d(trigger), amount, unit, recess_suspends=True)
    assert result.nominal_date == d(nominal)
    assert result.date == d(expected)
    assert result.flags == {engine.RECESS_EDGE}
    assert "Open point" in result.steps[-1]

    unsuspended = engine.compute_deadline(d(trigger), amount, unit)
    assert unsuspended.date == d(expected)
    assert unsuspended.flags == frozenset()


def test_runs_in_recess_overrides_recess_suspends():
    result = engine.compute_deadline(
        d("2026-12-10"), 1, "months", recess_suspends=True, runs_in_recess=True
    )
    assert result.date == d("2027-01-11")  # Sun 10 Jan 2027 → Mon 11 Jan, no suspension
    assert "court ordered" in result.steps[0]
    assert result.flags == frozenset()


def test_runs_in_recess_overrides_a_trigger_inside_the_recess():
    result = engine.compute_deadline(
        d("2026-07-10"), 1, "months", recess_suspends=True, runs_in_recess=True
    )
    assert result.date == d("2026-08-10")


def test_suspension_crosses_two_recesses():
    # Trigger 20 Jun 2026 + 60 days: 10 days run before 1 Jul, 50 remain → 15 Aug + 50 = 4 Oct.
    # No later recess before 4 Oct; Sun 4 Oct → Mon 5 Oct.
    result = engine.compute_deadline(d("2026-06-20"), 60, "days", recess_suspends=True)
    assert result.nominal_date == d("2026-10-04")
    assert result.date == d("2026-10-05")
    # Trigger 1 Dec 2026 + 120 days = 31 Mar 2027. Christmas: 31 Mar − 23 Dec = 98 days
    # remain → 3 Jan 2027 + 98 = 11 Apr 2027. That passes the Easter recess (20–29 Mar
    # 2027): 11 Apr − 19 Mar = 23 days remain → 29 Mar + 23 = Wed 21 Apr 2027.
    result = engine.compute_deadline(d("2026-12-01"), 120, "days", recess_suspends=True)
    assert result.date == d("2027-04-21")
    assert sum("recess (" in step for step in result.steps) == 2


# --- Hours (GDPR Art. 33) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("aware_at", "wall_clock_after"),
    [
        # Summer time starts 29 Mar 2026 02:00 → 03:00: the wall clock shows one hour more.
        (datetime(2026, 3, 28, 10, 0, tzinfo=OSLO), datetime(2026, 3, 31, 11, 0)),
        # Summer time ends 25 Oct 2026 03:00 → 02:00: the wall clock shows one hour less.
        (datetime(2026, 10, 24, 10, 0, tzinfo=OSLO), datetime(2026, 10, 27, 9, 0)),
    ],
)
def test_hours_are_elapsed_time_across_dst(aware_at, wall_clock_after):
    result = engine.compute_deadline_hours(aware_at, 72)
    # Subtracting datetimes that share a tzinfo ignores DST; compare in UTC.
    elapsed = result.astimezone(timezone.utc) - aware_at.astimezone(timezone.utc)
    assert elapsed == timedelta(hours=72)
    assert result.replace(tzinfo=None) == wall_clock_after
    assert result.tzinfo is OSLO


def test_hours_are_never_rolled():
    # Friday 17:00 + 24 h is Saturday 17:00, a non-working day, and stays there.
    result = engine.compute_deadline_hours(datetime(2026, 5, 15, 17, tzinfo=OSLO), 24)
    assert result == datetime(2026, 5, 16, 17, tzinfo=OSLO)


# --- Invalid input --------------------------------------------------------------


@pytest.mark.parametrize(
    ("trigger", "amount", "unit", "message"),
    [
        (date(2026, 1, 1), -1, "days", "negative"),
        (date(2026, 1, 1), 1.0, "days", "whole number"),
        (date(2026, 1, 1), True, "days", "whole number"),
        (date(2026, 1, 1), "1", "days", "whole number"),
        (date(2026, 1, 1), 1, "fortnights", "Unknown unit"),
        (date(2026, 1, 1), 1, "day", "Unknown unit"),
        (datetime(2026, 1, 1, 12, 0), 1, "days", "must be a date"),
        ("2026-01-01", 1, "days", "must be a date"),
        (date(9999, 12, 1), 1, "months", "beyond the last supported date"),
    ],
)
def test_invalid_deadline_input(trigger, amount, unit, message):
    with pytest.raises(ValueError, match=message):
        engine.compute_deadline(trigger, amount, unit)


@pytest.mark.parametrize(
    ("aware_at", "hours", "message"),
    [
        (datetime(2026, 1, 1, 12, 0), 72, "timezone-aware"),
        (date(2026, 1, 1), 72, "must be a datetime"),
        (datetime(2026, 1, 1, 12, 0, tzinfo=OSLO), -1, "negative"),
        (datetime(2026, 1, 1, 12, 0, tzinfo=OSLO), 1.5, "whole number"),
        (datetime(2026, 1, 1, 12, 0, tzinfo=OSLO), True, "whole number"),
    ],
)
def test_invalid_hours_input(aware_at, hours, message):
    with pytest.raises(ValueError, match=message):
        engine.compute_deadline_hours(aware_at, hours)


# --- Properties -----------------------------------------------------------------

triggers = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
periods = st.one_of(
    st.tuples(st.integers(0, 400), st.just("days")),
    st.tuples(st.integers(0, 60), st.just("weeks")),
    st.tuples(st.integers(0, 36), st.just("months")),
    st.tuples(st.integers(0, 10), st.just("years")),
)
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None)


def plain_end(trigger, amount, unit):
    """§ 148 counting written independently of the engine."""
    return trigger + relativedelta(**{unit: amount})


@PROPERTY_SETTINGS
@given(trigger=triggers, period=periods, suspends=st.booleans())
def test_result_is_the_first_working_day_from_the_nominal_end(trigger, period, suspends):
    amount, unit = period
    result = engine.compute_deadline(trigger, amount, unit, recess_suspends=suspends)
    assert engine.is_working_day(result.date)
    assert result.date >= result.nominal_date
    day = result.nominal_date
    while day < result.date:
        assert not engine.is_working_day(day)
        day += timedelta(days=1)
    assert result.steps
    assert fmt(result.date) in result.steps[-1 if not result.flags else -2]


@PROPERTY_SETTINGS
@given(trigger=triggers, period=periods)
def test_without_suspension_the_nominal_end_is_plain_counting(trigger, period):
    amount, unit = period
    result = engine.compute_deadline(trigger, amount, unit)
    nominal = plain_end(trigger, amount, unit)
    assert result.nominal_date == nominal
    if engine.is_working_day(nominal):
        assert result.date == nominal
    assert result.flags == frozenset()


@PROPERTY_SETTINGS
@given(first=triggers, second=triggers, period=periods)
def test_later_trigger_never_gives_an_earlier_deadline(first, second, period):
    amount, unit = period
    first, second = sorted((first, second))
    assert (
        engine.compute_deadline(first, amount, unit).date
        <= engine.compute_deadline(second, amount, unit).date
    )


@PROPERTY_SETTINGS
@given(trigger=triggers, period=periods)
def test_suspension_never_shortens_and_the_override_cancels_it(trigger, period):
    amount, unit = period
    running = engine.compute_deadline(trigger, amount, unit)
    suspended = engine.compute_deadline(trigger, amount, unit, recess_suspends=True)
    overridden = engine.compute_deadline(
        trigger, amount, unit, recess_suspends=True, runs_in_recess=True
    )
    assert suspended.date >= running.date
    assert overridden.date == running.date
    assert overridden.flags == frozenset()
