"""Shapes of the partner API's signals answers and requests (they make the OpenAPI schema)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class SignalsPage(BaseModel):
    agreement: str = Field(description="The agreement the signals were served under.")
    purpose: str
    fields: list[str] = Field(description="The fields of each signal, in order.")
    rows: list[dict[str, Any]] = Field(
        description="Signals routed to your organisation of types your purpose serves; "
        "subject_name, subject_nik and subject_birth_date treated as the agreement says."
    )
    next_cursor: str | None = Field(
        description="Pass as ?cursor= for the next page; null on the last page. Opaque."
    )


class SignalEventBody(BaseModel):
    at: str
    kind: str = Field(description="raised | updated | closed | reopened | status")
    from_status: str | None
    to_status: str | None


class SignalBody(BaseModel):
    agreement: str
    purpose: str
    signal: dict[str, Any]
    history: list[SignalEventBody]


class StatusChangeRequest(BaseModel):
    signal_ids: list[int] = Field(min_length=1, max_length=500)
    to_status: str = Field(max_length=20, description="new | in_review | confirmed | dismissed")
    reason: str = Field(
        default="", max_length=2000, description="Required for confirmed and dismissed."
    )
    purpose: str | None = Field(
        default=None, max_length=40, description="Why (or the X-Lindung-Purpose header)."
    )


class StatusMove(BaseModel):
    signal_id: int
    from_status: str
    to_status: str


class StatusChangeResult(BaseModel):
    agreement: str
    purpose: str
    moves: list[StatusMove]


class PplnCoverage(BaseModel):
    agreement: str
    purpose: str
    run_id: int | None = Field(description="The signal run the table comes from.")
    as_of: str | None
    columns: list[str]
    rows: list[dict[str, Any]] = Field(description="Aggregates only: no personal data.")
