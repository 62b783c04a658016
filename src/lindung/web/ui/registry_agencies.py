"""Officer pages of agency oversight: the risk ranking, an agency's scorecard with its
licence history and sanctions ledger (and the sanction form), job orders (create,
approve, reject) with their costs and qualifying candidates.

National administrators record sanctions and decide job orders; national analysts
and regional officers read (counts and candidates within their region scope, as
the access gate decides); partner users get 403. URLs carry internal ids only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from lindung.errors import ValidationError
from lindung.exchange.audit import Actor
from lindung.exchange.decision import AccessRefused
from lindung.exchange.gate import principal_for_user
from lindung.registry.agencies import add_branch, get_agency, update_agency
from lindung.registry.job_orders import (
    approve_job_order,
    costs_of,
    create_job_order,
    get_job_order,
    job_orders_of,
    reject_job_order,
)
from lindung.registry.matching import candidates_for, orders_for
from lindung.registry.oversight_vocabulary import (
    CHARGED_TO,
    COST_ITEMS,
    SANCTION_KINDS,
    SECTORS,
)
from lindung.registry.risk import rank_agencies
from lindung.registry.sanctions import record_sanction
from lindung.registry.scorecard import scorecard
from lindung.store.models import Agency, Employer, User
from lindung.web.i18n import request_language
from lindung.web.security import CurrentUser, DatabaseDep
from lindung.web.ui.registry_agencies_forms import (
    FormState,
    agency_from,
    branch_from,
    checked,
    job_order_from,
    render_page,
    sanction_from,
    state_of,
)
from lindung.web.ui.registry_evidence import rule_titles

router = APIRouter(include_in_schema=False)

READERS = frozenset({"national_admin", "national_analyst", "regional_officer"})
MANAGERS = frozenset({"national_admin"})


def today_() -> date:
    """Today (a function so that tests can fix the date)."""
    return date.today()


def require(user: User, roles: frozenset[str]) -> None:
    if user.role not in roles:
        raise HTTPException(status_code=403)


def actor(user: User) -> Actor:
    return Actor("user", user.username)


@router.get("/registry/agencies")
def agency_ranking(request: Request, user: CurrentUser, database: DatabaseDep) -> Response:
    """Agencies ranked by risk, with the reasons of each score."""
    require(user, READERS)
    with database.session() as session:
        ranked = rank_agencies(session, principal_for_user(user), today_())
    return render_page(request, "registry_agencies.html", {"ranked": ranked})


def _agency_values(agency: Agency) -> dict[str, Any]:
    """The agency's details as the edit form shows them."""
    deposit = agency.deposit_amount
    return {
        "licence_no": agency.licence_no,
        "name": agency.name,
        "head_office_region_code": agency.head_office_region_code,
        "licence_valid_from": agency.licence_valid_from.isoformat(),
        "licence_valid_to": agency.licence_valid_to.isoformat(),
        "deposit_amount": "" if deposit is None else f"{float(deposit):.0f}",
    }


def _agency_context(
    session: Session,
    user: User,
    agency_id: int,
    form: FormState | None = None,
    which: str = "",
    lang: str = "id",
) -> dict[str, Any]:
    """The agency page; ``form`` (with ``which``: sanction, edit or branch) is the form
    shown again with its problems."""
    card = scorecard(session, principal_for_user(user), agency_id, today_())
    forms = {
        "sanction": FormState({"decided_on": today_().isoformat()}),
        "edit": FormState(_agency_values(card.agency)),
        "branch": FormState({"opened_on": today_().isoformat()}),
    }
    if form is not None:
        forms[which] = form
    return {
        "card": card,
        "orders": job_orders_of(session, agency_id),
        "can_manage": user.role in MANAGERS,
        "form": forms["sanction"],
        "edit_form": forms["edit"],
        "branch_form": forms["branch"],
        "sanction_kinds": SANCTION_KINDS,
        "rule_titles": rule_titles(today_(), lang),
    }


@router.get("/registry/agencies/{agency_id}")
def agency_page(
    request: Request, agency_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """Scorecard, licence history, sanctions ledger, branches and job orders."""
    require(user, READERS)
    with database.session() as session:
        context = _agency_context(session, user, agency_id, lang=request_language(request))
        return render_page(request, "registry_agency.html", context)


@router.post("/registry/agencies/{agency_id}/sanctions")
async def add_sanction(
    request: Request, agency_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """Record a sanction; the agency page again with the problems at their fields."""
    require(user, MANAGERS)
    values = dict(await request.form())
    try:
        with database.session() as session:
            get_agency(session, agency_id)
            draft, problems = sanction_from(values)
            checked(
                problems,
                lambda: record_sanction(session, actor(user), agency_id, draft, today_()),
            )
    except ValidationError as exc:
        form = state_of(values, exc.problems, request_language(request))
        with database.session() as session:
            context = _agency_context(
                session, user, agency_id, form, "sanction", request_language(request)
            )
            return render_page(request, "registry_agency.html", context, status_code=400)
    return RedirectResponse(f"/registry/agencies/{agency_id}#sanctions", status_code=303)


def _agency_form_refused(
    request: Request,
    user: User,
    database: Any,
    agency_id: int,
    values: dict[str, Any],
    error: ValidationError,
    which: str,
) -> Response:
    form = state_of(values, error.problems, request_language(request))
    with database.session() as session:
        context = _agency_context(session, user, agency_id, form, which, request_language(request))
        return render_page(request, "registry_agency.html", context, status_code=400)


@router.post("/registry/agencies/{agency_id}")
async def edit_agency(
    request: Request, agency_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """Change the agency's name, licence number, head office, validity or deposit;
    the agency page again with the problems at their fields (nothing changed)."""
    require(user, MANAGERS)
    values = dict(await request.form())
    try:
        with database.session() as session:
            get_agency(session, agency_id)
            draft, problems = agency_from(values)
            checked(
                problems,
                lambda: update_agency(session, actor(user), agency_id, draft, today_()),
            )
    except ValidationError as exc:
        return _agency_form_refused(request, user, database, agency_id, values, exc, "edit")
    return RedirectResponse(f"/registry/agencies/{agency_id}#agency-edit", status_code=303)


@router.post("/registry/agencies/{agency_id}/branches")
async def new_branch(
    request: Request, agency_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """Record a branch office; the agency page again with the problems at their fields."""
    require(user, MANAGERS)
    values = dict(await request.form())
    try:
        with database.session() as session:
            get_agency(session, agency_id)
            draft, problems = branch_from(values)
            checked(
                problems,
                lambda: add_branch(
                    session,
                    actor(user),
                    agency_id,
                    draft.region_code,
                    draft.opened_on,
                    draft.address,
                ),
            )
    except ValidationError as exc:
        return _agency_form_refused(request, user, database, agency_id, values, exc, "branch")
    return RedirectResponse(f"/registry/agencies/{agency_id}#branches", status_code=303)


@router.get("/registry/workers/{worker_id}/job-orders")
def worker_job_orders(
    request: Request, worker_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """The open job orders a worker qualifies for today, ranked with reasons (the
    worker read through the gate: out of region is refused with the reason)."""
    require(user, READERS)
    with database.session() as session:
        rows, orders = orders_for(
            session, request.app.state.gate, principal_for_user(user), worker_id, today_()
        )
    if not rows.allowed:  # after the commit: the refusal's audit entry is kept
        raise AccessRefused(rows.decision)
    context = {"worker_id": worker_id, "orders": orders, "on": today_()}
    return render_page(request, "registry_worker_orders.html", context)


def _order_form(
    request: Request, session: Session, agency: Agency, form: FormState, status: int = 200
) -> Response:
    employers = session.query(Employer).order_by(Employer.country_code, Employer.name).all()
    context = {
        "agency": agency,
        "form": form,
        "employers": employers,
        "sectors": SECTORS,
        "cost_items": COST_ITEMS,
        "charged_to": CHARGED_TO,
    }
    return render_page(request, "registry_job_order_form.html", context, status_code=status)


@router.get("/registry/agencies/{agency_id}/job-orders/new")
def new_job_order(
    request: Request, agency_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    require(user, MANAGERS)
    with database.session() as session:
        agency = get_agency(session, agency_id)
        return _order_form(request, session, agency, FormState())


@router.post("/registry/agencies/{agency_id}/job-orders")
async def create_order(
    request: Request, agency_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """Open a job order for the agency; refused (with reasons) for a barred agency."""
    require(user, MANAGERS)
    values = dict(await request.form())
    try:
        with database.session() as session:
            get_agency(session, agency_id)
            order_draft, problems = job_order_from(values, agency_id)
            order = checked(
                problems, lambda: create_job_order(session, actor(user), order_draft, today_())
            )
            order_id = order.id
    except ValidationError as exc:
        form = state_of(values, exc.problems, request_language(request))
        with database.session() as session:
            agency = get_agency(session, agency_id)
            return _order_form(request, session, agency, form, status=400)
    return RedirectResponse(f"/registry/job-orders/{order_id}", status_code=303)


def _order_context(
    session: Session, request: Request, user: User, job_order_id: int, problems: list[str]
) -> dict[str, Any]:
    order = get_job_order(session, job_order_id)
    found = candidates_for(
        session, request.app.state.gate, principal_for_user(user), job_order_id, today_()
    )
    lang = request_language(request)
    return {
        "order": order,
        "agency": get_agency(session, order.agency_id),
        "employer": session.get(Employer, order.employer_id),
        "costs": costs_of(session, job_order_id),
        "candidates": [(row, found.reasons(row, lang)) for row in found.rows.rows],
        "candidates_allowed": found.rows.allowed,
        "minimum_age": found.minimum_age,
        "can_manage": user.role in MANAGERS,
        "problems": problems,
    }


@router.get("/registry/job-orders/{job_order_id}")
def job_order_page(
    request: Request, job_order_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """A job order: details, itemised costs, approval, and the qualifying candidates."""
    require(user, READERS)
    with database.session() as session:
        context = _order_context(session, request, user, job_order_id, [])
        return render_page(request, "registry_job_order.html", context)


@router.post("/registry/job-orders/{job_order_id}/{decision}")
def decide_job_order(
    request: Request, job_order_id: int, decision: str, user: CurrentUser, database: DatabaseDep
) -> Response:
    """Approve or reject a pending job order (national administrators)."""
    require(user, MANAGERS)
    if decision not in ("approve", "reject"):
        raise HTTPException(status_code=404)
    try:
        with database.session() as session:
            if decision == "approve":
                approve_job_order(session, actor(user), job_order_id, today_())
            else:
                reject_job_order(session, actor(user), job_order_id, today_())
    except ValidationError as exc:
        lang = request_language(request)
        with database.session() as session:
            problems = [p.message(lang) for p in exc.problems]
            context = _order_context(session, request, user, job_order_id, problems)
            return render_page(request, "registry_job_order.html", context, status_code=400)
    return RedirectResponse(f"/registry/job-orders/{job_order_id}", status_code=303)
