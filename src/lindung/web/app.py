"""The application factory: ``create_app(settings, database)`` builds the whole web app.

Nothing happens at import time. The app keeps ``settings``, ``database`` and the
templates on ``app.state``; routes reach them through the request. When no
database is given, the app makes its own from the settings and disposes of it
when it shuts down.

Run it with ``uvicorn --factory lindung.web.app:app_from_environment``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from lindung import __version__
from lindung.exchange import guard
from lindung.exchange.gate import AccessGate
from lindung.exchange.ratelimit import RateLimiter
from lindung.settings import Settings, load_settings
from lindung.store.database import Database
from lindung.web import health
from lindung.web.access_log import install_access_log_filter
from lindung.web.api import registry as registry_api
from lindung.web.api import registry_agencies as registry_agency_api
from lindung.web.api import routes as api_routes
from lindung.web.errors import install_error_handlers
from lindung.web.headers import SecurityHeadersMiddleware
from lindung.web.partner import routes as partner_routes
from lindung.web.partner import signals as partner_signals
from lindung.web.partner.errors import install_partner_errors
from lindung.web.public import routes as public_routes
from lindung.web.security import install_sessions, verify_csrf
from lindung.web.sign_in_throttle import SignInThrottle
from lindung.web.templating import create_templates
from lindung.web.ui import (
    agreement_pages,
    api_docs,
    audit_pages,
    imports_view,
    linkage_pages,
    pages,
    registry_workers,
    registry_workers_placements,
    signal_pages,
    signal_reports,
)
from lindung.web.ui import registry_agencies as registry_agency_pages
from lindung.web.ui import registry_training as registry_training_pages

DESCRIPTION = (
    "Lindung's JSON API for KP2MI officers and partners. Endpoints under /api/v1 "
    "need a signed-in session (the cookie set by /login); endpoints under "
    "/api/partner/v1 need a partner client's bearer token and a stated purpose "
    "(see docs/partner-api.md). Errors are "
    '`{"error", "status", "problems": [{"field", "code", "message"}]}`.'
)


def create_app(settings: Settings, database: Database | None = None) -> FastAPI:
    """The Lindung web app for ``settings``, on ``database`` (or one made from the settings)."""
    owned = database is None
    db = Database(settings) if database is None else database

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        install_access_log_filter()
        yield
        if owned:
            db.dispose()

    app = FastAPI(
        title="Lindung",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
        lifespan=lifespan,
        dependencies=[Depends(verify_csrf)],
    )
    app.state.settings = settings
    app.state.database = db
    app.state.templates = create_templates()
    app.state.gate = AccessGate(settings)
    app.state.partner_rate_limiter = RateLimiter()
    app.state.sign_in_throttle = SignInThrottle(
        settings.sign_in_max_failures, settings.sign_in_lockout_seconds
    )
    if settings.guard_personal_reads:
        guard.install(db.engine)

    app.include_router(health.router)
    app.include_router(api_routes.router)
    app.include_router(registry_api.router)
    app.include_router(partner_routes.router)
    app.include_router(pages.router)
    app.include_router(agreement_pages.router)
    app.include_router(audit_pages.router)
    app.include_router(imports_view.router)
    app.include_router(api_docs.router)
    app.include_router(linkage_pages.router)
    app.include_router(registry_workers.router)
    app.include_router(registry_workers_placements.router)
    app.include_router(public_routes.api)
    app.include_router(public_routes.pages)
    app.include_router(registry_agency_pages.router)
    app.include_router(registry_training_pages.router)
    app.include_router(registry_agency_api.router)
    app.include_router(signal_reports.router)  # before signal_pages: /signals/{signal_id}
    app.include_router(signal_pages.router)
    app.include_router(partner_signals.router)
    app.mount("/static", StaticFiles(packages=[("lindung.web.ui", "static")]), name="static")

    # Middleware added last runs first: headers, then sessions, then the error shield.
    install_error_handlers(app)
    install_partner_errors(app)
    install_sessions(app, settings)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def app_from_environment() -> FastAPI:
    """The app configured from ``LINDUNG_*`` variables (for ``uvicorn --factory``)."""
    return create_app(load_settings())
