"""Shapes of the partner API's answers (they make the OpenAPI schema)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class FieldBody(BaseModel):
    name: str
    title: str = Field(description="The field's title in the request's language.")
    personal: bool = Field(description="Personal data under UU 27/2022.")
    treatment: str = Field(description="clear | masked | pseudonym")


class DatasetBody(BaseModel):
    name: str
    title: str
    fields: list[FieldBody]


class DatasetList(BaseModel):
    agreement: str = Field(description="The agreement this client is bound to.")
    status: str = Field(description="The agreement's status today.")
    purposes: list[str] = Field(description="Purposes the agreement allows.")
    region_codes: list[str] = Field(description="Regions rows are limited to; empty: national.")
    datasets: list[DatasetBody]


class RecordsPage(BaseModel):
    agreement: str = Field(description="The agreement the rows were served under.")
    purpose: str
    dataset: str
    fields: list[str] = Field(description="The fields of each row, in order.")
    rows: list[dict[str, Any]]
    next_cursor: str | None = Field(
        description="Pass as ?cursor= for the next page; null on the last page. Opaque."
    )


class RefusalBody(BaseModel):
    """A refused request: the reason code and its explanation."""

    error: str = Field(description="Why, in the request's language.")
    status: int
    reason: str = Field(description="no_agreement | agreement_expired | ... (see the guide).")
    agreement: str | None = None
    message_id: str = Field(description="The explanation in Bahasa Indonesia.")
    message_en: str = Field(description="The explanation in English.")
    problems: list[dict[str, str]]
