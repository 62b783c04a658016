"""The ground truth of each signal type, and each raised signal mapped onto it.

Both sides are put in the same units, per type (unit: truth in ground_truth/):

- ``irregular_departure``, true person: ``imigrasi_crossings.irregular`` departures
  by someone of working age (18..55 by the true birth date on the exit date, the
  detector's rule); irregular exits of children are the ``underage`` truth's;
- ``underage``, true person: the persons of ``falsified_ages`` workers (15..17 in
  truth) and of ``placement_violations`` ``under_age``, and every person with an
  exit to a placement country (not a round trip, as the rule) while under 18 by
  their true birth date (``persons.birth_date``): the crossing-based children
  (irregular minors), whatever the passport claims;
- ``irregular_departure (medium, high)``: the same, counting only the signals of
  medium or high severity (the queue an officer works first; ``listed_abroad``
  lowers a score);
- ``age_discrepancy``, registry worker: ``falsified_ages``;
- ``children_left_behind``, family member: per the issue's definition, a
  ``child_protection`` child (no caregiver recorded, or both parents abroad) who
  is under 18 on the run date and whose worker parent is abroad on that date by
  the generated registry placements (departed on or before it, not returned by
  it, not deceased). The generator flags children without a caregiver whether or
  not the parent is abroad; those are not the signal's;
- ``voter_missing``, registry worker: ``dpt_ln_missing_workers`` (abroad on the
  generator's date and not listed; the run's election day is that date, so both
  mean the same);
- ``voter_duplicate``, true person: ``dpt_ln`` persons with more than one row;
- ``voter_returned``, DPT LN row: ``dpt_ln.stale``;
- ``voter_ineligible``, DPT LN row: rows whose true person is under 17 on election
  day (``persons.birth_date``) and never married (``persons.marital_status``): the
  generator keeps a share of the never-married minors it chose for the list
  (``dpt_ln.MINORS_KEPT``); married minors are listed too and are eligible (UU 7/2017
  Pasal 198), so they are not in the truth.

Types with no ground truth of their own (`agency_risk`, `reintegration_due`,
`unreported_return`) are counted, not scored: deriving their truth from the same
registry tables the detectors read would only test the SQL against itself.

Signals are mapped through their primary record (``primary_source``/``primary_key``,
store ids looked up by ``record_id`` in the truth) or their ``worker_id``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from lindung.signals.sql import placement_countries
from lindung.store.database import Database

WORKING_AGE = (18, 55)
#: Workers abroad on ``{day}`` by the generated registry placements.
ABROAD = """SELECT worker_id FROM r_placements WHERE departed_on <= {day}
  AND (returned_on IS NULL OR returned_on > {day}) AND status <> 'deceased'"""
#: Exits followed within 30 days by an arrival from the destination (the rules' trips).
ROUND_TRIPS = """SELECT x.id FROM crossing_keys x JOIN crossing_keys r
  ON r.passport_number = x.passport_number AND r.direction = 'arrival'
  AND r.origin_country = x.destination_country AND r.crossing_date >= x.crossing_date
  AND r.crossing_date <= x.crossing_date + INTERVAL 30 DAY WHERE x.direction = 'departure'"""


def _register(con: duckdb.DuckDBPyConnection, truth_dir: Any) -> None:
    for name in (
        "persons",
        "imigrasi_crossings",
        "falsified_ages",
        "placement_violations",
        "child_protection",
        "dpt_ln",
        "dpt_ln_missing_workers",
        "registry_workers",
    ):
        con.execute(
            f"CREATE VIEW t_{name} AS SELECT * FROM read_parquet('{truth_dir / name}.parquet')"
        )
    registry = truth_dir.parent / "registry"
    for name in ("placements", "family_members"):
        con.execute(
            f"CREATE VIEW r_{name} AS SELECT * FROM read_parquet('{registry / name}.parquet')"
        )


def _store_tables(con: duckdb.DuckDBPyConnection, database: Database) -> None:
    """The stored signals and the store ids of the partner rows (by record_id)."""
    import pyarrow as pa
    from sqlalchemy import select

    from lindung.store.models import BorderCrossing, DptLnEntry, PersonRecord, Signal

    with database.session() as session:
        rows = session.execute(
            select(
                Signal.signal_type,
                Signal.subject_kind,
                Signal.subject_key,
                Signal.worker_id,
                Signal.primary_source,
                Signal.primary_key,
                Signal.severity,
                Signal.region_code,
            ).where(Signal.current.is_(True))
        ).all()
        names = (
            "signal_type", "subject_kind", "subject_key", "worker_id", "source", "key", "severity",
            "region_code",
        )  # fmt: skip
        con.register("signals", pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)}))
        links = session.execute(
            select(PersonRecord.source, PersonRecord.record_key, PersonRecord.person_id)
        ).all()
        con.register(
            "person_records",
            pa.table({n: [r[i] for r in links] for i, n in enumerate(("source", "key", "pid"))}),
        )
        keys = session.execute(select(DptLnEntry.id, DptLnEntry.record_id)).all()
        con.register(
            "dpt_keys", pa.table({"id": [k[0] for k in keys], "record_id": [k[1] for k in keys]})
        )
        crossing_columns = ("id", "record_id", "passport_number", "direction", "crossing_date")
        crossings = session.execute(
            select(*(getattr(BorderCrossing, c) for c in crossing_columns),
                   BorderCrossing.destination_country, BorderCrossing.origin_country)
        ).all()  # fmt: skip
        crossing_names = (*crossing_columns, "destination_country", "origin_country")
        con.register(
            "crossing_keys",
            pa.table({n: [r[i] for r in crossings] for i, n in enumerate(crossing_names)}),
        )


def truth_and_predicted(
    con: duckdb.DuckDBPyConnection, as_of: date, election_day: date
) -> dict[str, tuple[str, str]]:
    """Per type: (SQL of the true units, SQL of the predicted units), one column ``u``."""
    day, vote = f"DATE '{as_of}'", f"DATE '{election_day}'"
    low, high = WORKING_AGE
    crossing_person = (
        "SELECT DISTINCT t.person_id AS u FROM signals s JOIN crossing_keys k ON k.id = s.key "
        "JOIN t_imigrasi_crossings t ON t.record_id = k.record_id "
        "WHERE s.signal_type = '{type}' AND s.source = 'border_crossings'"
    )
    by_worker = (
        "SELECT DISTINCT worker_id AS u FROM signals "
        "WHERE signal_type = '{type}' AND worker_id IS NOT NULL"
    )
    dpt_record = (
        "SELECT DISTINCT k.record_id AS u FROM signals s JOIN dpt_keys k ON k.id = s.key "
        "WHERE s.signal_type = '{type}' AND s.source = 'dpt_ln'"
    )
    return {
        "irregular_departure": (
            f"""SELECT DISTINCT t.person_id AS u FROM t_imigrasi_crossings t
                JOIN crossing_keys k ON k.record_id = t.record_id
                JOIN t_persons p ON p.person_id = t.person_id
                WHERE t.irregular AND t.traveller IS NOT NULL AND k.direction = 'departure'
                  AND age_years(p.birth_date, k.crossing_date) BETWEEN {low} AND {high}""",
            crossing_person.format(type="irregular_departure"),
        ),
        "irregular_departure (medium, high)": (
            f"""SELECT DISTINCT t.person_id AS u FROM t_imigrasi_crossings t
                JOIN crossing_keys k ON k.record_id = t.record_id
                JOIN t_persons p ON p.person_id = t.person_id
                WHERE t.irregular AND t.traveller IS NOT NULL AND k.direction = 'departure'
                  AND age_years(p.birth_date, k.crossing_date) BETWEEN {low} AND {high}""",
            crossing_person.format(type="irregular_departure")
            + " AND s.severity IN ('medium', 'high')",
        ),
        "underage": (
            f"""SELECT r.person_id AS u FROM t_registry_workers r WHERE r.worker_id IN (
                  SELECT worker_id FROM t_falsified_ages UNION SELECT worker_id
                  FROM t_placement_violations WHERE violation = 'under_age')
                UNION
                SELECT t.person_id FROM crossing_keys k
                JOIN t_imigrasi_crossings t ON t.record_id = k.record_id
                JOIN t_persons p ON p.person_id = t.person_id
                WHERE k.direction = 'departure'
                  AND k.destination_country IN {placement_countries()}
                  AND age_years(p.birth_date, k.crossing_date) < 18
                  AND k.id NOT IN ({ROUND_TRIPS})""",
            "SELECT r.person_id AS u FROM signals s JOIN t_registry_workers r "
            "ON r.worker_id = s.worker_id WHERE s.signal_type = 'underage' UNION "
            + crossing_person.format(type="underage"),
        ),
        "age_discrepancy": (
            "SELECT DISTINCT worker_id AS u FROM t_falsified_ages",
            by_worker.format(type="age_discrepancy"),
        ),
        "children_left_behind": (
            f"""SELECT DISTINCT c.family_member_id AS u FROM t_child_protection c
                JOIN r_family_members f ON f.id = c.family_member_id
                WHERE age_years(f.birth_date, {day}) < 18 AND f.birth_date <= {day}
                  AND c.worker_id IN ({ABROAD.format(day=day)})""",
            "SELECT DISTINCT CAST(key AS BIGINT) AS u FROM signals "
            "WHERE signal_type = 'children_left_behind' AND source = 'family_members'",
        ),
        "voter_missing": (
            "SELECT DISTINCT worker_id AS u FROM t_dpt_ln_missing_workers",
            by_worker.format(type="voter_missing"),
        ),
        "voter_duplicate": (
            "SELECT person_id AS u FROM t_dpt_ln GROUP BY person_id HAVING count(*) > 1",
            "SELECT DISTINCT t.person_id AS u FROM signals s JOIN dpt_keys k ON k.id = s.key "
            "JOIN t_dpt_ln t ON t.record_id = k.record_id WHERE s.signal_type = 'voter_duplicate'",
        ),
        "voter_returned": (
            "SELECT record_id AS u FROM t_dpt_ln WHERE stale",
            dpt_record.format(type="voter_returned"),
        ),
        "voter_ineligible": (
            f"""SELECT t.record_id AS u FROM t_dpt_ln t JOIN t_persons p USING (person_id)
                WHERE age_years(p.birth_date, {vote}) < 17
                  AND p.marital_status = 'single'""",
            dpt_record.format(type="voter_ineligible"),
        ),
    }


def connect(database: Database, truth_dir: Any) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(
        "CREATE MACRO age_years(b, d) AS date_diff('year', b, d) "
        "- CASE WHEN strftime(d, '%m%d') < strftime(b, '%m%d') THEN 1 ELSE 0 END"
    )
    _register(con, truth_dir)
    _store_tables(con, database)
    return con


def score(con: duckdb.DuckDBPyConnection, truth_sql: str, predicted_sql: str) -> dict[str, Any]:
    """Precision and recall of ``predicted_sql`` against ``truth_sql`` (one column ``u``)."""
    query = f"""WITH t AS ({truth_sql}), p AS ({predicted_sql})
      SELECT (SELECT count(*) FROM t), (SELECT count(*) FROM p),
             (SELECT count(*) FROM p WHERE u IN (SELECT u FROM t))"""
    truth, predicted, hits = con.execute(query).fetchone() or (0, 0, 0)
    return {
        "truth": truth,
        "signals": predicted,
        "true_positives": hits,
        "precision": round(hits / predicted, 4) if predicted else None,
        "recall": round(hits / truth, 4) if truth else None,
    }


def regions(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """Per type: signals, how many carry a region (a regional officer sees only
    those: the others reach national readers alone) and their share; for the types
    whose primary record is a crossing, how many of those with a region name one in
    the true traveller's own regency (``PP.RR``: a false link would name a stranger's)."""
    rows = con.execute(
        """SELECT s.signal_type, count(*), count(s.region_code),
                  count(s.region_code) FILTER (WHERE s.source = 'border_crossings'),
                  count(*) FILTER (WHERE substr(s.region_code, 1, 5)
                                         = substr(p.origin_village_code, 1, 5))
           FROM signals s
           LEFT JOIN crossing_keys k ON s.source = 'border_crossings' AND k.id = s.key
           LEFT JOIN t_imigrasi_crossings t ON t.record_id = k.record_id
           LEFT JOIN t_persons p ON p.person_id = t.person_id
           GROUP BY 1 ORDER BY 1"""
    ).fetchall()
    found: dict[str, dict[str, Any]] = {}
    for name, total, located, on_crossings, own in rows:
        found[str(name)] = {
            "signals": int(total),
            "with_region": int(located),
            "share": round(located / total, 4) if total else None,
            "on_crossings_with_region": int(on_crossings),
            "own_regency": int(own) if on_crossings else None,
        }
    return found


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    rows = con.execute("SELECT signal_type, count(*) FROM signals GROUP BY 1 ORDER BY 1").fetchall()
    return {str(t): int(n) for t, n in rows}
