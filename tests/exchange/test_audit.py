from __future__ import annotations

import pytest
from sqlalchemy import select, text, update

from lindung.exchange.audit import Actor, AuditEvent, append, verify
from lindung.store.database import Database
from lindung.store.models import AuditEntry, AuditSubject


def _fill(db: Database, count: int = 5) -> None:
    for i in range(count):
        with db.session() as session:
            append(
                session,
                AuditEvent(
                    actor=Actor("user", "admin"),
                    action="read",
                    dataset="workers",
                    purpose="placement_services",
                    fields=["nik", "full_name"],
                    decision="allowed",
                    row_count=1,
                    details={"page": "worker", "n": i},
                    subjects=[("worker", str(100 + i))],
                ),
            )


def test_chain_verifies_and_indexes_subjects(db: Database) -> None:
    _fill(db)
    with db.session() as session:
        report = verify(session)
        assert report.ok
        assert report.entries == 5
        subjects = session.scalars(
            select(AuditSubject.audit_id).where(AuditSubject.subject_id == "102")
        ).all()
        assert subjects == [3]


def test_an_edited_byte_is_found(db: Database) -> None:
    _fill(db)
    with db.session() as session:
        session.execute(update(AuditEntry).where(AuditEntry.id == 3).values(actor="admiN"))
    with db.session() as session:
        report = verify(session)
    assert not report.ok
    assert report.first_bad_id == 3
    assert report.problem == "content was changed"


def test_a_deleted_entry_is_found(db: Database) -> None:
    _fill(db)
    with db.session() as session:
        session.execute(text("DELETE FROM audit_subjects WHERE audit_id = 2"))
        session.execute(text("DELETE FROM audit_log WHERE id = 2"))
    with db.session() as session:
        report = verify(session)
    assert not report.ok
    assert report.first_bad_id == 3


def test_a_removed_tail_is_found(db: Database) -> None:
    _fill(db)
    with db.session() as session:
        session.execute(text("DELETE FROM audit_subjects WHERE audit_id = 5"))
        session.execute(text("DELETE FROM audit_log WHERE id = 5"))
    with db.session() as session:
        report = verify(session)
    assert not report.ok
    assert report.first_bad_id == 5


def test_swapped_entries_are_found(db: Database) -> None:
    _fill(db)
    with db.session() as session:
        first, second = session.scalars(
            select(AuditEntry).where(AuditEntry.id.in_([2, 3])).order_by(AuditEntry.id)
        ).all()
        a = {c: getattr(first, c) for c in ("details", "hash", "prev_hash")}
        b = {c: getattr(second, c) for c in ("details", "hash", "prev_hash")}
        session.execute(update(AuditEntry).where(AuditEntry.id == 2).values(**b))
        session.execute(update(AuditEntry).where(AuditEntry.id == 3).values(**a))
    with db.session() as session:
        report = verify(session)
    assert not report.ok
    assert report.first_bad_id == 2


@pytest.mark.parametrize("count", [0, 1])
def test_short_chains_verify(db: Database, count: int) -> None:
    _fill(db, count)
    with db.session() as session:
        assert verify(session).ok
