"""Bulk writes store what the ORM would have stored, on both backends.

:mod:`lindung.store.bulk_write` inserts and updates Arrow columns (SQLite
``executemany``, PostgreSQL ``COPY`` through a temporary table); the rows are read
back through the ORM and compared with what was given: NULLs, awkward text, JSON
text, floats, booleans and timestamps bound once as constants.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pyarrow as pa
import pytest
from sqlalchemy import Table, select

from lindung.store import bulk_write
from lindung.store.database import Database
from lindung.store.models import Signal, SignalEvent, SignalRun

SIGNALS: Table = Signal.__table__  # type: ignore[assignment]
EVENTS: Table = SignalEvent.__table__  # type: ignore[assignment]
AWKWARD = ("", "NA", 'say "hi", then\nleave\r\n', "a,b", "Ünïcødé ✓ 日本", "\\N")
NOW = datetime(2026, 11, 29, 6, 30, 15, 123456, tzinfo=UTC)


def _run(db: Database) -> int:
    with db.session() as session:
        run = SignalRun(as_of=date(2026, 11, 1), status="running", inputs={}, counts={},
                        not_computed={}, tables={}, started_at=NOW, actor="test")  # fmt: skip
        session.add(run)
        session.flush()
        return run.id


def _signals(n: int) -> pa.Table:
    evidence = [json.dumps({"records": [], "facts": {"note": AWKWARD[i % len(AWKWARD)]}})
                for i in range(n)]  # fmt: skip
    return pa.table(
        {
            "signal_type": ["underage"] * n,
            "subject_kind": ["record"] * n,
            "subject_key": [f"border_crossings:{i}" for i in range(n)],
            "severity": ["high", "low"] * (n // 2),
            "region_code": [None if i % 3 == 0 else AWKWARD[i % 6][:13] for i in range(n)],
            "primary_key": [None if i % 2 else i for i in range(n)],
            "risk_score": [i / 7 for i in range(n)],
            "risk_reasons": ["[]"] * n,
            "evidence": evidence,
            "evidence_hash": [f"{i:064x}" for i in range(n)],
        }
    )


def test_insert_then_update_store_what_was_given(db: Database) -> None:
    run_id = _run(db)
    data = _signals(12)
    constants = {"status": "new", "current": True, "first_run_id": run_id,
                 "last_run_id": run_id, "created_at": NOW, "updated_at": NOW}  # fmt: skip
    with db.session() as session:
        assert bulk_write.insert(session, SIGNALS, data, constants) == 12
    with db.session() as session:
        stored = session.scalars(select(Signal).order_by(Signal.id)).all()
        assert [s.subject_key for s in stored] == data["subject_key"].to_pylist()
        assert [s.region_code for s in stored] == data["region_code"].to_pylist()
        assert [s.primary_key for s in stored] == data["primary_key"].to_pylist()
        assert [s.risk_score for s in stored] == pytest.approx(data["risk_score"].to_pylist())
        assert [s.evidence for s in stored] == [json.loads(e) for e in data["evidence"].to_pylist()]
        assert {(s.status, s.current, s.first_run_id) for s in stored} == {("new", True, run_id)}
        assert {s.created_at.replace(tzinfo=UTC) for s in stored} == {NOW}
        ids = [s.id for s in stored]

    later = datetime(2026, 12, 1, tzinfo=UTC)
    changes = pa.table({"id": ids[:3], "status": ["dismissed"] * 3,
                        "evidence": ['{"records":[1]}'] * 3})  # fmt: skip
    with db.session() as session:
        bulk_write.update(session, SIGNALS, changes,
                          {"current": False, "updated_at": later})  # fmt: skip
    with db.session() as session:
        stored = session.scalars(select(Signal).order_by(Signal.id)).all()
        assert [(s.status, s.current, s.evidence) for s in stored[:4]] == [
            ("dismissed", False, {"records": [1]}),
        ] * 3 + [("new", True, json.loads(data["evidence"][3].as_py()))]
        assert stored[0].updated_at.replace(tzinfo=UTC) == later
        assert stored[3].updated_at.replace(tzinfo=UTC) == NOW


def test_events_with_a_null_constant(db: Database) -> None:
    run_id = _run(db)
    with db.session() as session:
        bulk_write.insert(session, SIGNALS, _signals(2), {
            "status": "new", "current": True, "first_run_id": run_id, "last_run_id": run_id,
            "created_at": NOW, "updated_at": NOW})  # fmt: skip
        ids = session.scalars(select(Signal.id)).all()
        events = pa.table({"signal_id": ids, "kind": ["raised", "closed"],
                           "from_status": [None, "new"], "to_status": ["new", "new"]})  # fmt: skip
        constants = {"run_id": run_id, "actor": "test", "reason": None, "at": NOW}
        bulk_write.insert(session, EVENTS, events, constants)
    with db.session() as session:
        stored = session.scalars(select(SignalEvent).order_by(SignalEvent.id)).all()
        assert [(e.kind, e.from_status, e.reason, e.run_id) for e in stored] == [
            ("raised", None, None, run_id), ("closed", "new", None, run_id)]  # fmt: skip


def test_refuses_unknown_columns_and_types(db: Database) -> None:
    with db.session() as session:
        with pytest.raises(ValueError, match="no column nope"):
            bulk_write.insert(session, SIGNALS, pa.table({"nope": [1]}))
        with pytest.raises(ValueError, match="unsupported column types for risk_score"):
            bulk_write.insert(session, SIGNALS,
                              pa.table({"risk_score": pa.array([1], pa.int8())}))  # fmt: skip
        with pytest.raises(ValueError, match="needs an id column"):
            bulk_write.update(session, SIGNALS, pa.table({"status": ["new"]}))
