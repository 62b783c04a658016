"""The audit log: append-only and hash-chained.

Each entry's ``hash`` is SHA-256 over the previous entry's hash and the canonical
JSON of the entry's own content; the first entry chains from :data:`GENESIS`. Editing
an entry breaks its hash, deleting one breaks the next entry's ``prev_hash``, and
reordering breaks both; :func:`verify` walks the chain and names the first bad entry.

Appends happen inside the caller's transaction (an audited change and its entry
commit together) and are serialised by updating the single chain-head row first,
which takes the write lock on SQLite and a row lock on PostgreSQL.

Entries never hold personal data in clear: subjects are referred to by internal ids
(``audit_subjects``), fields by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from lindung.exchange.canonical import sha256_of
from lindung.store.models import AuditChainHead, AuditEntry, AuditSubject

GENESIS = "0" * 64
HEAD_ID = 1


@dataclass(frozen=True)
class Actor:
    """Who acts: a user (by username), an API client (by its id), the system or the CLI."""

    kind: str
    name: str

    @classmethod
    def system(cls) -> Actor:
        return cls("system", "lindung")


@dataclass
class AuditEvent:
    """What to record. ``subjects`` are (kind, id) pairs, e.g. ('worker', '123')."""

    actor: Actor
    action: str
    dataset: str | None = None
    purpose: str | None = None
    agreement_number: str | None = None
    fields: Sequence[str] = ()
    decision: str | None = None
    reason: str | None = None
    row_count: int | None = None
    request_hash: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    subjects: Iterable[tuple[str, str]] = ()


def _content(entry_id: int, at: datetime, event: AuditEvent) -> dict[str, Any]:
    if at.tzinfo is None:  # SQLite hands back naive datetimes; they were written in UTC
        at = at.replace(tzinfo=UTC)
    return {
        "id": entry_id,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_kind": event.actor.kind,
        "actor": event.actor.name,
        "action": event.action,
        "dataset": event.dataset,
        "purpose": event.purpose,
        "agreement_number": event.agreement_number,
        "fields": list(event.fields),
        "decision": event.decision,
        "reason": event.reason,
        "row_count": event.row_count,
        "request_hash": event.request_hash,
        "details": event.details,
    }


def chain_hash(prev_hash: str, content: dict[str, Any]) -> str:
    return sha256_of(content, prefix=prev_hash)


def _lock_head(session: Session) -> AuditChainHead:
    # Writing first takes the lock (SQLite: the database write lock; PostgreSQL: the row).
    locked = session.execute(
        update(AuditChainHead).where(AuditChainHead.id == HEAD_ID).values(note=None)
    )
    if locked.rowcount == 0:  # type: ignore[attr-defined]
        session.add(AuditChainHead(id=HEAD_ID, last_id=0, last_hash=GENESIS))
        session.flush()
    head = session.get(AuditChainHead, HEAD_ID, populate_existing=True)
    assert head is not None
    return head


def append(session: Session, event: AuditEvent) -> AuditEntry:
    """Append ``event`` to the chain in the session's transaction; returns the entry."""
    head = _lock_head(session)
    entry_id = head.last_id + 1
    at = datetime.now(UTC)
    content = _content(entry_id, at, event)
    digest = chain_hash(head.last_hash, content)
    entry = AuditEntry(
        id=entry_id,
        at=at,
        actor_kind=event.actor.kind,
        actor=event.actor.name,
        action=event.action,
        dataset=event.dataset,
        purpose=event.purpose,
        agreement_number=event.agreement_number,
        fields=list(event.fields),
        decision=event.decision,
        reason=event.reason,
        row_count=event.row_count,
        request_hash=event.request_hash,
        details=event.details,
        prev_hash=head.last_hash,
        hash=digest,
    )
    session.add(entry)
    session.flush()
    subjects = [
        {"audit_id": entry_id, "subject_kind": kind, "subject_id": str(subject)}
        for kind, subject in dict.fromkeys(event.subjects)
    ]
    if subjects:
        session.execute(insert(AuditSubject), subjects)
    head.last_id, head.last_hash = entry_id, digest
    session.flush()
    return entry


@dataclass
class VerifyReport:
    entries: int
    ok: bool
    first_bad_id: int | None = None
    problem: str | None = None


def _event_of(entry: AuditEntry) -> AuditEvent:
    return AuditEvent(
        actor=Actor(entry.actor_kind, entry.actor),
        action=entry.action,
        dataset=entry.dataset,
        purpose=entry.purpose,
        agreement_number=entry.agreement_number,
        fields=entry.fields,
        decision=entry.decision,
        reason=entry.reason,
        row_count=entry.row_count,
        request_hash=entry.request_hash,
        details=entry.details,
    )


def verify(session: Session, batch: int = 10_000) -> VerifyReport:
    """Walk the whole chain in id order; report the first edited, missing or moved entry."""
    prev_hash, expected_id, count = GENESIS, 1, 0
    last_id = 0
    while True:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not entries:
            break
        for entry in entries:
            count += 1
            if entry.id != expected_id:
                return VerifyReport(count, False, entry.id, f"entry {expected_id} is missing")
            if entry.prev_hash != prev_hash:
                return VerifyReport(count, False, entry.id, "does not follow the entry before it")
            digest = chain_hash(prev_hash, _content(entry.id, entry.at, _event_of(entry)))
            if digest != entry.hash:
                return VerifyReport(count, False, entry.id, "content was changed")
            prev_hash, expected_id, last_id = entry.hash, entry.id + 1, entry.id
        session.expunge_all()
    head = session.get(AuditChainHead, HEAD_ID)
    if head is not None and (head.last_id != last_id or head.last_hash != prev_hash):
        return VerifyReport(count, False, last_id + 1, "entries after this point were removed")
    return VerifyReport(count, True)
