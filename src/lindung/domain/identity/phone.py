"""Phone numbers, normalised to E.164 ('+6281234567890') with Google's libphonenumber.

Workers and their families write numbers in many ways: '0812-3456-7890',
'+62 812 3456 7890', '62812...', or a local number in the destination country.
One canonical form lets records from different partners be linked on the number.
Validity comes from the ``phonenumbers`` metadata (country codes, operator
prefixes, lengths), which is kept up to date by its maintainers, not by us.

Messages never repeat the number: it is personal data.
"""

from __future__ import annotations

import phonenumbers

from lindung.errors import InvalidPhoneNumber, Problem

_FIELD = "phone"
# Letters are refused on purpose: libphonenumber would read them as a vanity
# number ('0800-FLOWERS') or an extension, silently changing what was meant.
_ALLOWED = frozenset("0123456789+-.() ")
# libphonenumber refuses some numbers while parsing; these reasons are about length.
_LENGTH_ERRORS = frozenset(
    {
        phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD,
        phonenumbers.NumberParseException.TOO_SHORT_NSN,
        phonenumbers.NumberParseException.TOO_LONG,
    }
)


def normalise_phone(value: str, default_region: str = "ID") -> str:
    """The E.164 form of a phone number; numbers without '+' are read as in ``default_region``.

    ``default_region`` is an ISO 3166 alpha-2 code ('ID', 'MY', 'TW', 'HK'); a
    number written with a leading '+' or international prefix keeps its own
    country. Raises :class:`InvalidPhoneNumber` when the value is empty, holds
    characters other than digits and ``+-.()`` and spaces, cannot be read, has the
    wrong length for its country, or is not a valid number there.
    """
    if default_region not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError("default_region must be an ISO 3166 alpha-2 region phonenumbers knows")
    text = " ".join(value.split())
    if not text:
        raise InvalidPhoneNumber([_problem("phone.empty", *_EMPTY)])
    if any(c not in _ALLOWED for c in text):
        raise InvalidPhoneNumber([_problem("phone.characters", *_CHARACTERS)])
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException as error:
        if error.error_type in _LENGTH_ERRORS:
            raise InvalidPhoneNumber([_problem("phone.length", *_LENGTH)]) from None
        raise InvalidPhoneNumber([_problem("phone.unreadable", *_UNREADABLE)]) from None
    if not phonenumbers.is_possible_number(number):
        raise InvalidPhoneNumber([_problem("phone.length", *_LENGTH)])
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber([_problem("phone.invalid", *_INVALID)])
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _problem(code: str, message_id: str, message_en: str) -> Problem:
    return Problem(_FIELD, code, message_id, message_en)


_EMPTY = ("nomor telepon wajib diisi", "a phone number is required")
_CHARACTERS = (
    "nomor telepon hanya boleh berisi angka, spasi, +, -, titik dan tanda kurung",
    "a phone number may contain only digits, spaces, +, -, dots and brackets",
)
_UNREADABLE = (
    "nomor telepon tidak terbaca; tulis seperti 0812-3456-7890 atau +62 812 3456 7890",
    "the phone number cannot be read; write it like 0812-3456-7890 or +62 812 3456 7890",
)
_LENGTH = (
    "jumlah angka nomor telepon tidak sesuai untuk negaranya",
    "the phone number has the wrong number of digits for its country",
)
_INVALID = (
    "nomor telepon tidak berlaku: kode negara, area atau operator tidak dikenal",
    "not a valid phone number: unknown country, area or operator code",
)
