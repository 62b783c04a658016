"""The signals inbox, a signal's page, status changes (single and bulk) and downloads.

Every read goes through the access gate as the dataset ``signals`` (national roles
all, a regional officer their subtree, a partner user what is routed to their
organisation for the chosen purpose), each audited; a refusal's audit entry is
committed before the 403. URLs carry signal ids and codes only (type, status,
severity, region, country, PPLN, sort, purpose, page); reasons travel in POST
bodies. See docs/signals.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from starlette.responses import RedirectResponse, Response

from lindung.domain.signals import Severity, SignalStatus, SignalType
from lindung.errors import Problem, ValidationError
from lindung.exchange.datasets import get_dataset
from lindung.exchange.decision import AccessRefused
from lindung.exchange.gate import AccessGate, principal_for_user
from lindung.signals import service
from lindung.signals.exports import export_signals
from lindung.signals.inbox import (
    PAGE_SIZE,
    SORTS,
    Filters,
    get_signal,
    list_signals,
    purpose_or_default,
    reasons_and_history,
    signal_purposes,
)
from lindung.store.models import User
from lindung.web.i18n import Translator, request_language
from lindung.web.security import CurrentUser, DatabaseDep
from lindung.web.templating import render
from lindung.web.ui.signal_views import (
    download,
    evidence_view,
    labeller,
    reason_lines,
    region_label,
    type_label,
)

router = APIRouter(include_in_schema=False)
Code = Annotated[str, Query(max_length=80)]
FILTER_NAMES = ("signal_type", "status", "severity", "region", "country", "ppln", "sort")


def _gate(request: Request) -> AccessGate:
    gate: AccessGate = request.app.state.gate
    return gate


def _filters(values: Mapping[str, str | None]) -> tuple[Filters, list[Problem]]:
    try:
        return Filters.parse(values), []
    except ValidationError as refused:
        return Filters(), list(refused.problems)


def _full(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row with every declared field (None where the principal may not have it)."""
    return {name: row.get(name) for name in get_dataset("signals").field_names}


def _event_row(user: User, event: Any) -> tuple[Any, ...]:
    """An event as the reader may see it: a partner user sees who and why only for
    their own changes (KP2MI's notes may name people)."""
    own = event.actor == f"user:{user.username}"
    shown = user.role != "partner_user" or own
    actor = event.actor if shown else None
    reason = event.reason if shown else None
    return (event.at, event.kind, event.from_status, event.to_status, actor, reason)


def _choices(t: Translator) -> dict[str, list[tuple[str, str]]]:
    return {
        "signal_type": [(k.value, type_label(t, k.value)) for k in SignalType],
        "status": [(s.value, t(f"signals.status.{s.value}")) for s in SignalStatus],
        "severity": [(s.value, t(f"signals.severity.{s.value}")) for s in Severity],
        "sort": [(s, t(f"signals.sort.{s}")) for s in SORTS],
    }


def _inbox(
    request: Request,
    user: User,
    database: Any,
    values: Mapping[str, str | None],
    page: int,
    problems: list[Problem] | None = None,
    status_code: int = 200,
) -> Response:
    filters, filter_problems = _filters(values)
    principal = principal_for_user(user)
    with database.session() as session:
        purposes = signal_purposes(session, principal)
        purpose = purpose_or_default(session, principal, values.get("purpose"))
        result = list_signals(
            session, _gate(request), principal, purpose, filters, PAGE_SIZE, (page - 1) * PAGE_SIZE
        )
    if not result.allowed:
        raise HTTPException(status_code=403)  # the refusal's audit entry is committed
    t = Translator(request_language(request))
    params = {**filters.as_params(), "purpose": purpose}
    context = {
        "rows": [_full(row) for row in result.rows],
        "fields": result.fields,
        "filters": filters,
        "choices": _choices(t),
        "purpose": purpose,
        "purposes": purposes or [purpose],
        "page": page,
        "has_next": len(result.rows) == PAGE_SIZE,
        "query": lambda **extra: urlencode({**params, **extra}),
        "problems": (problems or []) + filter_problems,
        "done": request.query_params.get("done", ""),
        "type_label": lambda code: type_label(t, code),
        "region_label": region_label,
        "label": labeller(t),
        "form": {"to_status": "", "reason": ""},
    }
    code = 400 if filter_problems else status_code
    return render(request, "signals.html", context, status_code=code)


@router.get("/signals")
def inbox(
    request: Request,
    user: CurrentUser,
    database: DatabaseDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """The signals in scope, filtered by codes, sorted by risk or date, 50 a page."""
    values = {name: request.query_params.get(name) for name in (*FILTER_NAMES, "purpose")}
    for name, value in values.items():
        if value is not None and len(value) > 80:
            raise HTTPException(status_code=422, detail=f"{name} is too long")
    return _inbox(request, user, database, values, page)


@router.post("/signals/status")
def bulk_status(
    request: Request,
    user: CurrentUser,
    database: DatabaseDep,
    signal_ids: Annotated[list[int] | None, Form()] = None,
    to_status: Annotated[str, Form(max_length=20)] = "",
    reason: Annotated[str, Form(max_length=service.MAX_REASON + 100)] = "",
    purpose: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Move every selected signal (all or none); back to the inbox with the problems."""
    principal = principal_for_user(user)
    try:
        with database.session() as session:
            asked = purpose_or_default(session, principal, purpose or None)
            done = service.change_status(
                session, _gate(request), principal, signal_ids or [], to_status, reason, asked
            )
    except ValidationError as refused:
        values = {"purpose": purpose or None}
        return _inbox(request, user, database, values, 1, list(refused.problems), 400)
    return RedirectResponse(
        "/signals?" + urlencode({"purpose": asked, "done": len(done.moves)}), status_code=303
    )


def _detail(
    request: Request,
    user: User,
    database: Any,
    signal_id: int,
    purpose: str | None,
    problems: list[Problem] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    principal = principal_for_user(user)
    with database.session() as session:
        asked = purpose_or_default(session, principal, purpose)
        result = get_signal(session, _gate(request), principal, asked, signal_id)
        reasons, events = reasons_and_history(session, signal_id) if result.rows else ([], [])
        history = [_event_row(user, e) for e in events]
    if not result.allowed:
        raise HTTPException(status_code=403)
    if not result.rows:
        raise HTTPException(status_code=404)
    lang = request_language(request)
    t = Translator(lang)
    row = _full(result.rows[0])
    context = {
        "signal": row,
        "present": set(result.fields),
        "signal_id": signal_id,
        "purpose": asked,
        "evidence": evidence_view(row.get("evidence"), t),
        "reasons": reason_lines(reasons, lang),
        "history": history,
        "statuses": [(s.value, t(f"signals.status.{s.value}")) for s in SignalStatus],
        "problems": problems or [],
        "form": form or {"to_status": "", "reason": ""},
        "saved": request.query_params.get("saved") == "1",
        "type_label": lambda code: type_label(t, code),
        "region_label": region_label,
        "label": labeller(t),
    }
    return render(request, "signal.html", context, status_code=status_code)


@router.get("/signals/{signal_id}")
def signal_page(
    request: Request,
    signal_id: int,
    user: CurrentUser,
    database: DatabaseDep,
    purpose: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    """One signal: subject, evidence side by side, reasons, history, status form."""
    return _detail(request, user, database, signal_id, purpose or None)


@router.post("/signals/{signal_id}/status")
def signal_status(
    request: Request,
    signal_id: int,
    user: CurrentUser,
    database: DatabaseDep,
    to_status: Annotated[str, Form(max_length=20)] = "",
    reason: Annotated[str, Form(max_length=service.MAX_REASON + 100)] = "",
    purpose: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Change one signal's status; the page again with the problems when refused."""
    principal = principal_for_user(user)
    try:
        with database.session() as session:
            asked = purpose_or_default(session, principal, purpose or None)
            service.change_status(
                session, _gate(request), principal, [signal_id], to_status, reason, asked
            )
    except ValidationError as refused:
        form = {"to_status": to_status, "reason": reason}
        return _detail(
            request, user, database, signal_id, purpose or None, list(refused.problems), form, 400
        )
    query = urlencode({"purpose": asked, "saved": 1})
    return RedirectResponse(f"/signals/{signal_id}?{query}", status_code=303)


@router.post("/signals/export")
def signals_export(
    request: Request,
    user: CurrentUser,
    database: DatabaseDep,
    fmt: Annotated[str, Form(alias="format", max_length=8)] = "csv",
    purpose: Annotated[str, Form(max_length=40)] = "",
    signal_type: Annotated[str, Form(max_length=40)] = "",
    status: Annotated[str, Form(max_length=20)] = "",
    severity: Annotated[str, Form(max_length=10)] = "",
    region: Annotated[str, Form(max_length=13)] = "",
    country: Annotated[str, Form(max_length=2)] = "",
    ppln: Annotated[str, Form(max_length=80)] = "",
    sort: Annotated[str, Form(max_length=10)] = "risk",
) -> Response:
    """The filtered signals as CSV/XLSX; the file and its manifest are kept in the data
    folder and the export audited."""
    values = {"signal_type": signal_type, "status": status, "severity": severity,
              "region": region, "country": country, "ppln": ppln, "sort": sort}  # fmt: skip
    principal = principal_for_user(user)
    out_dir = Path(request.app.state.settings.data_dir) / "exports" / "signals"
    refused: AccessRefused | None = None
    try:
        filters = Filters.parse(values)
        with database.session() as session:
            asked = purpose_or_default(session, principal, purpose or None)
            try:
                path, manifest = export_signals(
                    session, _gate(request), principal, asked, filters, fmt, out_dir
                )
            except AccessRefused as exc:
                refused = exc  # leave normally: the refusal's audit entry commits
    except ValidationError as invalid:
        raise HTTPException(status_code=400, detail=invalid.describe("en")) from None
    if refused is not None:
        raise HTTPException(status_code=403)
    return download(path, manifest)
