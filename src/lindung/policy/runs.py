"""A policy run: every placement (or one) evaluated as of a date, findings stored.

``lindung policy check`` calls :func:`run_check`: the store's relations are
snapshotted into DuckDB, every rule in force on the date runs set-based, and the
run (``policy_runs``) with its findings (``policy_findings``) is written in one
transaction, with an audit entry. The agency scorecard and the placement page read
the latest run instead of evaluating again.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa
from sqlalchemy import insert

from lindung.domain.policy import Rule, RuleSet, load_rules
from lindung.exchange.audit import Actor, AuditEvent, append
from lindung.exchange.guard import store_context
from lindung.policy.engine import add_run_subjects, evaluate
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
    findings: int
    by_rule: dict[str, int] = field(default_factory=dict)


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
    started = datetime.now(UTC)
    with connect() as con:
        with database.session() as session:
            load_from_store(con, session, ids, report)
        checked = add_run_subjects(con, as_of, ids)
        table = evaluate(con, in_force, report)
    scope = "all" if placement_id is None else f"placement:{placement_id}"
    with database.session() as session, store_context("policy"):
        run = PolicyRun(
            as_of=as_of,
            rules_version=ruleset.version,
            scope=scope,
            placements_checked=checked,
            findings=table.num_rows,
            started_at=started,
            actor=actor.name,
        )
        session.add(run)
        session.flush()
        by_rule = _write_findings(session, run.id, table, in_force, report)
        run.finished_at = datetime.now(UTC)
        append(
            session,
            AuditEvent(
                actor=actor,
                action="policy.check",
                dataset="placements",
                row_count=checked,
                details={
                    "run_id": run.id,
                    "as_of": as_of.isoformat(),
                    "scope": scope,
                    "rules_version": ruleset.version,
                    "findings": table.num_rows,
                },
            ),
        )
        run_id = run.id
    return RunSummary(run_id, as_of, ruleset.version, scope, checked, table.num_rows, by_rule)


def _rows(run_id: int, table: pa.Table, rules: tuple[Rule, ...]) -> Iterator[list[dict[str, Any]]]:
    for batch in table.to_batches(WRITE_CHUNK):
        columns = batch.to_pydict()
        yield [
            {
                "run_id": run_id,
                "placement_id": pid,
                "agency_id": agency,
                "rule_id": rules[index].id,
                "severity": rules[index].severity,
                "evidence": json.loads(evidence),
            }
            for pid, index, evidence, agency in zip(
                columns["placement_id"],
                columns["rule_index"],
                columns["evidence"],
                columns["agency_id"],
                strict=True,
            )
        ]


def _write_findings(
    session: Any, run_id: int, table: pa.Table, rules: tuple[Rule, ...], report: Progress
) -> dict[str, int]:
    counts: Counter[str] = Counter()
    done = 0
    report("write", 0, table.num_rows)
    for rows in _rows(run_id, table, rules):
        session.execute(insert(PolicyFinding), rows)
        counts.update(row["rule_id"] for row in rows)
        done += len(rows)
        report("write", done, table.num_rows)
    return {rule.id: counts.get(rule.id, 0) for rule in rules}
