"""Evaluate placements from the store: findings for a few placements, or a whole run.

``findings_for`` snapshots the rows the placements' checks read (the same SQL as a
bulk run, over fewer rows) and returns :class:`Finding` objects; the lifecycle
service and the pages use it. :mod:`lindung.policy.runs` evaluates every placement
and stores the run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
from sqlalchemy.orm import Session

from lindung.domain.lifecycle import PlacementStatus
from lindung.domain.policy import Rule, RuleSet, load_rules
from lindung.policy.engine import add_run_subjects, add_transition_subjects, evaluate
from lindung.policy.findings import Finding
from lindung.policy.relations import load_from_store

#: Memory DuckDB may use in a bulk run before it spills to disk: the run then stays
#: under the 4 GB the policy benchmark targets, at about 1.4x the time (results/policy.md).
BULK_MEMORY_LIMIT = os.environ.get("LINDUNG_POLICY_MEMORY_LIMIT", "2.5GB")


def connect(spill_dir: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A private in-memory DuckDB database for one evaluation. With ``spill_dir`` (a
    bulk run), memory is capped at :data:`BULK_MEMORY_LIMIT` and the rest spills there."""
    con = duckdb.connect(":memory:")
    con.execute("SET preserve_insertion_order = false")  # findings have no order
    if spill_dir is not None:
        con.execute("SET temp_directory = ?", [str(spill_dir)])
        con.execute("SET memory_limit = ?", [BULK_MEMORY_LIMIT])
    return con


def to_findings(table: pa.Table, rules: Sequence[Rule]) -> list[Finding]:
    """Findings from the engine's Arrow output."""
    columns = table.to_pydict()
    findings = [
        Finding.of(rules[index], int(pid), json.loads(evidence), agency, kind)
        for pid, index, kind, evidence, agency in zip(
            columns["placement_id"],
            columns["rule_index"],
            columns["kind"],
            columns["evidence"],
            columns["agency_id"],
            strict=True,
        )
    ]
    return sorted(
        findings,
        key=lambda f: (
            f.placement_id,
            f.kind != "violation",
            f.rule_id,
            json.dumps(f.evidence, sort_keys=True),
        ),
    )


def findings_for(
    session: Session,
    placement_ids: Sequence[int],
    as_of: date,
    rules: RuleSet | None = None,
) -> list[Finding]:
    """The findings of ``placement_ids`` as of ``as_of`` (bulk-run date semantics):
    violations first, then blockers of the next stage."""
    ruleset = rules or load_rules()
    in_force = ruleset.in_force(as_of)
    with connect() as con:
        load_from_store(con, session, placement_ids)
        add_run_subjects(con, as_of, placement_ids)
        return to_findings(evaluate(con, in_force), in_force)


def findings_for_moves(
    session: Session,
    placement_id: int,
    on: date,
    stages: Sequence[PlacementStatus],
    rules: RuleSet | None = None,
) -> list[Finding]:
    """The findings of the rules in force on ``on`` gating any of ``stages``, for
    entering them on ``on``."""
    ruleset = rules or load_rules()
    gating = [rule for rule in ruleset.in_force(on) if any(rule.gates_stage(s) for s in stages)]
    if not gating:
        return []
    with connect() as con:
        load_from_store(con, session, [placement_id])
        add_transition_subjects(con, [(placement_id, on, stages)])
        return to_findings(evaluate(con, gating), gating)
