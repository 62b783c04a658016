"""A policy run: every placement (or one) evaluated as of a date, findings stored.

``lindung policy check`` calls :func:`run_check`: the store's relations are
snapshotted into DuckDB, every rule in force on the date runs set-based, and the
run (``policy_runs``) with its findings (``policy_findings``) is written in one
transaction, with an audit entry. The agency scorecard and the placement page read
the latest run instead of evaluating again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import pyarrow as pa
from sqlalchemy import insert

from lindung.domain.policy import Rule, RuleSet, load_rules
from lindung.errors import NotFound
from lindung.exchange.audit import Actor, AuditEvent, append
from lindung.exchange.guard import store_context
from lindung.policy.engine import (
    BLOCKER,
    add_run_subjects,
    count_kind,
    counts_by_rule,
    evaluate_into,
    findings_reader,
)
from lindung.policy.relations import load_from_store
from lindung.policy.service import connect
from lindung.store.database import Database
from lindung.store.models import PolicyFinding, PolicyRun

Progress = Callable[[str, int, int], None]
WRITE_CHUNK = 10_000


@dataclass(frozen=True)
class RunSummary:
    """What a run checked and found."""

    run_id: int
    as_of: date
    rules_version: str
    scope: str
    placements_checked: int
    #: violations (rules broken when a stage was entered)
    findings: int
    by_rule: dict[str, int] = field(default_factory=dict)
    #: blockers (rules that would refuse a placement's next stage on ``as_of``)
    blockers: int = 0
    blockers_by_rule: dict[str, int] = field(default_factory=dict)


def _quiet(_stage: str, _done: int, _total: int) -> None:
    return None


def run_check(
    database: Database,
    as_of: date,
    actor: Actor,
    placement_id: int | None = None,
    rules: RuleSet | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Evaluate the rules in force on ``as_of`` over every placement (or one) and
    store the run and its findings."""
    report = progress or _quiet
    ruleset = rules or load_rules()
    in_force = ruleset.in_force(as_of)
    ids = None if placement_id is None else [placement_id]
    scope = "all" if placement_id is None else f"placement:{placement_id}"
    started = datetime.now(UTC)
    with TemporaryDirectory(prefix="lindung-policy-") as spill, connect(Path(spill)) as con:
        with database.session() as session:
            load_from_store(con, session, ids, report)
        if placement_id is not None and not _has_placement(con, placement_id):
            raise NotFound(f"placement {placement_id} not found")
        checked = add_run_subjects(con, as_of, ids)
        total = evaluate_into(con, in_force, report)
        counts = counts_by_rule(con)
        blocked = counts_by_rule(con, BLOCKER)
        blockers = count_kind(con, BLOCKER)
        with database.session() as session, store_context("policy"):
            run = PolicyRun(
                as_of=as_of,
                rules_version=ruleset.version,
                scope=scope,
                placements_checked=checked,
                findings=total - blockers,
                blockers=blockers,
                started_at=started,
                actor=actor.name,
            )
            session.add(run)
            session.flush()
            _write_findings(
                session, run.id, findings_reader(con, WRITE_CHUNK), in_force, total, report
            )
            run.finished_at = datetime.now(UTC)
            append(session, _audit(actor, run, ruleset, scope))
            run_id = run.id
    by_rule = {rule.id: counts.get(index, 0) for index, rule in enumerate(in_force)}
    blocked_by = {rule.id: blocked.get(index, 0) for index, rule in enumerate(in_force)}
    return RunSummary(
        run_id,
        as_of,
        ruleset.version,
        scope,
        checked,
        total - blockers,
        by_rule,
        blockers,
        blocked_by,
    )


def _has_placement(con: Any, placement_id: int) -> bool:
    rows = con.execute("SELECT count(*) FROM placements WHERE id = ?", [placement_id]).fetchall()
    return bool(rows[0][0])


def _audit(actor: Actor, run: PolicyRun, ruleset: RuleSet, scope: str) -> AuditEvent:
    return AuditEvent(
        actor=actor,
        action="policy.check",
        dataset="placements",
        row_count=run.placements_checked,
        details={
            "run_id": run.id,
            "as_of": run.as_of.isoformat(),
            "scope": scope,
            "rules_version": ruleset.version,
            "findings": run.findings,
            "blockers": run.blockers,
        },
    )


def _rows(run_id: int, batch: pa.RecordBatch, rules: tuple[Rule, ...]) -> list[dict[str, Any]]:
    columns = batch.to_pydict()
    return [
        {
            "run_id": run_id,
            "placement_id": pid,
            "agency_id": agency,
            "rule_id": rules[index].id,
            "severity": rules[index].severity,
            "kind": kind,
            "evidence": json.loads(evidence),
        }
        for pid, index, kind, evidence, agency in zip(
            columns["placement_id"],
            columns["rule_index"],
            columns["kind"],
            columns["evidence"],
            columns["agency_id"],
            strict=True,
        )
    ]


def _write_findings(
    session: Any,
    run_id: int,
    reader: pa.RecordBatchReader,
    rules: tuple[Rule, ...],
    total: int,
    report: Progress,
) -> None:
    done = 0
    report("write", 0, total)
    for batch in reader:
        if batch.num_rows:
            session.execute(insert(PolicyFinding), _rows(run_id, batch, rules))
        done += batch.num_rows
        report("write", done, total)
