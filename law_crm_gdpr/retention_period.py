"""Retention periods, without Odoo: until when a record is kept, and which
start dates are due on a given day.

A record is kept through ``kept_until`` (the start event plus the period, or
the end of the start's calendar year plus the period) and is due the day after.
``last_due_start`` turns that into one bound for an indexed query: every
record whose start date is on or before it is due.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta


def year_end(day):
    return date(day.year, 12, 31)


def kept_until(start, years=0, months=0, from_year_end=False):
    if from_year_end:
        start = year_end(start)
    return start + relativedelta(years=years, months=months)


def last_due_start(today, years=0, months=0, from_year_end=False):
    """The latest start date that is due on ``today``.

    ``start -> kept_until(start)`` never decreases, so the due starts are all
    those up to one date. Month arithmetic clamps at month ends (31 Aug plus
    6 months is 28 Feb) and cannot be inverted exactly: start from the inverse
    and step forward while the next day is still due.
    """
    period = relativedelta(years=years, months=months)
    if from_year_end:
        year = (today - timedelta(days=1) - period).year
        while kept_until(date(year + 1, 12, 31), years, months) < today:
            year += 1
        while kept_until(date(year, 12, 31), years, months) >= today:
            year -= 1
        return date(year, 12, 31)
    candidate = today - timedelta(days=1) - period
    while kept_until(candidate + timedelta(days=1), years, months) < today:
        candidate += timedelta(days=1)
    while kept_until(candidate, years, months) >= today:
        candidate -= timedelta(days=1)
    return candidate
