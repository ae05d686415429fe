"""Norwegian legal deadline engine: counting, rolling and court recess.

Hand-written because no library knows the Norwegian procedural rules: the
counting of domstolloven § 148, the rolling forward of § 149 (which treats
1 and 17 May like public holidays but not 24 and 31 December) and the court
recess of § 140 (rettsferie), whose suspension applies to some deadlines and
not to others. Public holidays are computed here from the Gregorian Western
Easter of ``dateutil.easter`` rather than taken from the ``holidays``
package, so there is one source of holiday dates, tested in this module's
tests. Month and year arithmetic is ``dateutil.relativedelta``, which
already ends on the last day of a shorter month as § 148 requires.

Pure Python, no Odoo import: the Odoo models call :func:`compute_deadline`
and store its steps so that a lawyer can check every calculation.
The rules implemented are those of ``shared/spec/deadlines-no.md``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from types import MappingProxyType

from dateutil.easter import EASTER_WESTERN, easter
from dateutil.relativedelta import relativedelta

UNITS = ("days", "weeks", "months", "years")

#: Flag: the nominal end lies just before a recess and the § 149 roll pushed the
#: last day into it. Whether the recess then suspends the deadline is not settled
#: in law; the engine gives the earlier date and a lawyer must review it.
RECESS_EDGE = "recess_edge"

ONE_DAY = timedelta(days=1)

_WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Literal names, not calendar.month_abbr: the steps must not depend on the locale.
_MONTH_ABBR = (
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SATURDAY, _SUNDAY = 5, 6


@dataclass(frozen=True)
class DeadlineResult:
    """A computed deadline with the reasoning a lawyer needs to check it.

    ``date`` is the last day (the deadline expires at 24:00 Europe/Oslo that
    day); ``nominal_date`` is the end after counting and any recess suspension
    but before the § 149 roll; ``steps`` explain each rule applied, in order;
    ``flags`` mark open legal points to surface in the UI (see
    :data:`RECESS_EDGE`).
    """

    date: date
    steps: tuple[str, ...]
    flags: frozenset[str]
    nominal_date: date


# --- Calendar: holidays, working days, court recesses -----------------------


@lru_cache(maxsize=512)
def _holidays_of_year(year: int) -> MappingProxyType[date, str]:
    """Holidays of one year, read-only and cached.

    Caching is safe in a multi-worker deployment: the result is a pure
    function of the year, not business state.
    """
    easter_sunday = easter(year, EASTER_WESTERN)
    entries = [
        (date(year, 1, 1), "Første nyttårsdag"),
        (easter_sunday - timedelta(days=3), "Skjærtorsdag"),
        (easter_sunday - timedelta(days=2), "Langfredag"),
        (easter_sunday, "Første påskedag"),
        (easter_sunday + timedelta(days=1), "Andre påskedag"),
        (date(year, 5, 1), "Arbeidernes dag"),
        (date(year, 5, 17), "Grunnlovsdag"),
        (easter_sunday + timedelta(days=39), "Kristi himmelfartsdag"),
        (easter_sunday + timedelta(days=49), "Første pinsedag"),
        (easter_sunday + timedelta(days=50), "Andre pinsedag"),
        (date(year, 12, 25), "Første juledag"),
        (date(year, 12, 26), "Andre juledag"),
    ]
    names: dict[date, str] = {}
    for day, name in entries:
        # Movable feasts can fall on 1 or 17 May (17 May 2027 is also Andre
        # pinsedag): keep both names rather than lose one.
        names[day] = f"{names[day]} og {name}" if day in names else name
    return MappingProxyType(dict(sorted(names.items())))


def norwegian_holidays(year: int) -> dict[date, str]:
    """Public holidays of ``year`` that move a deadline, with Norwegian names.

    The days of helligdagsfredloven § 2 plus 1 and 17 May (lov 26 April 1947),
    which domstolloven § 149 treats alike. Sundays are not listed (every
    Sunday is non-working anyway) except Easter and Whit Sunday, which are
    named holidays. 24 and 31 December are deliberately absent: they are
    working days when they fall on a weekday.
    """
    return dict(_holidays_of_year(year))


def is_working_day(d: date) -> bool:
    """True unless ``d`` is a Saturday, a Sunday or a public holiday (§ 149)."""
    return d.weekday() < _SATURDAY and d not in _holidays_of_year(d.year)


@lru_cache(maxsize=512)
def _recesses_beginning_in(year: int) -> tuple[tuple[date, date], ...]:
    easter_sunday = easter(year, EASTER_WESTERN)
    return (
        (easter_sunday - timedelta(days=8), easter_sunday + timedelta(days=1)),
        (date(year, 7, 1), date(year, 8, 15)),
        (date(year, 12, 24), date(year + 1, 1, 3)),
    )


def court_recesses(year: int) -> list[tuple[date, date]]:
    """The court recesses (domstolloven § 140) that begin in ``year``.

    Each is ``(first day, last day)``, both included: Easter (the Saturday
    before Palm Sunday to Andre påskedag), summer (1 July to 15 August) and
    Christmas (24 December to 3 January). A recess belongs to the year in
    which it begins, so the Christmas recess of ``year`` ends on 3 January of
    ``year + 1`` and 1–3 January of ``year`` belong to ``court_recesses(year -
    1)``; :func:`in_court_recess` looks in both.
    """
    return list(_recesses_beginning_in(year))


def in_court_recess(d: date) -> tuple[date, date] | None:
    """The court recess containing ``d`` as ``(first day, last day)``, or None."""
    for first, last in (*_recesses_beginning_in(d.year - 1), *_recesses_beginning_in(d.year)):
        if first <= d <= last:
            return first, last
    return None


def _recesses_beginning_after(d: date) -> Iterator[tuple[date, date]]:
    """Every court recess beginning after ``d``, in order, without end."""
    year = d.year
    while True:
        for first, last in _recesses_beginning_in(year):
            if first > d:
                yield first, last
        year += 1


# --- Wording of the steps ---------------------------------------------------


def _fmt(d: date) -> str:
    """'31 Jan 2027': English and independent of the process locale."""
    return f"{d.day} {_MONTH_ABBR[d.month]} {d.year}"


def _fmt_wd(d: date) -> str:
    """'Mon 1 Mar 2027'."""
    return f"{_WEEKDAY_ABBR[d.weekday()]} {_fmt(d)}"


def _fmt_span(first: date, last: date) -> str:
    return f"{_fmt(first)} – {_fmt(last)}"


def _recess_name(first: date) -> str:
    return {7: "summer", 12: "Christmas"}.get(first.month, "Easter")


def _plural(amount: int, unit: str) -> str:
    return f"{amount} {unit[:-1] if amount == 1 else unit}"


def _non_working_reason(d: date) -> str:
    """Why ``d`` does not count as a last day: the holiday name, or the weekday."""
    holiday = _holidays_of_year(d.year).get(d)
    if holiday:
        return f"{holiday} (public holiday)"
    return "a Saturday" if d.weekday() == _SATURDAY else "a Sunday"


# --- The three stages: count, suspend, roll -------------------------------------


def _count(start: date, amount: int, unit: str, start_label: str) -> tuple[date, str]:
    """Nominal end of the period per domstolloven § 148, and the step saying so."""
    law = "(domstolloven § 148)"
    head = f"{start_label} {_fmt(start)} + {_plural(amount, unit)}"
    if unit == "days":
        end = start + timedelta(days=amount)
        return end, f"{head} (that day not counted) = {_fmt_wd(end)} {law}"
    if unit == "weeks":
        end = start + timedelta(weeks=amount)
        return end, f"{head}: same weekday = {_fmt_wd(end)} {law}"
    delta = relativedelta(months=amount) if unit == "months" else relativedelta(years=amount)
    end = start + delta
    if end.day == start.day:
        return end, f"{head}: same day number = {_fmt_wd(end)} {law}"
    missing = f"{start.day} {_MONTH_ABBR[end.month]} {end.year}"
    return end, (
        f"{head}: {missing} does not exist, so the last day of "
        f"{_MONTH_NAMES[end.month]}: {_fmt_wd(end)} {law}"
    )


def _suspend_for_recesses(start: date, end: date, steps: list[str]) -> date:
    """Move ``end`` past every recess that begins during the running period.

    What remained of the period when a recess began runs again after the
    recess (domstolloven § 140, spec § 4): remaining = end − (first day − 1),
    new end = last day + remaining. Recesses are taken in order, because the
    new end may reach into a later one.
    """
    suspended = False
    for first, last in _recesses_beginning_after(start):
        if first > end:
            break
        remaining = (end - (first - ONE_DAY)).days
        new_end = last + timedelta(days=remaining)
        steps.append(
            f"The {_recess_name(first)} recess ({_fmt_span(first, last)}) begins while the "
            f"deadline runs (until {_fmt(end)}): the {_plural(remaining, 'days')} left after "
            f"{_fmt(first - ONE_DAY)} run from its last day, {_fmt(last)} + "
            f"{_plural(remaining, 'days')} = {_fmt_wd(new_end)} (domstolloven § 140)"
        )
        end, suspended = new_end, True
    if not suspended:
        steps.append(
            f"No court recess begins between {_fmt(start)} and {_fmt(end)}: "
            "nothing suspended (domstolloven § 140)"
        )
    return end


def _roll_forward(end: date, steps: list[str]) -> date:
    """Move a last day off Saturdays, Sundays and holidays (domstolloven § 149)."""
    if is_working_day(end):
        steps.append(f"{_fmt_wd(end)} is a working day, so it is the last day (domstolloven § 149)")
        return end
    while not is_working_day(end):
        following = end + ONE_DAY
        steps.append(
            f"{_fmt(end)} is {_non_working_reason(end)}: moved to {_fmt_wd(following)} "
            "(domstolloven § 149)"
        )
        end = following
    return end


# --- Public API ---------------------------------------------------------------


def _check_inputs(trigger: date, amount: int, unit: str) -> None:
    # datetime is a subclass of date; a time of day would silently be dropped.
    if isinstance(trigger, datetime) or not isinstance(trigger, date):
        raise ValueError(
            f"The trigger must be a date (datetime.date, without a time), "
            f"not {type(trigger).__name__}."
        )
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValueError(
            f"The deadline length must be a whole number, not {type(amount).__name__}."
        )
    if amount < 0:
        raise ValueError(f"The deadline length must not be negative (got {amount}).")
    if unit not in UNITS:
        raise ValueError(f"Unknown unit {unit!r}: use one of {', '.join(UNITS)}.")


def compute_deadline(
    trigger: date,
    amount: int,
    unit: str,
    *,
    recess_suspends: bool = False,
    runs_in_recess: bool = False,
) -> DeadlineResult:
    """The last day of a deadline of ``amount`` ``unit`` from ``trigger``.

    ``recess_suspends`` is a property of the rule (civil appeal and reply to a
    writ: yes; criminal appeal, limitation and complaint periods: no).
    ``runs_in_recess`` is the court's order under § 140 third paragraph that
    this deadline runs in the recess; it overrides ``recess_suspends``.
    Raises ValueError for input a caller can get wrong.
    """
    _check_inputs(trigger, amount, unit)
    steps: list[str] = []
    suspends = recess_suspends and not runs_in_recess
    if recess_suspends and runs_in_recess:
        steps.append(
            "The court ordered this deadline to run during court recess, so no recess "
            "suspends it (domstolloven § 140 third paragraph)"
        )
    try:
        start, start_label = trigger, "Trigger"
        recess = in_court_recess(trigger) if suspends else None
        if recess:
            first, start = recess
            start_label = "Counting start"
            steps.append(
                f"Trigger {_fmt(trigger)} falls in the {_recess_name(first)} recess "
                f"({_fmt_span(first, start)}): the deadline starts running when it ends, "
                f"counted from {_fmt(start)} (domstolloven § 140)"
            )
        end, step = _count(start, amount, unit, start_label)
        steps.append(step)
        if suspends:
            end = _suspend_for_recesses(start, end, steps)
        last_day = _roll_forward(end, steps)
    except (OverflowError, ValueError) as error:
        # Only reachable near date.max; every other input was checked above.
        raise ValueError(
            f"The deadline from {trigger} falls beyond the last supported date."
        ) from error
    flags = set()
    if suspends and in_court_recess(last_day) and not in_court_recess(end):
        flags.add(RECESS_EDGE)
        steps.append(
            f"Open point for review: the nominal last day {_fmt(end)} lies just before a "
            f"court recess and rolling moved it into the recess; whether the recess then "
            f"suspends the deadline is unsettled, so the earlier date {_fmt_wd(last_day)} "
            "is given (domstolloven §§ 140, 149)"
        )
    return DeadlineResult(
        date=last_day, steps=tuple(steps), flags=frozenset(flags), nominal_date=end
    )


def compute_deadline_hours(aware_at: datetime, hours: int) -> datetime:
    """``hours`` of elapsed time after ``aware_at``, never rolled (GDPR Art. 33(1)).

    The addition is done in UTC so that a daylight-saving change inside the
    period neither adds nor removes an hour; the result is returned in the
    time zone of ``aware_at``.
    """
    if not isinstance(aware_at, datetime):
        raise ValueError(f"The start must be a datetime, not {type(aware_at).__name__}.")
    if aware_at.tzinfo is None or aware_at.utcoffset() is None:
        raise ValueError(
            "The start must be timezone-aware (e.g. tzinfo=ZoneInfo('Europe/Oslo')): "
            "a naive time is ambiguous."
        )
    if isinstance(hours, bool) or not isinstance(hours, int):
        raise ValueError(f"The number of hours must be a whole number, not {type(hours).__name__}.")
    if hours < 0:
        raise ValueError(f"The number of hours must not be negative (got {hours}).")
    return (aware_at.astimezone(timezone.utc) + timedelta(hours=hours)).astimezone(aware_at.tzinfo)
