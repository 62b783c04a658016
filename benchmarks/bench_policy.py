"""Evaluate every rule for a million placements: wall time and peak memory.

Run: ``python -m benchmarks.bench_policy --workers 1000000`` (about 1.09 million
placements). The demo data set is generated first, in a child process, when
``--out`` does not hold it yet (not timed). The timed part is what
``lindung policy check`` does in the analytics engine: load the store's tables
(here the generator's Parquet files, the same columns) into DuckDB, build the
subjects (each stage each placement entered, on the day it entered it, from
``placement_events``; and the next stage of those before departure, on ``--as-of``), run
every rule in force on ``--as-of`` set-based and hand the findings over as a
stream of Arrow batches (what the run writer consumes). Writing them into the
store is not timed here.

Target (issue 3): under 60 s and 4 GB on 2 cores. Reference, measured in the same
run: a plain DuckDB scan of the same tables (loading the same columns from the
same Parquet files into DuckDB), so the ratio says what the rules cost on top of
reading the data.

Tables the generator does not fill yet (documents, health checks, certificates,
social security, costs, licence events) read as empty: the document, health,
competence and social-security rules then find every placement that reached
their stage, which is the heaviest output the rules can produce.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from benchmarks.machine import machine
from lindung.demo import DemoConfig
from lindung.demo.output import read_manifest
from lindung.domain.policy import load_rules
from lindung.policy.engine import (
    BLOCKER,
    add_run_subjects,
    count_kind,
    counts_by_rule,
    evaluate_into,
    findings_reader,
)
from lindung.policy.relations import RELATIONS, load_from_parquet
from lindung.policy.service import connect

RESULTS = Path(__file__).parent / "results"


def own_peak_mb() -> float:
    """Peak resident memory of this process only (not the generator child)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ensure_data(workers: int, seed: int, out: Path) -> None:
    config = DemoConfig(workers=workers, seed=seed, out_dir=out)
    try:
        manifest = read_manifest(config)
    except ValueError:  # unreadable: generate again
        manifest = None
    if manifest is not None and manifest.get("config", {}).get("workers") == workers:
        return
    code = (
        "from pathlib import Path; from lindung.demo import DemoConfig, generate; "
        f"generate(DemoConfig(workers={workers}, seed={seed}, out_dir=Path({str(out)!r})))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _connect(threads: int) -> duckdb.DuckDBPyConnection:
    con = connect(Path(tempfile.mkdtemp(prefix="lindung-bench-policy-")))  # a bulk run's settings
    con.execute(f"SET threads = {threads}")
    return con


def reference_scan(registry: Path, threads: int) -> float:
    """Seconds to load the same columns of the same files into DuckDB."""
    start = time.perf_counter()
    with _connect(threads) as con:
        load_from_parquet(con, registry)
        for relation in RELATIONS:
            con.execute(f"SELECT count(*) FROM {relation.name}").fetchall()
    return time.perf_counter() - start


def evaluate_all(registry: Path, as_of: date, threads: int) -> dict[str, Any]:
    rules = load_rules().in_force(as_of)
    clock: dict[str, float] = {}
    rule_times: dict[str, float] = {}
    start = time.perf_counter()
    with _connect(threads) as con:
        load_from_parquet(con, registry)
        clock["load_s"] = time.perf_counter() - start
        subjects = add_run_subjects(con, as_of)
        clock["subjects_s"] = time.perf_counter() - start - clock["load_s"]
        last = [time.perf_counter()]

        def progress(_stage: str, done: int, _total: int) -> None:
            now = time.perf_counter()
            if 0 < done <= len(rules):
                rule_times[rules[done - 1].id] = round(now - last[0], 2)
            last[0] = now

        found = evaluate_into(con, rules, progress)
        counts = counts_by_rule(con)
        blockers = count_kind(con, BLOCKER)
        handed = time.perf_counter()
        streamed = sum(batch.num_rows for batch in findings_reader(con, 100_000))
        clock["hand_over_s"] = time.perf_counter() - handed
        placements = con.execute("SELECT count(*) FROM placements").fetchall()[0]
    total = time.perf_counter() - start
    assert streamed == found
    return {
        "placements": int(placements[0]),
        "subjects": subjects,
        "rules": len(rules),
        "findings": found,
        "violations": found - blockers,
        "blockers": blockers,
        "findings_by_rule": {rule.id: counts.get(i, 0) for i, rule in enumerate(rules)},
        "seconds_by_rule": rule_times,
        "total_s": round(total, 2),
        **{k: round(v, 2) for k, v in clock.items()},
    }


def write_markdown(report: dict[str, Any], path: Path) -> None:
    r = report["results"]
    lines = [
        "# Policy engine: every rule over the generated placements",
        "",
        f"Machine: {report['machine']['cpu']}, {report['machine']['cores']} cores, "
        f"{report['machine']['memory_gb']} GB; DuckDB threads: {report['threads']}.",
        f"Data: demo generator, {report['workers']:,} workers, seed {report['seed']}; "
        f"as of {report['as_of']}.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| placements | {r['placements']:,} |",
        f"| placements evaluated (registered by the date) | {r['subjects']:,} |",
        f"| rules in force | {r['rules']} |",
        f"| findings: violations / blockers of the next stage | "
        f"{r.get('violations', r['findings']):,} / {r.get('blockers', 0):,} |",
        f"| wall time, load + subjects + all rules (s) | {r['total_s']} |",
        f"| of which load (s) | {r['load_s']} |",
        f"| of which handing the findings over as Arrow batches (s) | {r['hand_over_s']} |",
        f"| peak memory (MB) | {r['peak_rss_mb']:,} |",
        f"| reference: plain DuckDB scan of the same tables (s) | {r['reference_scan_s']} |",
        f"| ratio to the reference | {r['ratio_to_scan']} |",
        "| target | < 60 s, < 4 GB, 2 cores |",
        f"| machine load average (1 min) before / after | {r['load_average_1min']} |",
        "",
        "Violations and seconds by rule:",
        "",
        "| rule | violations | seconds |",
        "|---|---|---|",
    ]
    for rule_id, seconds in r["seconds_by_rule"].items():
        lines.append(f"| {rule_id} | {r['findings_by_rule'].get(rule_id, 0):,} | {seconds} |")
    lines += ["", report["note"], ""]
    path.write_text("\n".join(lines), encoding="utf-8")


NOTE = (
    "The generator fills every table the rules read (documents, health checks, "
    "certificates, social security, costs, licence events) and plants violations of each "
    "rule; the engine runs with a bulk run's memory cap (LINDUNG_POLICY_MEMORY_LIMIT, "
    "default 2.5GB) and spills the rest to a temporary directory."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2029)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/policy"))
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 1))
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    ensure_data(args.workers, args.seed, args.out)
    registry = args.out / "registry"
    load_before = os.getloadavg()[0]
    reference = reference_scan(registry, args.threads)
    results = evaluate_all(registry, args.as_of, args.threads)
    results["reference_scan_s"] = round(reference, 2)
    results["ratio_to_scan"] = round(results["total_s"] / reference, 1)
    results["peak_rss_mb"] = round(own_peak_mb())
    # other work on the machine inflates the times: say how busy it was
    results["load_average_1min"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    report = {
        "workers": args.workers,
        "seed": args.seed,
        "as_of": args.as_of.isoformat(),
        "threads": args.threads,
        "machine": machine(),
        "results": results,
        "note": NOTE,
    }
    RESULTS.mkdir(exist_ok=True)
    suffix = "" if args.workers == 1_000_000 else f"_{args.workers}"
    (RESULTS / f"policy{suffix}.json").write_text(json.dumps(report, indent=2) + "\n")
    write_markdown(report, RESULTS / f"policy{suffix}.md")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
