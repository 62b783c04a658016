"""Foreign employers and job orders: create, approve, reject, with itemised costs.

A job order is opened by an agency for one employer; the ministry approves or
rejects it. An agency whose licence is suspended, revoked or expired on the day
cannot open a job order and cannot have one approved (UU 18/2017 Pasal 57; the
policy rule ``agency licence active`` stops its placements moving forward).
Every write is checked whole and either stored whole or refused with every
problem, each naming its field, in Bahasa Indonesia and English.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.errors import NotFound, Problem, ValidationError
from lindung.exchange.audit import Actor
from lindung.registry.agencies import audit_change, licence_status_on
from lindung.registry.oversight_vocabulary import (
    BARRED_STATUSES,
    CHARGED_TO,
    COST_ITEMS,
    EMPLOYER_KINDS,
    SECTORS,
    Problems,
    check_amount,
    check_choice,
    check_code,
    check_country,
    check_currency,
    check_language,
    check_order,
    check_scheme,
    check_text,
    check_word,
    normalise_code,
)
from lindung.store.models import Agency, Employer, JobOrder, JobOrderCost


@dataclass(frozen=True)
class EmployerDraft:
    name: str
    country_code: str
    kind: str
    city: str | None = None
    registration_no: str | None = None


@dataclass(frozen=True)
class CostDraft:
    item: str
    amount: str | Decimal
    currency: str
    charged_to: str


@dataclass(frozen=True)
class JobOrderDraft:
    """What opening a job order takes; ``costs`` are the itemised costs."""

    code: str
    agency_id: int | None
    employer_id: int | None
    country_code: str
    sector: str
    job_type: str
    position: str
    quota: int | str | None
    salary_amount: str | Decimal | None
    salary_currency: str
    valid_from: date | None
    valid_to: date | None
    city: str | None = None
    skill_scheme: str | None = None
    language: str | None = None
    costs: Sequence[CostDraft] = field(default_factory=tuple)


def refused_barred(status: str) -> Problem:
    """Why a suspended, revoked or expired agency cannot open a job order."""
    labels = {"suspended": ("ditangguhkan", "suspended"), "revoked": ("dicabut", "revoked")}
    indonesian, english = labels.get(status, ("kedaluwarsa", "expired"))
    return Problem(
        "agency_id",
        f"agency.{status}",
        f"izin P3MI {indonesian}: P3MI tidak boleh membuka job order (UU 18/2017 Pasal 57)",
        f"the agency's licence is {english}: it may not open job orders (UU 18/2017 Pasal 57)",
    )


def register_employer(session: Session, actor: Actor, draft: EmployerDraft) -> Employer:
    problems = Problems()
    name = check_text(draft.name, problems, "name", 160) or ""
    country = check_country(draft.country_code, problems)
    check_choice(draft.kind, EMPLOYER_KINDS, problems, "kind")
    city = check_text(draft.city, problems, "city", 80, required=False)
    number = check_text(draft.registration_no, problems, "registration_no", 40, required=False)
    problems.raise_if_any()
    employer = Employer(
        name=name, country_code=country, kind=draft.kind, city=city, registration_no=number
    )
    session.add(employer)
    session.flush()
    audit_change(session, actor, "employer", "register", id=employer.id)
    return employer


def _check_costs(costs: Sequence[CostDraft], problems: Problems) -> list[JobOrderCost]:
    rows = []
    for index, cost in enumerate(costs):
        prefix = f"costs.{index}."
        check_choice(cost.item, COST_ITEMS, problems, prefix + "item")
        amount = check_amount(cost.amount, problems, prefix + "amount", positive=False)
        currency = check_currency(cost.currency, problems, prefix + "currency")
        check_choice(cost.charged_to, CHARGED_TO, problems, prefix + "charged_to")
        if amount is not None:
            rows.append(
                JobOrderCost(
                    item=cost.item, amount=amount, currency=currency, charged_to=cost.charged_to
                )
            )
    return rows


def _check_parties(
    session: Session, draft: JobOrderDraft, country: str, problems: Problems, today: date
) -> None:
    agency = session.get(Agency, draft.agency_id) if draft.agency_id else None
    if agency is None:
        problems.add("agency_id", "agency.unknown", "P3MI tidak dikenal", "unknown agency")
    else:
        status = licence_status_on(session, agency.id, today)
        if status in BARRED_STATUSES:
            problems.extend([refused_barred(status)])
    employer = session.get(Employer, draft.employer_id) if draft.employer_id else None
    if employer is None:
        problems.add(
            "employer_id", "employer.unknown", "pemberi kerja tidak dikenal", "unknown employer"
        )
        return
    if employer.country_code != country:
        problems.add(
            "country_code",
            "country.employer_mismatch",
            "negara job order harus negara pemberi kerja",
            "the job order's country must be the employer's country",
        )
    if employer.kind == "household" and draft.sector != "informal":
        problems.add(
            "sector",
            "sector.household_formal",
            "pemberi kerja rumah tangga (perseorangan) hanya untuk sektor informal",
            "a household (individual) employer is informal-sector work",
        )


def _quota(value: int | str | None, problems: Problems) -> int:
    try:
        quota = int(str(value).strip())
    except ValueError:
        quota = 0
    if quota <= 0 or quota > 100_000:
        problems.add(
            "quota",
            "quota.range",
            "kuota harus bilangan bulat 1-100000",
            "the quota must be a whole number from 1 to 100000",
        )
    return quota


def create_job_order(
    session: Session, actor: Actor, draft: JobOrderDraft, today: date | None = None
) -> JobOrder:
    """Open a job order (pending approval) with its itemised costs; all or nothing."""
    day = today or date.today()
    problems = Problems()
    code = check_code(draft.code, problems)
    country = check_country(draft.country_code, problems)
    check_choice(draft.sector, SECTORS, problems, "sector")
    job_type = check_word(draft.job_type, problems, "job_type")
    position = check_text(draft.position, problems, "position", 120) or ""
    city = check_text(draft.city, problems, "city", 80, required=False)
    scheme = check_scheme(draft.skill_scheme, problems, "skill_scheme")
    language = check_language(draft.language, problems)
    quota = _quota(draft.quota, problems)
    salary = check_amount(draft.salary_amount, problems, "salary_amount")
    currency = check_currency(draft.salary_currency, problems, "salary_currency")
    for name in ("valid_from", "valid_to"):
        if getattr(draft, name) is None:
            problems.add(name, "date.required", "tanggal wajib diisi", "a date is required")
    check_order(draft.valid_from, draft.valid_to, problems, "valid_to", "valid_from")
    costs = _check_costs(draft.costs, problems)
    _check_parties(session, draft, country, problems, day)
    if session.scalar(select(JobOrder.id).where(JobOrder.code == code)) is not None:
        problems.add(
            "code", "code.duplicate", "kode job order sudah dipakai", "this code is already used"
        )
    problems.raise_if_any()
    assert draft.agency_id
    assert draft.employer_id
    assert salary is not None
    assert draft.valid_from is not None
    assert draft.valid_to is not None
    order = JobOrder(
        code=code,
        agency_id=draft.agency_id,
        employer_id=draft.employer_id,
        country_code=country,
        city=city,
        sector=draft.sector,
        job_type=job_type,
        position=position,
        skill_scheme=scheme,
        language=language,
        quota=quota,
        salary_amount=salary,
        salary_currency=currency,
        valid_from=draft.valid_from,
        valid_to=draft.valid_to,
        status="open",
        approval_status="pending",
    )
    session.add(order)
    session.flush()
    for cost in costs:
        cost.job_order_id = order.id
        session.add(cost)
    session.flush()
    audit_change(session, actor, "job_order", "create", id=order.id)
    return order


def get_job_order(session: Session, job_order_id: int) -> JobOrder:
    order = session.get(JobOrder, job_order_id)
    if order is None:
        raise NotFound(f"no job order with id {job_order_id}")
    return order


def find_by_code(session: Session, code: str) -> JobOrder | None:
    normalised = normalise_code(code)
    if not normalised:
        return None
    return session.scalar(select(JobOrder).where(JobOrder.code == normalised))


def costs_of(session: Session, job_order_id: int) -> list[JobOrderCost]:
    statement = (
        select(JobOrderCost)
        .where(JobOrderCost.job_order_id == job_order_id)
        .order_by(JobOrderCost.id)
    )
    return list(session.scalars(statement))


def _pending(order: JobOrder) -> None:
    if order.approval_status != "pending":
        raise ValidationError(
            [
                Problem(
                    "approval_status",
                    "job_order.not_pending",
                    "hanya job order yang menunggu persetujuan yang dapat diputuskan",
                    "only a job order pending approval can be decided",
                )
            ]
        )


def approve_job_order(
    session: Session, actor: Actor, job_order_id: int, on: date | None = None
) -> JobOrder:
    """Approve a pending job order; refused while its agency is barred."""
    day = on or date.today()
    order = get_job_order(session, job_order_id)
    _pending(order)
    status = licence_status_on(session, order.agency_id, day)
    if status in BARRED_STATUSES:
        raise ValidationError([refused_barred(status)])
    order.approval_status = "approved"
    order.approved_on = day
    order.approved_by = actor.name
    session.flush()
    audit_change(session, actor, "job_order", "approve", id=order.id)
    return order


def reject_job_order(
    session: Session, actor: Actor, job_order_id: int, on: date | None = None
) -> JobOrder:
    """Reject a pending job order (who and when are kept; the audit log has the entry)."""
    order = get_job_order(session, job_order_id)
    _pending(order)
    order.approval_status = "rejected"
    order.approved_on = on or date.today()
    order.approved_by = actor.name
    session.flush()
    audit_change(session, actor, "job_order", "reject", id=order.id)
    return order


def job_orders_of(session: Session, agency_id: int, limit: int = 200) -> list[JobOrder]:
    statement = (
        select(JobOrder)
        .where(JobOrder.agency_id == agency_id)
        .order_by(JobOrder.valid_from.desc(), JobOrder.id.desc())
        .limit(limit)
    )
    return list(session.scalars(statement))
