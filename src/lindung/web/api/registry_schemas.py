"""Shapes of the registry API's requests and answers (they make the OpenAPI schema).

Request fields are text as a person typed them (dates ``YYYY-MM-DD``, codes, numbers):
the registry's services check them, the same checks as the pages and the CLI, and
a 422 answer lists every problem at its field in the request's language.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from lindung.web.api.schemas import ProblemBody

Text = str | None


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def data(self) -> dict[str, Any]:
        """The fields that were sent (a correction changes only those)."""
        return self.model_dump(exclude_unset=True)


class WorkerIn(Input):
    nik: Text = Field(None, description="16 digits; spaces, dots and hyphens ignored.")
    full_name: Text = None
    sex: Text = Field(None, description="M or F (L/P accepted).")
    birth_date: Text = Field(None, description="YYYY-MM-DD.")
    birth_place: Text = None
    origin_village_code: Text = Field(None, description="Kemendagri village code (level 4).")
    marital_status: Text = Field(None, description="single | married | divorced | widowed")
    education: Text = Field(None, description="none | sd | smp | sma | d3 | s1 | s2")
    phone: Text = None
    address: Text = None
    email: Text = None


class CorrectionIn(Input):
    full_name: Text = None
    sex: Text = None
    birth_date: Text = None
    birth_place: Text = None
    origin_village_code: Text = None
    marital_status: Text = None
    education: Text = None
    phone: Text = None
    address: Text = None
    email: Text = None
    nik: Text = Field(None, description="Cannot be corrected (refused when different).")
    reason: Text = Field(None, description="Why the record is corrected (required).")


class SearchIn(Input):
    nik: Text = Field(None, description="Exact NIK.")
    name: Text = Field(None, description="Part of the name (at least 3 letters).")


class PassportIn(Input):
    number: Text = None
    issued_on: Text = None
    expires_on: Text = None
    issuing_office: Text = None
    mrz: Text = Field(None, description="The two 44-character TD3 lines, when captured.")


class FamilyMemberIn(Input):
    relation: Text = Field(None, description="spouse | child")
    full_name: Text = None
    nik: Text = None
    sex: Text = None
    birth_date: Text = None
    caregiver_name: Text = Field(None, description="Required for a child under 18.")
    caregiver_relation: Text = Field(
        None, description="grandparent | other_parent | sibling | relative | other"
    )
    village_code: Text = None


class HealthCheckIn(Input):
    kind: Text = Field(None, description="medical | psychological")
    result: Text = Field(None, description="fit | unfit")
    examined_on: Text = None
    valid_until: Text = None
    facility: Text = None
    certificate_no: Text = None


class CertificateIn(Input):
    scheme: Text = None
    certifying_body: Text = None
    number: Text = None
    issued_on: Text = None
    valid_until: Text = None


class SocialSecurityIn(Input):
    programme: Text = Field(None, description="bpjs_ketenagakerjaan")
    membership_no: Text = None
    valid_from: Text = None
    valid_to: Text = None


class PlacementIn(Input):
    job_order_code: Text = None
    job_order_id: Text = None
    registered_on: Text = None


class DocumentIn(Input):
    kind: Text = Field(
        None,
        description="marital_status_letter | family_permission | competence_certificate | "
        "health_certificate | passport | work_visa | placement_agreement | employment_contract",
    )
    subtype: Text = Field(None, description="For a visa: work | tourist | umrah | visit")
    number: Text = None
    issued_on: Text = None
    expires_on: Text = None
    verified_by: Text = None
    verified_on: Text = None


class OrientationIn(Input):
    held_on: Text = None
    region_code: Text = None
    certificate_no: Text = None


class EventIn(Input):
    kind: Text = Field(None, description="departure | arrival | extension | return")
    occurred_on: Text = None
    contract_ends_on: Text = Field(None, description="For an extension: the new contract end.")


class ReintegrationIn(Input):
    recorded_on: Text = None
    programme: Text = None
    status: Text = None
    region_code: Text = None
    notes: Text = None


class TransitionIn(Input):
    to_status: Text = Field(None, description="A stage the lifecycle has from the current one.")
    occurred_on: Text = None
    reason: Text = Field(None, description="Required for an exit (withdrawn, repatriated...).")


class Saved(BaseModel):
    id: int = Field(description="The id of the row written.")
    warnings: list[ProblemBody] = Field(
        default_factory=list, description="To review (e.g. the NIK disagrees); not refusals."
    )


class TimelineEntry(BaseModel):
    on: str
    phase: str = Field(description="before | during | after")
    title: str
    detail: str
    placement_id: int | None


class WorkerProfileBody(BaseModel):
    worker: dict[str, Any]
    warnings: list[ProblemBody]
    placements: list[dict[str, Any]]
    passports: list[dict[str, Any]]
    family: list[dict[str, Any]]
    health_checks: list[dict[str, Any]]
    certificates: list[dict[str, Any]]
    social_security: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    events: list[dict[str, Any]]
    orientations: list[dict[str, Any]]
    reintegrations: list[dict[str, Any]]
    timeline: list[TimelineEntry]
    #: corrections, oldest first: field, old, new (masked like the field when the
    #: reader may not see it in clear), corrected_by, corrected_at, reason
    corrections: list[dict[str, Any]] = []


class WorkerList(BaseModel):
    count: int
    items: list[dict[str, Any]]


class FindingBody(BaseModel):
    rule_id: str
    severity: str = Field(description="error (refuses a move) | warning")
    title: str
    detail: str
    legal_basis: str


class NextStepBody(BaseModel):
    status: str
    label: str
    allowed: bool
    findings: list[FindingBody]


class PlacementBody(BaseModel):
    placement: dict[str, Any]
    as_of: str
    findings: list[FindingBody]
    next_steps: list[NextStepBody]
    documents: list[dict[str, Any]]
    events: list[dict[str, Any]]
    orientations: list[dict[str, Any]]
    reintegrations: list[dict[str, Any]]
