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

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from lindung.domain.lifecycle import PlacementStatus
from lindung.domain.policy import Rule
from lindung.policy.checks import build

_PATH = (
    PlacementStatus.REGISTERED,
    PlacementStatus.DOCUMENTS_COMPLETE,
    PlacementStatus.TRAINED,
    PlacementStatus.MEDICALLY_FIT,
    PlacementStatus.CONTRACTS_SIGNED,
    PlacementStatus.VISA_ISSUED,
    PlacementStatus.ORIENTED,
    PlacementStatus.DEPARTED,
    PlacementStatus.WORKING,
)
_BEFORE_DEPARTURE = _PATH[: _PATH.index(PlacementStatus.DEPARTED)]


def reached(status: PlacementStatus) -> tuple[PlacementStatus, ...]:
    """The stages a placement now in ``status`` has entered."""
    if status in _PATH:
        return _PATH[: _PATH.index(status) + 1]
    if status is PlacementStatus.EXTENDED:
        return (*_PATH, PlacementStatus.EXTENDED)
    if status in (PlacementStatus.WITHDRAWN, PlacementStatus.FAILED_DEPARTURE):
        return (PlacementStatus.REGISTERED,)
    return _PATH  # returned, repatriated, deceased: they departed and worked


def _reach_table() -> pa.Table:
    statuses = list(PlacementStatus)
    return pa.table(
        {
            "status": [s.value for s in statuses],
            "reached": [[r.value for r in reached(s)] for s in statuses],
            "before_departure": [[r.value for r in _BEFORE_DEPARTURE]] * len(statuses),
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
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
    return int(row[0]) if row else 0


def evaluate(
    con: duckdb.DuckDBPyConnection,
    rules: Sequence[Rule],
    progress: Any = None,
) -> pa.Table:
    """Run every rule over the subjects; the findings as an Arrow table with
    ``placement_id, rule_index`` (into ``rules``), ``evidence`` (JSON text) and
    ``agency_id``."""
    con.execute(
        "CREATE OR REPLACE TABLE findings "
        "(placement_id BIGINT, rule_index INTEGER, evidence VARCHAR)"
    )
    for index, rule in enumerate(rules):
        if progress is not None:
            progress("rules", index, len(rules))
        _run_rule(con, index, rule)
    if progress is not None:
        progress("rules", len(rules), len(rules))
    return con.sql(
        """
        SELECT f.placement_id, f.rule_index, f.evidence, j.agency_id
        FROM findings f
        JOIN placements p ON p.id = f.placement_id
        JOIN job_orders j ON j.id = p.job_order_id
        ORDER BY f.placement_id, f.rule_index, f.evidence
        """
    ).to_arrow_table()


def _run_rule(con: duckdb.DuckDBPyConnection, index: int, rule: Rule) -> None:
    gates = ", ".join(f"'{stage.value}'" for stage in rule.gates)  # validated stage names
    con.execute(
        "CREATE OR REPLACE TEMP VIEW s AS SELECT placement_id, eval_on FROM subjects "  # noqa: S608
        f"WHERE list_has_any(reached, [{gates}])"
    )
    query = build(rule)
    for name, table in query.tables.items():
        con.register(name, table)
    try:
        con.execute(
            f"INSERT INTO findings SELECT placement_id, {index}, to_json(evidence)::VARCHAR "  # noqa: S608
            f"FROM ({query.sql})",
            query.params,
        )
    finally:
        for name in query.tables:
            con.unregister(name)
