"""The named checks a rule can use, and the parameters each one takes.

A rule file entry names one check (``check = "minimum_age"``) and gives its
parameters; the loader validates the parameters against the declaration here, so
a wrong or missing parameter is reported with the file, the rule id and the
field before any evaluation. The SQL of each check lives in
:mod:`lindung.policy.checks` (the analytics side); this module is pure data.

Each check also declares how its evidence reads, in Bahasa Indonesia and
English: a template over the evidence keys the SQL returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

#: int, number (int or float), str, bool, date, strs (list of str), rows (list of tables)
ParamKind = Literal["int", "number", "str", "bool", "date", "strs", "rows"]


@dataclass(frozen=True)
class Param:
    """One parameter of a check. ``rows`` parameters list tables with ``columns``."""

    name: str
    kind: ParamKind
    required: bool = True
    columns: tuple[Param, ...] = ()


@dataclass(frozen=True)
class CheckSpec:
    """A named check: its parameters and how its evidence reads (id, en)."""

    name: str
    params: tuple[Param, ...]
    detail_id: str
    detail_en: str
    description: str = ""
    evidence: tuple[str, ...] = field(default_factory=tuple)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def _strs(name: str, required: bool = True) -> Param:
    return Param(name, "strs", required)


_CHECKS = (
    CheckSpec(
        "minimum_age",
        (
            Param("default_years", "int"),
            Param(
                "overrides",
                "rows",
                required=False,
                columns=(
                    Param("years", "int"),
                    _strs("job_types", required=False),
                    _strs("countries", required=False),
                    _strs("employer_kinds", required=False),
                ),
            ),
        ),
        "umur {age} tahun pada {on}, minimum {minimum} tahun",
        "aged {age} on {on}, the minimum is {minimum}",
        "The worker's age on the evaluation date is at least the minimum for the job "
        "(the highest matching override, else the default).",
    ),
    CheckSpec(
        "documents_valid",
        (_strs("kinds"), Param("visa_kind", "str", False), _strs("work_visa_subtypes", False)),
        "dokumen {kind} {problem_id} pada {on}",
        "document {kind} {problem_en} on {on}",
        "Each listed Pasal 13 document exists, is issued on or before the date and not "
        "expired on it; a visa must be of a work subtype.",
    ),
    CheckSpec(
        "agency_licence",
        (_strs("allowed_statuses"),),
        "izin P3MI {licence_no} berstatus {status} pada {on}",
        "agency licence {licence_no} is {status} on {on}",
        "The agency's licence status on the date (the latest licence event on or before "
        "it; expired after licence_valid_to) is one of the allowed statuses.",
    ),
    CheckSpec(
        "job_order_valid",
        (_strs("approved_statuses"),),
        "job order {code} {problem_id} pada {on}",
        "job order {code} {problem_en} on {on}",
        "The job order is approved (on or before the date) and the date is within its validity.",
    ),
    CheckSpec(
        "job_order_quota",
        (_strs("uncounted_statuses"),),
        "job order {code}: penempatan ke-{rank}, kuota {quota}",
        "job order {code}: placement number {rank}, quota {quota}",
        "The placement is within the job order's quota, counting placements registered "
        "on or before the date in registration order, leaving out uncounted statuses.",
    ),
    CheckSpec(
        "closed_destination",
        (
            _strs("countries"),
            _strs("job_types"),
            _strs("employer_kinds"),
            Param(
                "exceptions",
                "rows",
                required=False,
                columns=(
                    Param("country", "str"),
                    _strs("job_types"),
                    _strs("employer_kinds"),
                    _strs("cities"),
                    Param("from", "date"),
                    Param("to", "date", required=False),
                    Param("basis", "str", required=False),
                ),
            ),
        ),
        "{job_type} di {country} ({city}) untuk pemberi kerja {employer_kind}: tertutup",
        "{job_type} in {country} ({city}) for a {employer_kind} employer: closed",
        "Domestic work for a closed employer kind in a closed country is refused; in a "
        "country with an exception, domestic work is allowed only as the exception says.",
    ),
    CheckSpec(
        "exempt_costs",
        (_strs("job_types"), _strs("items"), _strs("charged_to")),
        "biaya {item} {amount} {currency} dibebankan kepada pekerja ({job_type})",
        "cost {item} {amount} {currency} charged to the worker ({job_type})",
        "For a zero-cost job, no exempt cost item is charged to the worker.",
    ),
    CheckSpec(
        "cost_ceiling",
        (
            _strs("exempt_job_types"),
            _strs("charged_to"),
            Param(
                "ceilings",
                "rows",
                required=False,
                columns=(
                    Param("country", "str"),
                    Param("currency", "str"),
                    Param("max_total", "number"),
                    Param("from", "date"),
                    Param("to", "date", required=False),
                    Param("note", "str", required=False),
                ),
            ),
        ),
        "biaya ditanggung pekerja {total} {currency} melebihi batas {ceiling} ({country})",
        "costs charged to the worker {total} {currency} exceed the ceiling {ceiling} ({country})",
        "For other jobs, the worker-borne costs in the ceiling's currency do not exceed the "
        "destination's ceiling in force on the date.",
    ),
    CheckSpec(
        "health_certificate",
        (_strs("kinds"), _strs("fit_results")),
        "pemeriksaan {kind}: {problem_id} pada {on}",
        "{kind} examination: {problem_en} on {on}",
        "For each kind (medical, psychological) the latest examination on or before the "
        "date found the worker fit and is still valid on the date.",
    ),
    CheckSpec(
        "competence_certificate",
        (),
        "tidak ada sertifikat kompetensi {scheme} yang berlaku pada {on}",
        "no {scheme} competence certificate valid on {on}",
        "The worker holds a competence certificate of the job order's skill scheme valid "
        "on the date (job orders without a scheme pass).",
    ),
    CheckSpec(
        "social_security",
        (_strs("programmes"),),
        "tidak ada kepesertaan jaminan sosial yang berlaku pada {on}",
        "no social-security membership valid on {on}",
        "The worker has a membership of one of the programmes valid on the date.",
    ),
)

#: Every named check by name.
CHECKS: MappingProxyType[str, CheckSpec] = MappingProxyType({c.name: c for c in _CHECKS})

#: Problem codes that checks put in the evidence, with their text (id, en).
PROBLEMS: MappingProxyType[str, tuple[str, str]] = MappingProxyType(
    {
        "missing": ("tidak ada", "is missing"),
        "not_yet_issued": ("belum terbit", "is not yet issued"),
        "expired": ("sudah kedaluwarsa", "has expired"),
        "not_work_visa": ("bukan visa kerja", "is not a work visa"),
        "unfit": ("hasil tidak layak (unfit)", "found unfit"),
        "not_approved": ("belum/tidak disetujui", "is not approved"),
        "not_yet_valid": ("belum berlaku", "is not yet valid"),
    }
)
