"""Import a million immigration rows (CSV) into SQLite and into PostgreSQL.

Run: ``python -m benchmarks.bench_import --rows 1000000``. The target (issue:
imports) is within 10x of DuckDB's own ``read_csv`` of the same file, measured in
the same run, and under 1 GB peak memory.

The file: the demo generator's crossings (50,000 workers), repeated with fresh
record ids until it has ``--rows`` rows. Each measurement runs in its own process
(``--child``) so that ``ru_maxrss`` is that run's peak: the DuckDB reference
(``CREATE TABLE AS SELECT * FROM read_csv(...)`` in memory), the import into a new
SQLite file, and the import into a throwaway PostgreSQL cluster started like the
tests start theirs (tests/support/postgres.py: initdb + pg_ctl, as ``postgres``
when root).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.machine import machine

RESULTS = Path(__file__).parent / "results"
ROOT = Path(__file__).parent.parent


def build_file(rows: int, out: Path) -> Path:
    """A CSV of ``rows`` crossings with unique record ids (generated, then repeated)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    from lindung.demo import DemoConfig, generate

    path = out / f"crossings_{rows}.csv"
    if path.exists():
        return path
    generate(DemoConfig(workers=50_000, seed=2029, out_dir=out / "demo"))
    source = out / "demo" / "partners" / "imigrasi_crossings.csv"
    header = source.open(encoding="utf-8").readline().strip().split(",")
    convert = pacsv.ConvertOptions(column_types={n: pa.string() for n in header})
    base = pacsv.read_csv(source, convert_options=convert)
    parts, made = [], 0
    while made < rows:
        part = base.slice(0, min(len(base), rows - made))
        numbers = pa.array(range(made + 1, made + len(part) + 1))
        ids = pc.binary_join_element_wise(
            "IMG-", pc.utf8_lpad(pc.cast(numbers, pa.string()), 9, "0"), ""
        )
        parts.append(part.set_column(0, "record_id", ids))
        made += len(part)
    pacsv.write_csv(pa.concat_tables(parts), path)
    return path


def child(kind: str, path: Path, url: str) -> dict[str, Any]:
    """One measured run, in this (child) process (wall time, and the CPU time of all
    its threads: less sensitive than the wall time to other work on a shared machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    if kind == "duckdb":
        import duckdb

        con = duckdb.connect()
        con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{path}')")
        rows = con.execute("SELECT count(*) FROM t").fetchone()
        result: dict[str, Any] = {"rows": rows[0] if rows else 0}
    else:
        from lindung.exchange.imports import run_import
        from lindung.settings import load_settings
        from lindung.store.database import Database
        from lindung.store.migrate import upgrade

        database = Database(load_settings(demo_mode=True, database_url=url))
        upgrade(database.engine)
        start, cpu = time.perf_counter(), time.process_time()
        report = run_import(database, "border_crossings", path)
        result = {
            "rows": report.rows_received,
            "inserted": report.inserted,
            "quarantined": report.quarantined,
            "reconciled": report.reconciled,
        }
        database.dispose()
    result["seconds"] = round(time.perf_counter() - start, 2)
    result["cpu_seconds"] = round(time.process_time() - cpu, 2)
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def _peak_rss_mb() -> int:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited
    from the parent across exec)."""
    with open("/proc/self/status", encoding="utf-8") as stream:
        for line in stream:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _measure(kind: str, path: Path, url: str = "") -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.bench_import", "--child", kind]
    command += ["--file", str(path), "--url", url]
    load_before = os.getloadavg()[0]
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    measured: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    # The machine is shared: the 1-minute load average around the run says how much.
    measured["load_average"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    return measured


def _postgres(path: Path) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "tests"))
    from sqlalchemy import create_engine, text

    from support.postgres import PostgresCluster, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        return {"skipped": "PostgreSQL server binaries not found"}
    cluster = PostgresCluster(bin_dir)
    cluster.start()
    try:
        admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE bench"))
        admin.dispose()
        return _measure("import", path, cluster.url("bench"))
    finally:
        cluster.stop()


def run(rows: int, out: Path, repeat: int = 1) -> dict[str, Any]:
    """``repeat`` rounds (reference, SQLite, PostgreSQL each); the last is ``results``."""
    out.mkdir(parents=True, exist_ok=True)
    path = build_file(rows, out)
    rounds = [_round(path, out) for _ in range(repeat)]
    report: dict[str, Any] = {"rows": rows, "machine": machine(), "results": rounds[-1]}
    if repeat > 1:
        report["rounds"] = [_summary(found) for found in rounds]
    return report


def _summary(results: dict[str, Any]) -> dict[str, Any]:
    summary: dict[str, Any] = {"duckdb_seconds": results["duckdb_read_csv"]["seconds"]}
    for name in ("sqlite", "postgresql"):
        found = results[name]
        keys = ("seconds", "cpu_seconds", "ratio_to_duckdb", "peak_rss_mb")
        summary[name] = {k: found.get(k) for k in keys}
    return summary


def _round(path: Path, out: Path) -> dict[str, Any]:
    reference = _measure("duckdb", path)
    sqlite_file = out / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    sqlite = _measure("import", path, f"sqlite:///{sqlite_file}")
    postgres = _postgres(path)
    results: dict[str, Any] = {
        "file_bytes": path.stat().st_size,
        "duckdb_read_csv": reference,
        "sqlite": sqlite,
        "postgresql": postgres,
    }
    for name in ("sqlite", "postgresql"):
        if "seconds" in results[name]:
            results[name]["ratio_to_duckdb"] = round(
                results[name]["seconds"] / reference["seconds"], 1
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/import"))
    parser.add_argument("--repeat", type=int, default=1, help="rounds to run (all recorded)")
    parser.add_argument("--child", choices=["duckdb", "import"], help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--url", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.file, args.url)))
        return
    report = run(args.rows, args.out, args.repeat)
    RESULTS.mkdir(exist_ok=True)
    name = "import.json" if args.rows == 1_000_000 else f"import_{args.rows}.json"
    (RESULTS / name).write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
