"""Sessions, CSRF protection and the current user.

Sessions are Starlette's signed cookies (itsdangerous, keyed by
``settings.secret_key``): HttpOnly, SameSite=Lax, Secure when
``settings.secure_cookies``, valid ``settings.session_max_age`` seconds after they
were last written — which, since only login writes a signed-in session, means
after login. A session holds a random session id, the user id and a CSRF token;
nothing personal.

Every unsafe request (POST, PUT, PATCH, DELETE) must carry the session's CSRF
token, in the ``csrf_token`` form field or the ``X-CSRF-Token`` header; the check
is an application-wide dependency, so a new form cannot forget it.

Because the session lives in the cookie, logout clears the browser's cookie but
cannot revoke a copy stolen earlier; that copy expires with ``session_max_age``.
Server-side revocation needs a session table (not yet there).
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import Depends, FastAPI, Request, Security
from fastapi.security import APIKeyCookie
from starlette.middleware.sessions import SessionMiddleware

from lindung.errors import AuthenticationError, LindungError, NotFound, Problem
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.models import User
from lindung.store.users import get_user

SESSION_COOKIE = "lindung_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CSRF_EXEMPT_PREFIX = "/api/partner/"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

_USER_ID = "user_id"
_SESSION_ID = "sid"
_CSRF = "csrf"


class CsrfRefused(LindungError):
    """An unsafe request came without the session's CSRF token."""

    def __init__(self) -> None:
        super().__init__(
            "CSRF token missing or invalid",
            [
                Problem(
                    CSRF_FIELD,
                    "csrf.invalid",
                    "Formulir sudah kedaluwarsa atau tidak sah (token CSRF). Muat ulang "
                    "halaman, lalu coba lagi.",
                    "The form has expired or is not valid (CSRF token). Reload the page "
                    "and try again.",
                )
            ],
        )


class LoginRequired(AuthenticationError):
    """No signed-in user: pages redirect to /login, the API answers 401."""

    def __init__(self) -> None:
        super().__init__(
            "login required",
            [
                Problem(
                    "session",
                    "auth.login_required",
                    "Silakan masuk terlebih dahulu.",
                    "Please sign in first.",
                )
            ],
        )


def install_sessions(app: FastAPI, settings: Settings) -> None:
    """Add the signed-cookie session middleware configured from ``settings``."""
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_max_age,
        same_site="lax",
        https_only=settings.secure_cookies,
    )


def csrf_token(request: Request) -> str:
    """This session's CSRF token, created on first use."""
    token = request.session.get(_CSRF)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[_CSRF] = token
    return token


async def verify_csrf(request: Request) -> None:
    """Refuse an unsafe request whose CSRF token is missing or not this session's.

    The partner API (``/api/partner/``) is exempt: it authenticates each request by
    a bearer token in the Authorization header, which a browser never adds on its
    own, and it neither reads nor sets the session cookie, so there is nothing for
    a cross-site request to ride on.
    """
    if request.method in SAFE_METHODS or request.url.path.startswith(CSRF_EXEMPT_PREFIX):
        return
    supplied: object = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if supplied is None and content_type.startswith(FORM_TYPES):
        form = await request.form()
        supplied = form.get(CSRF_FIELD)
    expected = request.session.get(_CSRF)
    if not (isinstance(supplied, str) and isinstance(expected, str)):
        raise CsrfRefused()
    if not hmac.compare_digest(supplied.encode(), expected.encode()):
        raise CsrfRefused()


def start_session(request: Request, user: User) -> None:
    """A new session for ``user``: old contents dropped, fresh session id and CSRF token."""
    request.session.clear()
    request.session[_SESSION_ID] = secrets.token_urlsafe(16)
    request.session[_USER_ID] = user.id
    request.session[_CSRF] = secrets.token_urlsafe(32)
    request.state.user = user


def end_session(request: Request) -> None:
    """Forget the session (the browser is told to drop the cookie)."""
    request.session.clear()
    request.state.user = None


def get_database(request: Request) -> Database:
    """The application's database."""
    database: Database = request.app.state.database
    return database


DatabaseDep = Annotated[Database, Depends(get_database)]


def current_user(request: Request) -> User | None:
    """The signed-in, active user, or None. Cached on ``request.state.user``."""
    if hasattr(request.state, "user"):
        cached: User | None = request.state.user
        return cached
    user_id = request.session.get(_USER_ID)
    user: User | None = None
    if isinstance(user_id, int):
        with get_database(request).session() as session:
            try:
                user = get_user(session, user_id)
            except NotFound:
                user = None
        if user is None or not user.is_active:
            request.session.clear()
            user = None
    request.state.user = user
    return user


def require_user(request: Request) -> User:
    """The signed-in user; otherwise :class:`LoginRequired` (pages redirect to /login)."""
    user = current_user(request)
    if user is None:
        raise LoginRequired()
    return user


session_cookie_scheme = APIKeyCookie(
    name=SESSION_COOKIE,
    scheme_name="session",
    description="The session cookie set by signing in at /login.",
    auto_error=False,
)


def require_api_user(
    request: Request, _cookie: Annotated[str | None, Security(session_cookie_scheme)]
) -> User:
    """As :func:`require_user`, and declares the session cookie in the OpenAPI schema."""
    return require_user(request)


CurrentUser = Annotated[User, Depends(require_user)]
ApiUser = Annotated[User, Depends(require_api_user)]


def safe_next(value: str | None) -> str:
    """A local path to go to after login or a language switch; '/' if ``value`` is not one.

    Only paths on this site are accepted, so that the parameter cannot send a
    user elsewhere (open redirect).
    """
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return "/"
    if any(ord(ch) < 32 or ch == "\\" for ch in value):
        return "/"
    return value
