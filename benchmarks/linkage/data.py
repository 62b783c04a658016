"""Benchmark inputs: generated partner files mapped to ``lindung link``'s columns, with
the true pairs from the ground truth (which the models never see).

Pairings (issue #4):

- ``registry_immigration``: registry workers (left, Parquet, *no passport number*: the
  names and dates must do the work for the 88% of crossings without a NIK) against
  the Ditjen Imigrasi crossings (right, CSV as delivered: upper case, passport names).
- ``registry_voters``: registry workers against the overseas voter list DPT LN (CSV,
  DD/MM/YYYY dates, L/P, Hj. titles, placeholder dates, NIKs missing or mistyped).
- ``voters_dedupe``: duplicates within the voter list.

A true pair is two records of the same ``person_id``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

PAIRINGS = ("registry_immigration", "registry_voters", "voters_dedupe")


@dataclass(frozen=True)
class Pairing:
    """One linkage task: input files (``right`` None for de-duplication) and truth."""

    name: str
    left: Path
    right: Path | None
    truth: Path  # Parquet: left_id, right_id (for dedupe: left_id < right_id)


def _registry(con: duckdb.DuckDBPyConnection, demo: Path, out: Path) -> None:
    con.execute(
        f"""COPY (SELECT CAST(id AS VARCHAR) AS record_id, full_name, birth_date, sex, nik,
                         NULL AS passport_no, birth_place
                  FROM '{demo}/registry/workers.parquet') TO '{out}' (FORMAT parquet)"""
    )


def _crossings(con: duckdb.DuckDBPyConnection, demo: Path, out: Path) -> None:
    con.execute(
        f"""COPY (SELECT record_id, name AS full_name, birth_date, sex, nik,
                         passport_number AS passport_no, NULL AS birth_place
                  FROM read_csv('{demo}/partners/imigrasi_crossings.csv', all_varchar = true))
            TO '{out}' (HEADER)"""
    )


def _voters(con: duckdb.DuckDBPyConnection, demo: Path, out: Path) -> None:
    con.execute(
        f"""COPY (SELECT record_id, name AS full_name, birth_date, sex, nik,
                         NULL AS passport_no, birth_place
                  FROM read_csv('{demo}/partners/dpt_ln.csv', all_varchar = true))
            TO '{out}' (HEADER)"""
    )


def _registry_truth(con: duckdb.DuckDBPyConnection, demo: Path, partner: str, out: Path) -> None:
    con.execute(
        f"""COPY (SELECT DISTINCT CAST(w.worker_id AS VARCHAR) AS left_id, p.record_id AS right_id
                  FROM '{demo}/ground_truth/registry_workers.parquet' w
                  JOIN '{demo}/ground_truth/{partner}.parquet' p USING (person_id))
            TO '{out}' (FORMAT parquet)"""
    )


def _dedupe_truth(con: duckdb.DuckDBPyConnection, demo: Path, partner: str, out: Path) -> None:
    con.execute(
        f"""COPY (SELECT a.record_id AS left_id, b.record_id AS right_id
                  FROM '{demo}/ground_truth/{partner}.parquet' a
                  JOIN '{demo}/ground_truth/{partner}.parquet' b
                    ON a.person_id = b.person_id AND a.record_id < b.record_id)
            TO '{out}' (FORMAT parquet)"""
    )


def make_pairings(demo: Path, work: Path, names: tuple[str, ...] = PAIRINGS) -> list[Pairing]:
    """The input and truth files of each pairing in ``names``, written under ``work``."""
    work.mkdir(parents=True, exist_ok=True)
    registry, crossings, voters = (
        work / "registry.parquet",
        work / "crossings.csv",
        work / "voters.csv",
    )
    con = duckdb.connect()
    _registry(con, demo, registry)
    pairings = []
    if "registry_immigration" in names:
        _crossings(con, demo, crossings)
        truth = work / "truth_registry_immigration.parquet"
        _registry_truth(con, demo, "imigrasi_crossings", truth)
        pairings.append(Pairing("registry_immigration", registry, crossings, truth))
    if {"registry_voters", "voters_dedupe"} & set(names):
        _voters(con, demo, voters)
    if "registry_voters" in names:
        truth = work / "truth_registry_voters.parquet"
        _registry_truth(con, demo, "dpt_ln", truth)
        pairings.append(Pairing("registry_voters", registry, voters, truth))
    if "voters_dedupe" in names:
        truth = work / "truth_voters_dedupe.parquet"
        _dedupe_truth(con, demo, "dpt_ln", truth)
        pairings.append(Pairing("voters_dedupe", voters, None, truth))
    con.close()
    return pairings


def rows(path: Path) -> int:
    source = f"'{path}'" if path.suffix == ".parquet" else f"read_csv('{path}')"
    return int(duckdb.sql(f"SELECT count(*) FROM {source}").fetchall()[0][0])
