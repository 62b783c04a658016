"""The diff of a run's candidates against the stored signals, and its writes.

Identity is ``(signal_type, subject_kind, subject_key)``. For each computed type
(docs/signals.md, "Identity, evidence, re-runs"):

============================  =================  ========================  ===========
stored signal                 same evidence      different evidence        not found
============================  =================  ========================  ===========
none                          raised (new)
current, not dismissed        unchanged          updated                   closed
current, dismissed            suppressed         reopened (-> new)         closed
not current, not dismissed    reopened           reopened                  (nothing)
not current, dismissed        suppressed         reopened (-> new)         (nothing)
============================  =================  ========================  ===========

(``current`` goes back to true for every found subject.) The classification is one
DuckDB join; the writes are bulk statements in chunks of :data:`WRITE_CHUNK` in the
caller's transaction, with one ``signal_events`` row per raised, updated, reopened
and closed signal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from lindung.domain.signals import SignalStatus, SignalType
from lindung.store.models import Signal, SignalEvent

Progress = Callable[[str, int, int], None]
WRITE_CHUNK = 10_000
OUTCOMES = ("raised", "updated", "unchanged", "reopened", "closed", "suppressed")

_EXISTING = pa.schema(
    [
        ("id", pa.int64()),
        ("signal_type", pa.string()),
        ("subject_kind", pa.string()),
        ("subject_key", pa.string()),
        ("evidence_hash", pa.string()),
        ("status", pa.string()),
        ("current", pa.bool_()),
    ]
)

_PLAN = """
CREATE OR REPLACE TABLE plan AS
SELECT c.*, e.id AS signal_id, e.status AS old_status, e.current AS old_current,
  CASE
    WHEN e.id IS NULL THEN 'raised'
    WHEN e.evidence_hash = c.evidence_hash AND e.status = 'dismissed' THEN 'suppressed'
    WHEN NOT e.current THEN 'reopened'
    WHEN e.evidence_hash = c.evidence_hash THEN 'unchanged'
    WHEN e.status = 'dismissed' THEN 'reopened'
    ELSE 'updated'
  END AS outcome,
  CASE WHEN e.status = 'dismissed' AND e.evidence_hash <> c.evidence_hash THEN 'new'
       ELSE coalesce(e.status, 'new') END AS new_status
FROM candidates c LEFT JOIN existing e
  ON e.signal_type = c.signal_type AND e.subject_kind = c.subject_kind
 AND e.subject_key = c.subject_key
"""

_CLOSING = """
CREATE OR REPLACE TABLE closing AS
SELECT e.id AS signal_id, e.signal_type, e.status, e.evidence_hash FROM existing e
WHERE e.current AND NOT EXISTS (
  SELECT 1 FROM candidates c WHERE c.signal_type = e.signal_type
    AND c.subject_kind = e.subject_kind AND c.subject_key = e.subject_key)
"""

_FIELDS = (
    "severity",
    "person_id",
    "worker_id",
    "agency_id",
    "region_code",
    "country_code",
    "ppln",
    "primary_source",
    "primary_key",
    "risk_score",
)


def load_existing(
    con: duckdb.DuckDBPyConnection, session: Session, types: Sequence[SignalType]
) -> None:
    """Register the stored signals of ``types`` in ``con`` as ``existing``."""
    statement = select(
        Signal.id,
        Signal.signal_type,
        Signal.subject_kind,
        Signal.subject_key,
        Signal.evidence_hash,
        Signal.status,
        Signal.current,
    ).where(Signal.signal_type.in_([t.value for t in types]))
    result = session.execute(statement.execution_options(yield_per=WRITE_CHUNK))
    batches = [
        pa.RecordBatch.from_pylist([dict(row._mapping) for row in rows], schema=_EXISTING)
        for rows in result.partitions(WRITE_CHUNK)
    ]
    con.register("existing_arrow", pa.Table.from_batches(batches, schema=_EXISTING))
    con.execute("CREATE OR REPLACE TABLE existing AS SELECT * FROM existing_arrow")
    con.unregister("existing_arrow")


def plan(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int]]:
    """Classify every candidate and every stored signal not found; counts per type."""
    con.execute(_PLAN)
    con.execute(_CLOSING)
    counts: dict[str, dict[str, int]] = {}
    rows = con.execute(
        "SELECT signal_type, outcome, count(*) FROM plan GROUP BY ALL "
        "UNION ALL SELECT signal_type, 'closed', count(*) FROM closing GROUP BY ALL"
    ).fetchall()
    for signal_type, outcome, n in rows:
        counts.setdefault(str(signal_type), dict.fromkeys(OUTCOMES, 0))[str(outcome)] = int(n)
    return counts


def _values(row: dict[str, Any], run_id: int, now: datetime) -> dict[str, Any]:
    values = {name: row[name] for name in _FIELDS}
    values.update(
        risk_reasons=json.loads(row["risk_reasons"]),
        evidence=json.loads(row["evidence"]),
        evidence_hash=row["evidence_hash"],
        status=row["new_status"],
        current=True,
        last_run_id=run_id,
        updated_at=now,
    )
    return values


def _chunks(con: duckdb.DuckDBPyConnection, query: str) -> Any:
    table = con.sql(query).to_arrow_table()
    for batch in table.to_batches(max_chunksize=WRITE_CHUNK):
        yield batch.to_pylist()


def write(
    con: duckdb.DuckDBPyConnection,
    session: Session,
    run_id: int,
    actor: str,
    report: Progress,
) -> None:
    """Apply the plan: insert raised signals, update changed and reopened ones, close
    the ones not found, refresh ``last_run_id`` of the rest; events for each change."""
    now = datetime.now(UTC)
    total = int(con.execute("SELECT count(*) FROM plan").fetchall()[0][0])
    done = 0
    report("write", 0, total)
    for rows in _chunks(
        con,
        "SELECT * FROM plan WHERE outcome = 'raised' "
        "ORDER BY signal_type, subject_kind, subject_key",
    ):
        _insert(session, rows, run_id, actor, now)
        done += len(rows)
        report("write", done, total)
    changed = (
        "SELECT * FROM plan WHERE outcome IN ('updated', 'reopened') "
        "OR (outcome = 'suppressed' AND NOT old_current) ORDER BY signal_id"
    )
    for rows in _chunks(con, changed):
        _update(session, rows, run_id, actor, now)
        done += len(rows)
        report("write", done, total)
    for rows in _chunks(con, "SELECT * FROM closing ORDER BY signal_id"):
        _close(session, rows, run_id, actor, now)
    for rows in _chunks(
        con,
        "SELECT signal_id FROM plan WHERE outcome IN ('unchanged', 'suppressed') "
        "AND old_current ORDER BY signal_id",
    ):
        session.execute(
            update(Signal),
            [{"id": r["signal_id"], "last_run_id": run_id} for r in rows],
        )
        done += len(rows)
        report("write", done, total)
    report("write", total, total)


def _insert(
    session: Session, rows: list[dict[str, Any]], run_id: int, actor: str, now: datetime
) -> None:
    values = []
    for row in rows:
        item = _values(row, run_id, now)
        item.update(
            signal_type=row["signal_type"],
            subject_kind=row["subject_kind"],
            subject_key=row["subject_key"],
            status=SignalStatus.NEW.value,
            first_run_id=run_id,
            created_at=now,
        )
        values.append(item)
    session.execute(insert(Signal), values)
    keys = [(r["signal_type"], r["subject_kind"], r["subject_key"]) for r in rows]
    ids = _ids_of(session, keys)
    session.execute(
        insert(SignalEvent),
        [
            _event(ids[key], run_id, "raised", None, "new", row["evidence_hash"], actor, now)
            for key, row in zip(keys, rows, strict=True)
        ],
    )


def _ids_of(session: Session, keys: list[tuple[str, str, str]]) -> dict[tuple[str, str, str], int]:
    """The ids of signals just inserted (by identity), read back with the run's id."""
    found: dict[tuple[str, str, str], int] = {}
    by_type: dict[tuple[str, str], list[str]] = {}
    for signal_type, kind, key in keys:
        by_type.setdefault((signal_type, kind), []).append(key)
    for (signal_type, kind), subject_keys in by_type.items():
        rows = session.execute(
            select(Signal.id, Signal.subject_key).where(
                Signal.signal_type == signal_type,
                Signal.subject_kind == kind,
                Signal.subject_key.in_(subject_keys),
            )
        ).all()
        for signal_id, subject_key in rows:
            found[(signal_type, kind, subject_key)] = int(signal_id)
    return found


def _update(
    session: Session, rows: list[dict[str, Any]], run_id: int, actor: str, now: datetime
) -> None:
    values = []
    events = []
    for row in rows:
        item = _values(row, run_id, now)
        item["id"] = row["signal_id"]
        values.append(item)
        kind = "updated" if row["outcome"] == "updated" else "reopened"
        events.append(
            _event(
                row["signal_id"],
                run_id,
                kind,
                row["old_status"],
                row["new_status"],
                row["evidence_hash"],
                actor,
                now,
            )
        )
    session.execute(update(Signal), values)
    session.execute(insert(SignalEvent), events)


def _close(
    session: Session, rows: list[dict[str, Any]], run_id: int, actor: str, now: datetime
) -> None:
    session.execute(
        update(Signal),
        [{"id": r["signal_id"], "current": False, "updated_at": now} for r in rows],
    )
    session.execute(
        insert(SignalEvent),
        [
            _event(
                r["signal_id"],
                run_id,
                "closed",
                r["status"],
                r["status"],
                r["evidence_hash"],
                actor,
                now,
            )
            for r in rows
        ],
    )


def _event(
    signal_id: int,
    run_id: int,
    kind: str,
    from_status: str | None,
    to_status: str | None,
    evidence_hash: str | None,
    actor: str,
    now: datetime,
) -> dict[str, Any]:
    return {
        "signal_id": signal_id,
        "run_id": run_id,
        "kind": kind,
        "from_status": from_status,
        "to_status": to_status,
        "evidence_hash": evidence_hash,
        "actor": actor,
        "reason": None,
        "at": now,
    }
