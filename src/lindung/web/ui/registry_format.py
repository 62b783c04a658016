"""Amounts, dates and country names as the registry pages show them, Bahasa
Indonesia first: 'Rp7.500.000', 'TWD 27.470', '1 Juni 2025' ('IDR 7,500,000',
'TWD 27,470', '1 June 2025' in English)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lindung.domain.countries import all_countries

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _grouped(value: float | Decimal, lang: str) -> str:
    """Thousands grouped, two decimals only when there are cents."""
    amount = Decimal(str(value))
    whole = amount == amount.to_integral_value()
    text = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def money(value: float | Decimal | str | None, currency: str | None, lang: str) -> str:
    """An amount with its currency; rupiah as 'Rp' in Indonesian."""
    if value is None or value == "":
        return "–"
    try:
        amount = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    code = (currency or "").upper()
    if code == "IDR" and lang != "en":
        return f"Rp{_grouped(amount, lang)}"
    return f"{code} {_grouped(amount, lang)}".strip()


def as_day(value: object) -> date | None:
    """A date, or ISO text of one (as evidence carries dates)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def long_date(value: object, lang: str) -> str:
    """'1 Juni 2025' / '1 June 2025'; text that is not a date comes back as it is."""
    if value is None or value == "":
        return "–"
    day = as_day(value)
    if day is None:
        return str(value)
    months = MONTHS_EN if lang == "en" else MONTHS_ID
    return f"{day.day} {months[day.month - 1]} {day.year}"


def country(code: str | None, lang: str) -> str:
    """A country's name in ``lang`` (the code when unknown)."""
    if not code:
        return "–"
    found = all_countries().get(code)
    if found is None:
        return code
    return found.name_en if lang == "en" else found.name_id
