"""Dates written with a two-digit year, as in a NIK (DDMMYY) and a passport MRZ (YYMMDD).

A two-digit year does not say its century. For a *birth* date Lindung reads it as
the latest date with those digits that is not after a reference date (normally
today): the person is then between 0 and 99 years old, which holds for every
living migrant worker. For a passport *expiry* date the century is always 20xx.
"""

from __future__ import annotations

from datetime import date


def birth_date_from_two_digit_year(yy: int, month: int, day: int, reference: date) -> date | None:
    """The birth date for YY-MM-DD as seen on ``reference``, or None if no such day exists.

    The year is the latest one ending in ``yy`` that does not put the birth after
    ``reference`` (so '250101' is 2025-01-01 from 2025 on, and 1925-01-01 before).
    The calendar check happens after the century is chosen, so 29 February is
    valid for '00' only when the resolved year is 2000, not 1900.
    """
    year = reference.year - (reference.year - yy) % 100
    if year == reference.year and (month, day) > (reference.month, reference.day):
        year -= 100
    return calendar_date(year, month, day)


def expiry_date_from_two_digit_year(yy: int, month: int, day: int) -> date | None:
    """A document expiry date YY-MM-DD, read as 20YY; None if no such day exists."""
    return calendar_date(2000 + yy, month, day)


def calendar_date(year: int, month: int, day: int) -> date | None:
    """``date(year, month, day)``, or None when the calendar has no such day."""
    try:
        return date(year, month, day)
    except ValueError:
        return None
