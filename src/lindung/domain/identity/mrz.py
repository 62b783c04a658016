"""Passport machine-readable zone: ICAO Doc 9303 TD3 (two lines of 44 characters).

Layout (positions are 1-based, as in Doc 9303 Part 4)::

    line 1:  1-2 document type ('P' + type or '<')   3-5 issuing state
             6-44 name: SURNAME<<GIVEN<NAMES, '<' as filler and as space
    line 2:  1-9 passport number   10 check         11-13 nationality
             14-19 birth date YYMMDD   20 check     21 sex (M, F, X or '<')
             22-27 expiry date YYMMDD  28 check     29-42 optional data
             (personal number)   43 check (may be '<' when 29-42 are empty)
             44 composite check over 1-10, 14-20 and 22-43

Check digits (Doc 9303 Part 3, 4.9): each character has a value (digits as
themselves, A-Z = 10-35, '<' = 0), multiplied by the repeating weights 7, 3, 1;
the check digit is the sum modulo 10. Immigration data (Ditjen Imigrasi) and
scanned passports carry these digits, so Lindung trusts a passport number that
passes them more than a typed one.

The MRZ holds personal data: no message repeats any part of it, only the line
and positions that failed.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from lindung.domain.identity.dates import (
    birth_date_from_two_digit_year,
    expiry_date_from_two_digit_year,
)
from lindung.errors import InvalidMrz, Problem

LINE_LENGTH = 44
NAME_LENGTH = 39
FILLER = "<"
ALPHABET = frozenset(string.ascii_uppercase + string.digits + FILLER)
_WEIGHTS = (7, 3, 1)
_LETTERS = frozenset(string.ascii_uppercase)


@dataclass(frozen=True, slots=True)
class PassportMrz:
    """A TD3 MRZ whose structure and every check digit were verified.

    Names have fillers turned into spaces; ``name_truncated`` is True when the
    name field is full to its last position, which is how ICAO marks a name that
    may have been cut short. ``repr`` hides the personal fields.
    """

    document_type: str
    issuing_state: str
    surname: str = field(repr=False)
    given_names: str = field(repr=False)
    passport_number: str = field(repr=False)
    nationality: str
    birth_date: date = field(repr=False)
    sex: str | None
    expiry_date: date
    personal_number: str = field(repr=False)
    name_truncated: bool
    lines: tuple[str, str] = field(repr=False)


def check_digit(data: str) -> int:
    """The ICAO 9303 check digit of ``data`` (characters A-Z, 0-9 and '<' only)."""
    return sum(_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(data)) % 10


def _value(char: str) -> int:
    if char in string.digits:
        return ord(char) - ord("0")
    if char in _LETTERS:
        return ord(char) - ord("A") + 10
    if char == FILLER:
        return 0
    raise ValueError("an MRZ has only the characters A-Z, 0-9 and '<'")


def parse_td3(lines: str | Sequence[str], reference_date: date | None = None) -> PassportMrz:
    """Read and verify a passport MRZ given as two lines, or one 88-character string.

    Surrounding whitespace and blank lines are ignored. ``reference_date``
    (default today) resolves the century of the birth date: the holder is taken
    to be between 0 and 99 years old on that date. Expiry dates are read as 20xx.

    Raises :class:`InvalidMrz` listing every problem: line count and lengths,
    characters outside A-Z 0-9 '<', the document type, country codes, name, sex,
    impossible dates and each failing check digit. Each problem's field names the
    failing part (e.g. ``mrz.composite_check``); its code says what kind of
    problem it is (e.g. ``mrz.check_digit``).
    """
    reference = reference_date or date.today()
    line1, line2, problems = _split_lines(lines)
    for number, line in ((1, line1), (2, line2)):
        if any(c not in ALPHABET for c in line):
            problems.append(_charactersProblem(number))
    first = _read_line1(line1, problems) if len(line1) == LINE_LENGTH else None
    second = _read_line2(line2, reference, problems) if len(line2) == LINE_LENGTH else None
    if problems or first is None or second is None:
        raise InvalidMrz(problems or [_LINES_PROBLEM])
    return PassportMrz(
        document_type=first.document_type,
        issuing_state=first.issuing_state,
        surname=first.surname,
        given_names=first.given_names,
        passport_number=second.passport_number,
        nationality=second.nationality,
        birth_date=second.birth_date,
        sex=second.sex,
        expiry_date=second.expiry_date,
        personal_number=second.personal_number,
        name_truncated=first.name_truncated,
        lines=(line1, line2),
    )


def _split_lines(lines: str | Sequence[str]) -> tuple[str, str, list[Problem]]:
    """The two lines, and a problem for each line (or line count) of the wrong length."""
    raw = lines.splitlines() if isinstance(lines, str) else list(lines)
    parts = [part.strip() for part in raw if part.strip()]
    if len(parts) == 1 and len(parts[0]) == 2 * LINE_LENGTH:
        parts = [parts[0][:LINE_LENGTH], parts[0][LINE_LENGTH:]]
    if len(parts) != 2:
        return "", "", [_LINES_PROBLEM]
    problems = [
        _lengthProblem(number, len(line))
        for number, line in enumerate(parts, start=1)
        if len(line) != LINE_LENGTH
    ]
    return parts[0], parts[1], problems


class _Line1(NamedTuple):
    document_type: str
    issuing_state: str
    surname: str
    given_names: str
    name_truncated: bool


class _Line2(NamedTuple):
    passport_number: str
    nationality: str
    birth_date: date
    sex: str | None
    expiry_date: date
    personal_number: str


def _read_line1(line: str, problems: list[Problem]) -> _Line1 | None:
    """Document type, issuing state and name of a 44-character line 1.

    Problems are appended to ``problems``; parts holding characters outside the
    MRZ alphabet are skipped (that problem is already reported).
    """
    found = len(problems)
    document_type, issuing_state, name = line[0:2], line[2:5], line[5:]
    if _clean(document_type) and not _is_passport_type(document_type):
        problems.append(Problem("mrz.document_type", "mrz.document_type", *_DOCUMENT_TYPE))
    if _clean(issuing_state) and not _is_country(issuing_state):
        problems.append(Problem("mrz.issuing_state", "mrz.country", *_ISSUING_STATE))
    if _clean(name) and not _is_name(name):
        problems.append(Problem("mrz.name", "mrz.name", *_NAME))
    if len(problems) > found:
        return None
    surname, _, given_names = name.rstrip(FILLER).partition(FILLER * 2)
    return _Line1(
        document_type=document_type.rstrip(FILLER),
        issuing_state=issuing_state.rstrip(FILLER),
        surname=_words(surname),
        given_names=_words(given_names),
        name_truncated=name[-1] != FILLER,
    )


def _read_line2(line: str, reference: date, problems: list[Problem]) -> _Line2 | None:
    """Passport number, nationality, dates, sex, personal number and every check digit."""
    found = len(problems)
    number, nationality, sex = line[0:9], line[10:13], line[20]
    if _clean(number) and not number.strip(FILLER):
        problems.append(Problem("mrz.document_number", "mrz.document_number", *_NUMBER))
    if _clean(nationality) and not _is_country(nationality):
        problems.append(Problem("mrz.nationality", "mrz.country", *_NATIONALITY))
    birth = _read_date(
        line[13:19], lambda y, m, d: birth_date_from_two_digit_year(y, m, d, reference)
    )
    if birth is None and _clean(line[13:19]):
        problems.append(Problem("mrz.birth_date", "mrz.date", *_BIRTH_DATE))
    expiry = _read_date(line[21:27], expiry_date_from_two_digit_year)
    if expiry is None and _clean(line[21:27]):
        problems.append(Problem("mrz.expiry_date", "mrz.date", *_EXPIRY_DATE))
    if sex in ALPHABET and sex not in _SEXES:
        problems.append(Problem("mrz.sex", "mrz.sex", *_SEX))
    problems.extend(_check_digit_problems(line))
    if len(problems) > found or not _clean(line) or birth is None or expiry is None:
        return None
    return _Line2(
        passport_number=number.rstrip(FILLER),
        nationality=nationality.rstrip(FILLER),
        birth_date=birth,
        sex=_SEXES[sex],
        expiry_date=expiry,
        personal_number=line[28:42].rstrip(FILLER),
    )


@dataclass(frozen=True, slots=True)
class _Check:
    """One check digit of line 2: the slices it protects and the position it sits at."""

    field: str
    data: tuple[slice, ...]
    position: int
    message_id: str
    message_en: str

    def problem(self, line: str) -> Problem | None:
        data = "".join(line[part] for part in self.data)
        digit = line[self.position]
        if not _clean(data + digit):
            return None  # reported as a character problem
        if digit == str(check_digit(data)):
            return None
        if self.field == "mrz.personal_number_check" and digit == FILLER and not data.strip(FILLER):
            return None  # Doc 9303: an empty personal number may have a filler check digit
        where_id = f" (baris 2, posisi {self.position + 1})"
        where_en = f" (line 2, position {self.position + 1})"
        return Problem(
            self.field, "mrz.check_digit", self.message_id + where_id, self.message_en + where_en
        )


_CHECKS = (
    _Check(
        "mrz.document_number_check",
        (slice(0, 9),),
        9,
        "digit pemeriksa nomor paspor tidak cocok",
        "the passport number check digit does not match",
    ),
    _Check(
        "mrz.birth_date_check",
        (slice(13, 19),),
        19,
        "digit pemeriksa tanggal lahir tidak cocok",
        "the birth date check digit does not match",
    ),
    _Check(
        "mrz.expiry_date_check",
        (slice(21, 27),),
        27,
        "digit pemeriksa tanggal habis berlaku tidak cocok",
        "the expiry date check digit does not match",
    ),
    _Check(
        "mrz.personal_number_check",
        (slice(28, 42),),
        42,
        "digit pemeriksa nomor pribadi (data opsional) tidak cocok",
        "the personal number (optional data) check digit does not match",
    ),
    _Check(
        "mrz.composite_check",
        (slice(0, 10), slice(13, 20), slice(21, 43)),
        43,
        "digit pemeriksa gabungan tidak cocok",
        "the composite check digit does not match",
    ),
)


def _check_digit_problems(line: str) -> list[Problem]:
    return [p for check in _CHECKS if (p := check.problem(line)) is not None]


def _read_date(text: str, resolve: Callable[[int, int, int], date | None]) -> date | None:
    """A YYMMDD date, with the century chosen by ``resolve``; None if impossible."""
    if len(text) != 6 or not all(c in string.digits for c in text):
        return None
    yy, month, day = int(text[0:2]), int(text[2:4]), int(text[4:6])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return resolve(yy, month, day)


def _clean(text: str) -> bool:
    return all(c in ALPHABET for c in text)


def _is_passport_type(text: str) -> bool:
    """'P' followed by a type letter or a filler (Doc 9303 Part 4: TD3 is for passports)."""
    return text[0] == "P" and (text[1] in _LETTERS or text[1] == FILLER)


def _is_country(text: str) -> bool:
    """Three letters, or fewer letters padded with fillers ('D<<' for Germany)."""
    letters = text.rstrip(FILLER)
    return bool(letters) and all(c in _LETTERS for c in letters)


def _is_name(text: str) -> bool:
    """A name field has at least one letter and, per Doc 9303, no digits."""
    return any(c in _LETTERS for c in text) and not any(c in string.digits for c in text)


def _words(text: str) -> str:
    """'ANNA<MARIA<<' -> 'ANNA MARIA': fillers stand for spaces; runs of them collapse."""
    return " ".join(text.replace(FILLER, " ").split())


def _lengthProblem(number: int, found: int) -> Problem:
    return Problem(
        f"mrz.line{number}",
        "mrz.length",
        f"baris {number} MRZ harus 44 karakter; yang terbaca {found}",
        f"line {number} of the MRZ must have 44 characters; {found} were read",
    )


def _charactersProblem(number: int) -> Problem:
    return Problem(
        f"mrz.line{number}",
        "mrz.characters",
        f"baris {number} MRZ hanya boleh berisi huruf besar A-Z, angka 0-9 dan '<'",
        f"line {number} of the MRZ may contain only capital letters A-Z, digits 0-9 and '<'",
    )


_SEXES: dict[str, str | None] = {"M": "M", "F": "F", "X": None, FILLER: None}
_LINES_PROBLEM = Problem(
    "mrz",
    "mrz.length",
    "MRZ paspor terdiri dari dua baris, masing-masing 44 karakter",
    "a passport MRZ has two lines of 44 characters each",
)
_DOCUMENT_TYPE = (
    "jenis dokumen pada MRZ (baris 1, posisi 1-2) harus paspor: 'P' lalu huruf atau '<'",
    "the MRZ document type (line 1, positions 1-2) must be a passport: 'P' then a letter or '<'",
)
_ISSUING_STATE = (
    "kode negara penerbit pada MRZ (baris 1, posisi 3-5) harus berupa huruf",
    "the issuing state code in the MRZ (line 1, positions 3-5) must be letters",
)
_NAME = (
    "nama pada MRZ (baris 1, posisi 6-44) harus berisi huruf dan tidak boleh berisi angka",
    "the name in the MRZ (line 1, positions 6-44) must have letters and no digits",
)
_NUMBER = (
    "nomor paspor pada MRZ (baris 2, posisi 1-9) kosong",
    "the passport number in the MRZ (line 2, positions 1-9) is empty",
)
_NATIONALITY = (
    "kode kewarganegaraan pada MRZ (baris 2, posisi 11-13) harus berupa huruf",
    "the nationality code in the MRZ (line 2, positions 11-13) must be letters",
)
_BIRTH_DATE = (
    "tanggal lahir pada MRZ (baris 2, posisi 14-19) tidak ada di kalender",
    "the birth date in the MRZ (line 2, positions 14-19) does not exist in the calendar",
)
_EXPIRY_DATE = (
    "tanggal habis berlaku pada MRZ (baris 2, posisi 22-27) tidak ada di kalender",
    "the expiry date in the MRZ (line 2, positions 22-27) does not exist in the calendar",
)
_SEX = (
    "jenis kelamin pada MRZ (baris 2, posisi 21) harus M, F, X atau '<'",
    "the sex in the MRZ (line 2, position 21) must be M, F, X or '<'",
)
