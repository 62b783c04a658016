"""Reading the audit log: search with filters, and "who looked at this worker, and why".

Under UU 27/2022 (Pasal 7 and Pasal 31) a data subject may ask who processed their
data and the controller must keep a record of processing; :func:`subject_history`
answers that for one subject from the ``audit_subjects`` index. Filters are codes and
dates only: the log never holds personal data in clear, so nothing here searches by
name or NIK.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from lindung.store.models import AuditEntry, AuditSubject

ACTIONS = ("login", "logout", "read", "refused", "change", "import", "export")
DECISIONS = ("allowed", "refused")
PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditQuery:
    """Filters of an audit search; ``None`` means any. Dates are inclusive (UTC days)."""

    action: str | None = None
    actor: str | None = None
    dataset: str | None = None
    agreement: str | None = None
    decision: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1
    page_size: int = PAGE_SIZE


@dataclass(frozen=True)
class AuditPage:
    """One page of entries, newest first, with the total that matched."""

    entries: list[AuditEntry]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def search_audit(session: Session, query: AuditQuery) -> AuditPage:
    """The entries matching ``query``, newest first, one page at a time."""
    statement = _filtered(select(AuditEntry), query)
    total = session.scalar(_filtered(select(func.count()).select_from(AuditEntry), query)) or 0
    page = max(1, query.page)
    entries = session.scalars(
        statement.order_by(AuditEntry.id.desc())
        .offset((page - 1) * query.page_size)
        .limit(query.page_size)
    ).all()
    return AuditPage(list(entries), total, page, query.page_size)


def _filtered(statement: Select[Any], query: AuditQuery) -> Select[Any]:
    conditions = []
    for column, value in (
        (AuditEntry.action, query.action),
        (AuditEntry.actor, query.actor),
        (AuditEntry.dataset, query.dataset),
        (AuditEntry.agreement_number, query.agreement),
        (AuditEntry.decision, query.decision),
    ):
        if value:
            conditions.append(column == value)
    if query.date_from:
        conditions.append(AuditEntry.at >= _start_of(query.date_from))
    if query.date_to:
        conditions.append(AuditEntry.at < _start_of(query.date_to + timedelta(days=1)))
    return statement.where(*conditions)


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


@dataclass(frozen=True)
class SubjectAccess:
    """One time a subject's record was read or refused: who, when, why, the outcome."""

    entry_id: int
    at: datetime
    actor_kind: str
    actor: str
    action: str
    dataset: str | None
    purpose: str | None
    agreement_number: str | None
    role: str | None
    fields: list[str]
    decision: str | None
    reason: str | None


def subject_history(session: Session, kind: str, subject_id: str) -> list[SubjectAccess]:
    """Every audit entry that touched subject ``kind``/``subject_id``, newest first."""
    entries = session.scalars(
        select(AuditEntry)
        .join(AuditSubject, AuditSubject.audit_id == AuditEntry.id)
        .where(AuditSubject.subject_kind == kind, AuditSubject.subject_id == str(subject_id))
        .order_by(AuditEntry.id.desc())
    ).all()
    return [
        SubjectAccess(
            entry_id=entry.id,
            at=entry.at,
            actor_kind=entry.actor_kind,
            actor=entry.actor,
            action=entry.action,
            dataset=entry.dataset,
            purpose=entry.purpose,
            agreement_number=entry.agreement_number,
            role=_role_of(entry.details),
            fields=list(entry.fields),
            decision=entry.decision,
            reason=entry.reason,
        )
        for entry in entries
    ]


def _role_of(details: Any) -> str | None:
    role = details.get("role") if isinstance(details, dict) else None
    return str(role) if role else None
