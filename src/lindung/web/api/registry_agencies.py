"""/api/v1/registry: agencies (ranking, register, scorecard, sanctions) and job orders
(create, read, approve, reject, qualifying candidates).

The same services and validation as the pages: a refused write is a 422 naming
every field; national administrators write (403 otherwise); partner users get
403; counts and candidates are limited to the reader's region scope by the
access gate. Every unsafe request carries the session's CSRF token in
``X-CSRF-Token``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from sqlalchemy.orm import Session

from lindung.exchange.gate import principal_for_user
from lindung.registry.agencies import (
    AgencyDraft,
    add_branch,
    get_agency,
    register_agency,
    update_agency,
)
from lindung.registry.job_orders import (
    approve_job_order,
    costs_of,
    create_job_order,
    get_job_order,
    reject_job_order,
)
from lindung.registry.matching import candidates_for, orders_for
from lindung.registry.risk import rank_agencies
from lindung.registry.sanctions import record_sanction
from lindung.registry.scorecard import scorecard
from lindung.store.models import Agency, AgencySanction, JobOrder
from lindung.web.api.registry_agencies_schemas import (
    AgencyBody,
    AgencyIn,
    BranchBody,
    BranchIn,
    CandidateBody,
    CandidatesBody,
    CostBody,
    JobOrderBody,
    JobOrderIn,
    LicenceEventBody,
    OpenOrderBody,
    OrdersForWorkerBody,
    RankedAgencyBody,
    RankingBody,
    ReasonBody,
    RuleCountBody,
    SanctionBody,
    SanctionIn,
    ScorecardBody,
)
from lindung.web.api.schemas import ErrorBody
from lindung.web.i18n import request_language
from lindung.web.security import ApiUser, DatabaseDep
from lindung.web.ui.registry_agencies import MANAGERS, READERS, actor, require, today_
from lindung.web.ui.registry_agencies_forms import (
    DateReader,
    agency_from,
    branch_from,
    checked,
    job_order_from,
    sanction_from,
)

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Not signed in."},
    403: {"model": ErrorBody, "description": "The role may not do this."},
    404: {"model": ErrorBody, "description": "No such agency or job order."},
    422: {"model": ErrorBody, "description": "Invalid input; every problem listed by field."},
}
router = APIRouter(prefix="/api/v1/registry", tags=["registry"], responses=ERRORS)


def agency_body(agency: Agency) -> AgencyBody:
    return AgencyBody(
        id=agency.id,
        licence_no=agency.licence_no,
        name=agency.name,
        licence_status=agency.licence_status,
        licence_valid_from=agency.licence_valid_from,
        licence_valid_to=agency.licence_valid_to,
        head_office_region_code=agency.head_office_region_code,
        deposit_amount=float(agency.deposit_amount) if agency.deposit_amount is not None else None,
    )


def sanction_body(row: AgencySanction) -> SanctionBody:
    return SanctionBody(
        id=row.id,
        kind=row.kind,
        decided_on=row.decided_on,
        effective_from=row.effective_from,
        effective_to=row.effective_to,
        reason=row.reason,
        decree_no=row.decree_no,
        amount=float(row.amount) if row.amount is not None else None,
    )


def job_order_body(session: Session, order: JobOrder) -> JobOrderBody:
    costs = [
        CostBody(item=c.item, amount=float(c.amount), currency=c.currency, charged_to=c.charged_to)
        for c in costs_of(session, order.id)
    ]
    return JobOrderBody(
        id=order.id,
        code=order.code,
        agency_id=order.agency_id,
        employer_id=order.employer_id,
        country_code=order.country_code,
        city=order.city,
        sector=order.sector,
        job_type=order.job_type,
        position=order.position,
        skill_scheme=order.skill_scheme,
        language=order.language,
        quota=order.quota,
        salary_amount=float(order.salary_amount),
        salary_currency=order.salary_currency,
        valid_from=order.valid_from,
        valid_to=order.valid_to,
        status=order.status,
        approval_status=order.approval_status,
        approved_on=order.approved_on,
        costs=costs,
    )


@router.get("/agencies", summary="Agencies ranked by risk, with the reasons of each score")
def ranking(request: Request, user: ApiUser, database: DatabaseDep) -> RankingBody:
    require(user, READERS)
    lang = request_language(request)
    day = today_()
    with database.session() as session:
        ranked = rank_agencies(session, principal_for_user(user), day)
    items = [
        RankedAgencyBody(
            **{k: getattr(r, k) for k in RankedAgencyBody.model_fields if k != "reasons"},
            reasons=[
                ReasonBody(code=x.code, points=x.points, message=x.message(lang)) for x in r.reasons
            ],
        )
        for r in ranked
    ]
    return RankingBody(on=day, count=len(items), items=items)


@router.post("/agencies", status_code=201, summary="Register an agency (national administrators)")
def register(body: AgencyIn, user: ApiUser, database: DatabaseDep) -> AgencyBody:
    require(user, MANAGERS)
    dates = DateReader(body.model_dump())
    draft = AgencyDraft(
        licence_no=body.licence_no,
        name=body.name,
        head_office_region_code=body.head_office_region_code,
        licence_valid_from=dates("licence_valid_from"),
        licence_valid_to=dates("licence_valid_to"),
        deposit_amount=body.deposit_amount,
    )
    with database.session() as session:
        agency = checked(
            dates.problems, lambda: register_agency(session, actor(user), draft, today_())
        )
        return agency_body(agency)


@router.put(
    "/agencies/{agency_id}",
    summary="Update an agency's name, licence number, head office, validity or deposit "
    "(national administrators)",
)
def update(agency_id: int, body: AgencyIn, user: ApiUser, database: DatabaseDep) -> AgencyBody:
    require(user, MANAGERS)
    draft, problems = agency_from(body.model_dump())
    with database.session() as session:
        get_agency(session, agency_id)
        agency = checked(
            problems, lambda: update_agency(session, actor(user), agency_id, draft, today_())
        )
        return agency_body(agency)


@router.post(
    "/agencies/{agency_id}/branches",
    status_code=201,
    summary="Record a branch office of an agency (national administrators)",
)
def branch(agency_id: int, body: BranchIn, user: ApiUser, database: DatabaseDep) -> BranchBody:
    require(user, MANAGERS)
    draft, problems = branch_from(body.model_dump())
    with database.session() as session:
        get_agency(session, agency_id)
        saved = checked(
            problems,
            lambda: add_branch(
                session, actor(user), agency_id, draft.region_code, draft.opened_on, draft.address
            ),
        )
        return BranchBody(
            id=saved.id,
            agency_id=saved.agency_id,
            region_code=saved.region_code,
            opened_on=saved.opened_on,
            address=saved.address,
        )


@router.get("/agencies/{agency_id}", summary="An agency's scorecard (counts in the reader's scope)")
def agency_scorecard(agency_id: int, user: ApiUser, database: DatabaseDep) -> ScorecardBody:
    require(user, READERS)
    with database.session() as session:
        card = scorecard(session, principal_for_user(user), agency_id, today_())
        return ScorecardBody(
            agency=agency_body(card.agency),
            status_today=card.status_today,
            scope=card.scope.region_code or card.scope.kind.value,
            placements_by_stage=card.placements_by_stage,
            policy_run_id=card.run.id if card.run else None,
            findings=[RuleCountBody(**vars(f)) for f in card.findings],
            complaints=[
                {"category": c, "status": s, "count": n} for (c, s), n in card.complaints.items()
            ],
            licence_history=[
                LicenceEventBody(
                    status=e.status,
                    effective_on=e.effective_on,
                    reason=e.reason,
                    decree_no=e.decree_no,
                    sanction_id=e.sanction_id,
                )
                for e in card.licence_events
            ],
            sanctions=[sanction_body(s) for s in card.sanctions],
        )


@router.post(
    "/agencies/{agency_id}/sanctions",
    status_code=201,
    summary="Record a sanction (a suspension or revocation also changes the licence)",
)
def sanction(
    agency_id: int, body: SanctionIn, user: ApiUser, database: DatabaseDep
) -> SanctionBody:
    require(user, MANAGERS)
    draft, problems = sanction_from(body.model_dump())
    with database.session() as session:
        get_agency(session, agency_id)
        row = checked(
            problems, lambda: record_sanction(session, actor(user), agency_id, draft, today_())
        )
        return sanction_body(row)


@router.post("/job-orders", status_code=201, summary="Open a job order (pending approval)")
def open_job_order(body: JobOrderIn, user: ApiUser, database: DatabaseDep) -> JobOrderBody:
    require(user, MANAGERS)
    values = body.model_dump()
    values["costs"] = [c.model_dump() for c in body.costs]
    draft, problems = job_order_from(values, None)
    with database.session() as session:
        order = checked(problems, lambda: create_job_order(session, actor(user), draft, today_()))
        return job_order_body(session, order)


@router.get("/job-orders/{job_order_id}", summary="A job order with its itemised costs")
def job_order(job_order_id: int, user: ApiUser, database: DatabaseDep) -> JobOrderBody:
    require(user, READERS)
    with database.session() as session:
        return job_order_body(session, get_job_order(session, job_order_id))


@router.post("/job-orders/{job_order_id}/approve", summary="Approve a pending job order")
def approve(job_order_id: int, user: ApiUser, database: DatabaseDep) -> JobOrderBody:
    require(user, MANAGERS)
    with database.session() as session:
        order = approve_job_order(session, actor(user), job_order_id, today_())
        return job_order_body(session, order)


@router.post("/job-orders/{job_order_id}/reject", summary="Reject a pending job order")
def reject(job_order_id: int, user: ApiUser, database: DatabaseDep) -> JobOrderBody:
    require(user, MANAGERS)
    with database.session() as session:
        order = reject_job_order(session, actor(user), job_order_id, today_())
        return job_order_body(session, order)


@router.get(
    "/job-orders/{job_order_id}/candidates",
    summary="The candidates who qualify for a job order, ranked with reasons (gated, audited)",
)
def candidates(
    request: Request, job_order_id: int, user: ApiUser, database: DatabaseDep
) -> CandidatesBody:
    require(user, READERS)
    lang = request_language(request)
    day: date = today_()
    with database.session() as session:
        found = candidates_for(
            session, request.app.state.gate, principal_for_user(user), job_order_id, day
        )
    items = [
        CandidateBody(
            worker_id=int(row["worker_id"]),
            full_name=row.get("full_name"),
            sex=row.get("sex"),
            birth_date=row.get("birth_date"),
            origin_village_code=row.get("origin_village_code"),
            reasons=found.reasons(row, lang),
        )
        for row in found.rows.rows
    ]
    return CandidatesBody(
        job_order_id=job_order_id, minimum_age=found.minimum_age, count=len(items), items=items
    )


@router.get(
    "/job-orders/for-worker/{worker_id}",
    summary="The open, approved job orders a worker qualifies for today, ranked with "
    "reasons (gated, audited)",
)
def open_orders_for_worker(
    request: Request, worker_id: int, user: ApiUser, database: DatabaseDep
) -> OrdersForWorkerBody:
    require(user, READERS)
    lang = request_language(request)
    day = today_()
    with database.session() as session:
        rows, found = orders_for(
            session, request.app.state.gate, principal_for_user(user), worker_id, day
        )
        items = [
            OpenOrderBody(
                id=o.order.id,
                code=o.order.code,
                agency=o.agency_name,
                country_code=o.order.country_code,
                city=o.order.city,
                position=o.order.position,
                salary_amount=float(o.order.salary_amount),
                salary_currency=o.order.salary_currency,
                valid_to=o.order.valid_to,
                places_left=o.places_left,
                reasons=o.reasons(lang),
            )
            for o in found
        ]
    if not rows.allowed:  # after the commit: the refusal's audit entry is kept
        raise HTTPException(status_code=403)
    return OrdersForWorkerBody(worker_id=worker_id, on=day, count=len(items), items=items)
