"""Vocational training: providers (LPK/BLK), programmes, enrolments and completion,
and competence certificates entered by hand until the certifying bodies' files are
imported (the ``training_certificates`` partner dataset).

Providers and programmes are public facts. Enrolments and certificates belong to
a person: writes check the worker exists under the store's own mark, and lists
of enrolled people are read through the access gate
(:func:`lindung.registry.gated.read_people`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lindung.errors import NotFound, Problem, ValidationError
from lindung.exchange.audit import Actor
from lindung.exchange.gate import AccessGate, GatedRows
from lindung.exchange.guard import store_context
from lindung.exchange.principal import Principal
from lindung.registry.agencies import audit_change
from lindung.registry.gated import aggregate_scope, read_people, run_aggregate
from lindung.registry.oversight_vocabulary import (
    ASSOCIATIONS,
    PROVIDER_KINDS,
    Problems,
    check_choice,
    check_language,
    check_order,
    check_scheme,
    check_text,
    normalise_licence_no,
)
from lindung.registry.scorecard import scoped
from lindung.store.models import (
    CompetenceCertificate,
    Enrolment,
    Region,
    TrainingProgramme,
    TrainingProvider,
    Worker,
)


@dataclass(frozen=True)
class ProviderDraft:
    name: str
    kind: str
    region_code: str
    licence_no: str | None = None
    association: str | None = None


@dataclass(frozen=True)
class ProgrammeDraft:
    provider_id: int
    name: str
    skill_scheme: str
    hours: int | str
    language: str | None = None


@dataclass(frozen=True)
class CertificateDraft:
    worker_id: int
    scheme: str
    certifying_body: str
    number: str
    issued_on: date | None
    valid_until: date | None = None


def _required_date(value: date | None, name: str, problems: Problems) -> None:
    if value is None:
        problems.add(name, "date.required", "tanggal wajib diisi", "a date is required")


def create_provider(session: Session, actor: Actor, draft: ProviderDraft) -> TrainingProvider:
    problems = Problems()
    name = check_text(draft.name, problems, "name", 160) or ""
    check_choice(draft.kind, PROVIDER_KINDS, problems, "kind")
    if session.get(Region, draft.region_code.strip()) is None:
        problems.add(
            "region_code", "region.unknown", "kode wilayah tidak dikenal", "unknown region code"
        )
    association = (draft.association or "").strip().upper() or None
    if association is not None:
        check_choice(association, ASSOCIATIONS, problems, "association")
    number = normalise_licence_no(draft.licence_no or "") or None
    if number and session.scalar(
        select(TrainingProvider.id).where(TrainingProvider.licence_no == number)
    ):
        problems.add(
            "licence_no",
            "licence.duplicate",
            "nomor izin sudah terdaftar",
            "this licence number is already registered",
        )
    problems.raise_if_any()
    provider = TrainingProvider(
        name=name,
        kind=draft.kind,
        region_code=draft.region_code.strip(),
        licence_no=number,
        association=association,
    )
    session.add(provider)
    session.flush()
    audit_change(session, actor, "training_provider", "create", id=provider.id)
    return provider


def _hours(value: int | str, problems: Problems) -> int:
    try:
        hours = int(str(value).strip())
    except ValueError:
        hours = 0
    if not 1 <= hours <= 5000:
        problems.add(
            "hours", "hours.range", "jam pelatihan 1-5000", "training hours from 1 to 5000"
        )
    return hours


def create_programme(session: Session, actor: Actor, draft: ProgrammeDraft) -> TrainingProgramme:
    get_provider(session, draft.provider_id)
    problems = Problems()
    name = check_text(draft.name, problems, "name", 160) or ""
    scheme = check_scheme(draft.skill_scheme, problems, "skill_scheme")
    if scheme is None:
        problems.add("skill_scheme", "skill_scheme.required", "wajib diisi", "required")
    language = check_language(draft.language, problems)
    hours = _hours(draft.hours, problems)
    problems.raise_if_any()
    assert scheme is not None
    programme = TrainingProgramme(
        provider_id=draft.provider_id,
        name=name,
        skill_scheme=scheme,
        language=language,
        hours=hours,
    )
    session.add(programme)
    session.flush()
    audit_change(session, actor, "training_programme", "create", id=programme.id)
    return programme


def get_provider(session: Session, provider_id: int) -> TrainingProvider:
    provider = session.get(TrainingProvider, provider_id)
    if provider is None:
        raise NotFound(f"no training provider with id {provider_id}")
    return provider


def get_programme(session: Session, programme_id: int) -> TrainingProgramme:
    programme = session.get(TrainingProgramme, programme_id)
    if programme is None:
        raise NotFound(f"no training programme with id {programme_id}")
    return programme


def list_providers(session: Session) -> list[TrainingProvider]:
    return list(session.scalars(select(TrainingProvider).order_by(TrainingProvider.name)))


def programmes_of(session: Session, provider_id: int) -> list[TrainingProgramme]:
    statement = (
        select(TrainingProgramme)
        .where(TrainingProgramme.provider_id == provider_id)
        .order_by(TrainingProgramme.name)
    )
    return list(session.scalars(statement))


def _worker_exists(session: Session, worker_id: int, problems: Problems) -> None:
    with store_context("training write"):
        found = session.scalar(select(Worker.id).where(Worker.id == worker_id))
    if found is None:
        problems.add("worker_id", "worker.unknown", "pekerja tidak dikenal", "unknown worker")


def enrol(
    session: Session, actor: Actor, programme_id: int, worker_id: int, enrolled_on: date | None
) -> Enrolment:
    """Enrol a worker in a programme (once while enrolled or completed)."""
    get_programme(session, programme_id)
    problems = Problems()
    _worker_exists(session, worker_id, problems)
    _required_date(enrolled_on, "enrolled_on", problems)
    with store_context("training write"):
        already = session.scalar(
            select(Enrolment.id).where(
                Enrolment.programme_id == programme_id,
                Enrolment.worker_id == worker_id,
                Enrolment.status != "dropped",
            )
        )
    if already is not None:
        problems.add(
            "worker_id",
            "enrolment.duplicate",
            "pekerja sudah terdaftar di program ini",
            "the worker is already enrolled in this programme",
        )
    problems.raise_if_any()
    assert enrolled_on is not None
    row = Enrolment(
        programme_id=programme_id, worker_id=worker_id, enrolled_on=enrolled_on, status="enrolled"
    )
    session.add(row)
    session.flush()
    audit_change(session, actor, "enrolment", "create", id=row.id)
    return row


def _enrolment(session: Session, enrolment_id: int, programme_id: int | None) -> Enrolment:
    with store_context("training write"):
        row = session.get(Enrolment, enrolment_id)
    if row is None or (programme_id is not None and row.programme_id != programme_id):
        raise NotFound(f"no enrolment with id {enrolment_id}")
    if row.status != "enrolled":
        raise ValidationError(
            [
                Problem(
                    "status",
                    "enrolment.closed",
                    "pendaftaran ini sudah selesai atau dibatalkan",
                    "this enrolment is already completed or dropped",
                )
            ]
        )
    return row


def complete(
    session: Session,
    actor: Actor,
    enrolment_id: int,
    completed_on: date | None,
    score: str | float | None,
    programme_id: int | None = None,
) -> Enrolment:
    """Record completion with the final assessment score (0-100); with
    ``programme_id``, only an enrolment of that programme."""
    row = _enrolment(session, enrolment_id, programme_id)
    problems = Problems()
    _required_date(completed_on, "completed_on", problems)
    check_order(row.enrolled_on, completed_on, problems, "completed_on", "enrolled_on")
    value: Decimal | None = None
    if score not in (None, ""):
        try:
            value = Decimal(str(score).strip())
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or not 0 <= value <= 100:
            problems.add("score", "score.range", "nilai 0-100", "a score from 0 to 100")
    problems.raise_if_any()
    row.status = "completed"
    row.completed_on = completed_on
    row.score = float(value) if value is not None else None
    session.flush()
    audit_change(session, actor, "enrolment", "complete", id=row.id)
    return row


def drop(session: Session, actor: Actor, enrolment_id: int) -> Enrolment:
    row = _enrolment(session, enrolment_id, None)
    row.status = "dropped"
    session.flush()
    audit_change(session, actor, "enrolment", "drop", id=row.id)
    return row


def add_certificate(
    session: Session, actor: Actor, draft: CertificateDraft
) -> CompetenceCertificate:
    """Enter a competence certificate (scheme, LSP, number, validity) for a worker."""
    problems = Problems()
    _worker_exists(session, draft.worker_id, problems)
    scheme = check_scheme(draft.scheme, problems, "scheme")
    if scheme is None:
        problems.add("scheme", "scheme.required", "wajib diisi", "required")
    body = check_text(draft.certifying_body, problems, "certifying_body", 120) or ""
    number = check_text(draft.number, problems, "number", 40) or ""
    _required_date(draft.issued_on, "issued_on", problems)
    check_order(draft.issued_on, draft.valid_until, problems, "valid_until", "issued_on")
    problems.raise_if_any()
    assert scheme is not None
    assert draft.issued_on is not None
    certificate = CompetenceCertificate(
        worker_id=draft.worker_id,
        scheme=scheme,
        certifying_body=body,
        number=number,
        issued_on=draft.issued_on,
        valid_until=draft.valid_until,
    )
    session.add(certificate)
    session.flush()
    audit_change(session, actor, "competence_certificate", "create", id=certificate.id)
    return certificate


def enrolment_counts(session: Session, principal: Principal, programme_id: int) -> dict[str, int]:
    """Enrolments of a programme by status, within the reader's region scope."""
    statement = (
        select(Enrolment.status, func.count(Enrolment.id))
        .where(Enrolment.programme_id == programme_id)
        .group_by(Enrolment.status)
    )
    scope = aggregate_scope(session, principal)
    rows = run_aggregate(session, scoped(statement, scope, Enrolment.worker_id))
    return {status: int(n) for status, n in rows}


def enrolments_of(
    session: Session, gate: AccessGate, principal: Principal, programme_id: int, limit: int = 200
) -> GatedRows:
    """The programme's enrolments with the workers' names, as the gate allows."""
    return read_people(
        session,
        gate,
        principal,
        ("id", "full_name"),
        lambda region: (
            select(
                Worker.id.label("worker_id"),
                Worker.id.label("id"),
                Worker.full_name.label("full_name"),
                Enrolment.id.label("enrolment_id"),
                Enrolment.status.label("status"),
                Enrolment.enrolled_on.label("enrolled_on"),
                Enrolment.completed_on.label("completed_on"),
                Enrolment.score.label("score"),
            )
            .join(Worker, Worker.id == Enrolment.worker_id)
            .where(Enrolment.programme_id == programme_id, region)
            .order_by(Enrolment.enrolled_on.desc(), Enrolment.id.desc())
            .limit(limit)
        ),
        Worker.origin_village_code,
        details={"object": "programme_enrolments", "programme_id": programme_id},
    )
