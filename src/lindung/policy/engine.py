"""Evaluate rules set-based in DuckDB: all placements at once, or a few.

The subjects are ``subjects(placement_id, stage, eval_on, kind)``: the placements to
judge, a lifecycle stage, the date it is judged on, and whether a breach is a
``violation`` (the stage was entered although the rule forbade it) or a ``blocker``
(the rule would refuse the next stage today). A rule applies to the subjects at a
stage it gates. Date semantics:

- a bulk run as of D (:func:`add_run_subjects`): every placement registered on
  or before D. Violations: each stage the placement entered on or before D, judged
  on the day it entered it (its first ``transition`` event to that stage in
  ``placement_events``; ``registered`` on the registration day), so a placement is
  never judged for a stage it has not reached, and a dormant one not for
  certificates that expired after it stalled. A rule broken at several of its
  stages is reported once, on the first date (with that date's evidence).
  Placements without transition events (recorded before the lifecycle kept them)
  are judged as before: the stages of their status, on the departure day once
  departed, else on D. Blockers: for a placement still before departure on D (not
  withdrawn), the rules gating the next stage on the path, judged on D;
- a transition to stage T on date D (:func:`add_transition_subjects`): the
  placement is judged on D for the rules gating T (as violations: the move would
  break them).

Each rule's check (:mod:`lindung.policy.checks`) runs as one query over the
relations; the findings of all rules gather in one table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from lindung.domain.lifecycle import BEFORE_DEPARTURE, PATH, PlacementStatus, reached
from lindung.domain.policy import Rule
from lindung.policy.checks import build

#: A finding's kind: a rule broken when a stage was entered (a violation), or a rule
#: that would refuse the next stage today (a blocker: nothing wrong has happened yet).
VIOLATION = "violation"
BLOCKER = "blocker"
KINDS = (VIOLATION, BLOCKER)


def _reach_table() -> pa.Table:
    statuses = list(PlacementStatus)
    return pa.table(
        {
            "status": [s.value for s in statuses],
            "reached": [[r.value for r in reached(s)] for s in statuses],
            "before_departure": [[r.value for r in BEFORE_DEPARTURE]] * len(statuses),
        }
    )


def _next_table() -> pa.Table:
    """The next stage on the path after each stage before departure."""
    here = BEFORE_DEPARTURE
    return pa.table(
        {
            "status": [s.value for s in here],
            "next_stage": [PATH[PATH.index(s) + 1].value for s in here],
        }
    )


#: Stages entered as of ``$as_of`` from the transition events (placements with any),
#: each on the first day it was entered, plus ``registered`` on the registration day.
_EVENT_STAGES = """
    SELECT e.placement_id, e.to_status AS stage, min(e.occurred_on) AS eval_on
    FROM placement_events e JOIN chosen c ON c.id = e.placement_id
    WHERE e.kind = 'transition' AND e.to_status IS NOT NULL AND e.occurred_on <= $as_of
    GROUP BY ALL
    UNION ALL
    SELECT c.id, 'registered', c.registered_on FROM chosen c WHERE c.has_events
"""

#: Placements without transition events (recorded before the lifecycle kept them):
#: the stages of their current status, on the departure day once departed, else
#: on ``$as_of``.
_STATUS_STAGES = """
    SELECT c.id AS placement_id, unnest(CASE
            WHEN c.departed_on > $as_of AND list_contains(r.reached, 'departed')
            THEN r.before_departure ELSE r.reached END) AS stage,
        CASE WHEN c.departed_on <= $as_of THEN c.departed_on ELSE $as_of END AS eval_on
    FROM chosen c JOIN reach r ON r.status = c.status
    WHERE NOT c.has_events
"""


#: The stage each placement is at on ``$as_of``: its last transition on or before
#: then (registered when none); without events, its status (at most oriented when it
#: departs after ``$as_of``).
_LATEST = """
    SELECT c.id AS placement_id, CASE
            WHEN NOT c.has_events AND c.departed_on > $as_of
                 AND list_contains(r.reached, 'departed') THEN 'oriented'
            WHEN NOT c.has_events THEN c.status
            ELSE coalesce(t.stage, 'registered') END AS stage
    FROM chosen c JOIN reach r ON r.status = c.status
    LEFT JOIN (
        SELECT e.placement_id, arg_max(e.to_status, (e.occurred_on, e.id)) AS stage
        FROM placement_events e JOIN chosen c ON c.id = e.placement_id
        WHERE e.kind = 'transition' AND e.to_status IS NOT NULL AND e.occurred_on <= $as_of
        GROUP BY ALL
    ) t ON t.placement_id = c.id
"""


def add_run_subjects(
    con: duckdb.DuckDBPyConnection, as_of: date, placement_ids: Iterable[int] | None = None
) -> int:
    """Subjects of a run as of ``as_of`` (every placement, or ``placement_ids``): the
    number of placements. Violations: each stage entered on or before ``as_of``, judged
    on the day it was entered. Blockers: the next stage of a placement still before
    departure, judged on ``as_of``."""
    reach = _reach_table()  # noqa: F841 (read by DuckDB by name)
    following = _next_table()  # noqa: F841
    ids = None if placement_ids is None else sorted(set(placement_ids))
    params = {"as_of": as_of, "all": ids is None, "ids": ids or []}
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE chosen AS
        SELECT p.id, p.status, p.registered_on, p.departed_on,
            p.id IN (SELECT placement_id FROM placement_events WHERE kind = 'transition')
                AS has_events
        FROM placements p
        WHERE p.registered_on <= $as_of AND ($all OR list_contains($ids::BIGINT[], p.id))
        """,
        params,
    )
    con.execute(
        f"""
        CREATE OR REPLACE TABLE subjects AS
        WITH entered AS ({_EVENT_STAGES} UNION ALL {_STATUS_STAGES}),
        latest AS ({_LATEST})
        SELECT placement_id, stage, eval_on, 'violation' AS kind FROM entered
        UNION ALL
        SELECT l.placement_id, n.next_stage, $as_of, 'blocker'
        FROM latest l JOIN following n ON n.status = l.stage
        """,  # noqa: S608 (fixed SQL fragments)
        {"as_of": as_of},
    )
    return _count(con, "chosen")


def add_transition_subjects(
    con: duckdb.DuckDBPyConnection,
    moves: Sequence[tuple[int, date, Sequence[PlacementStatus]]],
) -> int:
    """Subjects for moves: (placement id, date, the stages being entered)."""
    moves_table = pa.table(  # noqa: F841
        {
            "placement_id": pa.array([m[0] for m in moves], pa.int64()),
            "eval_on": pa.array([m[1] for m in moves], pa.date32()),
            "reached": pa.array([[s.value for s in m[2]] for m in moves], pa.list_(pa.string())),
        }
    )
    con.execute(
        "CREATE OR REPLACE TABLE subjects AS SELECT placement_id, unnest(reached) AS stage, "
        "eval_on, 'violation' AS kind FROM moves_table"
    )
    return len(moves)


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchall()  # noqa: S608
    return int(rows[0][0])


def evaluate_into(
    con: duckdb.DuckDBPyConnection,
    rules: Sequence[Rule],
    progress: Any = None,
    together: bool = False,
) -> int:
    """Run every rule over the subjects into the DuckDB table ``findings``
    (``placement_id, rule_index`` into ``rules``, ``evidence`` as JSON text); the count.

    Rule by rule (bulk runs: bounded memory, progress per rule) or, ``together``, as
    one ``UNION ALL`` statement (a few placements: one plan instead of one per rule).
    The queries are the same either way."""
    con.execute(
        "CREATE OR REPLACE TABLE findings "
        "(placement_id BIGINT, rule_index INTEGER, kind VARCHAR, evidence VARCHAR)"
    )
    selects = [
        _RuleSelect(con, index, rule, kind) for index, rule in enumerate(rules) for kind in KINDS
    ]
    try:
        if together and selects:
            params = {k: v for select in selects for k, v in select.params.items()}
            union = " UNION ALL ".join(select.sql for select in selects)
            con.execute(f"INSERT INTO findings {union}", params)
        else:
            for done, select in enumerate(selects):
                if progress is not None:
                    progress("rules", done // len(KINDS), len(rules))
                con.execute(f"INSERT INTO findings {select.sql}", select.params)
    finally:
        for select in selects:
            select.release()
    if progress is not None:
        progress("rules", len(rules), len(rules))
    return _count(con, "findings")


_WITH_AGENCY = """
    SELECT f.placement_id, f.rule_index, f.kind, f.evidence, j.agency_id
    FROM findings f
    JOIN placements p ON p.id = f.placement_id
    JOIN job_orders j ON j.id = p.job_order_id
"""


def findings_reader(con: duckdb.DuckDBPyConnection, batch_rows: int) -> pa.RecordBatchReader:
    """The findings with their agency, streamed in Arrow batches (bounded memory)."""
    return con.sql(_WITH_AGENCY).to_arrow_reader(batch_rows)


def counts_by_rule(con: duckdb.DuckDBPyConnection, kind: str = VIOLATION) -> dict[int, int]:
    """Findings of one kind (violations by default) per rule index."""
    rows = con.execute(
        "SELECT rule_index, count(*) FROM findings WHERE kind = ? GROUP BY ALL", [kind]
    ).fetchall()
    return {int(index): int(count) for index, count in rows}


def count_kind(con: duckdb.DuckDBPyConnection, kind: str = VIOLATION) -> int:
    """How many findings of ``kind``."""
    rows = con.execute("SELECT count(*) FROM findings WHERE kind = ?", [kind]).fetchall()
    return int(rows[0][0])


def evaluate(con: duckdb.DuckDBPyConnection, rules: Sequence[Rule]) -> pa.Table:
    """All rules at once (:func:`evaluate_into` ``together``), then the findings with
    their ``agency_id`` as one Arrow table, in no particular order. For a few
    placements; runs stream instead."""
    evaluate_into(con, rules, together=True)
    return con.sql(_WITH_AGENCY).to_arrow_table()


class _RuleSelect:
    """One rule's check as a self-contained SELECT of ``placement_id, rule_index, kind,
    evidence``: its subjects ``s`` (the distinct placement and date pairs of ``kind``
    at a stage the rule gates), its parameters and parameter tables renamed
    ``r<index>_...`` so that rules combine. A violation is reported on the first date
    the rule was broken (its breaches of that date)."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, index: int, rule: Rule, kind: str = VIOLATION
    ) -> None:
        self.con = con
        query = build(rule)
        prefix = f"r{index}{kind[0]}_"
        sql = query.sql.strip()
        for name in query.params:
            sql = re.sub(rf"\${name}\b", f"${prefix}{name}", sql)
        self.tables = [prefix + name for name in query.tables]
        for name, table in query.tables.items():
            sql = re.sub(rf"\b{name}\b", prefix + name, sql)
            con.register(prefix + name, table)
        self.params = {prefix + name: value for name, value in query.params.items()}
        gates = ", ".join(f"'{stage.value}'" for stage in rule.gates)  # validated stage names
        subjects = (
            "s AS (SELECT DISTINCT placement_id, eval_on FROM subjects "  # noqa: S608
            f"WHERE kind = '{kind}' AND stage IN ({gates}))"
        )
        if sql[:4].upper() == "WITH":
            body = f"WITH {subjects}, {sql[4:]}"
        else:
            body = f"WITH {subjects} {sql}"
        self.sql = (
            f"SELECT placement_id, {index} AS rule_index, '{kind}' AS kind, "  # noqa: S608
            f"to_json(evidence)::VARCHAR AS evidence FROM ({body}) "
            "QUALIFY struct_extract(evidence, 'on') = "
            "min(struct_extract(evidence, 'on')) OVER (PARTITION BY placement_id)"
        )

    def release(self) -> None:
        for name in self.tables:
            self.con.unregister(name)
