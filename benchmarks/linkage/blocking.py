"""Blocking: candidate pairs and recall of the true pairs, per rule, current rules
against version 3's.

``python -m benchmarks.linkage.blocking --workers 100000 1000000``. For each pairing
(the generated data of ``benchmarks/linkage/data.py``) the files are prepared as
``lindung link`` prepares them; each blocking rule's SQL (as Splink runs it) is
joined over the two prepared tables, counting the pairs it adds to the rules before
it (Splink scores each pair once) and the true pairs among them. Recall here is the
share of true pairs that reach scoring at all: the ceiling of the model's recall.
Results: ``benchmarks/results/linkage_blocking.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import duckdb
from benchmarks.linkage.data import PAIRINGS, make_pairings
from benchmarks.machine import machine
from splink import block_on

from lindung.demo import DemoConfig, generate
from lindung.linkage.model import blocking_rules
from lindung.linkage.prepare import prepare

RESULTS = Path(__file__).resolve().parent.parent / "results"


def version_3_rules() -> list[Any]:
    """The blocking rules of model version 3 (name + year uncapped), for comparison."""
    return [
        block_on("nik"),
        block_on("passport_no"),
        block_on("birth_date", "first_key"),
        block_on("birth_date", "last_key"),
        block_on("name_sorted", "birth_year"),
        block_on("first_key", "last_key", "birth_year"),
        block_on("name_sorted", "birth_day_month"),
    ]


def measure(con: duckdb.DuckDBPyConnection, rules: list[Any], dedupe: bool) -> dict[str, Any]:
    """Pairs and true pairs each rule adds, and the recall of their union."""
    order = " AND l.unique_id < r.unique_id" if dedupe else ""
    truth = (
        "FROM truth t JOIN lindung_left l ON l.unique_id = t.left_id "
        "JOIN lindung_right r ON r.unique_id = t.right_id"
    )
    earlier: list[str] = []
    rows = []
    for rule in rules:
        sql = rule.get_blocking_rule("duckdb").blocking_rule_sql
        new = " AND ".join(
            [f"coalesce({sql}, false)", *(f"NOT coalesce({e}, false)" for e in earlier)]
        )
        start = time.perf_counter()
        pairs = con.execute(
            f"SELECT count(*) FROM lindung_left l JOIN lindung_right r ON {sql}{order} WHERE {new}"
        ).fetchall()[0][0]
        true = con.execute(f"SELECT count(*) {truth} WHERE {new}").fetchall()[0][0]
        seconds = round(time.perf_counter() - start, 1)
        rows.append({"rule": sql, "pairs": pairs, "true_pairs": true, "count_s": seconds})
        earlier.append(sql)
    total = con.execute("SELECT count(*) FROM truth").fetchall()[0][0]
    blocked = sum(r["true_pairs"] for r in rows)
    return {
        "rules": rows,
        "pairs": sum(r["pairs"] for r in rows),
        "true_pairs": total,
        "blocked_true_pairs": blocked,
        "recall": round(blocked / total, 5) if total else None,
    }


def run(workers: int, seed: int, out: Path, names: tuple[str, ...]) -> dict[str, Any]:
    demo = out / f"demo_{workers}"
    if not (demo / "manifest.json").exists():
        generate(DemoConfig(workers=workers, seed=seed, out_dir=demo))
    found = {}
    for pairing in make_pairings(demo, out / f"inputs_{workers}", names):
        print(f"{pairing.name} at {workers:,} workers", flush=True)
        con = duckdb.connect()
        prepare(con, pairing.left, "lindung_left")
        if pairing.right is None:
            con.execute("CREATE VIEW lindung_right AS SELECT * FROM lindung_left")
        else:
            prepare(con, pairing.right, "lindung_right")
        con.execute(f"CREATE TABLE truth AS SELECT * FROM '{pairing.truth}'")
        dedupe = pairing.right is None
        found[pairing.name] = {
            "current": measure(con, blocking_rules(), dedupe),
            "version_3": measure(con, version_3_rules(), dedupe),
        }
        con.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, nargs="*", default=[100_000])
    parser.add_argument("--pairings", nargs="*", default=list(PAIRINGS), choices=PAIRINGS)
    parser.add_argument("--seed", type=int, default=2029)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/linkage"))
    args = parser.parse_args()
    report: dict[str, Any] = {"machine": machine()}
    for workers in args.workers:
        report[str(workers)] = run(workers, args.seed, args.out, tuple(args.pairings))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "linkage_blocking.json").write_text(json.dumps(report, indent=2) + "\n")
    for workers in args.workers:
        for name, result in report[str(workers)].items():
            for version, measured in result.items():
                print(
                    f"{workers:>9,} {name:22} {version:10} pairs {measured['pairs']:>12,} "
                    f"recall {measured['recall']}"
                )


if __name__ == "__main__":
    main()
