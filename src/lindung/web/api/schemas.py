"""Shapes of the JSON API's answers (they make the OpenAPI schema)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ProblemBody(BaseModel):
    field: str = Field(description="The field (or parameter) the problem is about.")
    code: str = Field(description="A stable code, e.g. 'region.length'.")
    message: str = Field(description="The problem in the request's language.")


class ErrorBody(BaseModel):
    """Every error answer of the API."""

    error: str = Field(description="What went wrong, in the request's language.")
    status: int = Field(description="The HTTP status, repeated.")
    problems: list[ProblemBody] = Field(description="Each problem found; may be empty.")


class Me(BaseModel):
    username: str
    display_name: str
    role: str = Field(description="national_admin | national_analyst | regional_officer | …")
    role_label: str = Field(description="The role's name in the request's language.")
    region_code: str | None = Field(description="Kemendagri code (regional officers only).")
    language: str = Field(description="Preferred interface language: 'id' or 'en'.")


class RegionBody(BaseModel):
    code: str = Field(description="Dotted Kemendagri code, e.g. '35.09'.")
    name: str
    level: int = Field(description="1 province, 2 regency/city, 3 district, 4 village.")
    kind: str = Field(description="provinsi | kabupaten | kota | kecamatan | desa | kelurahan")
    parent_code: str | None


class RegionList(BaseModel):
    count: int
    items: list[RegionBody]


class Health(BaseModel):
    status: str = Field(description="'ok', or 'unavailable' when the database does not answer.")
    database: str = Field(description="'ok' or 'unavailable'.")
    version: str
