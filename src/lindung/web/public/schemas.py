"""Shapes of the public check's JSON answers (they make the OpenAPI schema)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class PublicAgency(BaseModel):
    name: str
    licence_no: str = Field(description="The SIP3MI licence (decree) number.")
    status: str = Field(description="Licence status today: active | suspended | revoked | expired")
    status_label: str = Field(description="The status in the request's language.")
    licensed: bool = Field(description="True only when the licence is active today.")
    licence_valid_to: date
    head_office: str = Field(description="Region of the head office.")


class PublicAgencySearch(BaseModel):
    query: str
    found: bool
    count: int
    items: list[PublicAgency]
    message: str = Field(description="What the answer means, in the request's language.")
    report_to: str | None = Field(description="Where to report, when nothing was found.")


class Money(BaseModel):
    amount: float
    currency: str


class PublicJobOrder(BaseModel):
    code: str
    legal: bool = Field(description="Approved, valid today, open, agency licensed, not closed.")
    message: str
    problems: list[str] = Field(description="Why it is not legal today (empty when legal).")
    agency: PublicAgency
    country_code: str
    country: str
    city: str | None
    position: str
    job_type: str
    salary: Money
    valid_from: date
    valid_to: date
    approval_status: str
    fees_allowed: bool = Field(description="False for the zero-cost jobs (Peraturan BP2MI 9/2020).")
    fee_note: str
    exempt_items: list[str] = Field(description="Cost items the worker may never be charged.")


class PublicNotFound(BaseModel):
    error: str
    status: int
    problems: list[dict[str, str]]
    found: bool = False
    message: str
    report_to: str
