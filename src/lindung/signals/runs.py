"""A signals run: every detector over what was known on a date, diffed against the
stored signals, routed, in one transaction with one audit entry.

``lindung signals run`` calls :func:`run_signals`: the store is snapshotted into a
private DuckDB database as of the date (:func:`lindung.signals.inputs.as_of_restriction`;
DuckDB's memory capped at :func:`memory_limit`, the rest spills to a temporary
directory), each detector whose inputs are present runs set-based
(:mod:`lindung.signals.compute`), the candidates are diffed against the stored
signals (:mod:`lindung.signals.diff`), every current signal is routed
(:mod:`lindung.signals.routing`), and the run with its counts per type and the
types not computed (with why) is written with its events and an audit entry.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import duckdb
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lindung.domain.signals import SignalType
from lindung.errors import ConfigurationError, Problem
from lindung.exchange.audit import Actor, AuditEvent, append
from lindung.exchange.guard import store_context
from lindung.settings import Settings
from lindung.signals import diff
from lindung.signals.compute import run_detectors
from lindung.signals.detector import Detector, DetectorContext
from lindung.signals.detectors import all_detectors
from lindung.signals.inputs import as_of_restriction, derive, latest_policy_run, snapshot
from lindung.signals.routing import route_signals
from lindung.store.database import Database
from lindung.store.models import LinkageRun, SignalRun

Progress = Callable[[str, int, int], None]
DEFAULT_ELECTION_DAY: date = Settings.model_fields["election_day"].default
#: DuckDB's memory during a signals run unless ``LINDUNG_SIGNALS_MEMORY_LIMIT`` says
#: otherwise (past it DuckDB spills to a temporary directory). At 1,000,000 workers the
#: process then peaks near 5.5 GB, under the 8 GB the benchmark targets; the departure
#: rule's per-person aggregate needs about that much (4 GB is too little there).
#: benchmarks/results/signals.md has the measurements.
DEFAULT_MEMORY_LIMIT = "5GB"


def memory_limit() -> str:
    """DuckDB's memory cap for a signals run (``LINDUNG_SIGNALS_MEMORY_LIMIT``)."""
    return os.environ.get("LINDUNG_SIGNALS_MEMORY_LIMIT", "").strip() or DEFAULT_MEMORY_LIMIT


def connect(spill_dir: Path) -> duckdb.DuckDBPyConnection:
    """The run's private DuckDB database: memory capped at :func:`memory_limit`, spilling
    to ``spill_dir``, no progress bar on stderr, no insertion order to keep."""
    con = duckdb.connect(":memory:")
    con.execute("SET enable_progress_bar = false")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET temp_directory = ?", [str(spill_dir)])
    try:
        con.execute("SET memory_limit = ?", [memory_limit()])
    except duckdb.Error:
        con.close()
        raise ConfigurationError(
            "invalid settings",
            [
                Problem(
                    "LINDUNG_SIGNALS_MEMORY_LIMIT",
                    "signals.memory_limit",
                    "batas memori tidak terbaca (contoh: 5GB, 4096MB)",
                    "the memory limit cannot be read (e.g. 5GB, 4096MB)",
                )
            ],
        ) from None
    return con


@dataclass(frozen=True)
class SignalRunSummary:
    """What a run found: counts per type (raised, updated, unchanged, reopened,
    closed, suppressed), the types not computed and why, and the routes written."""

    run_id: int
    as_of: date
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    not_computed: dict[str, dict[str, Any]] = field(default_factory=dict)
    routes: int = 0

    def current(self, signal_type: SignalType | str) -> int:
        """Signals of the type the run found (raised + updated + unchanged + reopened
        + suppressed)."""
        counts = self.counts.get(str(signal_type), {})
        return sum(n for outcome, n in counts.items() if outcome != "closed")


def _quiet(_stage: str, _done: int, _total: int) -> None:
    return None


def run_signals(
    database: Database,
    as_of: date,
    actor: Actor,
    progress: Progress | None = None,
    election_day: date | None = None,
    detectors: Mapping[SignalType, Detector] | None = None,
    birth_date_tolerance_days: int | None = None,
) -> SignalRunSummary:
    """Run every detector as of ``as_of`` and store the signals (docs/signals.md).
    ``birth_date_tolerance_days`` overrides the detectors' default tolerance."""
    report = progress or _quiet
    selected = dict(detectors if detectors is not None else all_detectors())
    started = datetime.now(UTC)
    try:
        return _run(database, as_of, actor, report, selected, started, election_day,
                    birth_date_tolerance_days)  # fmt: skip
    except Exception as exc:
        _record_failure(database, as_of, actor, started, exc)
        raise


def _run(
    database: Database,
    as_of: date,
    actor: Actor,
    report: Progress,
    selected: dict[SignalType, Detector],
    started: datetime,
    election_day: date | None,
    birth_date_tolerance_days: int | None,
) -> SignalRunSummary:
    with TemporaryDirectory(prefix="lindung-signals-") as spill, connect(Path(spill)) as con:
        with database.session() as session:
            policy_run = latest_policy_run(session, as_of)
            rows = snapshot(con, session, as_of_restriction(as_of, policy_run), report)
            linkage = _linkage_runs(session)
        derive(con)
        ctx = DetectorContext(con, as_of, election_day or DEFAULT_ELECTION_DAY)
        if birth_date_tolerance_days is not None:
            ctx = replace(ctx, birth_date_tolerance_days=birth_date_tolerance_days)
        detected = run_detectors(ctx, selected, rows, report)
        computed, not_computed = detected.computed, detected.not_computed
        inputs = {
            "policy_run": policy_run,
            "linkage_runs": linkage,
            "election_day": ctx.election_day.isoformat(),
            "inputs": rows,
            "computed": [t.value for t in computed],
            "birth_date_tolerance_days": ctx.birth_date_tolerance_days,
            "link_threshold": ctx.link_threshold,
        }
        with database.session() as session, store_context("signals"):
            run = SignalRun(
                as_of=as_of,
                status="running",
                inputs=inputs,
                counts={},
                not_computed=not_computed,
                tables=detected.tables,
                started_at=started,
                actor=actor.name,
            )
            session.add(run)
            session.flush()
            with _page_cache(session):
                counts = _diff_and_write(con, session, run.id, computed, actor, report)
                report("route", 0, 1)
                routes = route_signals(session, run.id, as_of)
                report("route", 1, 1)
            report("commit", 0, 1)
            run.counts = counts
            run.status = "finished"
            run.finished_at = datetime.now(UTC)
            append(session, _audit(actor, run, routes))
            run_id = run.id
        report("commit", 1, 1)
    return SignalRunSummary(run_id, as_of, counts, not_computed, routes)


def _diff_and_write(
    con: duckdb.DuckDBPyConnection,
    session: Session,
    run_id: int,
    computed: list[SignalType],
    actor: Actor,
    report: Progress,
) -> dict[str, dict[str, int]]:
    report("diff", 0, 1)
    diff.load_existing(con, session, computed)
    counts = diff.plan(con)
    report("diff", 1, 1)
    for signal_type in computed:
        counts.setdefault(signal_type.value, dict.fromkeys(diff.OUTCOMES, 0))
    diff.write(con, session, run_id, actor.name, report)
    return counts


@contextmanager
def _page_cache(session: Session) -> Iterator[None]:
    """SQLite: a 256 MiB page cache while the signals and their indexes are written (the
    default 2 MiB makes every index insert a read); the default again afterwards."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:
        session.connection().exec_driver_sql("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        if sqlite:
            session.connection().exec_driver_sql("PRAGMA cache_size = -2000")


def _linkage_runs(session: Session) -> dict[str, int]:
    """The latest finished linkage run of each pairing (what the person ids come from)."""
    with store_context("signals"):
        rows = session.execute(
            select(LinkageRun.pairing, func.max(LinkageRun.id))
            .where(LinkageRun.status == "finished")
            .group_by(LinkageRun.pairing)
        ).all()
    return {str(pairing): int(run_id) for pairing, run_id in sorted(rows)}


def _audit(actor: Actor, run: SignalRun, routes: int) -> AuditEvent:
    raised = sum(c.get("raised", 0) for c in run.counts.values())
    return AuditEvent(
        actor=actor,
        action="signals.run",
        dataset="signals",
        row_count=raised,
        details={
            "run_id": run.id,
            "as_of": run.as_of.isoformat(),
            "counts": run.counts,
            "not_computed": sorted(run.not_computed),
            "routes": routes,
            "policy_run": run.inputs.get("policy_run"),
        },
    )


def _record_failure(
    database: Database, as_of: date, actor: Actor, started: datetime, exc: Exception
) -> None:
    """A failed run leaves no signals (its transaction rolled back) but a run row that
    says it failed and with what kind of error (the class only: no data in messages)."""
    with database.session() as session, store_context("signals"):
        session.add(
            SignalRun(
                as_of=as_of,
                status="failed",
                inputs={},
                counts={},
                not_computed={},
                tables={},
                started_at=started,
                finished_at=datetime.now(UTC),
                actor=actor.name,
                error=type(exc).__name__,
            )
        )
