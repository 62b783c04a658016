"""Training pages: providers and programmes, enrolments and completion, and the
competence-certificate form.

Officers (national and regional) read; national administrators write. A worker is
named by internal id in forms (never by NIK or name in a URL); the enrolment list
of a programme comes through the access gate (a regional officer sees the workers
from their region).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from lindung.errors import Problem, ValidationError
from lindung.exchange.gate import principal_for_user
from lindung.registry.oversight_vocabulary import ASSOCIATIONS, PROVIDER_KINDS
from lindung.registry.training import (
    CertificateDraft,
    ProgrammeDraft,
    ProviderDraft,
    add_certificate,
    complete,
    create_programme,
    create_provider,
    enrol,
    enrolment_counts,
    enrolments_of,
    get_programme,
    get_provider,
    list_providers,
)
from lindung.store.models import TrainingProgramme, User
from lindung.web.i18n import request_language
from lindung.web.security import CurrentUser, DatabaseDep
from lindung.web.ui.registry_agencies import MANAGERS, READERS, actor, require
from lindung.web.ui.registry_agencies_forms import (
    DateReader,
    FormState,
    checked,
    optional_int,
    render_page,
    state_of,
    text,
)

router = APIRouter(include_in_schema=False)


def _training_context(
    session: Session, user: User, forms: dict[str, FormState] | None = None
) -> dict[str, Any]:
    providers = list_providers(session)
    programmes = session.execute(
        select(TrainingProgramme).order_by(TrainingProgramme.provider_id, TrainingProgramme.name)
    ).scalars()
    by_provider: dict[int, list[TrainingProgramme]] = {}
    for programme in programmes:
        by_provider.setdefault(programme.provider_id, []).append(programme)
    forms = forms or {}
    return {
        "providers": providers,
        "programmes": by_provider,
        "can_manage": user.role in MANAGERS,
        "provider_form": forms.get("provider", FormState()),
        "programme_form": forms.get("programme", FormState()),
        "certificate_form": forms.get("certificate", FormState()),
        "kinds": PROVIDER_KINDS,
        "associations": ASSOCIATIONS,
        "programme_count": session.scalar(select(func.count(TrainingProgramme.id))),
    }


@router.get("/registry/training")
def training_page(request: Request, user: CurrentUser, database: DatabaseDep) -> Response:
    """Providers with their programmes; forms for providers, programmes, certificates."""
    require(user, READERS)
    with database.session() as session:
        return render_page(request, "registry_training.html", _training_context(session, user))


async def _write(request: Request, user: User, database: Any, which: str, write: Any) -> Response:
    require(user, MANAGERS)
    values = dict(await request.form())
    try:
        with database.session() as session:
            write(session, values)
    except ValidationError as exc:
        form = state_of(values, exc.problems, request_language(request))
        with database.session() as session:
            context = _training_context(session, user, {which: form})
            return render_page(request, "registry_training.html", context, status_code=400)
    return RedirectResponse("/registry/training", status_code=303)


@router.post("/registry/training/providers")
async def add_provider(request: Request, user: CurrentUser, database: DatabaseDep) -> Response:
    def write(session: Session, values: dict[str, Any]) -> None:
        draft = ProviderDraft(
            text(values, "name"),
            text(values, "kind"),
            text(values, "region_code"),
            text(values, "licence_no") or None,
            text(values, "association") or None,
        )
        create_provider(session, actor(user), draft)

    return await _write(request, user, database, "provider", write)


@router.post("/registry/training/programmes")
async def add_programme(request: Request, user: CurrentUser, database: DatabaseDep) -> Response:
    def write(session: Session, values: dict[str, Any]) -> None:
        problems: list[Problem] = []
        provider_id = optional_int(values, "provider_id", problems)
        if provider_id is None:
            problems.append(Problem("provider_id", "provider.required", "wajib diisi", "required"))
            raise ValidationError(problems)
        get_provider(session, provider_id)
        draft = ProgrammeDraft(
            provider_id,
            text(values, "name"),
            text(values, "skill_scheme"),
            text(values, "hours"),
            text(values, "language") or None,
        )
        checked(problems, lambda: create_programme(session, actor(user), draft))

    return await _write(request, user, database, "programme", write)


@router.post("/registry/training/certificates")
async def add_certificate_form(
    request: Request, user: CurrentUser, database: DatabaseDep
) -> Response:
    def write(session: Session, values: dict[str, Any]) -> None:
        problems: list[Problem] = []
        worker_id = optional_int(values, "worker_id", problems) or 0
        dates = DateReader(values)
        draft = CertificateDraft(
            worker_id,
            text(values, "scheme"),
            text(values, "certifying_body"),
            text(values, "number"),
            dates("issued_on"),
            dates("valid_until"),
        )
        checked(problems + dates.problems, lambda: add_certificate(session, actor(user), draft))

    return await _write(request, user, database, "certificate", write)


def _programme_context(
    session: Session, request: Request, user: User, programme_id: int, form: FormState
) -> dict[str, Any]:
    programme = get_programme(session, programme_id)
    principal = principal_for_user(user)
    listed = enrolments_of(session, request.app.state.gate, principal, programme_id)
    return {
        "programme": programme,
        "provider": get_provider(session, programme.provider_id),
        "counts": enrolment_counts(session, principal, programme_id),
        "enrolments": listed.rows,
        "allowed": listed.allowed,
        "can_manage": user.role in MANAGERS,
        "form": form,
    }


@router.get("/registry/training/programmes/{programme_id}")
def programme_page(
    request: Request, programme_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """A programme: enrolments by status, the enrolled workers, enrol and complete forms."""
    require(user, READERS)
    with database.session() as session:
        context = _programme_context(session, request, user, programme_id, FormState())
        return render_page(request, "registry_programme.html", context)


@router.post("/registry/training/programmes/{programme_id}/enrolments")
async def enrol_form(
    request: Request, programme_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    return await _programme_write(request, user, database, programme_id, "enrol")


@router.post("/registry/training/programmes/{programme_id}/completions")
async def complete_form(
    request: Request, programme_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    return await _programme_write(request, user, database, programme_id, "complete")


async def _programme_write(
    request: Request, user: User, database: Any, programme_id: int, what: str
) -> Response:
    require(user, MANAGERS)
    values = dict(await request.form())
    problems: list[Problem] = []
    dates = DateReader(values)
    try:
        with database.session() as session:
            get_programme(session, programme_id)
            if what == "enrol":
                worker_id = optional_int(values, "worker_id", problems) or 0
                on = dates("enrolled_on")
                checked(
                    problems + dates.problems,
                    lambda: enrol(session, actor(user), programme_id, worker_id, on),
                )
            else:
                enrolment_id = optional_int(values, "enrolment_id", problems) or 0
                done = dates("completed_on")
                score = text(values, "score") or None
                checked(
                    problems + dates.problems,
                    lambda: complete(session, actor(user), enrolment_id, done, score, programme_id),
                )
    except ValidationError as exc:
        form = state_of(values, exc.problems, request_language(request))
        with database.session() as session:
            context = _programme_context(session, request, user, programme_id, form)
            return render_page(request, "registry_programme.html", context, status_code=400)
    return RedirectResponse(f"/registry/training/programmes/{programme_id}", status_code=303)
