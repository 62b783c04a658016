"""Clerical review pages: the queue, a pair side by side, and the decision form.

National administrators and analysts only (others get 403): the queue spans every
region and source, and deciding changes who is the same person platform-wide.
(Regional officers could be given the pairs of their region, the gate already
narrows ``linkage_pairs`` by region; the queue listing does not yet.) The queue
lists ids and probabilities; a pair's records are read through the access gate
(dataset ``linkage_pairs``), each view audited. URLs carry link ids only, filters
are codes; the reason travels in the POST body.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from starlette.responses import RedirectResponse, Response

from lindung.errors import ValidationError
from lindung.exchange.gate import AccessGate, principal_for_user
from lindung.linkage import review
from lindung.linkage.pairings import PAIRINGS
from lindung.linkage.sources import SHAPE
from lindung.linkage.words import comparison_title, level_text, strength
from lindung.store.models import User
from lindung.web.i18n import Translator, request_language
from lindung.web.security import CurrentUser, DatabaseDep
from lindung.web.templating import render

router = APIRouter(include_in_schema=False)
Code = Annotated[str, Query(max_length=40)]


def _labels(request: Request) -> Callable[[str, str], str]:
    """``label(vocabulary, code)``: a pairing, source, state or decision in words."""
    t = Translator(request_language(request))
    return lambda vocabulary, code: t.get(f"linkage.{vocabulary}.{code}", code)


def _require_reviewer(user: User) -> None:
    if not review.can_review(user.role):
        raise HTTPException(status_code=403)


@router.get("/linkage/review")
def review_queue(
    request: Request,
    user: CurrentUser,
    database: DatabaseDep,
    pairing: Code = "",
    state: Code = "review",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """The queue: pairs awaiting review (or another state), most uncertain first."""
    _require_reviewer(user)
    pairing = pairing if pairing in PAIRINGS else ""
    state = state if state in review.STATES else "review"
    with database.session() as session:
        items = review.queue(session, pairing or None, state, limit=100, offset=(page - 1) * 100)
    context = {
        "items": items,
        "pairings": list(PAIRINGS),
        "states": review.STATES,
        "filters": {"pairing": pairing, "state": state},
        "page": page,
        "has_next": len(items) == 100,
        "label": _labels(request),
    }
    return render(request, "linkage_review.html", context)


def _pair_page(
    request: Request,
    user: User,
    database: Any,
    link_id: int,
    problems: list[Any] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    gate: AccessGate = request.app.state.gate
    with database.session() as session:
        view = review.show(session, gate, principal_for_user(user), link_id)
        link = view.link
        decisions = [(d.decision, d.decided_by, d.decided_at, d.reason) for d in view.decisions]
    if not view.allowed:
        raise HTTPException(status_code=403)  # the refusal's audit entry is committed
    if not view.gated.rows:
        raise HTTPException(status_code=404)
    lang = request_language(request)
    t = Translator(lang)
    explanation = [
        {
            "title": comparison_title(part.comparison, lang),
            "level": level_text(part.level, lang),
            "strength": strength(part.weight, lang, part.level == "missing"),
            "weight": part.weight,
        }
        for part in view.explanation
    ]
    left, right = view.record("left"), view.record("right")
    rows = [
        (
            t(f"linkage.field.{name}"),
            _shown(t, name, left.get(name)),
            _shown(t, name, right.get(name)),
        )
        for name in ("source", *SHAPE)
    ]
    context = {
        "link": link,
        "rows": rows,
        "explanation": explanation,
        "decisions": decisions,
        "choices": review.DECISIONS,
        "problems": problems or [],
        "form": form or {"decision": "", "reason": ""},
        "saved": request.query_params.get("saved") == "1",
        "label": _labels(request),
    }
    return render(request, "linkage_pair.html", context, status_code=status_code)


def _shown(t: Translator, name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if name == "source":
        return t.get(f"linkage.source.{value}", str(value))
    return str(value)


@router.get("/linkage/review/{link_id}")
def review_pair(
    request: Request, link_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """Both records side by side, the explanation in words, and the decision form."""
    _require_reviewer(user)
    return _pair_page(request, user, database, link_id)


@router.post("/linkage/review/{link_id}/decide")
def review_decide(
    request: Request,
    link_id: int,
    user: CurrentUser,
    database: DatabaseDep,
    decision: Annotated[str, Form(max_length=20)] = "",
    reason: Annotated[str, Form(max_length=review.MAX_REASON + 100)] = "",
) -> Response:
    """Record a decision; the pair page again with the problems when it is refused."""
    _require_reviewer(user)
    try:
        with database.session() as session:
            review.decide(session, principal_for_user(user), link_id, decision, reason)
    except ValidationError as refused:
        form = {"decision": decision, "reason": reason}
        return _pair_page(request, user, database, link_id, list(refused.problems), form, 400)
    return RedirectResponse(f"/linkage/review/{link_id}?saved=1", status_code=303)
