"""The officers' pages: sign-in, sign-out, language switch and the dashboard.

Routes stay thin: they read the request, call a service (store/users, reports)
and render a template. Every POST here is CSRF-checked by the application-wide
dependency (``security.verify_csrf``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from lindung.demo.logins import DEMO_LOGINS
from lindung.errors import AuthenticationError, NotFound
from lindung.exchange.gate import principal_for_user
from lindung.exchange.principal import Principal
from lindung.exchange.sign_ins import audit_failed_login, audit_login, audit_logout
from lindung.reports.dashboard import build_dashboard
from lindung.reports.partner_dashboard import build_partner_dashboard
from lindung.reports.scope import scope_for
from lindung.store.database import Database
from lindung.store.models import Role
from lindung.store.users import authenticate
from lindung.web.i18n import LANG_COOKIE, LANGUAGES, Translator, request_language
from lindung.web.security import (
    CurrentUser,
    DatabaseDep,
    current_user,
    end_session,
    safe_next,
    start_session,
)
from lindung.web.sign_in_throttle import SignInThrottle
from lindung.web.templating import render
from lindung.web.ui.dashboard_view import dashboard_panels, partner_sections, scope_label

router = APIRouter(include_in_schema=False)

LANG_COOKIE_MAX_AGE = 365 * 24 * 3600
NextQuery = Annotated[str | None, Query(alias="next")]
NextForm = Annotated[str | None, Form(alias="next")]


@router.get("/login")
def login_form(request: Request, next_path: NextQuery = None) -> Response:
    """The sign-in form (or straight on, when already signed in)."""
    if current_user(request) is not None:
        return RedirectResponse(safe_next(next_path), status_code=303)
    return _login_page(request, safe_next(next_path))


@router.post("/login")
def login(
    request: Request,
    database: DatabaseDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next_path: NextForm = None,
) -> Response:
    """Check the credentials; on success start a fresh session and go on.

    Repeated failures from one address or for one username lock sign-in for a
    while (:mod:`lindung.web.sign_in_throttle`), even with the right password."""
    throttle: SignInThrottle = request.app.state.sign_in_throttle
    address = request.client.host if request.client else "unknown"
    verdict = throttle.check(address, username)
    if not verdict.allowed:
        return _locked_page(request, safe_next(next_path), username, verdict.retry_after)
    try:
        with database.session() as session:
            user = authenticate(session, username, password)
            audit_login(session, user)
    except AuthenticationError:
        locked = throttle.failed(address, username)
        with database.session() as session:
            audit_failed_login(session, locked=locked)
        return _login_page(request, safe_next(next_path), failed=True, username=username)
    throttle.succeeded(username)
    start_session(request, user)
    return RedirectResponse(safe_next(next_path), status_code=303)


@router.post("/logout")
def logout(request: Request, database: DatabaseDep) -> Response:
    """End the session (audited) and return to the sign-in page."""
    user = current_user(request)
    if user is not None:
        with database.session() as session:
            audit_logout(session, user)
    end_session(request)
    return RedirectResponse("/login", status_code=303)


@router.get("/lang/{code}")
def switch_language_link(request: Request, code: str, next_path: NextQuery = None) -> Response:
    """Switch the interface language from a link, then go back to ``next``."""
    return _switch_language(request, code, next_path)


@router.post("/lang/{code}")
def switch_language(request: Request, code: str, next_path: NextForm = None) -> Response:
    """Switch the interface language from the header's form, then go back."""
    return _switch_language(request, code, next_path)


@router.get("/")
def dashboard(request: Request, user: CurrentUser, database: DatabaseDep) -> Response:
    """Workers by origin and destination and placements by status, within the user's scope;
    for a partner user, aggregates under their institution's agreements."""
    t = Translator(request_language(request))
    principal = principal_for_user(user)
    if principal.role == Role.PARTNER_USER:
        return _partner_dashboard(request, database, principal, t)
    with database.session() as session:
        report = build_dashboard(session, scope_for(session, user))
    context = {
        "report": report,
        "scope_label": scope_label(report.scope, t),
        "panels": dashboard_panels(report, t),
    }
    return render(request, "dashboard.html", context)


def _partner_dashboard(
    request: Request, database: Database, principal: Principal, t: Translator
) -> Response:
    with database.session() as session:
        partner = build_partner_dashboard(session, request.app.state.gate, principal)
    context = {
        "scope_label": partner.organisation or t("dashboard.scope_none"),
        "sections": partner_sections(partner.sections, t),
    }
    return render(request, "partner_dashboard.html", context)


def _login_page(
    request: Request,
    next_path: str,
    failed: bool = False,
    username: str = "",
    locked_minutes: int = 0,
) -> Response:
    demo = request.app.state.settings.demo_mode
    context = {
        "next_path": next_path,
        "failed": failed,
        "locked_minutes": locked_minutes,
        "username": username,
        "demo_logins": DEMO_LOGINS if demo else (),
    }
    return render(request, "login.html", context)


def _locked_page(request: Request, next_path: str, username: str, retry_after: int) -> Response:
    """429: sign-in is locked for this address or username; says for how long."""
    minutes = max(1, -(-retry_after // 60))
    response = _login_page(request, next_path, username=username, locked_minutes=minutes)
    response.status_code = 429
    response.headers["Retry-After"] = str(retry_after)
    return response


def _switch_language(request: Request, code: str, next_path: str | None) -> Response:
    if code not in LANGUAGES:
        raise NotFound(f"no interface language {code!r}")
    response = RedirectResponse(safe_next(next_path), status_code=303)
    response.set_cookie(
        LANG_COOKIE,
        code,
        max_age=LANG_COOKIE_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=request.app.state.settings.secure_cookies,
    )
    return response
