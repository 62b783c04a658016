"""Field treatments: what a reader sees of a value it may not see in clear.

Data minimisation (UU 27/2022 Pasal 16 ayat 2 huruf b and Pasal 27): a partner gets
only what its agreement's purpose needs. A field is ``clear`` (as stored),
``masked`` (enough to recognise, not to identify: NIK ``3509**********12``, names
``S*** R*****``, dates to the year) or ``pseudonym`` (a keyed HMAC-SHA256, stable
within one agreement so the partner can join its own records, different across
agreements so two partners cannot join theirs, and not reversible without
Lindung's secret).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date, datetime
from typing import Any

from lindung.exchange.terms import FieldTreatment

#: Hex characters kept of a pseudonym (128 bits: collisions are not a concern).
PSEUDONYM_HEX = 32


def mask_nik(value: str) -> str:
    """The first four digits (province and regency) and the last two: '3509**********12'."""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 6) + value[-2:]


def mask_name(value: str) -> str:
    """Each word's initial, then one star per letter: 'Siti Rahayu' -> 'S*** R*****'."""
    return " ".join(word[:1] + "*" * (len(word) - 1) for word in value.split())


def mask_date(value: date | datetime | str) -> str:
    """The year only."""
    if isinstance(value, date | datetime):
        return f"{value.year:04d}"
    return str(value)[:4]


def mask_phone(value: str) -> str:
    """The country prefix and the last two digits: '+62*********34'."""
    if len(value) <= 5:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 5) + value[-2:]


def mask_text(value: str) -> str:
    """The first character, then stars."""
    return value[:1] + "*" * (len(value) - 1)


MASKS = {
    "nik": mask_nik,
    "name": mask_name,
    "phone": mask_phone,
    "text": mask_text,
}


def mask(value: Any, how: str) -> Any:
    """``value`` masked the way a field declares (``FieldSpec.mask``); None stays None."""
    if value is None:
        return None
    if how == "date":
        return mask_date(value)
    return MASKS.get(how, mask_text)(str(value))


def pseudonym_key(secret_key: str, agreement_number: str) -> bytes:
    """The HMAC key of one agreement's pseudonyms, derived from the application secret."""
    label = f"lindung/pseudonym/v1/{agreement_number}".encode()
    return hmac.new(secret_key.encode("utf-8"), label, hashlib.sha256).digest()


def pseudonym(key: bytes, value: Any) -> str | None:
    """A keyed, truncated HMAC-SHA256 of ``value`` (None stays None)."""
    if value is None:
        return None
    digest = hmac.new(key, str(value).encode("utf-8"), hashlib.sha256).hexdigest()
    return digest[:PSEUDONYM_HEX]


def clear_value(value: Any) -> Any:
    """A value as JSON carries it: dates as ISO strings."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def treat(value: Any, treatment: FieldTreatment, how: str, key: bytes | None) -> Any:
    """Apply ``treatment`` to one value (``how`` is the field's mask kind)."""
    if treatment is FieldTreatment.CLEAR:
        return clear_value(value)
    if treatment is FieldTreatment.MASKED:
        return mask(value, how)
    if key is None:
        raise ValueError("a pseudonym needs the agreement's key")
    return pseudonym(key, value)
