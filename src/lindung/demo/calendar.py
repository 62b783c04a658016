"""Dates as day numbers (days since 1970-01-01, int32), and their rendering.

Whole columns of dates are drawn and compared as integers; pyarrow turns them
into ``date32`` columns or strings in a partner's own date format.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import F64, I32, Bools

EPOCH = date(1970, 1, 1)
YEAR = 365.2425

#: Registered placements per year (FACTS.md: 274,965 in 2023, 297,434 in 2024;
#: the pandemic years from public BP2MI statistics). Used as the shape of the
#: registration dates, not as counts.
PLACEMENTS_PER_YEAR: dict[int, int] = {
    2019: 276_553,
    2020: 113_173,
    2021: 72_624,
    2022: 200_761,
    2023: 274_965,
    2024: 297_434,
    2025: 300_000,
    2026: 300_000,
}


def day_number(day: date) -> int:
    return (day - EPOCH).days


def from_day_number(number: int) -> date:
    return date.fromordinal(EPOCH.toordinal() + int(number))


def date_parts(days: I32) -> tuple[I32, I32, I32]:
    """Year, month and day of month of each day number."""
    as_dates = days.astype("datetime64[D]")
    months = as_dates.astype("datetime64[M]")
    years = as_dates.astype("datetime64[Y]")
    year = years.astype(np.int32) + 1970
    month = (months - years.astype("datetime64[M]")).astype(np.int32) + 1
    day = (as_dates - months.astype("datetime64[D]")).astype(np.int32) + 1
    return year.astype(np.int32), month.astype(np.int32), day.astype(np.int32)


def from_parts(year: I32, month: I32, day: I32) -> I32:
    """Day numbers from year, month and day columns (the day must exist)."""
    months = (year.astype(np.int64) - 1970) * 12 + (month.astype(np.int64) - 1)
    first = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    return (first + day - 1).astype(np.int32)


def age_on(birth: I32, on: I32 | int) -> I32:
    """Completed years of age on ``on`` for each birth day number."""
    by, bm, bd = date_parts(birth)
    when = np.broadcast_to(np.asarray(on, dtype=np.int32), birth.shape)
    oy, om, od = date_parts(np.ascontiguousarray(when))
    before = (om < bm) | ((om == bm) & (od < bd))
    age: I32 = (oy - by - before.astype(np.int32)).astype(np.int32)
    return age


def registration_days(rng: np.random.Generator, size: int, first: date, last: date) -> I32:
    """Registration dates shaped like the yearly placement figures, uniform within a year."""
    start, end = day_number(first), day_number(last)
    days = np.arange(start, end + 1, dtype=np.int32)
    years, _, _ = date_parts(days)
    per_day = np.array([PLACEMENTS_PER_YEAR.get(int(y), 250_000) / YEAR for y in range(1900, 2101)])
    weights: F64 = per_day[years - 1900]
    cumulative = np.cumsum(weights / weights.sum())
    cumulative[-1] = 1.0
    picked = np.searchsorted(cumulative, rng.random(size), side="right").clip(0, len(days) - 1)
    chosen: I32 = days[picked]
    return chosen


def to_arrow(days: I32, valid: Bools | None = None) -> Any:
    """A ``date32`` column; null where not ``valid``."""
    mask = None if valid is None else ~valid
    return pa.array(days.astype(np.int32), type=pa.int32(), mask=mask).cast(pa.date32())


def formatted(days: I32, pattern: str, valid: Bools | None = None) -> Any:
    """Dates rendered as strings with ``pattern`` (strftime), e.g. ``'%d-%m-%Y'``."""
    stamps = to_arrow(days, valid).cast(pa.timestamp("s"))
    return pc.strftime(stamps, format=pattern)
