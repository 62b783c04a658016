"""Evaluate rules set-based in DuckDB: all placements at once, or a few.

The subjects are ``subjects(placement_id, eval_on, reached)``: the placements to
judge, the date each is judged on, and the lifecycle stages each has entered. A
rule applies to a subject when it gates one of the stages the subject reached,
and is evaluated on the subject's date. Date semantics:

- a bulk run as of D (:func:`add_run_subjects`): every placement registered on
  or before D; a placement that departed on or before D is judged on its
  departure date (the rules gating departure applied then), any other on D.
  The stages reached come from the placement's current status (a placement whose
  departure is after D counts as not yet departed); withdrawn and failed
  departures count as registered only (nothing more is asked of them);
- a transition to stage T on date D (:func:`add_transition_subjects`): the
  placement is judged on D for the rules gating T.

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

from lindung.domain.lifecycle import BEFORE_DEPARTURE, PlacementStatus, reached
from lindung.domain.policy import Rule
from lindung.policy.checks import build


def _reach_table() -> pa.Table:
    statuses = list(PlacementStatus)
    return pa.table(
        {
            "status": [s.value for s in statuses],
            "reached": [[r.value for r in reached(s)] for s in statuses],
            "before_departure": [[r.value for r in BEFORE_DEPARTURE]] * len(statuses),
        }
    )


def add_run_subjects(
    con: duckdb.DuckDBPyConnection, as_of: date, placement_ids: Iterable[int] | None = None
) -> int:
    """Subjects of a run as of ``as_of`` (every placement, or ``placement_ids``)."""
    reach = _reach_table()  # noqa: F841 (read by DuckDB by name)
    ids = None if placement_ids is None else sorted(set(placement_ids))
    con.execute(
        """
        CREATE OR REPLACE TABLE subjects AS
        SELECT p.id AS placement_id,
            CASE WHEN p.departed_on <= $as_of THEN p.departed_on ELSE $as_of END AS eval_on,
            CASE WHEN p.departed_on > $as_of AND list_contains(r.reached, 'departed')
                 THEN r.before_departure ELSE r.reached END AS reached
        FROM placements p JOIN reach r ON r.status = p.status
        WHERE p.registered_on <= $as_of
          AND ($all OR list_contains($ids::BIGINT[], p.id))
        """,
        {"as_of": as_of, "all": ids is None, "ids": ids or []},
    )
    return _count(con, "subjects")


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
    con.execute("CREATE OR REPLACE TABLE subjects AS SELECT * FROM moves_table")
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
        "(placement_id BIGINT, rule_index INTEGER, evidence VARCHAR)"
    )
    selects = [_RuleSelect(con, index, rule) for index, rule in enumerate(rules)]
    try:
        if together and selects:
            params = {k: v for select in selects for k, v in select.params.items()}
            union = " UNION ALL ".join(select.sql for select in selects)
            con.execute(f"INSERT INTO findings {union}", params)
        else:
            for done, select in enumerate(selects):
                if progress is not None:
                    progress("rules", done, len(selects))
                con.execute(f"INSERT INTO findings {select.sql}", select.params)
    finally:
        for select in selects:
            select.release()
    if progress is not None:
        progress("rules", len(rules), len(rules))
    return _count(con, "findings")


_WITH_AGENCY = """
    SELECT f.placement_id, f.rule_index, f.evidence, j.agency_id
    FROM findings f
    JOIN placements p ON p.id = f.placement_id
    JOIN job_orders j ON j.id = p.job_order_id
"""


def findings_reader(con: duckdb.DuckDBPyConnection, batch_rows: int) -> pa.RecordBatchReader:
    """The findings with their agency, streamed in Arrow batches (bounded memory)."""
    return con.sql(_WITH_AGENCY).to_arrow_reader(batch_rows)


def counts_by_rule(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """Findings per rule index."""
    rows = con.execute("SELECT rule_index, count(*) FROM findings GROUP BY ALL").fetchall()
    return {int(index): int(count) for index, count in rows}


def evaluate(con: duckdb.DuckDBPyConnection, rules: Sequence[Rule]) -> pa.Table:
    """All rules at once (:func:`evaluate_into` ``together``), then the findings with
    their ``agency_id`` as one Arrow table, in no particular order. For a few
    placements; runs stream instead."""
    evaluate_into(con, rules, together=True)
    return con.sql(_WITH_AGENCY).to_arrow_table()


class _RuleSelect:
    """One rule's check as a self-contained SELECT of ``placement_id, rule_index,
    evidence``: its subjects ``s`` (those that reached a stage the rule gates), its
    parameters and parameter tables renamed ``r<index>_...`` so that rules combine."""

    def __init__(self, con: duckdb.DuckDBPyConnection, index: int, rule: Rule) -> None:
        self.con = con
        query = build(rule)
        prefix = f"r{index}_"
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
            "s AS (SELECT placement_id, eval_on FROM subjects "  # noqa: S608
            f"WHERE list_has_any(reached, [{gates}]))"
        )
        if sql[:4].upper() == "WITH":
            body = f"WITH {subjects}, {sql[4:]}"
        else:
            body = f"WITH {subjects} {sql}"
        self.sql = (
            f"SELECT placement_id, {index} AS rule_index, "  # noqa: S608
            f"to_json(evidence)::VARCHAR AS evidence FROM ({body})"
        )

    def release(self) -> None:
        for name in self.tables:
            self.con.unregister(name)
