"""Jinja2 templates and the context every page gets.

Templates live in ``lindung/web/ui/templates``; every page receives ``lang``,
``t`` (the translator for that language), ``number(n)`` (thousands grouped the
language's way), ``user`` (or None), ``csrf_token()``
(call it inside forms), ``settings`` values a page may show, and ``version``.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.responses import Response

from lindung import __version__
from lindung.web.i18n import LANGUAGES, Translator, format_number, request_language
from lindung.web.security import csrf_token


def create_templates() -> Jinja2Templates:
    """The template renderer; undefined variables are errors, output is HTML-escaped."""
    env = Environment(
        loader=PackageLoader("lindung.web.ui", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env, context_processors=[page_context])


def page_context(request: Request) -> dict[str, Any]:
    """What every template can use."""
    lang = request_language(request)
    return {
        "lang": lang,
        "languages": LANGUAGES,
        "t": Translator(lang),
        "number": lambda value: format_number(value, lang),
        "user": getattr(request.state, "user", None),
        "csrf_token": lambda: csrf_token(request),
        "current_path": request.url.path,
        "return_to": _return_to(request),
        "demo_mode": request.app.state.settings.demo_mode,
        "version": __version__,
    }


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> Response:
    """Render template ``name`` as an HTML response."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context or {}, status_code=status_code)


def _return_to(request: Request) -> str:
    """Where a language switch should come back to: this page, with its query."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")
