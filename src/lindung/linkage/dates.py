"""Birth dates and NIK-derived identity facts, as linkage features.

Birth dates disagree between documents in known ways:

- **Placeholders.** When only the year is known, clerks write 1 January or 31
  December of that year (the voter list replaces 3% of dates so), and 1 January
  1970 is what many systems show for an empty date. A placeholder agreeing with
  a date is weak evidence; it is flagged, not dropped.
- **Day and month swapped** between DD/MM and MM/DD habits (3 April, 4 March).
- **The NIK** encodes the birth date (day + 40 for women) and the district of
  first registration; it never changes, even when the stated birth date is
  corrected (DESIGN.md 'Identity facts'). The NIK-derived date stands in when a
  record has no stated date, and a disagreement is a signal for review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lindung.errors import InvalidNik
from lindung.identity import parse_nik

#: The 'unknown' date of many systems (the Unix epoch).
EPOCH = date(1970, 1, 1)


def is_placeholder(day: date) -> bool:
    """True for dates written when only the year is known (1 Jan, 31 Dec, 1 Jan 1970)."""
    return day == EPOCH or (day.month, day.day) in {(1, 1), (12, 31)}


def swapped(day: date) -> date | None:
    """The date with day and month exchanged, or None when that is not a date
    (day > 12) or is the same date (day == month)."""
    if day.day > 12 or day.day == day.month:
        return None
    return date(day.year, day.day, day.month)


@dataclass(frozen=True, slots=True)
class NikFeatures:
    """What a valid NIK says about its holder (all None for an invalid NIK)."""

    birth_date: date | None = None
    sex: str | None = None
    region: str | None = None  # Kemendagri regency of first registration, dotted (35.09)


def nik_features(value: str | None, reference_date: date | None = None) -> NikFeatures:
    """Birth date, sex ('M'/'F') and regency of a NIK; empty features when invalid.

    An invalid NIK is not an error here: mistyped NIKs are common in partner
    files, and the raw digits are still compared (a one-digit slip still agrees
    almost everywhere).
    """
    if not value:
        return NikFeatures()
    try:
        nik = parse_nik(value, reference_date)
    except InvalidNik:
        return NikFeatures()
    return NikFeatures(
        birth_date=nik.birth_date,
        sex=nik.sex,
        region=nik.regency_code,
    )
