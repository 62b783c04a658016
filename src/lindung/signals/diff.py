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
DuckDB join; the writes are set-based in the caller's transaction
(:mod:`lindung.store.bulk_write`: SQLite ``executemany``, PostgreSQL ``COPY``), read
from DuckDB in Arrow batches of :data:`WRITE_CHUNK`, with one ``signal_events`` row per
raised, updated, reopened and closed signal. Evidence is written as the canonical JSON
text the run hashed (:mod:`lindung.signals.compute`), with no parse on the way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Integer, Table, cast, func, literal, select
from sqlalchemy.orm import Session

from lindung.domain.signals import SignalType
from lindung.store import bulk_write
from lindung.store.bulk_read import read_arrow
from lindung.store.models import Signal, SignalEvent

Progress = Callable[[str, int, int], None]
WRITE_CHUNK = 50_000
OUTCOMES = ("raised", "updated", "unchanged", "reopened", "closed", "suppressed")

_EXISTING = pa.schema(
    [
        ("id", pa.int64()),
        ("signal_type", pa.string()),
        ("subject_kind", pa.string()),
        ("subject_key", pa.string()),
        ("evidence_hash", pa.string()),
        ("status", pa.string()),
        ("current", pa.int64()),
    ]
)

_PLAN = """
CREATE OR REPLACE TABLE plan AS
SELECT c.*, e.id AS signal_id, e.status AS old_status, e.current AS old_current,
  CASE
    WHEN e.id IS NULL THEN 'raised'
    WHEN e.evidence_hash = c.evidence_hash AND e.status = 'dismissed' THEN 'suppressed'
    WHEN e.current = 0 THEN 'reopened'
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
WHERE e.current = 1 AND NOT EXISTS (
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
    "risk_reasons",
    "evidence",
    "evidence_hash",
)
_IDENTITY = ("signal_type", "subject_kind", "subject_key")


def load_existing(
    con: duckdb.DuckDBPyConnection, session: Session, types: Sequence[SignalType]
) -> None:
    """Register the stored signals of ``types`` in ``con`` as ``existing``."""
    columns: list[Any] = [
        Signal.id,
        Signal.signal_type,
        Signal.subject_kind,
        Signal.subject_key,
        Signal.evidence_hash,
        Signal.status,
        cast(Signal.current, Integer),
    ]
    statement = select(*columns).where(Signal.signal_type.in_([t.value for t in types]))
    con.register("existing_arrow", read_arrow(session, statement, _EXISTING))
    con.execute("CREATE OR REPLACE TABLE existing AS SELECT * FROM existing_arrow")
    con.unregister("existing_arrow")


def plan(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int]]:
    """Classify every candidate and every stored signal not found; counts per type."""
    con.execute(_PLAN)
    con.execute(_CLOSING)
    con.execute("DROP TABLE candidates")  # ``plan`` holds every candidate now
    con.execute("DROP TABLE existing")
    counts: dict[str, dict[str, int]] = {}
    rows = con.execute(
        "SELECT signal_type, outcome, count(*) FROM plan GROUP BY ALL "
        "UNION ALL SELECT signal_type, 'closed', count(*) FROM closing GROUP BY ALL"
    ).fetchall()
    for signal_type, outcome, n in rows:
        counts.setdefault(str(signal_type), dict.fromkeys(OUTCOMES, 0))[str(outcome)] = int(n)
    return counts


def _batches(con: duckdb.DuckDBPyConnection, query: str) -> Iterator[pa.Table]:
    reader = con.sql(query).to_arrow_reader(WRITE_CHUNK)
    try:
        for batch in reader:
            yield pa.Table.from_batches([batch])
    finally:
        reader.close()


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
    progress = _Counter(report, total)
    progress.add(0)
    _raise(con, session, run_id, actor, now, progress)
    _change(con, session, run_id, actor, now, progress)
    _close(con, session, run_id, actor, now)
    seen = (
        "SELECT signal_id AS id FROM plan WHERE outcome IN ('unchanged', 'suppressed') "
        "AND old_current = 1 ORDER BY signal_id"
    )
    for batch in _batches(con, seen):
        bulk_write.update(session, _signals(), batch, {"last_run_id": run_id})
        progress.add(batch.num_rows)
    report("write", total, total)


class _Counter:
    def __init__(self, report: Progress, total: int) -> None:
        self.report, self.total, self.done = report, total, 0

    def add(self, n: int) -> None:
        self.done += n
        self.report("write", self.done, self.total)


def _signals() -> Table:
    return Signal.__table__  # type: ignore[return-value]


def _events() -> Table:
    return SignalEvent.__table__  # type: ignore[return-value]


def _raise(
    con: duckdb.DuckDBPyConnection,
    session: Session,
    run_id: int,
    actor: str,
    now: datetime,
    progress: _Counter,
) -> None:
    """Insert the raised signals (in identity order), then their ``raised`` events from
    the rows just written (ids above the highest before, first seen by this run)."""
    before = session.scalar(select(func.coalesce(func.max(Signal.id), 0))) or 0
    columns = ", ".join((*_IDENTITY, *_FIELDS))
    query = (
        f"SELECT {columns} FROM plan WHERE outcome = 'raised' "  # noqa: S608
        "ORDER BY signal_type, subject_kind, subject_key"
    )
    constants = {
        "status": "new",
        "current": True,
        "first_run_id": run_id,
        "last_run_id": run_id,
        "created_at": now,
        "updated_at": now,
    }
    for batch in _batches(con, query):
        bulk_write.insert(session, _signals(), batch, constants)
        progress.add(batch.num_rows)
    events = select(
        Signal.id,
        literal(run_id),
        literal("raised"),
        literal(None),
        literal("new"),
        Signal.evidence_hash,
        literal(actor),
        literal(None),
        literal(now, SignalEvent.at.type),
    ).where(Signal.id > before, Signal.first_run_id == run_id)
    session.execute(
        _events()
        .insert()
        .from_select(
            ["signal_id", "run_id", "kind", "from_status", "to_status", "evidence_hash",
             "actor", "reason", "at"],
            events,
        )
    )  # fmt: skip


def _change(
    con: duckdb.DuckDBPyConnection,
    session: Session,
    run_id: int,
    actor: str,
    now: datetime,
    progress: _Counter,
) -> None:
    """Updated and reopened signals (and dismissed ones found again unchanged after a
    close): new values, status, ``current``; an ``updated`` or ``reopened`` event."""
    query = (
        f"SELECT signal_id AS id, new_status AS status, outcome, old_status, "  # noqa: S608
        f"{', '.join(_FIELDS)} FROM plan WHERE outcome IN ('updated', 'reopened') "
        "OR (outcome = 'suppressed' AND old_current = 0) ORDER BY signal_id"
    )
    for batch in _batches(con, query):
        values = batch.drop_columns(["outcome", "old_status"])
        bulk_write.update(
            session, _signals(), values,
            {"current": True, "last_run_id": run_id, "updated_at": now},
        )  # fmt: skip
        kind = pc.if_else(pc.equal(batch["outcome"], "updated"), "updated", "reopened")
        events = pa.table(
            {
                "signal_id": batch["id"],
                "kind": kind,
                "from_status": batch["old_status"],
                "to_status": batch["status"],
                "evidence_hash": batch["evidence_hash"],
            }
        )
        _insert_events(session, events, run_id, actor, now)
        progress.add(batch.num_rows)


def _close(
    con: duckdb.DuckDBPyConnection, session: Session, run_id: int, actor: str, now: datetime
) -> None:
    """Signals no longer found: ``current = false`` (status kept), a ``closed`` event."""
    query = "SELECT signal_id AS id, status, evidence_hash FROM closing ORDER BY signal_id"
    for batch in _batches(con, query):
        bulk_write.update(
            session, _signals(), batch.select(["id"]), {"current": False, "updated_at": now}
        )
        events = pa.table(
            {
                "signal_id": batch["id"],
                "kind": pa.array(["closed"] * batch.num_rows, pa.string()),
                "from_status": batch["status"],
                "to_status": batch["status"],
                "evidence_hash": batch["evidence_hash"],
            }
        )
        _insert_events(session, events, run_id, actor, now)


def _insert_events(
    session: Session, events: pa.Table, run_id: int, actor: str, now: datetime
) -> None:
    bulk_write.insert(
        session, _events(), events, {"run_id": run_id, "actor": actor, "reason": None, "at": now}
    )
