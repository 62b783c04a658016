"""Audit pages: search the log; who looked at one worker's record, when and why.

National administrators and analysts only (others get 403). Filters travel in the
query string because they are codes, usernames and dates, never a name or a NIK;
workers are named by their internal id.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from starlette.responses import Response

from lindung.domain.dates import parse_iso_date
from lindung.exchange.audit_search import (
    ACTIONS,
    DECISIONS,
    AuditQuery,
    search_audit,
    subject_history,
)
from lindung.store.models import User
from lindung.web.i18n import Translator, request_language
from lindung.web.security import CurrentUser, DatabaseDep
from lindung.web.templating import render
from lindung.web.ui.agreement_views import can_see_audit, label

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Query(max_length=80)]


def _require_auditor(user: User) -> None:
    if not can_see_audit(user):
        raise HTTPException(status_code=403)


@router.get("/audit")
def audit_search(
    request: Request,
    user: CurrentUser,
    database: DatabaseDep,
    action: Text = "",
    actor: Text = "",
    dataset: Text = "",
    agreement: Text = "",
    decision: Text = "",
    date_from: Text = "",
    date_to: Text = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    """The audit log, newest first, filtered and paginated."""
    _require_auditor(user)
    query = AuditQuery(
        action=action or None,
        actor=actor.strip() or None,
        dataset=dataset.strip() or None,
        agreement=agreement.strip() or None,
        decision=decision or None,
        date_from=_date(date_from, "date_from"),
        date_to=_date(date_to, "date_to"),
        page=page,
    )
    with database.session() as session:
        result = search_audit(session, query)
    t = Translator(request_language(request))
    filters = {
        "action": action,
        "actor": actor,
        "dataset": dataset,
        "agreement": agreement,
        "decision": decision,
        "date_from": date_from,
        "date_to": date_to,
    }
    context = {
        "result": result,
        "filters": filters,
        "actions": ACTIONS,
        "decisions": [(d, t(f"audit.decision.{d}")) for d in DECISIONS],
        "page_query": {k: v for k, v in filters.items() if v},
        "decision_label": lambda code: label(t, "audit.decision", code),
    }
    return render(request, "audit.html", context)


@router.get("/audit/subjects/worker/{worker_id}")
def worker_accesses(
    request: Request, worker_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """Who looked at worker ``worker_id``'s record: when, why (purpose, agreement or
    role) and whether it was allowed."""
    _require_auditor(user)
    with database.session() as session:
        accesses = subject_history(session, "worker", str(worker_id))
    t = Translator(request_language(request))
    context = {
        "worker_id": worker_id,
        "accesses": accesses,
        "purpose_label": lambda code: label(t, "purpose", code),
        "decision_label": lambda code: label(t, "audit.decision", code),
    }
    return render(request, "audit_subject.html", context)


def _date(value: str, field: str) -> date | None:
    return parse_iso_date(value, field) if value.strip() else None
