"""Worker pages: search (by POST: names and NIKs never in a URL), register, profile
with the timeline, correction, and the forms that add a worker's records.

Reads go through the access gate (:class:`lindung.registry.reads.RegistryReader`),
writes through the registry's services; a refusal is a 403 page with the gate's
reason (its audit entry is committed first), bad input the form again with each
problem at its field (400).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from lindung.errors import ValidationError
from lindung.exchange.decision import AccessRefused
from lindung.exchange.gate import AccessGate, principal_for_user
from lindung.exchange.principal import Principal
from lindung.registry import person_records
from lindung.registry.authority import can_write
from lindung.registry.placements import Source, create_placement
from lindung.registry.reads import RegistryReader
from lindung.registry.timeline import worker_timeline
from lindung.registry.workers import Saved, correct_worker, register_worker
from lindung.store.models import User
from lindung.web.errors import error_response
from lindung.web.i18n import Translator, request_language
from lindung.web.security import CurrentUser, DatabaseDep
from lindung.web.templating import render
from lindung.web.ui import registry_workers_views as views
from lindung.web.ui.registry_workers_forms import (
    WORKER_RECORDS,
    FormState,
    form_state,
    form_values,
    rendered_fields,
)

router = APIRouter(include_in_schema=False)
MIN_NAME_SEARCH = 3

Writer = Callable[[Session, Principal, int, Mapping[str, Any]], Saved]


def _add_placement(
    session: Session, principal: Principal, worker_id: int, data: Mapping[str, Any]
) -> Saved:
    return create_placement(session, Source(principal, "web"), worker_id, data)


WORKER_WRITERS: dict[str, Writer] = {
    "passport": person_records.add_passport,
    "family": person_records.add_family_member,
    "health": person_records.add_health_check,
    "certificate": person_records.add_competence_certificate,
    "social_security": person_records.add_social_security,
    "placement": _add_placement,
}


def gate_of(request: Request) -> AccessGate:
    gate: AccessGate = request.app.state.gate
    return gate


def refused(request: Request, exc: AccessRefused) -> Response:
    """The 403 page naming the gate's reason, in the user's language."""
    return error_response(request, 403, "error.detail.403", exc.problems)


def require_writer_page(user: User) -> Principal:
    principal = principal_for_user(user)
    if not can_write(principal):
        raise HTTPException(status_code=403)
    return principal


@router.get("/registry/workers")
def search_page(request: Request, user: CurrentUser) -> Response:
    """The search form (results come from POST, so nothing personal is in a URL)."""
    context = {
        "query": {"nik": "", "name": ""},
        "results": None,
        "message": "",
        "can_write": can_write(principal_for_user(user)),
    }
    return render(request, "registry_workers.html", context)


@router.post("/registry/workers/search")
async def search(request: Request, user: CurrentUser, database: DatabaseDep) -> Response:
    form = await request.form()
    nik = "".join(ch for ch in str(form.get("nik") or "") if ch.isdigit())
    name = " ".join(str(form.get("name") or "").split())
    t = Translator(request_language(request))
    principal = principal_for_user(user)
    context: dict[str, Any] = {
        "query": {"nik": nik, "name": name},
        "results": None,
        "message": "",
        "can_write": can_write(principal),
    }
    if not nik and len(name) < MIN_NAME_SEARCH:
        context["message"] = t("workers.search_empty")
        return render(request, "registry_workers.html", context, status_code=400)
    outcome = RegistryReader(database, gate_of(request), principal).search_workers(
        nik or None, name or None
    )
    rows = outcome.value or []
    with database.session() as session:
        results = [
            {
                **row,
                "birth_date": views.text(row.get("birth_date")),
                "origin": views.region_label(session, row.get("origin_village_code")),
            }
            for row in rows
        ]
    try:
        outcome.require()
    except AccessRefused as exc:
        return refused(request, exc)
    context["results"] = results
    return render(request, "registry_workers.html", context)


@router.get("/registry/workers/new")
def register_form(request: Request, user: CurrentUser) -> Response:
    require_writer_page(user)
    return _form_page(request, "worker", FormState(), "/registry/workers", "/registry/workers")


@router.post("/registry/workers")
async def register(request: Request, user: CurrentUser, database: DatabaseDep) -> Response:
    principal = require_writer_page(user)
    values = form_values(await request.form(), "worker")
    try:
        with database.session() as session:
            saved = register_worker(session, principal, values)
    except ValidationError as exc:
        state = form_state(values, exc.problems, request_language(request))
        back = "/registry/workers"
        return _form_page(request, "worker", state, back, back, status_code=400)
    except AccessRefused as exc:
        return refused(request, exc)
    return RedirectResponse(f"/registry/workers/{saved.id}", status_code=303)


@router.get("/registry/workers/{worker_id}")
def profile(request: Request, worker_id: int, user: CurrentUser, database: DatabaseDep) -> Response:
    """The worker, their records and the timeline across the three phases."""
    principal = principal_for_user(user)
    t = Translator(request_language(request))
    outcome = RegistryReader(database, gate_of(request), principal).worker_profile(worker_id)
    with database.session() as session:
        context = _profile_context(session, outcome.value, t, principal, user)
    try:
        outcome.require()
    except AccessRefused as exc:
        return refused(request, exc)
    return render(request, "registry_worker.html", context)


def _profile_context(
    session: Session, found: Any, t: Translator, principal: Principal, user: User
) -> dict[str, Any]:
    if found is None:
        return {}
    return {
        "worker": found.worker,
        "warnings": views.warnings_of(found.worker, t.lang),
        "identity": views.identity(session, found.worker, t),
        "placements": views.placement_rows(found, t.lang),
        "timeline": worker_timeline(found, t.lang),
        "records": views.record_tables(found, t),
        "corrections": views.correction_rows(session, found, t),
        "can_write": can_write(principal),
        "can_audit": user.role in ("national_admin", "national_analyst"),
    }


@router.get("/registry/workers/{worker_id}/correct")
def correction_form(
    request: Request, worker_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """The correction form, filled with the record as it stands."""
    principal = require_writer_page(user)
    outcome = RegistryReader(database, gate_of(request), principal).worker_profile(worker_id)
    try:
        current = outcome.require().worker
    except AccessRefused as exc:
        return refused(request, exc)
    values = {k: views.text(v) if v is not None else "" for k, v in current.items()}
    back = f"/registry/workers/{worker_id}"
    return _form_page(request, "correction", form_state(values), back, back + "/correct")


@router.post("/registry/workers/{worker_id}/correct")
async def correct(
    request: Request, worker_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    principal = require_writer_page(user)
    values = form_values(await request.form(), "correction")
    back = f"/registry/workers/{worker_id}"
    try:
        with database.session() as session:
            correct_worker(session, principal, worker_id, values)
    except ValidationError as exc:
        state = form_state(values, exc.problems, request_language(request))
        return _form_page(request, "correction", state, back, back + "/correct", status_code=400)
    except AccessRefused as exc:
        return refused(request, exc)
    return RedirectResponse(back, status_code=303)


@router.get("/registry/workers/{worker_id}/add/{record}")
def record_form(request: Request, worker_id: int, record: str, user: CurrentUser) -> Response:
    require_writer_page(user)
    if record not in WORKER_RECORDS:
        raise HTTPException(status_code=404)
    back = f"/registry/workers/{worker_id}"
    return _form_page(request, record, FormState(), back, f"{back}/add/{record}")


@router.post("/registry/workers/{worker_id}/add/{record}")
async def add_record(
    request: Request, worker_id: int, record: str, user: CurrentUser, database: DatabaseDep
) -> Response:
    principal = require_writer_page(user)
    if record not in WORKER_RECORDS:
        raise HTTPException(status_code=404)
    values = form_values(await request.form(), record)
    back = f"/registry/workers/{worker_id}"
    try:
        with database.session() as session:
            saved = WORKER_WRITERS[record](session, principal, worker_id, values)
    except ValidationError as exc:
        state = form_state(values, exc.problems, request_language(request))
        action = f"{back}/add/{record}"
        return _form_page(request, record, state, back, action, status_code=400)
    except AccessRefused as exc:
        return refused(request, exc)
    target = f"/registry/placements/{saved.id}" if record == "placement" else back
    return RedirectResponse(target, status_code=303)


def _form_page(
    request: Request,
    name: str,
    state: FormState,
    back: str,
    action: str,
    status_code: int = 200,
) -> Response:
    t = Translator(request_language(request))
    context = {
        "heading": t(f"record.{name}"),
        "back": back,
        "back_label": t("workers.title") if back == "/registry/workers" else t("worker.title"),
        "action": action,
        "state": state,
        "fields": rendered_fields(name, t, state),
    }
    return render(request, "registry_form.html", context, status_code=status_code)
