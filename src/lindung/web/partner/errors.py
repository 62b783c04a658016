"""The partner API's error answers: 403 with the gate's reason, 429 with Retry-After."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from starlette.responses import JSONResponse, Response

from lindung.errors import Problem
from lindung.exchange.clients import TokenRefused
from lindung.exchange.decision import AccessRefused
from lindung.web.i18n import request_language
from lindung.web.partner.auth import RateLimited

AGREEMENT_HEADER = "X-Lindung-Agreement"


def problems_body(
    error: str, status: int, problems: tuple[Problem, ...], lang: str
) -> dict[str, Any]:
    """The API's error shape: ``{"error", "status", "problems"}``."""
    return {"error": error, "status": status, "problems": [p.as_dict(lang) for p in problems]}


def partner_language(request: Request) -> str:
    """Partners send no cookies: Accept-Language 'en...' gives English, else Indonesian."""
    accept = request.headers.get("accept-language", "").strip().lower()
    if accept.startswith("en"):
        return "en"
    if accept.startswith("id"):
        return "id"
    return request_language(request)


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AccessRefused)
    lang = partner_language(request)
    decision = exc.decision
    body = problems_body(decision.explanation(lang), 403, exc.problems, lang)
    body["message_id"] = decision.explanation("id")
    body["message_en"] = decision.explanation("en")
    body["reason"] = decision.reason.value if decision.reason else None
    body["agreement"] = decision.agreement_number
    headers = {AGREEMENT_HEADER: decision.agreement_number} if decision.agreement_number else {}
    return JSONResponse(body, status_code=403, headers=headers)


async def _rate_limited(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RateLimited)
    lang = partner_language(request)
    body = problems_body(exc.problems[0].message(lang), 429, exc.problems, lang)
    return JSONResponse(body, status_code=429, headers={"Retry-After": str(exc.retry_after)})


async def _token_refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, TokenRefused)
    lang = partner_language(request)
    body = problems_body(exc.problems[0].message(lang), 401, exc.problems, lang)
    return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"})


def install_partner_errors(app: FastAPI) -> None:
    app.add_exception_handler(TokenRefused, _token_refused)
    app.add_exception_handler(AccessRefused, _refused)
    app.add_exception_handler(RateLimited, _rate_limited)
