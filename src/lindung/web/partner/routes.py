"""``/api/partner/v1``: what a partner's client may read, and the records themselves.

Every request carries a bearer token (one client, one agreement) and states a
purpose; the access gate decides and audits every read, with the client, the
agreement, the purpose, the dataset, the row count and the SHA-256 of the
canonical request. Every answer names the agreement it was served under
(``X-Lindung-Agreement``). See docs/partner-api.md.
"""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

from fastapi import APIRouter, Header, Query, Request, Response
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import Session

from lindung.errors import Problem, ValidationError
from lindung.exchange.audit import AuditEvent, append
from lindung.exchange.canonical import sha256_of
from lindung.exchange.datasets import all_datasets
from lindung.exchange.gate import UNKNOWN, AccessGate, today
from lindung.exchange.terms import Direction, find_terms
from lindung.store.database import Database
from lindung.web.api.schemas import ErrorBody
from lindung.web.partner.auth import CurrentClient, PartnerClient
from lindung.web.partner.errors import partner_language
from lindung.web.partner.schemas import (
    DatasetBody,
    DatasetList,
    FieldBody,
    RecordsPage,
    RefusalBody,
)
from lindung.web.security import DatabaseDep

PREFIX = "/api/partner/v1"
AGREEMENT_HEADER = "X-Lindung-Agreement"
MAX_LIMIT = 1000

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Token missing, unknown, revoked or expired."},
    403: {"model": RefusalBody, "description": "Refused by the agreement, with the reason."},
    422: {"model": ErrorBody, "description": "Invalid parameters; every problem listed."},
    429: {"model": ErrorBody, "description": "Rate limit exceeded; see Retry-After."},
}

router = APIRouter(prefix=PREFIX, tags=["partner"], responses=ERRORS)


def _gate(request: Request) -> AccessGate:
    gate: AccessGate = request.app.state.gate
    return gate


def _cursors(request: Request) -> URLSafeSerializer:
    return URLSafeSerializer(request.app.state.settings.secret_key, salt="partner-cursor")


@router.get("/datasets", summary="The datasets, fields and purposes this client's agreement allows")
def datasets(
    request: Request, client: CurrentClient, database: DatabaseDep, response: Response
) -> DatasetList:
    lang = partner_language(request)
    number = client.principal.agreement_number or ""
    with database.session() as session:
        terms = find_terms(session, number)
        status = terms.status_on(today()).value
        purposes = list(terms.version.purposes)
        regions = terms.region_codes
        flows = {
            name: fields
            for (name, direction), fields in terms.datasets.items()
            if direction is Direction.TO_PARTNER
        }
    bodies = []
    declared = all_datasets()
    for name, fields in sorted(flows.items()):
        spec = declared.get(name)
        if spec is None:  # named in the agreement, not (yet) declared: nothing to read
            continue
        bodies.append(
            DatasetBody(
                name=name,
                title=spec.title_en if lang == "en" else spec.title_id,
                fields=[
                    FieldBody(
                        name=f.name,
                        title=f.title_en if lang == "en" else f.title_id,
                        personal=f.personal,
                        treatment=fields[f.name].value,
                    )
                    for f in spec.fields
                    if f.name in fields
                ],
            )
        )
    response.headers[AGREEMENT_HEADER] = number
    return DatasetList(
        agreement=number, status=status, purposes=purposes, region_codes=regions, datasets=bodies
    )


def request_hash(client_id: int, dataset: str, params: dict[str, Any]) -> str:
    """SHA-256 of the canonical request: client, dataset and every parameter."""
    return sha256_of({"client": client_id, "dataset": dataset, **params})


def _problem(field: str, code: str, indonesian: str, english: str) -> ValidationError:
    return ValidationError([Problem(field, code, indonesian, english)])


@router.get(
    "/datasets/{dataset}/records",
    summary="Records of a dataset, as this client's agreement allows, page by page",
)
def records(
    request: Request,
    dataset: str,
    client: CurrentClient,
    database: DatabaseDep,
    response: Response,
    purpose: Annotated[
        str | None, Query(max_length=40, description="Why (required; or X-Lindung-Purpose).")
    ] = None,
    fields: Annotated[
        str | None, Query(max_length=500, description="Comma-separated; default: all allowed.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(max_length=200, description="From next_cursor.")] = None,
    region: Annotated[
        str | None, Query(max_length=13, description="Only rows from this region's subtree.")
    ] = None,
    x_lindung_purpose: Annotated[str | None, Header(max_length=40)] = None,
) -> RecordsPage:
    stated = purpose or x_lindung_purpose
    wanted = [f.strip() for f in fields.split(",") if f.strip()] if fields else None
    params = {
        "purpose": stated,
        "fields": wanted,
        "limit": limit,
        "cursor": cursor,
        "region": region,
    }
    digest = request_hash(client.id, dataset, params)
    details = {"client_id": client.id, "client": client.name}
    if not stated:
        _refuse_missing_purpose(database, client, dataset, digest, details)
    after = _after(request, cursor, dataset)
    with database.session() as session:
        result = _gate(request).read(
            session,
            client.principal,
            dataset,
            stated,
            wanted,
            filters={"region": region} if region else None,
            limit=limit,
            after=after,
            request_hash=digest,
            details=details,
        )
    result.require()  # after the commit: a refusal's audit entry is kept
    response.headers[AGREEMENT_HEADER] = result.decision.agreement_number or ""
    return RecordsPage(
        agreement=result.decision.agreement_number or "",
        purpose=stated,
        dataset=dataset,
        fields=result.fields,
        rows=result.rows,
        next_cursor=_next_cursor(request, dataset, result.next_after),
    )


def _next_cursor(request: Request, dataset: str, next_after: Any) -> str | None:
    """A signed cursor to continue after ``next_after`` (a key, never personal data)."""
    if next_after is None:
        return None
    return str(_cursors(request).dumps({"d": dataset, "a": next_after}))


def _after(request: Request, cursor: str | None, dataset: str) -> Any:
    """The key to continue after, from a cursor this API issued (signed, no personal data)."""
    if cursor is None:
        return None
    try:
        payload = _cursors(request).loads(cursor)
    except BadSignature:
        payload = None
    if not isinstance(payload, dict) or payload.get("d") != dataset:
        raise _problem(
            "cursor",
            "cursor.invalid",
            "Kursor tidak sah untuk dataset ini.",
            "The cursor is not valid for this dataset.",
        )
    return payload.get("a")


def _refuse_missing_purpose(
    database: Database,
    client: PartnerClient,
    dataset: str,
    digest: str,
    details: dict[str, Any],
) -> NoReturn:
    """Audit a request that stated no purpose, then refuse it (422)."""
    with database.session() as session:
        _audit_missing_purpose(session, client, dataset, digest, details)
    raise _problem(
        "purpose",
        "purpose.missing",
        "Tujuan (purpose) wajib dinyatakan.",
        "A purpose must be stated (purpose parameter or X-Lindung-Purpose header).",
    )


def _audit_missing_purpose(
    session: Session, client: PartnerClient, dataset: str, digest: str, details: dict[str, Any]
) -> None:
    append(
        session,
        AuditEvent(
            actor=client.principal.actor,
            action="refused",
            dataset=dataset if dataset in all_datasets() else UNKNOWN,
            agreement_number=client.principal.agreement_number,
            decision="refused",
            reason="purpose_missing",
            row_count=0,
            request_hash=digest,
            details=details,
        ),
    )
