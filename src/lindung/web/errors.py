"""Errors as friendly pages (HTML) or as ``{"error", "status", "problems"}`` (JSON API).

No traceback ever reaches a user. An unexpected error is logged with its type,
the route template (not the requested URL) and a short error id that the page
shows; its message is *not* logged, because messages from the database driver
can quote the offending values (a NIK, a name).
"""

from __future__ import annotations

import logging
import secrets
import traceback
from collections.abc import Iterable
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lindung.errors import (
    AuthenticationError,
    LindungError,
    NotFound,
    Problem,
    ValidationError,
)
from lindung.store.database import DatabaseUnavailable
from lindung.web.i18n import MESSAGES, Translator, request_language
from lindung.web.security import CsrfRefused, LoginRequired, current_user
from lindung.web.templating import render

logger = logging.getLogger("lindung.web")

API_PREFIX = "/api/v1"
PARTNER_PREFIX = "/api/partner/"
PUBLIC_PREFIX = "/api/public/"
JSON_PATHS = frozenset({"/healthz", "/api/openapi.json"})


def wants_json(request: Request) -> bool:
    """Does this path belong to the JSON interface (rather than to the pages)?"""
    path = request.url.path
    return (
        path == API_PREFIX
        or path.startswith((API_PREFIX + "/", PARTNER_PREFIX, PUBLIC_PREFIX))
        or path in JSON_PATHS
    )


def error_response(
    request: Request,
    status: int,
    detail_key: str | None = None,
    problems: Iterable[Problem] = (),
    **params: str,
) -> Response:
    """The error as JSON for the API, or as the bilingual error page."""
    lang = request_language(request)
    t = Translator(lang)
    family = status if f"error.title.{status}" in MESSAGES else (400 if status < 500 else 500)
    detail_key = detail_key or f"error.detail.{family}"
    detail = t(detail_key, **params)
    problems = list(problems)
    if wants_json(request):
        body = {
            "error": detail,
            "status": status,
            "problems": [p.as_dict(lang) for p in problems],
        }
        return JSONResponse(body, status_code=status)
    if status < 500:
        _load_user_quietly(request)
    other = Translator("en" if lang == "id" else "id")
    context = {
        "status": status,
        "title": t(f"error.title.{family}"),
        "detail": detail,
        "problems": [p.message(lang) for p in problems],
        "other_lang": other.lang,
        "other_title": other(f"error.title.{family}"),
        "other_detail": other(detail_key, **params),
    }
    return render(request, "error.html", context, status_code=status)


def _load_user_quietly(request: Request) -> None:
    """Show the header's user on an error page when that is cheap and safe."""
    try:
        current_user(request)
    except Exception:  # an error page must render even when the database does not
        request.state.user = None


async def _login_required(request: Request, exc: Exception) -> Response:
    if wants_json(request):
        assert isinstance(exc, LindungError)
        return error_response(request, 401, "error.detail.401", exc.problems)
    target = request.url.path if request.method == "GET" else "/"
    query = "" if target == "/" else "?" + urlencode({"next": target})
    return RedirectResponse("/login" + query, status_code=303)


async def _csrf_refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LindungError)
    return error_response(request, 403, "error.detail.csrf", exc.problems)


async def _lindung_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LindungError)
    if isinstance(exc, NotFound):
        return error_response(request, 404)
    if isinstance(exc, ValidationError):
        return error_response(request, 422 if wants_json(request) else 400, None, exc.problems)
    if isinstance(exc, AuthenticationError):
        return error_response(request, 401, None, exc.problems)
    if isinstance(exc, DatabaseUnavailable):
        return _database_unavailable(request)
    return _unexpected(request, exc)


async def _operational_error(request: Request, exc: Exception) -> Response:
    logger.warning("database unavailable during %s", _route_of(request.scope))
    return _database_unavailable(request)


def _database_unavailable(request: Request) -> Response:
    request.state.user = None
    return error_response(request, 503)


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    response = error_response(request, exc.status_code)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


async def _request_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [_problem_from_pydantic(error) for error in exc.errors()]
    return error_response(request, 422 if wants_json(request) else 400, None, problems)


def _problem_from_pydantic(error: object) -> Problem:
    """A request-validation error as a Problem, without echoing the submitted value."""
    details = error if isinstance(error, dict) else {}
    loc = [str(part) for part in details.get("loc", ())]
    field = ".".join(loc[1:] if len(loc) > 1 else loc) or "request"
    kind = str(details.get("type", "invalid"))
    key = "error.missing_field" if kind == "missing" else "error.invalid_field"
    english = str(details.get("msg", "invalid value"))
    return Problem(field, "request." + kind, MESSAGES[key]["id"], english)


def _unexpected(request: Request, exc: BaseException) -> Response:
    error_id = secrets.token_hex(4)
    logger.error(
        "unexpected %s during %s (error id %s)\n%s",
        type(exc).__name__,
        _route_of(request.scope),
        error_id,
        "".join(traceback.format_tb(exc.__traceback__)),
    )
    return error_response(request, 500, None, (), error_id=error_id)


def _route_of(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None) or "(no route)"
    return f"{scope.get('method', '?')} {path}"


class UnexpectedErrorMiddleware:
    """Turn any exception that escaped the handlers into the 500 page (or JSON).

    Starlette's own last-resort handler re-raises after answering, which would
    print the exception message (possibly with personal data) to the server log;
    this middleware answers and stops there.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracking)
        except Exception as exc:
            if started:  # too late for an error page; the connection just ends
                logger.error("unexpected %s after the response started", type(exc).__name__)
                return
            response = _unexpected(Request(scope, receive), exc)
            await response(scope, receive, send)


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler and the last-resort middleware on ``app``."""
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(CsrfRefused, _csrf_refused)
    app.add_exception_handler(LindungError, _lindung_error)
    app.add_exception_handler(OperationalError, _operational_error)
    app.add_exception_handler(StarletteHTTPException, _http_exception)
    app.add_exception_handler(RequestValidationError, _request_validation)
    app.add_middleware(UnexpectedErrorMiddleware)
