"""The placement page: the placement read through the gate, its rule findings today
(bilingual, with the legal basis), the moves the lifecycle has from its stage with
whether each is allowed, the transition form, and the forms adding its documents,
orientation, events and reintegration.

A refused move shows the page again (400) with each failed rule and why; an
accepted one goes back to the page (303).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from lindung.errors import Problem, ValidationError
from lindung.exchange.decision import AccessRefused
from lindung.exchange.gate import principal_for_user
from lindung.exchange.principal import Principal
from lindung.policy.findings import Finding
from lindung.registry import events, placements
from lindung.registry.authority import can_write
from lindung.registry.lifecycle import allowed_next_steps, evaluate_placement
from lindung.registry.reads import PlacementRecord, RegistryReader
from lindung.registry.vocabulary import label
from lindung.web.i18n import Translator, request_language
from lindung.web.security import CurrentUser, DatabaseDep
from lindung.web.templating import render
from lindung.web.ui import registry_workers_views as views
from lindung.web.ui.registry_evidence import readable_detail, readable_message
from lindung.web.ui.registry_workers import gate_of, refused, require_writer_page
from lindung.web.ui.registry_workers_forms import (
    PLACEMENT_RECORDS,
    FormState,
    form_state,
    form_values,
    rendered_fields,
)

router = APIRouter(include_in_schema=False)

Writer = Callable[[Session, placements.Source, int, Mapping[str, Any]], Any]
PLACEMENT_WRITERS: dict[str, Writer] = {
    "document": placements.add_document,
    "orientation": placements.record_orientation,
    "event": events.record_event,
    "reintegration": placements.record_reintegration,
}


def today() -> date:
    """The day findings and next steps are judged on (a function so tests can fix it)."""
    return date.today()


@router.get("/registry/placements/{placement_id}")
def placement_page(
    request: Request, placement_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    return _page(request, placement_id, user, database)


@router.post("/registry/placements/{placement_id}/transition")
async def move(
    request: Request, placement_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """Move the placement; a refusal shows the failed rules on the page."""
    principal = require_writer_page(user)
    form = await request.form()
    values = {k: str(form.get(k) or "") for k in ("to_status", "occurred_on", "reason")}
    try:
        with database.session() as session:
            events.move_placement(
                session, placements.Source(principal, "web"), placement_id, values
            )
    except ValidationError as exc:
        return _page(request, placement_id, user, database, values, exc.problems)
    except AccessRefused as exc:
        return refused(request, exc)
    return RedirectResponse(f"/registry/placements/{placement_id}", status_code=303)


def _page(
    request: Request,
    placement_id: int,
    user: Any,
    database: Any,
    typed: Mapping[str, str] | None = None,
    problems: tuple[Problem, ...] = (),
) -> Response:
    principal = principal_for_user(user)
    t = Translator(request_language(request))
    day = today()
    outcome = RegistryReader(database, gate_of(request), principal).placement(placement_id)
    with database.session() as session:
        context = (
            _context(session, outcome.value, t, principal, day) if outcome.value is not None else {}
        )
    try:
        outcome.require()
    except AccessRefused as exc:
        return refused(request, exc)
    rules = [p for p in problems if p.field.startswith("rule:")]
    context["refusal"] = [p.message(t.lang) for p in rules]
    context["move_state"] = form_state(
        typed or {"occurred_on": day.isoformat()},
        [p for p in problems if not p.field.startswith("rule:")],
        t.lang,
    )
    status = 400 if problems else 200
    return render(request, "registry_placement.html", context, status_code=status)


def _finding(finding: Finding, t: Translator) -> dict[str, Any]:
    """A finding as the placement page shows it (labels, amounts and dates formatted)."""
    return {
        "rule": finding.rule_id,
        "title": finding.title(t.lang),
        "severity": finding.severity,
        "severity_label": t(f"placement.severity.{finding.severity}"),
        "detail": readable_detail(finding, t),
        "basis": finding.legal_basis,
    }


def _context(
    session: Session, found: PlacementRecord, t: Translator, principal: Principal, day: date
) -> dict[str, Any]:
    lang = t.lang
    placement = found.placement
    findings = evaluate_placement(session, placement["id"], day)
    steps = allowed_next_steps(session, placement["id"], day)
    return {
        "placement": placement,
        "worker": found.worker,
        "day": day.isoformat(),
        "status": views.status_label(placement.get("status"), lang),
        "country": views.country_label(placement.get("destination_country"), lang),
        "dates": [
            (t(f"registry.field.{name}"), views.text(placement.get(name)))
            for name in (
                "registered_on",
                "departed_on",
                "arrived_on",
                "contract_ends_on",
                "returned_on",
            )
        ],
        "findings": [_finding(f, t) for f in findings if f.is_violation],
        "blockers": [_finding(f, t) for f in findings if not f.is_violation],
        "steps": [
            {
                "status": s.status.value,
                "label": s.label(lang),
                "allowed": s.allowed,
                "reasons": [readable_message(f, t) for f in s.findings if f.blocking],
            }
            for s in steps
        ],
        "documents": [
            [
                label("document_kind", d["kind"], lang),
                views.text(d.get("number")),
                views.text(d["issued_on"]),
                views.text(d.get("expires_on")),
                f"{views.text(d.get('verified_by'))} · {views.text(d.get('verified_on'))}",
            ]
            for d in found.documents
        ],
        "history": [
            [
                views.text(e["occurred_on"]),
                label("history_kind", e["kind"], lang),
                views.status_label(e.get("from_status"), lang),
                views.status_label(e.get("to_status"), lang),
                f"{e.get('recorded_by')} ({e.get('source')})",
            ]
            for e in sorted(found.events, key=lambda e: (e["occurred_on"], e["id"]))
        ],
        "can_write": can_write(principal),
        "records": [(r, t(f"record.{r}")) for r in PLACEMENT_RECORDS],
    }


@router.get("/registry/placements/{placement_id}/add/{record}")
def record_form(request: Request, placement_id: int, record: str, user: CurrentUser) -> Response:
    require_writer_page(user)
    if record not in PLACEMENT_RECORDS:
        raise HTTPException(status_code=404)
    return _form(request, placement_id, record, FormState())


@router.post("/registry/placements/{placement_id}/add/{record}")
async def add_record(
    request: Request, placement_id: int, record: str, user: CurrentUser, database: DatabaseDep
) -> Response:
    principal = require_writer_page(user)
    if record not in PLACEMENT_RECORDS:
        raise HTTPException(status_code=404)
    values = form_values(await request.form(), record)
    try:
        with database.session() as session:
            writer = PLACEMENT_WRITERS[record]
            writer(session, placements.Source(principal, "web"), placement_id, values)
    except ValidationError as exc:
        state = form_state(values, exc.problems, request_language(request))
        return _form(request, placement_id, record, state, status_code=400)
    except AccessRefused as exc:
        return refused(request, exc)
    return RedirectResponse(f"/registry/placements/{placement_id}", status_code=303)


def _form(
    request: Request, placement_id: int, record: str, state: FormState, status_code: int = 200
) -> Response:
    t = Translator(request_language(request))
    back = f"/registry/placements/{placement_id}"
    context = {
        "heading": t(f"record.{record}"),
        "back": back,
        "back_label": t("placement.title"),
        "action": f"{back}/add/{record}",
        "state": state,
        "fields": rendered_fields(record, t, state),
    }
    return render(request, "registry_form.html", context, status_code=status_code)
