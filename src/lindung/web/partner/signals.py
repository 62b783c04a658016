"""``/api/partner/v1/signals``: the signals routed to a client's organisation, a status
change, and Bawaslu's per-PPLN coverage table.

Like every partner endpoint: a bearer token (one client, one agreement), a stated
purpose (``purpose`` or ``X-Lindung-Purpose``; a missing one is audited and refused),
``X-Lindung-Agreement`` on every answer, each read decided and audited by the
access gate (dataset ``signals``: only signals routed to the organisation, of types
the purpose serves, fields treated per the agreement). A status change is bound to
the purpose too: only signals the client may read for it can be moved. See
docs/partner-api.md.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response

from lindung.errors import NotFound
from lindung.exchange.audit import AuditEvent, append
from lindung.exchange.decision import AccessRefused, Decision, Reason
from lindung.exchange.gate import AccessGate
from lindung.exchange.purposes import Purpose
from lindung.exchange.sources import Match
from lindung.signals import service
from lindung.signals.inbox import (
    PPLN_COLUMNS,
    Filters,
    may_see_ppln_coverage,
    ppln_coverage,
    reasons_and_history,
)
from lindung.web.partner.auth import CurrentClient
from lindung.web.partner.routes import (
    AGREEMENT_HEADER,
    ERRORS,
    MAX_LIMIT,
    PREFIX,
    _after,
    _next_cursor,
    _refuse_missing_purpose,
    request_hash,
)
from lindung.web.partner.signal_schemas import (
    PplnCoverage,
    SignalBody,
    SignalEventBody,
    SignalsPage,
    StatusChangeRequest,
    StatusChangeResult,
    StatusMove,
)
from lindung.web.security import DatabaseDep

router = APIRouter(prefix=PREFIX, tags=["partner signals"], responses=ERRORS)
PurposeHeader = Annotated[str | None, Header(max_length=40)]
Code = Annotated[str | None, Query(max_length=80)]


def _gate(request: Request) -> AccessGate:
    gate: AccessGate = request.app.state.gate
    return gate


def _stated(
    database: Any, client: Any, purpose: str | None, header: str | None, digest: str, what: str
) -> str:
    stated = purpose or header
    if not stated:
        details = {"client_id": client.id, "client": client.name}
        _refuse_missing_purpose(database, client, what, digest, details)
    return stated


@router.get(
    "/signals/ppln-coverage",
    summary="The latest run's per-PPLN coverage table (voter_list_oversight)",
)
def signals_ppln(
    client: CurrentClient,
    database: DatabaseDep,
    response: Response,
    purpose: Annotated[str | None, Query(max_length=40)] = None,
    x_lindung_purpose: PurposeHeader = None,
) -> PplnCoverage:
    digest = request_hash(client.id, "ppln_coverage", {"purpose": purpose or x_lindung_purpose})
    stated = _stated(database, client, purpose, x_lindung_purpose, digest, "signals")
    principal = client.principal
    with database.session() as session:
        allowed = may_see_ppln_coverage(session, principal)
        ok = allowed is not None and stated == allowed
        coverage = ppln_coverage(session) if ok else None
        append(
            session,
            AuditEvent(
                actor=principal.actor,
                action="read" if ok else "refused",
                dataset="ppln_coverage",
                purpose=stated if stated in {p.value for p in Purpose} else "(unknown)",
                agreement_number=principal.agreement_number,
                decision="allowed" if ok else "refused",
                reason=None if ok else "purpose_not_allowed",
                row_count=len(coverage.rows) if coverage else 0,
                request_hash=digest,
                details={"client_id": client.id, "aggregate": True},
            ),
        )
    number = principal.agreement_number or ""
    if coverage is None:
        known = stated if stated in {p.value for p in Purpose} else "(unknown)"
        raise AccessRefused(
            Decision(False, "signals", known, Reason.PURPOSE_NOT_ALLOWED, number or None)
        )
    response.headers[AGREEMENT_HEADER] = number
    return PplnCoverage(
        agreement=number,
        purpose=stated,
        run_id=coverage.run_id,
        as_of=coverage.as_of,
        columns=list(PPLN_COLUMNS),
        rows=coverage.rows,
    )


@router.get("/signals", summary="Signals routed to your organisation, for a purpose, page by page")
def signals_list(
    request: Request,
    client: CurrentClient,
    database: DatabaseDep,
    response: Response,
    purpose: Annotated[str | None, Query(max_length=40)] = None,
    signal_type: Code = None,
    status: Code = None,
    severity: Code = None,
    region: Code = None,
    country: Code = None,
    ppln: Code = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(max_length=200, description="From next_cursor.")] = None,
    x_lindung_purpose: PurposeHeader = None,
) -> SignalsPage:
    values = {"signal_type": signal_type, "status": status, "severity": severity,
              "region": region, "country": country, "ppln": ppln}  # fmt: skip
    params = {**values, "purpose": purpose or x_lindung_purpose, "limit": limit, "cursor": cursor}
    digest = request_hash(client.id, "signals", params)
    stated = _stated(database, client, purpose, x_lindung_purpose, digest, "signals")
    filters = Filters.parse(values)
    after = _after(request, cursor, "signals")
    with database.session() as session:
        result = _gate(request).read(
            session,
            client.principal,
            "signals",
            stated,
            None,
            filters={"region": filters.region} if filters.region else None,
            limit=limit,
            after=after,
            request_hash=digest,
            details={"client_id": client.id, "client": client.name},
            where=filters.where(),
        )
    result.require()  # after the commit: the refusal's audit entry is kept
    number = result.decision.agreement_number or ""
    response.headers[AGREEMENT_HEADER] = number
    return SignalsPage(
        agreement=number,
        purpose=stated,
        fields=result.fields,
        rows=result.rows,
        next_cursor=_next_cursor(request, "signals", result.next_after),
    )


@router.get("/signals/{signal_id}", summary="One signal with its history")
def signal_one(
    request: Request,
    signal_id: int,
    client: CurrentClient,
    database: DatabaseDep,
    response: Response,
    purpose: Annotated[str | None, Query(max_length=40)] = None,
    x_lindung_purpose: PurposeHeader = None,
) -> SignalBody:
    params = {"purpose": purpose or x_lindung_purpose, "signal_id": signal_id}
    digest = request_hash(client.id, "signals", params)
    stated = _stated(database, client, purpose, x_lindung_purpose, digest, "signals")
    with database.session() as session:
        result = _gate(request).read(
            session,
            client.principal,
            "signals",
            stated,
            None,
            request_hash=digest,
            details={"client_id": client.id, "client": client.name},
            where=[Match("id", signal_id)],
        )
        events = reasons_and_history(session, signal_id)[1] if result.rows else []
        history = [
            SignalEventBody(
                at=e.at.isoformat(), kind=e.kind, from_status=e.from_status, to_status=e.to_status
            )
            for e in events
        ]
    result.require()
    if not result.rows:
        raise NotFound("no such signal routed to this client for this purpose")
    number = result.decision.agreement_number or ""
    response.headers[AGREEMENT_HEADER] = number
    return SignalBody(agreement=number, purpose=stated, signal=result.rows[0], history=history)


@router.post("/signals/status", summary="Move signals to a status (all or none), with a reason")
def signals_status(
    request: Request,
    body: StatusChangeRequest,
    client: CurrentClient,
    database: DatabaseDep,
    response: Response,
    x_lindung_purpose: PurposeHeader = None,
) -> StatusChangeResult:
    params = {"purpose": body.purpose or x_lindung_purpose, "signal_ids": body.signal_ids,
              "to_status": body.to_status}  # fmt: skip
    digest = request_hash(client.id, "signals", params)
    stated = _stated(database, client, body.purpose, x_lindung_purpose, digest, "signals")
    with database.session() as session:
        done = service.change_status(
            session,
            _gate(request),
            client.principal,
            body.signal_ids,
            body.to_status,
            body.reason,
            stated,
        )
    number = client.principal.agreement_number or ""
    response.headers[AGREEMENT_HEADER] = number
    return StatusChangeResult(
        agreement=number,
        purpose=stated,
        moves=[StatusMove(signal_id=i, from_status=a, to_status=b) for i, a, b in done.moves],
    )
