"""NIK (Nomor Induk Kependudukan): the 16-digit national identity number.

Layout: Kemendagri district code of first registration (6 digits: province 2,
regency 2, district 2) + birth date DDMMYY with 40 added to the day for women +
serial (4 digits, from 0001). There is no check digit, and the two-digit year is
ambiguous about the century (see :mod:`lindung.domain.identity.dates`).

A NIK never changes, even when a birth date is later corrected in the civil
registry or the person moves: the district is where the person was *first*
registered, and the date and sex are what was recorded then. A NIK that disagrees
with another source is therefore a signal for review, not proof of fraud.

Validation reports every problem at once and never repeats the NIK (or the birth
date it contains) in a message: a NIK is personal data.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from lindung.domain.dates import age_on
from lindung.domain.identity.dates import birth_date_from_two_digit_year
from lindung.domain.regions import data_file, dotted, level_of
from lindung.errors import InvalidNik, Problem

NIK_LENGTH = 16
FEMALE_DAY_OFFSET = 40
_DIGITS = frozenset("0123456789")
_SEPARATORS = frozenset(".-")
_FIELD = "nik"


@dataclass(frozen=True, slots=True)
class Nik:
    """A NIK that passed validation, with the facts it encodes.

    ``repr`` hides the number, birth date and serial so that a stray log line
    or traceback does not leak them.
    """

    nik: str = field(repr=False)
    province_code: str
    regency_code: str
    district_code: str
    birth_date: date = field(repr=False)
    sex: str
    serial: int = field(repr=False)

    def age_on(self, day: date) -> int:
        """Completed years of age on ``day`` according to the NIK's birth date."""
        return age_on(self.birth_date, day)


def parse_nik(value: str, reference_date: date | None = None) -> Nik:
    """Validate and decode a NIK written with or without spaces, dots or hyphens.

    ``reference_date`` (default today) resolves the century of the birth year:
    the person is taken to be between 0 and 99 years old on that date.

    Raises :class:`InvalidNik` listing every problem found: wrong length,
    characters other than digits, an impossible birth date, a district unknown to
    Kemendagri, serial 0000. When the length or a character is wrong, the parts
    that can still be located (the district and the date, counted from the start;
    the serial only when the length is right) are checked as well.
    """
    nik, problems = _read(value, reference_date or date.today())
    if nik is None:
        raise InvalidNik(problems)
    return nik


def is_valid_nik(value: str, reference_date: date | None = None) -> bool:
    """True when :func:`parse_nik` would accept ``value``; never raises."""
    nik, _ = _read(value, reference_date or date.today())
    return nik is not None


def make_nik(district_code: str, birth_date: date, sex: str, serial: int) -> str:
    """Compose a NIK from its parts (``sex`` is 'M' or 'F'; ``serial`` 1..9999).

    The district is not looked up, so tests can compose NIKs with unknown
    districts; :func:`parse_nik` is the check.
    """
    district = district_code.replace(".", "")
    if len(district) != 6 or not district.isdigit():
        raise ValueError("district_code must be a 6-digit Kemendagri district code")
    if sex not in ("M", "F"):
        raise ValueError("sex must be 'M' or 'F'")
    if not 1 <= serial <= 9999:
        raise ValueError("serial must be between 1 and 9999")
    day = birth_date.day + (FEMALE_DAY_OFFSET if sex == "F" else 0)
    return f"{district}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{serial:04d}"


def strip_separators(value: str) -> str:
    """Drop the formatting people put in a NIK: whitespace, dots and hyphens."""
    return "".join(c for c in value if not (c.isspace() or c in _SEPARATORS))


def _read(value: str, reference: date) -> tuple[Nik | None, list[Problem]]:
    """The decoded NIK, or None and every problem found (shared by parse and is_valid)."""
    text = strip_separators(value)
    problems: list[Problem] = []
    if len(text) != NIK_LENGTH:
        problems.append(_length_problem(len(text)))
    if any(c not in _DIGITS for c in text):
        problems.append(_problem("nik.not_digits", *_NOT_DIGITS))
    district = _digits_at(text, 0, 6)
    if district is not None and district not in _known_districts():
        problems.append(_problem("nik.district_unknown", *_DISTRICT_UNKNOWN))
    birth: tuple[date, str] | None = None
    date_digits = _digits_at(text, 6, 12)
    if date_digits is not None:
        birth, date_problems = _read_birth(date_digits, reference)
        problems.extend(date_problems)
    serial = _digits_at(text, 12, 16) if len(text) == NIK_LENGTH else None
    if serial == "0000":
        problems.append(_problem("nik.serial_zero", *_SERIAL_ZERO))
    if problems or district is None or birth is None or serial is None:
        return None, problems
    return (
        Nik(
            nik=text,
            province_code=dotted(district[:2]),
            regency_code=dotted(district[:4]),
            district_code=dotted(district),
            birth_date=birth[0],
            sex=birth[1],
            serial=int(serial),
        ),
        problems,
    )


def _read_birth(digits: str, reference: date) -> tuple[tuple[date, str] | None, list[Problem]]:
    """Decode DDMMYY (day + 40 for women) into (birth date, sex), or say what is wrong."""
    day, month, yy = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    sex = "F" if day > FEMALE_DAY_OFFSET else "M"
    if sex == "F":
        day -= FEMALE_DAY_OFFSET
    problems: list[Problem] = []
    if not 1 <= day <= 31:
        problems.append(_problem("nik.date", *_DAY_RANGE))
    if not 1 <= month <= 12:
        problems.append(_problem("nik.date", *_MONTH_RANGE))
    if problems:
        return None, problems
    birth = birth_date_from_two_digit_year(yy, month, day, reference)
    if birth is None:
        return None, [_problem("nik.date", *_NO_SUCH_DAY)]
    return (birth, sex), []


def _digits_at(text: str, start: int, end: int) -> str | None:
    """``text[start:end]`` when that whole slice is present and all digits, else None."""
    part = text[start:end]
    if len(part) != end - start or any(c not in _DIGITS for c in part):
        return None
    return part


@cache
def _known_districts() -> frozenset[str]:
    """Undotted 6-digit codes of every Kemendagri district (kecamatan): the level-3
    codes of the shipped region directory, read from its codes alone (building the
    whole directory, 91,000 regions, takes ~0.4 s; an import's first NIK waits for it)."""
    with open(data_file("wilayah/kode_wilayah.csv"), encoding="utf-8") as stream:
        rows = csv.reader(stream)
        next(rows)  # the header
        return frozenset(row[0].replace(".", "") for row in rows if level_of(row[0]) == 3)


def known_districts() -> frozenset[str]:
    """The district codes a NIK may start with (undotted, 6 digits)."""
    return _known_districts()


def _problem(code: str, message_id: str, message_en: str) -> Problem:
    return Problem(_FIELD, code, message_id, message_en)


def _length_problem(found: int) -> Problem:
    return _problem(
        "nik.length",
        f"NIK harus terdiri dari 16 angka; yang tertulis {found} karakter",
        f"a NIK has 16 digits; {found} characters were given",
    )


_NOT_DIGITS = (
    "NIK hanya boleh berisi angka (spasi, titik dan tanda hubung diabaikan)",
    "a NIK may contain only digits (spaces, dots and hyphens are ignored)",
)
_DISTRICT_UNKNOWN = (
    "kode kecamatan pada NIK (angka ke-1 sampai ke-6) tidak terdaftar di Kemendagri",
    "the district code in the NIK (digits 1 to 6) is not a Kemendagri district",
)
_DAY_RANGE = (
    "tanggal lahir pada NIK (angka ke-7 dan ke-8) harus 01-31, atau 41-71 untuk perempuan",
    "the day of birth in the NIK (digits 7 and 8) must be 01-31, or 41-71 for women",
)
_MONTH_RANGE = (
    "bulan lahir pada NIK (angka ke-9 dan ke-10) harus 01-12",
    "the month of birth in the NIK (digits 9 and 10) must be 01-12",
)
_NO_SUCH_DAY = (
    "tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak ada di kalender",
    "the birth date in the NIK (digits 7 to 12) does not exist in the calendar",
)
_SERIAL_ZERO = (
    "nomor urut pada NIK (4 angka terakhir) tidak boleh 0000",
    "the serial number in the NIK (last 4 digits) cannot be 0000",
)
