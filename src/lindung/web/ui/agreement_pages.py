"""Agreement pages: list, detail, create, revise (addendum) and status changes.

URLs carry the agreement's internal id, never personal data. Viewing follows
:func:`agreement_views.can_view`; creating, revising and changing a status need a
national administrator (others get 403). Expiry is persisted whenever the list or
a detail page is opened (the gate treats an ended agreement as expired regardless).
Every POST is CSRF-checked by the application-wide dependency.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from lindung.errors import NotFound, ValidationError
from lindung.exchange.agreements import (
    EXPIRY_REASON,
    REVISABLE,
    create_agreement,
    draft_of,
    expire_due,
    get_terms,
    list_agreements,
    revise_agreement,
    set_status,
    verify_versions,
    versions_of,
)
from lindung.exchange.audit import Actor
from lindung.exchange.organisations import list_organisations
from lindung.exchange.terms import Direction, Terms
from lindung.store.models import Agreement, User
from lindung.web.i18n import Translator, request_language
from lindung.web.security import CurrentUser, DatabaseDep
from lindung.web.templating import render
from lindung.web.ui import agreement_views as views

router = APIRouter(include_in_schema=False)


def today_() -> date:
    """Today, for statuses and expiry (a function so that tests can fix the date)."""
    return date.today()


def _actor(user: User) -> Actor:
    return Actor("user", user.username)


def _require_manager(user: User) -> None:
    if not views.can_manage(user):
        raise HTTPException(status_code=403)


@router.get("/agreements")
def agreement_list(request: Request, user: CurrentUser, database: DatabaseDep) -> Response:
    """Every agreement the user may see: number, partner, kind, status today, validity."""
    today = today_()
    t = Translator(request_language(request))
    with database.session() as session:
        expire_due(session, today)
        rows = [
            {
                "id": terms.agreement.id,
                "number": terms.number,
                "partner": terms.partner.name,
                "kind": terms.agreement.kind.upper(),
                "status": terms.status_on(today).value,
                "status_label": views.label(t, "agreement_status", terms.status_on(today).value),
                "valid_from": terms.version.valid_from,
                "valid_to": terms.version.valid_to,
                "version": terms.version.version_no,
            }
            for terms in list_agreements(session)
            if views.can_view(user, terms)
        ]
    context = {"rows": rows, "can_manage": views.can_manage(user)}
    return render(request, "agreements.html", context)


@router.get("/agreements/new")
def new_agreement_form(request: Request, user: CurrentUser, database: DatabaseDep) -> Response:
    """The form for a new agreement (national administrators only)."""
    _require_manager(user)
    with database.session() as session:
        return _form_page(request, session, views.form_state(None), None)


@router.post("/agreements")
async def create(request: Request, user: CurrentUser, database: DatabaseDep) -> Response:
    """Store a new agreement, or show the form again with every problem at its field."""
    _require_manager(user)
    form = await request.form()
    draft = views.draft_from_form(form)
    try:
        with database.session() as session:
            terms = create_agreement(session, _actor(user), draft)
            agreement_id = terms.agreement.id
    except ValidationError as exc:
        state = views.with_problems(draft, exc.problems, request_language(request), form)
        with database.session() as session:
            return _form_page(request, session, state, None, status_code=400)
    return RedirectResponse(f"/agreements/{agreement_id}", status_code=303)


@router.get("/agreements/{agreement_id}")
def agreement_detail(
    request: Request, agreement_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """Terms, datasets and fields per direction, version history with the chain check,
    and the status actions."""
    today = today_()
    t = Translator(request_language(request))
    with database.session() as session:
        terms = _visible_terms(session, user, agreement_id)
        if expire_due(session, today, only=terms.number):
            terms = get_terms(session, agreement_id)
        context = _detail_context(session, terms, user, t, today)
    return render(request, "agreement.html", context)


@router.get("/agreements/{agreement_id}/revise")
def revise_form(
    request: Request, agreement_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """The addendum form, filled with the current terms (national administrators only)."""
    _require_manager(user)
    with database.session() as session:
        terms = get_terms(session, agreement_id)
        state = views.form_state(draft_of(session, terms))
        return _form_page(request, session, state, terms)


@router.post("/agreements/{agreement_id}/revise")
async def revise(
    request: Request, agreement_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """Append a version with the submitted terms, or show the form with the problems."""
    _require_manager(user)
    form = await request.form()
    with database.session() as session:
        terms = get_terms(session, agreement_id)
        current = draft_of(session, terms)
    draft = views.draft_from_form(form, fixed=current)
    changes = {name: getattr(draft, name) for name in sorted(REVISABLE)}
    try:
        with database.session() as session:
            revise_agreement(session, _actor(user), terms.number, changes)
    except ValidationError as exc:
        state = views.with_problems(draft, exc.problems, request_language(request), form)
        with database.session() as session:
            terms = get_terms(session, agreement_id)
            return _form_page(request, session, state, terms, status_code=400)
    return RedirectResponse(f"/agreements/{agreement_id}", status_code=303)


@router.post("/agreements/{agreement_id}/status")
def change_status(
    request: Request,
    agreement_id: int,
    user: CurrentUser,
    database: DatabaseDep,
    status: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Activate, suspend, resume or terminate, with a reason (national administrators)."""
    _require_manager(user)
    with database.session() as session:
        number = get_terms(session, agreement_id).number
        set_status(session, _actor(user), number, status, reason, today=today_())
    return RedirectResponse(f"/agreements/{agreement_id}", status_code=303)


def _visible_terms(session: Session, user: User, agreement_id: int) -> Terms:
    terms = get_terms(session, agreement_id)
    if not views.can_view(user, terms):
        raise NotFound(f"no agreement with id {agreement_id}")  # do not reveal it exists
    return terms


def _detail_context(
    session: Session, terms: Terms, user: User, t: Translator, today: date
) -> dict[str, Any]:
    version = terms.version
    implements = (
        session.get(Agreement, terms.agreement.implements_id)
        if terms.agreement.implements_id
        else None
    )
    status = terms.status_on(today).value
    return {
        "terms": terms,
        "current": version,
        "implements": implements,
        "status": status,
        "status_label": views.label(t, "agreement_status", status),
        "status_reason": (
            t("agreement.expired_reason")
            if terms.agreement.status_reason == EXPIRY_REASON
            else terms.agreement.status_reason
        ),
        "kind_label": views.label(t, "agreement_kind", terms.agreement.kind),
        "purposes": [views.label(t, "purpose", p) for p in version.purposes],
        "fetch_mode_label": views.label(t, "fetch_mode", version.fetch_mode),
        "frequency_label": views.label(t, "frequency", version.frequency),
        "flows": views.flows(terms, t),
        "versions": versions_of(session, terms.agreement.id),
        "chain": verify_versions(session, terms.number),
        "can_manage": views.can_manage(user),
        "actions": [
            (s, views.label(t, "agreement.action", s)) for s in views.status_actions(terms)
        ],
    }


def _form_page(
    request: Request,
    session: Session,
    state: views.FormState,
    terms: Terms | None,
    status_code: int = 200,
) -> Response:
    t = Translator(request_language(request))
    mous = [
        (a.number, a.partner.name) for a in list_agreements(session) if a.agreement.kind == "mou"
    ]
    context = {
        "state": state,
        "revising": terms,
        "choices": views.choices(t),
        "grid": views.dataset_grid(),
        "direction_labels": {d.value: views.label(t, "direction", d.value) for d in Direction},
        "partners": [(o.code, o.name) for o in list_organisations(session)],
        "mous": mous,
        "action": f"/agreements/{terms.agreement.id}/revise" if terms else "/agreements",
    }
    return render(request, "agreement_form.html", context, status_code=status_code)
