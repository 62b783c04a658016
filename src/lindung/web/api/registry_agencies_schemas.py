"""Shapes of the agency-oversight API (requests and answers; they make the OpenAPI schema).

Request fields are plain text so that every problem (a date that is not
YYYY-MM-DD, an unknown code, a negative amount) is reported by the services, each
naming its field, as a 422 with every problem at once.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class ReasonBody(BaseModel):
    code: str
    points: float
    message: str


class RankedAgencyBody(BaseModel):
    agency_id: int
    name: str
    licence_no: str
    status: str = Field(description="Licence status on the day: active|suspended|revoked|expired")
    placements: int
    errors: int = Field(description="Error findings of the latest policy run (in scope).")
    warnings: int
    sanctions: int
    complaints: int
    score: float = Field(description="Risk score; see docs/registry.md (Risk score).")
    reasons: list[ReasonBody]


class RankingBody(BaseModel):
    on: date
    count: int
    items: list[RankedAgencyBody]


class AgencyIn(BaseModel):
    licence_no: str = ""
    name: str = ""
    head_office_region_code: str = ""
    licence_valid_from: str = Field("", description="YYYY-MM-DD")
    licence_valid_to: str = Field("", description="YYYY-MM-DD")
    deposit_amount: str | None = None


class BranchIn(BaseModel):
    region_code: str = Field("", description="Kemendagri region code")
    opened_on: str = Field("", description="YYYY-MM-DD")
    address: str | None = None


class BranchBody(BaseModel):
    id: int
    agency_id: int
    region_code: str
    opened_on: date
    address: str | None


class AgencyBody(BaseModel):
    id: int
    licence_no: str
    name: str
    licence_status: str
    licence_valid_from: date
    licence_valid_to: date
    head_office_region_code: str
    deposit_amount: float | None


class LicenceEventBody(BaseModel):
    status: str
    effective_on: date
    reason: str | None
    decree_no: str | None
    sanction_id: int | None


class SanctionIn(BaseModel):
    kind: str = Field("", description="warning | suspension | revocation | deposit_draw")
    decided_on: str = Field("", description="YYYY-MM-DD")
    effective_from: str | None = Field(None, description="YYYY-MM-DD; the decision's date if empty")
    effective_to: str | None = None
    reason: str = ""
    decree_no: str | None = None
    amount: str | None = Field(None, description="For a deposit draw: the amount in IDR.")


class SanctionBody(BaseModel):
    id: int
    kind: str
    decided_on: date
    effective_from: date
    effective_to: date | None
    reason: str
    decree_no: str | None
    amount: float | None


class RuleCountBody(BaseModel):
    rule_id: str
    severity: str
    count: int


class ScorecardBody(BaseModel):
    agency: AgencyBody
    status_today: str
    scope: str = Field(description="'all' or the region code the counts are limited to.")
    placements_by_stage: dict[str, int]
    policy_run_id: int | None
    findings: list[RuleCountBody]
    complaints: list[dict[str, str | int]]
    licence_history: list[LicenceEventBody]
    sanctions: list[SanctionBody]


class CostIn(BaseModel):
    item: str = ""
    amount: str = ""
    currency: str = ""
    charged_to: str = ""


class JobOrderIn(BaseModel):
    code: str = ""
    agency_id: str = ""
    employer_id: str = ""
    country_code: str = ""
    city: str | None = None
    sector: str = Field("", description="formal | informal")
    job_type: str = ""
    position: str = ""
    skill_scheme: str | None = None
    language: str | None = Field(None, description="ISO 639-1")
    quota: str = ""
    salary_amount: str = ""
    salary_currency: str = ""
    valid_from: str = Field("", description="YYYY-MM-DD")
    valid_to: str = Field("", description="YYYY-MM-DD")
    costs: list[CostIn] = Field(default_factory=list)


class CostBody(BaseModel):
    item: str
    amount: float
    currency: str
    charged_to: str


class JobOrderBody(BaseModel):
    id: int
    code: str
    agency_id: int
    employer_id: int
    country_code: str
    city: str | None
    sector: str
    job_type: str
    position: str
    skill_scheme: str | None
    language: str | None
    quota: int
    salary_amount: float
    salary_currency: str
    valid_from: date
    valid_to: date
    status: str
    approval_status: str
    approved_on: date | None
    costs: list[CostBody]


class CandidateBody(BaseModel):
    worker_id: int
    full_name: str | None
    sex: str | None
    birth_date: str | None
    origin_village_code: str | None
    reasons: list[str]


class CandidatesBody(BaseModel):
    job_order_id: int
    minimum_age: int
    count: int
    items: list[CandidateBody]


class OpenOrderBody(BaseModel):
    id: int
    code: str
    agency: str
    country_code: str
    city: str | None
    position: str
    salary_amount: float
    salary_currency: str
    valid_to: date
    #: places of the quota not yet taken (withdrawn and failed departures free theirs)
    places_left: int = 0
    #: why the worker qualifies and why the order ranks where it does
    reasons: list[str] = []


class OrdersForWorkerBody(BaseModel):
    worker_id: int
    on: date
    count: int
    items: list[OpenOrderBody]
