"""Job matching: the candidates who qualify for a job order, and the open job orders
a candidate qualifies for, each ranked with its reasons.

A candidate qualifies for a job order on a day when, on that day:

- **skill**: they hold a competence certificate of the order's ``skill_scheme``,
  issued on or before the day and not expired (UU 18/2017 Pasal 5 huruf b);
- **language**: they completed a training programme teaching the order's
  ``language`` (orders without a language skip this);
- **age**: they are at least the minimum age for the job (the policy engine's
  ``minimum_age`` rule, its overrides by job type, country and employer kind;
  18 when no rule is in force — Pasal 5 huruf a);
- **health**: a ``fit`` medical and a ``fit`` psychological check valid on the day
  (Pasal 5 huruf c);
- **free**: not in an active placement (any stage but returned, withdrawn, failed
  departure, repatriated or deceased).

Candidates rank by their best assessment score in a programme of the order's
scheme, then by how long their certificate stays valid. Both directions are one
SQL statement each (EXISTS and correlated aggregates), run through the access
gate (:func:`lindung.registry.gated.read_people`): the reader's role and region
decide which workers appear, and the read is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, not_, select, true
from sqlalchemy.orm import Session

from lindung.domain.dates import age_on
from lindung.errors import NotFound
from lindung.exchange.gate import AccessGate, GatedRows
from lindung.exchange.guard import gate_context
from lindung.exchange.principal import Principal
from lindung.registry.agencies import status_expression
from lindung.registry.gated import AnySelect, read_people
from lindung.registry.job_orders import get_job_order
from lindung.registry.oversight_vocabulary import years_before
from lindung.registry.rule_data import DEFAULT_MINIMUM_AGE, minimum_age, rule_in_force
from lindung.store.models import (
    Agency,
    CompetenceCertificate,
    Employer,
    Enrolment,
    HealthCheck,
    JobOrder,
    Placement,
    TrainingProgramme,
    Worker,
)

#: Stages after which a worker is free for another placement.
ENDED = ("returned", "withdrawn", "failed_departure", "repatriated", "deceased")
#: Placements that do not count against a job order's quota (rule ``job_order.quota``).
QUOTA_UNCOUNTED = ("withdrawn", "failed_departure")
CANDIDATE_FIELDS = ("id", "full_name", "sex", "birth_date", "origin_village_code")
FAR_FUTURE = date(9999, 12, 31)


def _certificate_until(scheme: Any, on: date) -> Any:
    """SQL: the latest validity of the worker's certificates of ``scheme`` valid on ``on``."""
    return (
        select(func.max(func.coalesce(CompetenceCertificate.valid_until, FAR_FUTURE)))
        .where(
            CompetenceCertificate.worker_id == Worker.id,
            CompetenceCertificate.scheme == scheme,
            CompetenceCertificate.issued_on <= on,
            func.coalesce(CompetenceCertificate.valid_until, FAR_FUTURE) >= on,
        )
        .correlate(Worker)
        .scalar_subquery()
    )


def _health_until(kind: str, on: date) -> Any:
    return (
        select(func.max(HealthCheck.valid_until))
        .where(
            HealthCheck.worker_id == Worker.id,
            HealthCheck.kind == kind,
            HealthCheck.result == "fit",
            HealthCheck.examined_on <= on,
            HealthCheck.valid_until >= on,
        )
        .correlate(Worker)
        .scalar_subquery()
    )


def _language_hours(language: Any, on: date) -> Any:
    return (
        select(func.max(TrainingProgramme.hours))
        .join(Enrolment, Enrolment.programme_id == TrainingProgramme.id)
        .where(
            Enrolment.worker_id == Worker.id,
            Enrolment.status == "completed",
            Enrolment.completed_on <= on,
            TrainingProgramme.language == language,
        )
        .correlate(Worker)
        .scalar_subquery()
    )


def _best_score(scheme: Any, on: date) -> Any:
    return (
        select(func.max(Enrolment.score))
        .join(TrainingProgramme, TrainingProgramme.id == Enrolment.programme_id)
        .where(
            Enrolment.worker_id == Worker.id,
            Enrolment.status == "completed",
            Enrolment.completed_on <= on,
            TrainingProgramme.skill_scheme == scheme,
        )
        .correlate(Worker)
        .scalar_subquery()
    )


def _free() -> ColumnElement[bool]:
    active = (
        select(Placement.id)
        .where(Placement.worker_id == Worker.id, Placement.status.not_in(ENDED))
        .correlate(Worker)
    )
    return not_(exists(active))


def candidates_statement(
    order: JobOrder, minimum: int, on: date, region: ColumnElement[bool], limit: int
) -> AnySelect:
    """Workers who qualify for ``order`` on ``on`` inside ``region``, best first."""
    columns = {
        "certificate_until": _certificate_until(order.skill_scheme, on)
        if order.skill_scheme
        else literal(None),
        "language_hours": _language_hours(order.language, on) if order.language else literal(0),
        "medical_until": _health_until("medical", on),
        "psychological_until": _health_until("psychological", on),
        "best_score": _best_score(order.skill_scheme, on) if order.skill_scheme else literal(None),
    }
    inner = (
        select(
            Worker.id.label("worker_id"),
            *[getattr(Worker, name).label(name) for name in CANDIDATE_FIELDS],
            *[value.label(name) for name, value in columns.items()],
        )
        .where(region, Worker.birth_date <= years_before(on, minimum), _free())
        .subquery("candidates")
    )
    c = inner.c
    needed = [c.medical_until.is_not(None), c.psychological_until.is_not(None)]
    if order.skill_scheme:
        needed.append(c.certificate_until.is_not(None))
    if order.language:
        needed.append(c.language_hours.is_not(None))
    return (
        select(inner)
        .where(*needed)
        .order_by(
            case((c.best_score.is_(None), 1), else_=0),
            c.best_score.desc(),
            c.certificate_until.desc(),
            c.worker_id,
        )
        .limit(limit)
    )


@dataclass(frozen=True)
class Candidates:
    order: JobOrder
    minimum_age: int
    on: date
    rows: GatedRows

    def reasons(self, row: dict[str, Any], lang: str) -> list[str]:
        return candidate_reasons(self.order, self.minimum_age, self.on, row, lang)


def candidates_for(
    session: Session,
    gate: AccessGate,
    principal: Principal,
    job_order_id: int,
    on: date | None = None,
    limit: int = 50,
) -> Candidates:
    """The workers who qualify for the job order on ``on`` (today), ranked."""
    day = on or date.today()
    order = get_job_order(session, job_order_id)
    kind = session.scalar(select(Employer.kind).where(Employer.id == order.employer_id))
    minimum = minimum_age(order.job_type, order.country_code, kind, day)
    rows = read_people(
        session,
        gate,
        principal,
        CANDIDATE_FIELDS,
        lambda region: candidates_statement(order, minimum, day, region, limit),
        Worker.origin_village_code,
        details={"object": "job_order_candidates", "job_order_id": order.id},
    )
    return Candidates(order, minimum, day, rows)


def as_date(value: Any) -> date | None:
    """A date the gate returned (ISO text in clear; a masked value is not one)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def candidate_reasons(
    order: JobOrder, minimum: int, on: date, row: dict[str, Any], lang: str
) -> list[str]:
    """Why a candidate qualifies, in ``lang`` (dates and schemes, no document numbers)."""
    en = lang == "en"
    out = []
    if order.skill_scheme:
        until = row["certificate_until"]
        shown = "-" if until == FAR_FUTURE else str(until)
        out.append(
            f"certificate {order.skill_scheme} valid until {shown}"
            if en
            else f"sertifikat {order.skill_scheme} berlaku s.d. {shown}"
        )
    if order.language:
        hours = row["language_hours"]
        out.append(
            f"completed a {order.language} course ({hours} h)"
            if en
            else f"lulus pelatihan bahasa {order.language} ({hours} jam)"
        )
    birth = as_date(row.get("birth_date"))
    if birth is not None:
        age = age_on(birth, on)
        out.append(f"aged {age} (minimum {minimum})" if en else f"usia {age} (minimum {minimum})")
    until = min(row["medical_until"], row["psychological_until"])
    out.append(f"fit, checks valid until {until}" if en else f"sehat, berlaku s.d. {until}")
    if row.get("best_score") is not None:
        score = float(row["best_score"])
        out.append(f"training score {score:.0f}" if en else f"nilai pelatihan {score:.0f}")
    return out


def _age_condition(birth: Any, on: date) -> ColumnElement[bool]:
    """SQL: the worker (``birth``) is old enough for each job order on ``on`` (the
    minimum-age rule's default and every override matching the order)."""
    rule = rule_in_force("minimum_age", on)
    default = int(rule.params.get("default_years", DEFAULT_MINIMUM_AGE)) if rule else 18
    parts: list[ColumnElement[bool]] = [birth <= years_before(on, default)]
    for row in (rule.params.get("overrides") or []) if rule else []:
        matches: list[ColumnElement[bool]] = [true()]
        for key, column in (
            ("job_types", JobOrder.job_type),
            ("countries", JobOrder.country_code),
            ("employer_kinds", Employer.kind),
        ):
            if row.get(key):
                matches.append(column.in_(list(row[key])))
        parts.append(not_(and_(*matches)) | (birth <= years_before(on, int(row["years"]))))
    return and_(*parts)


def orders_statement(worker: dict[str, Any], on: date) -> AnySelect:
    """Open, approved job orders valid on ``on`` of licensed agencies that the worker
    qualifies for, as one statement (the worker's facts as correlated EXISTS)."""
    worker_id = worker["worker_id"]
    certificate = exists(
        select(CompetenceCertificate.id).where(
            CompetenceCertificate.worker_id == worker_id,
            CompetenceCertificate.scheme == JobOrder.skill_scheme,
            CompetenceCertificate.issued_on <= on,
            func.coalesce(CompetenceCertificate.valid_until, FAR_FUTURE) >= on,
        )
    )
    language = exists(
        select(Enrolment.id)
        .join(TrainingProgramme, TrainingProgramme.id == Enrolment.programme_id)
        .where(
            Enrolment.worker_id == worker_id,
            Enrolment.status == "completed",
            Enrolment.completed_on <= on,
            TrainingProgramme.language == JobOrder.language,
        )
    )
    held_until = (
        select(func.max(func.coalesce(CompetenceCertificate.valid_until, FAR_FUTURE)))
        .where(
            CompetenceCertificate.worker_id == worker_id,
            CompetenceCertificate.scheme == JobOrder.skill_scheme,
            CompetenceCertificate.issued_on <= on,
            func.coalesce(CompetenceCertificate.valid_until, FAR_FUTURE) >= on,
        )
        .correlate(JobOrder)
        .scalar_subquery()
    )
    hours = (
        select(func.max(TrainingProgramme.hours))
        .join(Enrolment, Enrolment.programme_id == TrainingProgramme.id)
        .where(
            Enrolment.worker_id == worker_id,
            Enrolment.status == "completed",
            Enrolment.completed_on <= on,
            TrainingProgramme.language == JobOrder.language,
        )
        .correlate(JobOrder)
        .scalar_subquery()
    )
    taken = (
        select(func.count(Placement.id))
        .where(Placement.job_order_id == JobOrder.id, Placement.status.not_in(QUOTA_UNCOUNTED))
        .correlate(JobOrder)
        .scalar_subquery()
    )
    return (
        select(
            JobOrder,
            Agency.name.label("agency_name"),
            Employer.kind.label("employer_kind"),
            held_until.label("certificate_until"),
            hours.label("language_hours"),
            (JobOrder.quota - taken).label("places_left"),
        )
        .join(Agency, Agency.id == JobOrder.agency_id)
        .join(Employer, Employer.id == JobOrder.employer_id)
        .where(
            JobOrder.approval_status == "approved",
            JobOrder.status == "open",
            JobOrder.valid_from <= on,
            JobOrder.valid_to >= on,
            status_expression(on) == "active",
            JobOrder.skill_scheme.is_(None) | certificate,
            JobOrder.language.is_(None) | language,
            _age_condition(literal(worker["birth_date"]), on),
        )
        .order_by(JobOrder.valid_to, JobOrder.code)
    )


@dataclass(frozen=True)
class OpenOrder:
    """A job order a worker qualifies for, with what makes them qualify."""

    order: JobOrder
    agency_name: str
    minimum_age: int
    age: int
    certificate_until: date | None
    language_hours: int | None
    places_left: int
    checks_until: date

    @property
    def rank_key(self) -> tuple[int, int, date, str]:
        """Orders asking for the worker's own certificate and language first (the
        closest fit), then those with more places left, then those closing soonest."""
        fit = int(self.certificate_until is not None) + int(self.language_hours is not None)
        return (-fit, -self.places_left, self.order.valid_to, self.order.code)

    def reasons(self, lang: str) -> list[str]:
        """Why the worker qualifies and why the order ranks where it does, in ``lang``."""
        en = lang == "en"
        order = self.order
        out = []
        if order.skill_scheme and self.certificate_until is not None:
            shown = "-" if self.certificate_until == FAR_FUTURE else str(self.certificate_until)
            out.append(
                f"certificate {order.skill_scheme} valid until {shown}"
                if en
                else f"sertifikat {order.skill_scheme} berlaku s.d. {shown}"
            )
        if order.language and self.language_hours is not None:
            out.append(
                f"completed a {order.language} course ({self.language_hours} h)"
                if en
                else f"lulus pelatihan bahasa {order.language} ({self.language_hours} jam)"
            )
        out.append(
            f"aged {self.age} (minimum {self.minimum_age})"
            if en
            else f"usia {self.age} (minimum {self.minimum_age})"
        )
        out.append(
            f"fit, checks valid until {self.checks_until}"
            if en
            else f"sehat, berlaku s.d. {self.checks_until}"
        )
        out.append(
            f"{self.places_left} of {order.quota} places left, open until {order.valid_to}"
            if en
            else f"sisa {self.places_left} dari {order.quota} tempat, berlaku s.d. {order.valid_to}"
        )
        return out


def orders_for(
    session: Session,
    gate: AccessGate,
    principal: Principal,
    worker_id: int,
    on: date | None = None,
) -> tuple[GatedRows, list[OpenOrder]]:
    """The open job orders the worker qualifies for on ``on`` (today), ranked
    (:attr:`OpenOrder.rank_key`), each with its reasons.

    The worker is read through the gate first (refused or out of the reader's
    region: no orders); health and the active-placement rule apply to the worker
    as a whole, so a worker failing them qualifies for no order.
    """
    day = on or date.today()
    rows = read_people(
        session,
        gate,
        principal,
        ("id", "birth_date", "origin_village_code"),
        lambda region: select(
            Worker.id.label("worker_id"),
            Worker.id.label("id"),
            Worker.birth_date.label("birth_date"),
            Worker.origin_village_code.label("origin_village_code"),
            _health_until("medical", day).label("medical_until"),
            _health_until("psychological", day).label("psychological_until"),
            _free().label("free"),
        ).where(Worker.id == worker_id, region),
        Worker.origin_village_code,
        details={"object": "worker_job_orders", "worker_id": worker_id},
    )
    if not rows.allowed:
        return rows, []
    if not rows.rows:
        raise NotFound(f"no worker with id {worker_id}")
    worker = rows.rows[0]
    fit = worker["medical_until"] is not None and worker["psychological_until"] is not None
    birth = as_date(worker["birth_date"])
    if not (fit and worker["free"]) or birth is None:
        return rows, []
    worker = {**worker, "birth_date": birth}
    with gate_context("read"):
        found = session.execute(orders_statement(worker, day)).all()
    medical, psychological = (as_date(worker[k]) for k in ("medical_until", "psychological_until"))
    checks_until = min(medical or day, psychological or day)
    age = age_on(birth, day)
    orders = [
        OpenOrder(
            order=row[0],
            agency_name=str(row[1]),
            minimum_age=minimum_age(row[0].job_type, row[0].country_code, row[2], day),
            age=age,
            certificate_until=as_date(row[3]) if row[3] is not None else None,
            language_hours=int(row[4]) if row[4] is not None else None,
            places_left=max(int(row[5]), 0),
            checks_until=checks_until,
        )
        for row in found
    ]
    return rows, sorted(orders, key=lambda o: o.rank_key)
