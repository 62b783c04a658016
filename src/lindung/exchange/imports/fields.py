"""Field parsers: a raw value from a partner file -> the stored value, or problems.

Each parser takes the value as read (text from CSV and JSON Lines; text, numbers or
dates from XLSX and Parquet) and returns the canonical value, raising
:class:`lindung.errors.ValidationError` with every problem of that value. Messages
never repeat the value (it may be personal data).

Dates: ISO ``YYYY-MM-DD``, ``DD/MM/YYYY``, ``DD-MM-YYYY``, ``DD.MM.YYYY`` and
``D MMM YYYY`` with English or Indonesian month names ('9 Mar 2008', '9 Agustus
2008'). Slashed and dashed dates are read day first, as Indonesian documents write
them; a month-first date ('03/25/2008') is an error, not a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any

from lindung.domain.countries import country
from lindung.domain.regions import normalise_code
from lindung.errors import Problem, ValidationError
from lindung.exchange.datasets import FieldSpec
from lindung.identity import normalise_passport_number, normalise_phone, parse_nik

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+)?")
_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_WORDS = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4})")
_MONTHS = {
    "jan": 1,
    "januari": 1,
    "january": 1,
    "feb": 2,
    "februari": 2,
    "february": 2,
    "mar": 3,
    "maret": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "mei": 5,
    "may": 5,
    "jun": 6,
    "juni": 6,
    "june": 6,
    "jul": 7,
    "juli": 7,
    "july": 7,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "agustus": 8,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oktober": 10,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "nopember": 11,
    "november": 11,
    "des": 12,
    "desember": 12,
    "dec": 12,
    "december": 12,
}
_SEX = {
    "M": "M",
    "F": "F",
    "L": "M",
    "P": "F",
    "LAKI-LAKI": "M",
    "LAKI LAKI": "M",
    "LAKI": "M",
    "PEREMPUAN": "F",
    "WANITA": "F",
    "PRIA": "M",
    "MALE": "M",
    "FEMALE": "F",
}
#: Characters a spreadsheet reads as the start of a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def problem(field: str, code: str, message_id: str, message_en: str) -> Problem:
    return Problem(field, code, message_id, message_en)


def _invalid(field: str, code: str, message_id: str, message_en: str) -> ValidationError:
    return ValidationError([problem(field, code, message_id, message_en)])


def clean_text(value: Any) -> str | None:
    """Text as stored: stripped, None when empty; undoes our own formula neutralising."""
    if value is None:
        return None
    text = value if isinstance(value, str) else _as_text(value)
    text = text.strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        text = text[1:]  # a quarantine download neutralised it; take the value back
    return text or None


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # XLSX numbers: 3509... typed as a number
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def parse_date(spec: FieldSpec, value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    parts = _date_parts(text)
    if parts is None:
        raise _invalid(
            spec.name,
            "date.format",
            "tanggal tidak terbaca; gunakan TTTT-BB-HH, HH/BB/TTTT atau HH-BB-TTTT",
            "unreadable date; use YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY",
        )
    year, month, day = parts
    try:
        return date(year, month, day)
    except ValueError:
        raise _invalid(
            spec.name,
            "date.invalid",
            "tanggal tidak ada di kalender (tanggal ditulis hari dulu, lalu bulan)",
            "no such day in the calendar (dates are read day first, then month)",
        ) from None


def _date_parts(text: str) -> tuple[int, int, int] | None:
    if match := _ISO.fullmatch(text):
        return int(match[1]), int(match[2]), int(match[3])
    if match := _DAY_FIRST.fullmatch(text):
        return int(match[4]), int(match[3]), int(match[1])
    if (match := _WORDS.fullmatch(text)) and match[2].lower() in _MONTHS:
        return int(match[3]), _MONTHS[match[2].lower()], int(match[1])
    return None


def parse_nik_value(spec: FieldSpec, value: Any) -> str:
    try:
        return parse_nik(str(value)).nik
    except ValidationError as exc:
        raise ValidationError([_renamed(p, spec.name) for p in exc.problems]) from None


def parse_digits16(spec: FieldSpec, value: Any) -> str:
    digits = "".join(c for c in str(value) if not c.isspace())
    if len(digits) != 16 or not digits.isdigit():
        raise _invalid(
            spec.name,
            "digits16.format",
            "harus 16 angka",
            "must be 16 digits",
        )
    return digits


_CANONICAL_PASSPORT = re.compile(r"[A-Z0-9]{5,9}")


def parse_passport(spec: FieldSpec, value: Any) -> str:
    if value.__class__ is str and _CANONICAL_PASSPORT.fullmatch(value):
        return str(value)  # already what normalise_passport_number would return
    try:
        return normalise_passport_number(str(value))
    except ValidationError as exc:
        raise ValidationError([_renamed(p, spec.name) for p in exc.problems]) from None


def parse_phone(spec: FieldSpec, value: Any) -> str:
    try:
        return normalise_phone(str(value))
    except ValidationError as exc:
        raise ValidationError([_renamed(p, spec.name) for p in exc.problems]) from None


def parse_sex(spec: FieldSpec, value: Any) -> str:
    code = _SEX.get(" ".join(str(value).upper().split()))
    if code is None:
        raise _invalid(
            spec.name,
            "sex.unknown",
            "jenis kelamin tidak dikenal; gunakan L/P, M/F atau LAKI-LAKI/PEREMPUAN",
            "unknown sex code; use M/F, L/P or LAKI-LAKI/PEREMPUAN",
        )
    return code


def parse_country(spec: FieldSpec, value: Any) -> str:
    return _country_code(str(value).strip().upper(), spec.name)


@cache
def _country_code(code: str, field: str) -> str:
    return country(code, field).alpha2


def parse_region(spec: FieldSpec, value: Any) -> str:
    return normalise_code(str(value), spec.name)


def parse_enum(spec: FieldSpec, value: Any) -> str:
    text = " ".join(str(value).split())
    for choice in spec.choices:
        if text.casefold() == choice.casefold():
            return choice
    raise _invalid(
        spec.name,
        "enum.unknown",
        "nilai tidak dikenal; pilihan: " + ", ".join(spec.choices),
        "unknown value; choices: " + ", ".join(spec.choices),
    )


def parse_text(spec: FieldSpec, value: Any) -> str:
    return str(value)


def parse_int(spec: FieldSpec, value: Any) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise _invalid(
            spec.name, "int.format", "harus bilangan bulat", "must be a whole number"
        ) from None


def _renamed(found: Problem, field: str) -> Problem:
    return Problem(field, found.code, found.message_id, found.message_en)


Parser = Callable[[FieldSpec, Any], Any]

PARSERS: dict[str, Parser] = {
    "text": parse_text,
    "int": parse_int,
    "date": parse_date,
    "nik": parse_nik_value,
    "digits16": parse_digits16,
    "passport_number": parse_passport,
    "phone": parse_phone,
    "sex": parse_sex,
    "country": parse_country,
    "region_code": parse_region,
    "enum": parse_enum,
}


def too_long(spec: FieldSpec, length: int) -> Problem:
    return problem(
        spec.name,
        "text.too_long",
        f"terlalu panjang: {length} karakter, paling banyak {spec.max_length}",
        f"too long: {length} characters, at most {spec.max_length}",
    )


def required(spec: FieldSpec) -> Problem:
    return problem(spec.name, "required", "wajib diisi", "is required")


def nul_character(spec: FieldSpec) -> Problem:
    return problem(
        spec.name,
        "text.nul",
        "berisi karakter NUL (0x00); simpan ulang berkas sebagai teks",
        "contains a NUL character (0x00); save the file again as text",
    )
