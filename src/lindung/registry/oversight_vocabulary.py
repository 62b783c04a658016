"""Closed vocabularies of agency oversight and the checks shared by its services.

Values stored in ``agencies``, ``agency_sanctions``, ``employers``, ``job_orders``
and ``job_order_costs`` come from these sets (the model comments name them too).
Where a value comes from a regulation it is kept here as documented data until the
policy engine's rule files carry it (see :mod:`lindung.registry.public` and
:mod:`lindung.registry.matching` for the two that may move there).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

import pycountry

from lindung.errors import Problem, ValidationError

LICENCE_STATUSES = ("active", "suspended", "revoked", "expired")
#: Statuses in which an agency may not recruit, open job orders or move placements forward.
BARRED_STATUSES = frozenset({"suspended", "revoked", "expired"})
SANCTION_KINDS = ("warning", "suspension", "revocation", "deposit_draw")
#: The licence status a sanction puts in force (the others leave the licence as it is).
SANCTION_STATUS = {"suspension": "suspended", "revocation": "revoked"}
EMPLOYER_KINDS = ("household", "company")
SECTORS = ("formal", "informal")
APPROVAL_STATUSES = ("pending", "approved", "rejected", "cancelled")
#: Itemised cost items (job_order_costs.item), UU 18/2017 Pasal 30, Peraturan BP2MI 9/2020.
COST_ITEMS = (
    "air_ticket",
    "visa",
    "contract_legalisation",
    "training",
    "competence_certificate",
    "agency_fee",
    "passport",
    "police_certificate",
    "social_security",
    "medical_check",
    "local_transport",
    "accommodation",
    "other",
)
CHARGED_TO = ("worker", "employer", "agency")
PROVIDER_KINDS = ("lpk", "blk")
ASSOCIATIONS = ("HIPKI", "PELITA")
ENROLMENT_STATUSES = ("enrolled", "completed", "dropped")

_LICENCE_CHARS = re.compile(r"^[A-Z0-9./-]+$")
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{3,31}$")
_WORD = re.compile(r"^[a-z][a-z_]{1,31}$")
_SCHEME = re.compile(r"^[A-Z]{2,12}$")


@dataclass
class Problems:
    """Collects every problem of one input; :meth:`raise_if_any` raises them at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, field_name: str, code: str, indonesian: str, english: str) -> None:
        self.items.append(Problem(field_name, code, indonesian, english))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def normalise_licence_no(value: str) -> str:
    """A licence (SIP3MI decree) number as stored: upper case, no spaces around parts."""
    return re.sub(r"\s*([./-])\s*", r"\1", " ".join(value.upper().split())).replace(" ", "")


def check_licence_no(value: str, problems: Problems, field_name: str = "licence_no") -> str:
    """The normalised licence number; a problem when it cannot be one.

    SIP3MI licences are ministerial decree numbers such as
    ``KEP.123/MEN/PPTKPKK/IV/2021``: letters, digits, dots, slashes and hyphens,
    in parts separated by ``/``, with at least one digit.
    """
    number = normalise_licence_no(value)
    if not number:
        problems.add(field_name, "licence.required", "nomor izin wajib diisi", "required")
    elif len(number) > 40 or not _LICENCE_CHARS.match(number):
        problems.add(
            field_name,
            "licence.chars",
            "nomor izin hanya boleh berisi huruf, angka, titik, garis miring dan tanda hubung "
            "(paling banyak 40)",
            "a licence number holds only letters, digits, dots, slashes and hyphens (at most 40)",
        )
    elif "/" not in number or not any(c.isdigit() for c in number) or "//" in number:
        problems.add(
            field_name,
            "licence.shape",
            "nomor izin harus berbentuk nomor keputusan, mis. KEP.123/MEN/PPTKPKK/IV/2021",
            "a licence number is a decree number, e.g. KEP.123/MEN/PPTKPKK/IV/2021",
        )
    return number


def normalise_code(value: str) -> str:
    """A job-order code as stored: upper case, without surrounding spaces."""
    return value.strip().upper()


def check_code(value: str, problems: Problems, field_name: str = "code") -> str:
    code = normalise_code(value)
    if not _CODE.match(code):
        problems.add(
            field_name,
            "code.format",
            "kode 4-32 karakter: huruf, angka dan tanda hubung",
            "a code has 4-32 characters: letters, digits and hyphens",
        )
    return code


def check_choice(value: str, choices: Iterable[str], problems: Problems, field_name: str) -> str:
    allowed = tuple(choices)
    if value not in allowed:
        listed = ", ".join(allowed)
        problems.add(
            field_name,
            f"{field_name}.unknown",
            f"pilihan tidak dikenal; gunakan salah satu dari: {listed}",
            f"unknown value; use one of: {listed}",
        )
    return value


def check_text(
    value: str | None,
    problems: Problems,
    field_name: str,
    max_length: int,
    required: bool = True,
) -> str | None:
    text = (value or "").strip()
    if not text:
        if required:
            problems.add(field_name, f"{field_name}.required", "wajib diisi", "required")
        return None
    if len(text) > max_length:
        problems.add(
            field_name,
            f"{field_name}.too_long",
            f"paling banyak {max_length} karakter",
            f"at most {max_length} characters",
        )
    return text


def check_country(value: str, problems: Problems, field_name: str = "country_code") -> str:
    code = value.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        problems.add(
            field_name,
            "country.unknown",
            "kode negara ISO 3166 (dua huruf) tidak dikenal",
            "unknown ISO 3166 country code (two letters)",
        )
    return code


def check_currency(value: str, problems: Problems, field_name: str) -> str:
    code = value.strip().upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        problems.add(
            field_name,
            "currency.unknown",
            "kode mata uang ISO 4217 tidak dikenal",
            "unknown ISO 4217 currency code",
        )
    return code


def check_language(
    value: str | None, problems: Problems, field_name: str = "language"
) -> str | None:
    code = (value or "").strip().lower()
    if not code:
        return None
    if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
        problems.add(
            field_name,
            "language.unknown",
            "kode bahasa ISO 639-1 (dua huruf) tidak dikenal",
            "unknown ISO 639-1 language code (two letters)",
        )
    return code


def check_scheme(value: str | None, problems: Problems, field_name: str) -> str | None:
    code = (value or "").strip().upper()
    if not code:
        return None
    if not _SCHEME.match(code):
        problems.add(
            field_name,
            "scheme.format",
            "kode skema kompetensi 2-12 huruf, mis. PLRT",
            "a competence scheme code has 2-12 letters, e.g. PLRT",
        )
    return code


def check_word(value: str, problems: Problems, field_name: str) -> str:
    word = value.strip().lower()
    if not _WORD.match(word):
        problems.add(
            field_name,
            f"{field_name}.format",
            "huruf kecil dan garis bawah, mis. domestic_worker",
            "lower-case letters and underscores, e.g. domestic_worker",
        )
    return word


def check_amount(
    value: object, problems: Problems, field_name: str, positive: bool = True
) -> Decimal | None:
    """A money amount: a number, > 0 (or >= 0 when ``positive`` is False)."""
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        problems.add(field_name, "amount.number", "harus berupa angka", "must be a number")
        return None
    if amount <= 0 if positive else amount < 0:
        problems.add(
            field_name,
            "amount.positive" if positive else "amount.negative",
            "harus lebih dari 0" if positive else "tidak boleh negatif",
            "must be more than 0" if positive else "must not be negative",
        )
        return None
    if amount >= Decimal("1e12"):
        problems.add(field_name, "amount.too_large", "terlalu besar", "too large")
        return None
    return amount


def check_order(
    earlier: date | None,
    later: date | None,
    problems: Problems,
    field_name: str,
    earlier_field: str,
) -> None:
    """A problem on ``field_name`` when ``later`` comes before ``earlier`` (named by
    its field, ``earlier_field``)."""
    if earlier is not None and later is not None and later < earlier:
        problems.add(
            field_name,
            "date.order",
            f"tanggal tidak boleh sebelum {earlier_field}",
            f"the date must not be before {earlier_field}",
        )


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
