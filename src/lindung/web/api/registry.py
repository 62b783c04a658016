"""/api/v1/registry: workers, their records, placements and moves, for signed-in officers.

The same services as the pages: reads through the access gate (a refusal is 403
with the gate's reason, audited), writes checked field by field (422 with
``[{field, code, message}]`` in the request's language; nothing written), moves
through the lifecycle (a refused move is 422 naming each failed rule and why).
Searches are POSTed so that a name or a NIK never sits in a URL.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Request
from sqlalchemy.orm import Session

from lindung.errors import Problem, ValidationError
from lindung.exchange.gate import AccessGate, principal_for_user
from lindung.exchange.principal import Principal
from lindung.registry import events, person_records, placements
from lindung.registry.authority import can_write
from lindung.registry.lifecycle import allowed_next_steps, evaluate_placement
from lindung.registry.reads import RegistryReader, WorkerProfile
from lindung.registry.timeline import worker_timeline
from lindung.registry.workers import Saved as SavedRow
from lindung.registry.workers import correct_worker, register_worker
from lindung.store.models import User
from lindung.web.api import registry_schemas as schemas
from lindung.web.api.routes import ERRORS
from lindung.web.api.schemas import ErrorBody, ProblemBody
from lindung.web.i18n import request_language
from lindung.web.security import ApiUser, DatabaseDep
from lindung.web.ui.registry_workers_views import warnings_of

REFUSALS: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorBody, "description": "Refused: role, region scope or agreement."},
    404: {"model": ErrorBody, "description": "No such record."},
}
router = APIRouter(prefix="/api/v1/registry", tags=["registry"], responses={**ERRORS, **REFUSALS})

MIN_NAME_SEARCH = 3
WorkerWriter = Callable[[Session, Principal, int, Mapping[str, Any]], SavedRow]
PlacementWriter = Callable[[Session, placements.Source, int, Mapping[str, Any]], Any]


def _gate(request: Request) -> AccessGate:
    gate: AccessGate = request.app.state.gate
    return gate


def _writer(user: User) -> Principal:
    principal = principal_for_user(user)
    if not can_write(principal):
        raise HTTPException(status_code=403)
    return principal


def _saved(saved: SavedRow, lang: str) -> schemas.Saved:
    warnings = [ProblemBody(**w.as_dict(lang)) for w in saved.warnings]
    return schemas.Saved(id=saved.id, warnings=warnings)


@router.post("/workers", status_code=201, summary="Register a worker")
def register(
    request: Request, body: schemas.WorkerIn, user: ApiUser, database: DatabaseDep
) -> schemas.Saved:
    """Every field checked at once; a NIK disagreeing with the birth date or sex is
    stored and returned as a warning to review."""
    principal = _writer(user)
    with database.session() as session:
        saved = register_worker(session, principal, body.data())
    return _saved(saved, request_language(request))


@router.post("/workers/search", summary="Find workers by NIK or part of the name")
def search(
    request: Request, body: schemas.SearchIn, user: ApiUser, database: DatabaseDep
) -> schemas.WorkerList:
    """Inside the caller's regional scope; at most 50 workers."""
    nik = "".join(ch for ch in (body.nik or "") if ch.isdigit()) or None
    name = " ".join((body.name or "").split()) or None
    if nik is None and (name is None or len(name) < MIN_NAME_SEARCH):
        raise ValidationError(
            [
                Problem(
                    "name",
                    "search.too_short",
                    "isi NIK atau sedikitnya 3 huruf nama",
                    "give a NIK or at least 3 letters of the name",
                )
            ]
        )
    outcome = RegistryReader(database, _gate(request), principal_for_user(user)).search_workers(
        nik, name
    )
    rows = outcome.require()
    return schemas.WorkerList(count=len(rows), items=rows)


@router.get("/workers/{worker_id}", summary="A worker's profile and timeline")
def worker(
    request: Request, worker_id: int, user: ApiUser, database: DatabaseDep
) -> schemas.WorkerProfileBody:
    lang = request_language(request)
    outcome = RegistryReader(database, _gate(request), principal_for_user(user)).worker_profile(
        worker_id
    )
    return _profile_body(outcome.require(), lang)


def _profile_body(found: WorkerProfile, lang: str) -> schemas.WorkerProfileBody:
    timeline = [
        schemas.TimelineEntry(
            on=e.on.isoformat(),
            phase=e.phase.value,
            title=e.title,
            detail=e.detail,
            placement_id=e.placement_id,
        )
        for e in worker_timeline(found, lang)
    ]
    warnings = [
        ProblemBody(field="nik", code="nik.review", message=text)
        for text in warnings_of(found.worker, lang)
    ]
    return schemas.WorkerProfileBody(
        worker=found.worker,
        warnings=warnings,
        placements=found.placements,
        passports=found.passports,
        family=found.family,
        health_checks=found.health_checks,
        certificates=found.certificates,
        social_security=found.social_security,
        documents=found.documents,
        events=found.events,
        orientations=found.orientations,
        reintegrations=found.reintegrations,
        corrections=found.corrections,
        timeline=timeline,
    )


@router.patch("/workers/{worker_id}", summary="Correct a worker's record")
def correct(
    request: Request,
    worker_id: int,
    body: schemas.CorrectionIn,
    user: ApiUser,
    database: DatabaseDep,
) -> schemas.Saved:
    """Changes the fields sent (never the NIK), with a reason; audited with the names
    of the changed fields."""
    principal = _writer(user)
    with database.session() as session:
        saved = correct_worker(session, principal, worker_id, body.data())
    return _saved(saved, request_language(request))


def _worker_record(
    path: str, summary: str, model: type[schemas.Input], write: WorkerWriter
) -> None:
    def endpoint(
        request: Request,
        worker_id: int,
        body: Annotated[Any, Body()],
        user: ApiUser,
        database: DatabaseDep,
    ) -> schemas.Saved:
        principal = _writer(user)
        data = model.model_validate(body).data()
        with database.session() as session:
            saved = write(session, principal, worker_id, data)
        return _saved(saved, request_language(request))

    endpoint.__annotations__["body"] = model
    router.add_api_route(
        f"/workers/{{worker_id}}/{path}",
        endpoint,
        methods=["POST"],
        status_code=201,
        summary=summary,
        response_model=schemas.Saved,
    )


def _new_placement(
    session: Session, principal: Principal, worker_id: int, data: Mapping[str, Any]
) -> SavedRow:
    return placements.create_placement(
        session, placements.Source(principal, "api"), worker_id, data
    )


WORKER_ROUTES: tuple[tuple[str, str, type[schemas.Input], WorkerWriter], ...] = (
    ("passports", "Add a passport", schemas.PassportIn, person_records.add_passport),
    ("family-members", "Add a family member", schemas.FamilyMemberIn,
     person_records.add_family_member),
    ("health-checks", "Add a health check", schemas.HealthCheckIn,
     person_records.add_health_check),
    ("competence-certificates", "Add a competence certificate", schemas.CertificateIn,
     person_records.add_competence_certificate),
    ("social-security", "Add a social-security membership", schemas.SocialSecurityIn,
     person_records.add_social_security),
    ("placements", "Create a placement in a job order", schemas.PlacementIn, _new_placement),
)  # fmt: skip
for _route in WORKER_ROUTES:
    _worker_record(*_route)


@router.get("/placements/{placement_id}", summary="A placement, its findings and next steps")
def placement(
    request: Request, placement_id: int, user: ApiUser, database: DatabaseDep
) -> schemas.PlacementBody:
    """Findings are today's, by the rules in force today, with their legal basis."""
    lang = request_language(request)
    day = date.today()
    principal = principal_for_user(user)
    outcome = RegistryReader(database, _gate(request), principal).placement(placement_id)
    with database.session() as session:
        if outcome.value is None:
            body = None
        else:
            findings = evaluate_placement(session, placement_id, day)
            steps = allowed_next_steps(session, placement_id, day)
            found = outcome.value
            body = schemas.PlacementBody(
                placement={**found.placement, "worker_name": found.worker.get("full_name")},
                as_of=day.isoformat(),
                findings=[_finding(f, lang) for f in findings],
                next_steps=[
                    schemas.NextStepBody(
                        status=s.status.value,
                        label=s.label(lang),
                        allowed=s.allowed,
                        findings=[_finding(f, lang) for f in s.findings],
                    )
                    for s in steps
                ],
                documents=found.documents,
                events=found.events,
                orientations=found.orientations,
                reintegrations=found.reintegrations,
            )
    outcome.require()
    assert body is not None
    return body


def _finding(finding: Any, lang: str) -> schemas.FindingBody:
    return schemas.FindingBody(
        rule_id=finding.rule_id,
        severity=finding.severity,
        title=finding.title(lang),
        detail=finding.detail(lang),
        legal_basis=finding.legal_basis,
    )


@router.post(
    "/placements/{placement_id}/transitions",
    status_code=201,
    summary="Move a placement to a stage",
    responses={422: {"model": ErrorBody, "description": "Bad input, or refused by the rules."}},
)
def transition(
    placement_id: int, body: schemas.TransitionIn, user: ApiUser, database: DatabaseDep
) -> schemas.Saved:
    """Checked against the lifecycle and the rules in force on ``occurred_on``; a
    refusal lists each failed rule (field ``rule:<id>``) with its evidence."""
    principal = _writer(user)
    with database.session() as session:
        event_id = events.move_placement(
            session, placements.Source(principal, "api"), placement_id, body.data()
        )
    return schemas.Saved(id=event_id)


def _placement_record(
    path: str, summary: str, model: type[schemas.Input], write: PlacementWriter
) -> None:
    def endpoint(
        placement_id: int, body: Annotated[Any, Body()], user: ApiUser, database: DatabaseDep
    ) -> schemas.Saved:
        principal = _writer(user)
        data = model.model_validate(body).data()
        with database.session() as session:
            written = write(session, placements.Source(principal, "api"), placement_id, data)
        return schemas.Saved(id=written if isinstance(written, int) else written.id)

    endpoint.__annotations__["body"] = model
    router.add_api_route(
        f"/placements/{{placement_id}}/{path}",
        endpoint,
        methods=["POST"],
        status_code=201,
        summary=summary,
        response_model=schemas.Saved,
    )


PLACEMENT_ROUTES: tuple[tuple[str, str, type[schemas.Input], PlacementWriter], ...] = (
    ("documents", "Add a Pasal 13 document", schemas.DocumentIn, placements.add_document),
    ("orientations", "Record the pre-departure orientation", schemas.OrientationIn,
     placements.record_orientation),
    ("events", "Record a departure, arrival, extension or return", schemas.EventIn,
     events.record_event),
    ("reintegrations", "Record reintegration after return", schemas.ReintegrationIn,
     placements.record_reintegration),
)  # fmt: skip
for _placement_route in PLACEMENT_ROUTES:
    _placement_record(*_placement_route)
