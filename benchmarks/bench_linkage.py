"""Accuracy of registry <-> immigration linkage: the Indonesian model against a generic one.

Run: ``python -m benchmarks.bench_linkage --workers 10000``. Generates the demo
data, maps the registry workers (left) and the Ditjen Imigrasi crossings (right)
to the standard person-record columns, links them with ``lindung link``'s model
(:func:`lindung.linkage.run.link_files`) and, in the same run, with a generic
Splink model (first token as forename, last as surname, Jaro-Winkler, date of
birth, exact sex and NIK, blocking on the date of birth, the names and the NIK,
trained the usual way, and once more trained the way ``lindung link`` trains),
and scores them against the ground truth.

Two scenarios: the registry export without passport numbers (names and dates
must do the work for the 88% of crossings without a NIK), and with them.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path
from typing import Any

import duckdb
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from benchmarks.machine import machine, peak_rss_mb
from lindung.demo import DemoConfig, generate
from lindung.linkage.model import floored
from lindung.linkage.prepare import DATE_FORMATS
from lindung.linkage.run import DETERMINISTIC_RECALL, U_SAMPLE_PAIRS, link_files

RESULTS = Path(__file__).parent / "results"
THRESHOLDS = (0.5, 0.9, 0.99)


def make_inputs(demo: Path, work: Path, passports: bool) -> tuple[Path, Path, Path]:
    """Left (registry, Parquet), right (crossings, CSV) and the truth pairs (Parquet)."""
    left, right, truth = work / "registry.parquet", work / "crossings.csv", work / "truth.parquet"
    passport = (
        "(SELECT max(number) FROM '{d}/registry/passports.parquet' p WHERE p.worker_id = w.id)"
        if passports
        else "NULL"
    ).format(d=demo)
    con = duckdb.connect()
    con.execute(
        f"""COPY (SELECT id AS record_id, full_name, birth_date, sex, nik,
                         {passport} AS passport_no, birth_place
                  FROM '{demo}/registry/workers.parquet' w) TO '{left}' (FORMAT parquet)"""
    )
    con.execute(
        f"""COPY (SELECT record_id, name AS full_name, birth_date, sex, nik,
                         passport_number AS passport_no, NULL AS birth_place
                  FROM read_csv('{demo}/partners/imigrasi_crossings.csv', all_varchar = true))
            TO '{right}' (HEADER)"""
    )
    con.execute(
        f"""COPY (SELECT CAST(worker_id AS VARCHAR) AS left_id, record_id AS right_id
                  FROM '{demo}/ground_truth/imigrasi_crossings.parquet'
                  WHERE worker_id IS NOT NULL) TO '{truth}' (FORMAT parquet)"""
    )
    con.close()
    return left, right, truth


def score(pairs_csv: Path, truth: Path) -> dict[str, Any]:
    """Precision, recall and F1 at each threshold."""
    con = duckdb.connect()
    total = con.execute(f"SELECT count(*) FROM '{truth}'").fetchall()[0][0]
    scores = {}
    for threshold in THRESHOLDS:
        found, hits = con.execute(
            f"""SELECT count(*), count(t.left_id)
                FROM read_csv('{pairs_csv}', all_varchar = true) p
                LEFT JOIN '{truth}' t
                  ON t.left_id = p.left_id AND t.right_id = p.right_id
                WHERE CAST(p.match_probability AS DOUBLE) >= {threshold}"""
        ).fetchall()[0]
        precision = hits / found if found else 0.0
        recall = hits / total if total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        scores[str(threshold)] = {
            "pairs": found,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }
    con.close()
    return {"true_pairs": total, "by_threshold": scores}


def _generic_table(con: duckdb.DuckDBPyConnection, source: str, name: str) -> None:
    date = "CAST(coalesce({}) AS DATE)".format(
        ", ".join(f"try_strptime(CAST(birth_date AS VARCHAR), '{f}')" for f in DATE_FORMATS)
    )
    con.execute(
        f"""CREATE TABLE {name} AS
            SELECT CAST(record_id AS VARCHAR) AS unique_id,
                   NULLIF(split_part(lower(trim(full_name)), ' ', 1), '') AS first_name,
                   NULLIF(list_last(string_split(lower(trim(full_name)), ' ')), '') AS surname,
                   {date} AS dob,
                   CASE upper(sex) WHEN 'M' THEN 'M' WHEN 'L' THEN 'M'
                                   WHEN 'F' THEN 'F' WHEN 'P' THEN 'F' END AS sex,
                   NULLIF(regexp_replace(CAST(nik AS VARCHAR), '[^0-9]', '', 'g'), '') AS nik,
                   NULLIF(upper(regexp_replace(CAST(passport_no AS VARCHAR), '[^A-Za-z0-9]', '',
                                               'g')), '') AS passport_no
            FROM {source}"""
    )


def generic_link(
    left: Path, right: Path, out: Path, threshold: float, passports: bool, our_training: bool
) -> None:
    """The generic Splink model (with an exact passport comparison and blocking rule
    when both sides carry passports). Trained the usual way (EM on the date of birth,
    then on the names), or with ``our_training`` the way ``lindung link`` trains (EM on
    the date of birth, then on the NIK; m probabilities floored), to tell the gain of
    the features from the gain of the training."""
    con = duckdb.connect()
    _generic_table(con, f"'{left}'", "g_left")
    _generic_table(con, f"read_csv('{right}', all_varchar = true)", "g_right")
    db_api = DuckDBAPI(con)
    tables = [
        db_api.register("g_left", dataset_display_name="left"),
        db_api.register("g_right", dataset_display_name="right"),
    ]
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("first_name", [0.92, 0.8]).configure(
                term_frequency_adjustments=True
            ),
            cl.JaroWinklerAtThresholds("surname", [0.92, 0.8]).configure(
                term_frequency_adjustments=True
            ),
            cl.DateOfBirthComparison("dob", input_is_string=False),
            cl.ExactMatch("sex"),
            cl.ExactMatch("nik"),
            *([cl.ExactMatch("passport_no")] if passports else []),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("dob"),
            block_on("first_name", "surname"),
            block_on("nik"),
            *([block_on("passport_no")] if passports else []),
        ],
        retain_intermediate_calculation_columns=True,
    )
    linker = Linker(tables, settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("nik"), block_on("first_name", "surname", "dob")], recall=DETERMINISTIC_RECALL
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=U_SAMPLE_PAIRS, seed=2029)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    second = block_on("nik") if our_training else block_on("first_name", "surname")
    linker.training.estimate_parameters_using_expectation_maximisation(second)
    if our_training:
        trained = floored(linker.misc.save_model_to_json())
        db_api = DuckDBAPI(con)
        tables = [
            db_api.register("g_left", dataset_display_name="left"),
            db_api.register("g_right", dataset_display_name="right"),
        ]
        linker = Linker(tables, trained, log_level=logging.ERROR)
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    con.execute(
        f"""COPY (SELECT CASE WHEN source_dataset_l = 'left' THEN unique_id_l
                              ELSE unique_id_r END AS left_id,
                         CASE WHEN source_dataset_l = 'left' THEN unique_id_r
                              ELSE unique_id_l END AS right_id,
                         match_probability
                  FROM {predictions.physical_name}) TO '{out}' (HEADER)"""
    )
    con.close()


def run(workers: int, seed: int, out_dir: Path) -> dict[str, Any]:
    demo = out_dir / "demo"
    generate(DemoConfig(workers=workers, seed=seed, out_dir=demo))
    results: dict[str, Any] = {}
    for scenario, passports in (("without_passports", False), ("with_passports", True)):
        work = out_dir / scenario
        work.mkdir(parents=True, exist_ok=True)
        left, right, truth = make_inputs(demo, work, passports)
        start = time.perf_counter()
        linked = link_files(left, right, work / "indonesian.csv", threshold=min(THRESHOLDS))
        indonesian_s = time.perf_counter() - start
        results[scenario] = {
            "left_rows": linked.left_rows,
            "right_rows": linked.right_rows,
            "indonesian": {"seconds": round(indonesian_s, 1), **score(linked.out, truth)},
        }
        for name, ours in (("generic", False), ("generic_lindung_training", True)):
            start = time.perf_counter()
            generic_link(left, right, work / f"{name}.csv", min(THRESHOLDS), passports, ours)
            seconds = time.perf_counter() - start
            results[scenario][name] = {
                "seconds": round(seconds, 1),
                **score(work / f"{name}.csv", truth),
            }
    results["peak_rss_mb"] = round(peak_rss_mb())
    return {"workers": workers, "seed": seed, "machine": machine(), "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2029)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/linkage"))
    args = parser.parse_args()
    report = run(args.workers, args.seed, args.out)
    RESULTS.mkdir(exist_ok=True)
    name = "linkage.json" if args.workers == 10_000 else f"linkage_{args.workers}.json"
    (RESULTS / name).write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
