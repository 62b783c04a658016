"""Compose ICAO 9303 TD3 passport MRZ lines from their fields.

The demo data generator uses this to give synthetic passports a realistic MRZ,
and tests use it to build valid MRZs to corrupt. Names are written the way a
passport office writes them: transliterated to A-Z, apostrophes dropped, spaces
and hyphens as '<', surname and given names separated by '<<', and, when the
39-character name field is too short, the given names truncated first
(Doc 9303 Part 3, truncation of names), so a long Indonesian name loses its
last given names before it loses any of its surname.
"""

from __future__ import annotations

import string
import unicodedata
from datetime import date

from lindung.domain.identity.mrz import ALPHABET, FILLER, NAME_LENGTH, check_digit

_LETTERS = frozenset(string.ascii_uppercase)
_SEX_CHARACTERS = {"M": "M", "F": "F", "X": "X", None: FILLER}


def make_td3(
    *,
    surname: str,
    given_names: str,
    passport_number: str,
    birth_date: date,
    sex: str | None,
    expiry_date: date,
    nationality: str = "IDN",
    issuing_state: str = "IDN",
    personal_number: str = "",
    document_type: str = "P",
) -> tuple[str, str]:
    """The two 44-character MRZ lines of a passport with these fields, check digits included.

    ``sex`` is 'M', 'F', 'X' or None (written '<'). ``expiry_date`` must be in
    2000-2099 (an MRZ reader takes expiry years as 20xx). An empty personal
    number gets a filler check digit. Raises ValueError for fields an MRZ cannot
    hold; the message names the field, never its value.
    """
    if sex not in _SEX_CHARACTERS:
        raise ValueError("sex must be 'M', 'F', 'X' or None")
    if not 2000 <= expiry_date.year <= 2099:
        raise ValueError("expiry_date must be in the years 2000-2099")
    kind = _code(document_type, 2, "document_type")
    if kind[0] != "P":
        raise ValueError("document_type of a passport starts with 'P'")
    line1 = kind + _country(issuing_state, "issuing_state") + name_field(surname, given_names)
    number = _code(passport_number.replace(" ", "").replace("-", ""), 9, "passport_number")
    personal = _code(personal_number.replace(" ", ""), 14, "personal_number")
    personal_check = str(check_digit(personal)) if personal.strip(FILLER) else FILLER
    birth, expiry = _yymmdd(birth_date), _yymmdd(expiry_date)
    line2 = (
        f"{number}{check_digit(number)}{_country(nationality, 'nationality')}"
        f"{birth}{check_digit(birth)}{_SEX_CHARACTERS[sex]}"
        f"{expiry}{check_digit(expiry)}{personal}{personal_check}"
    )
    composite = check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    return line1, f"{line2}{composite}"


def name_field(surname: str, given_names: str) -> str:
    """The 39-character MRZ name field: SURNAME<<GIVEN<NAMES padded with '<'.

    When the name is too long, the given names are cut first, keeping room for
    at least their first letter; the surname is cut only when it alone leaves no
    such room. A cut never leaves a dangling '<', so a truncated field ends in a
    letter, which is how a reader can tell it may have been truncated.
    """
    primary, secondary = _name_part(surname), _name_part(given_names)
    if not primary and not secondary:
        raise ValueError("a passport name needs a surname or given names")
    text = primary
    if secondary:
        text = primary[: NAME_LENGTH - 3].rstrip(FILLER) + FILLER * 2 + secondary
    return text[:NAME_LENGTH].rstrip(FILLER).ljust(NAME_LENGTH, FILLER)


def _name_part(text: str) -> str:
    """'Nur'aini Putri-Ayu' -> 'NURAINI<PUTRI<AYU': ASCII letters, '<' between words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    without_apostrophes = ascii_text.upper().replace("'", "").replace("`", "")
    words = "".join(c if c in _LETTERS else " " for c in without_apostrophes).split()
    return FILLER.join(words)


def _code(value: str, width: int, name: str) -> str:
    """An upper-case MRZ field of at most ``width`` characters, padded with fillers."""
    text = value.strip().upper()
    if not value.isascii() or len(text) > width or any(c not in ALPHABET for c in text):
        raise ValueError(f"{name} must be at most {width} characters A-Z, 0-9 or '<'")
    return text.ljust(width, FILLER)


def _country(value: str, name: str) -> str:
    """A three-letter ICAO state code ('IDN'), or a shorter one padded ('D<<')."""
    text = value.strip().upper()
    if not value.isascii() or not 1 <= len(text) <= 3 or any(c not in _LETTERS for c in text):
        raise ValueError(f"{name} must be 1 to 3 letters (an ICAO 9303 state code)")
    return text.ljust(3, FILLER)


def _yymmdd(day: date) -> str:
    return f"{day.year % 100:02d}{day.month:02d}{day.day:02d}"
