"""What the access gate decided, and why, in Bahasa Indonesia and English.

A refusal names one reason from a closed list, so that partners, pages and the
audit log speak of it the same way. Explanations name datasets, fields, purposes
and agreement numbers, never a value of personal data (DESIGN.md invariant 3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from lindung.errors import LindungError, Problem
from lindung.exchange.terms import FieldTreatment


class Reason(StrEnum):
    NO_AGREEMENT = "no_agreement"
    AGREEMENT_EXPIRED = "agreement_expired"
    AGREEMENT_SUSPENDED = "agreement_suspended"
    AGREEMENT_NOT_IN_FORCE = "agreement_not_in_force"
    PURPOSE_NOT_ALLOWED = "purpose_not_allowed"
    DATASET_NOT_ALLOWED = "dataset_not_allowed"
    FIELD_NOT_ALLOWED = "field_not_allowed"
    OUT_OF_REGION = "out_of_region"
    ROLE_NOT_ALLOWED = "role_not_allowed"


EXPLANATIONS: dict[Reason, tuple[str, str]] = {
    Reason.NO_AGREEMENT: (
        "Tidak ada perjanjian kerja sama yang berlaku untuk permintaan ini.",
        "No agreement covers this request.",
    ),
    Reason.AGREEMENT_EXPIRED: (
        "Perjanjian {agreement} sudah berakhir masa berlakunya.",
        "Agreement {agreement} has expired.",
    ),
    Reason.AGREEMENT_SUSPENDED: (
        "Perjanjian {agreement} sedang ditangguhkan.",
        "Agreement {agreement} is suspended.",
    ),
    Reason.AGREEMENT_NOT_IN_FORCE: (
        "Perjanjian {agreement} belum atau tidak lagi berlaku.",
        "Agreement {agreement} is not in force.",
    ),
    Reason.PURPOSE_NOT_ALLOWED: (
        "Tujuan '{purpose}' tidak diizinkan oleh perjanjian {agreement}.",
        "Purpose '{purpose}' is not allowed by agreement {agreement}.",
    ),
    Reason.DATASET_NOT_ALLOWED: (
        "Dataset '{dataset}' tidak termasuk dalam perjanjian {agreement}.",
        "Dataset '{dataset}' is not covered by agreement {agreement}.",
    ),
    Reason.FIELD_NOT_ALLOWED: (
        "Kolom {fields} tidak diizinkan untuk dataset '{dataset}'.",
        "Field(s) {fields} are not allowed for dataset '{dataset}'.",
    ),
    Reason.OUT_OF_REGION: (
        "Wilayah yang diminta berada di luar cakupan wilayah Anda.",
        "The requested region is outside your regional scope.",
    ),
    Reason.ROLE_NOT_ALLOWED: (
        "Peran Anda tidak diizinkan membaca data pribadi untuk tujuan ini.",
        "Your role may not read personal data for this purpose.",
    ),
}


@dataclass(frozen=True)
class Decision:
    """The gate's answer for one request.

    ``treatments`` maps each returned field to its treatment; ``region_codes`` is
    None when rows are not restricted by region, else the codes whose subtrees the
    rows must lie in (empty: no rows).
    """

    allowed: bool
    dataset: str
    purpose: str
    reason: Reason | None = None
    agreement_number: str | None = None
    treatments: dict[str, FieldTreatment] = field(default_factory=dict)
    region_codes: tuple[str, ...] | None = None
    refused_fields: tuple[str, ...] = ()
    suppress_below: int = 0

    @property
    def fields(self) -> list[str]:
        return list(self.treatments)

    def explanation(self, language: str = "id") -> str:
        """Why the request was refused (empty when allowed)."""
        if self.reason is None:
            return ""
        indonesian, english = EXPLANATIONS[self.reason]
        template = english if language == "en" else indonesian
        return template.format(
            agreement=self.agreement_number or "-",
            purpose=self.purpose,
            dataset=self.dataset,
            fields=", ".join(self.refused_fields) or "-",
        )

    def problem(self) -> Problem:
        code = self.reason.value if self.reason else "allowed"
        return Problem("access", code, self.explanation("id"), self.explanation("en"))


class AccessRefused(LindungError):
    """A read the gate refused; ``decision.reason`` says why."""

    def __init__(self, decision: Decision) -> None:
        self.decision = decision
        super().__init__(f"access refused: {decision.reason}", [decision.problem()])
