"""/api/v1: the signed-in user and Kemendagri reference regions.

Every endpoint here needs a signed-in session (401 JSON otherwise), even the
reference data that holds nothing personal: one rule for the whole API is
easier to keep and to audit than exceptions, and the officers who use the
region lookups are signed in anyway.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from lindung.store import regions
from lindung.store.models import Region
from lindung.web.api.schemas import ErrorBody, Me, RegionBody, RegionList
from lindung.web.i18n import Translator, request_language
from lindung.web.security import ApiUser, DatabaseDep

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Not signed in."},
    422: {"model": ErrorBody, "description": "Invalid parameters; every problem listed."},
}

router = APIRouter(prefix="/api/v1", tags=["api"], responses=ERRORS)


@router.get("/me", summary="The signed-in user")
def me(request: Request, user: ApiUser) -> Me:
    t = Translator(request_language(request))
    return Me(
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        role_label=t(f"role.{user.role}"),
        region_code=user.region_code,
        language=user.language,
    )


@router.get(
    "/regions/{code}",
    summary="One Kemendagri region by code (dotted or not)",
    responses={404: {"model": ErrorBody, "description": "No region with this code."}},
)
def region(code: str, _user: ApiUser, database: DatabaseDep) -> RegionBody:
    with database.session() as session:
        return _region_body(regions.get_region(session, code))


@router.get("/regions", summary="Search regions by name; without a search, the provinces")
def region_search(
    _user: ApiUser,
    database: DatabaseDep,
    search: Annotated[str, Query(max_length=100, description="Start of a name.")] = "",
    level: Annotated[int | None, Query(ge=1, le=4, description="Only this level.")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> RegionList:
    with database.session() as session:
        if search.strip():
            found = regions.search(session, search, level=level, limit=limit)
        else:
            found = regions.children(session, None)[:limit]
        items = [_region_body(r) for r in found]
    return RegionList(count=len(items), items=items)


def _region_body(region: Region) -> RegionBody:
    return RegionBody(
        code=region.code,
        name=region.name,
        level=region.level,
        kind=region.kind,
        parent_code=region.parent_code,
    )
