"""Passport numbers typed or imported without a machine-readable zone.

There is no official public format for Indonesian passport numbers: most are one
letter and seven digits ('C1234567'), some have two letters or other digit
counts, and foreign passports look different again. So Lindung validates
leniently: :func:`normalise_passport_number` rejects only what cannot be a
passport number, and :func:`looks_indonesian_passport_number` says whether a
number has the usual Indonesian shape, for a reviewer to weigh, not to reject.
Where an MRZ is present, its check digits are the real test
(:func:`lindung.domain.identity.mrz.parse_td3`).

Messages never repeat the number: it is personal data.
"""

from __future__ import annotations

import re
import string

from lindung.errors import InvalidPassportNumber, Problem

MIN_LENGTH = 5
MAX_LENGTH = 9  # the TD3 MRZ document number field
_ALPHANUMERIC = frozenset(string.ascii_letters + string.digits)
_INDONESIAN = re.compile(r"[A-Z]{1,2}[0-9]{6,8}")
_FIELD = "passport_number"


def normalise_passport_number(value: str) -> str:
    """The canonical form of a passport number: upper case, no spaces or hyphens.

    'c 123-4567' -> 'C1234567'. Raises :class:`InvalidPassportNumber`, listing
    every problem, when the value is empty, holds anything but letters A-Z and
    digits, or has fewer than 5 or more than 9 characters.
    """
    text = _strip_separators(value)
    problems: list[Problem] = []
    if not text:
        problems.append(_problem("passport_number.empty", *_EMPTY))
    else:
        if any(c not in _ALPHANUMERIC for c in text):
            problems.append(_problem("passport_number.characters", *_CHARACTERS))
        if not MIN_LENGTH <= len(text) <= MAX_LENGTH:
            problems.append(_length_problem(len(text)))
    if problems:
        raise InvalidPassportNumber(problems)
    return text.upper()


def looks_indonesian_passport_number(number: str) -> bool:
    """True for the usual Indonesian shape: 1-2 letters then 6-8 digits, at most 9 in all.

    Accepts raw or normalised input and never raises; an unreadable value is
    simply not Indonesian-looking. A foreign or unusual number is not an error.
    """
    text = _strip_separators(number)
    if any(c not in _ALPHANUMERIC for c in text):
        return False
    return len(text) <= MAX_LENGTH and _INDONESIAN.fullmatch(text.upper()) is not None


def _strip_separators(value: str) -> str:
    # Checked before upper-casing: str.upper() turns some non-ASCII letters
    # into ASCII ones ('ß' -> 'SS'), which would smuggle them past the check.
    return "".join(c for c in value if not (c.isspace() or c == "-"))


def _problem(code: str, message_id: str, message_en: str) -> Problem:
    return Problem(_FIELD, code, message_id, message_en)


def _length_problem(found: int) -> Problem:
    return _problem(
        "passport_number.length",
        f"nomor paspor harus 5 sampai 9 huruf/angka; yang tertulis {found}",
        f"a passport number has 5 to 9 letters or digits; {found} were given",
    )


_EMPTY = ("nomor paspor wajib diisi", "a passport number is required")
_CHARACTERS = (
    "nomor paspor hanya boleh berisi huruf A-Z dan angka (spasi dan tanda hubung diabaikan)",
    "a passport number may contain only letters A-Z and digits (spaces and hyphens are ignored)",
)
