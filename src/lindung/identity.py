"""Public API for identity primitives: NIK, passport MRZ and numbers, phone numbers.

Import from here, not from ``lindung.domain.identity.*``: this is the surface other
parts of Lindung (exchange, linkage, demo, web) rely on. Every function is pure;
every validation error is a :class:`lindung.errors.ValidationError` subclass that
lists every problem, in Bahasa Indonesia and English, without the value itself.
"""

from __future__ import annotations

from lindung.domain.identity.mrz import PassportMrz, check_digit, parse_td3
from lindung.domain.identity.mrz_compose import make_td3
from lindung.domain.identity.nik import Nik, is_valid_nik, make_nik, parse_nik
from lindung.domain.identity.passport import (
    looks_indonesian_passport_number,
    normalise_passport_number,
)
from lindung.domain.identity.phone import normalise_phone
from lindung.errors import InvalidMrz, InvalidNik, InvalidPassportNumber, InvalidPhoneNumber

__all__ = [
    "InvalidMrz",
    "InvalidNik",
    "InvalidPassportNumber",
    "InvalidPhoneNumber",
    "Nik",
    "PassportMrz",
    "check_digit",
    "is_valid_nik",
    "looks_indonesian_passport_number",
    "make_nik",
    "make_td3",
    "normalise_passport_number",
    "normalise_phone",
    "parse_nik",
    "parse_td3",
]
