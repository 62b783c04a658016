"""The store snapshot (``register_from_store``) before and after the bulk path.

Run: ``python -m benchmarks.bench_snapshot URL [URL ...]`` on stores loaded by
``lindung seed --workers N`` (SQLite and PostgreSQL). For each store, the signals'
relations (:data:`lindung.signals.inputs.RELATIONS`, all rows) are read twice in
the same process: through SQLAlchemy ``Row`` objects into Arrow (the path before
:mod:`lindung.store.bulk_read`; the reference) and through ``register_from_store``
(the bulk path). Wall and CPU seconds of each, the ratio, the rows read and the
machine's load average (after an untimed warm-up read), into ``benchmarks/results/snapshot.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from sqlalchemy.orm import Session

from benchmarks.machine import machine, peak_rss_mb
from lindung.exchange.guard import store_context
from lindung.policy.relations import Relation, register_from_store
from lindung.settings import load_settings
from lindung.signals.inputs import RELATIONS
from lindung.store.database import Database

RESULTS = Path(__file__).parent / "results" / "snapshot.json"


def rows_path(session: Session, relations: tuple[Relation, ...]) -> int:
    """The reference: the old path, ORM rows in chunks into Arrow batches."""
    rows_read = 0
    with store_context("benchmark"):
        for relation in relations:
            result = session.execute(relation.select().execution_options(yield_per=50_000))
            batches = []
            for part in result.partitions(50_000):
                rows = list(part)
                arrays = [
                    pa.array(values, type=kind)
                    for values, (_, kind) in zip(
                        zip(*rows, strict=True), relation.columns, strict=True
                    )
                ]
                batches.append(pa.RecordBatch.from_arrays(arrays, schema=relation.schema))
            rows_read += pa.Table.from_batches(batches, schema=relation.schema).num_rows
    return rows_read


def bulk_path(session: Session, relations: tuple[Relation, ...]) -> int:
    con = duckdb.connect()
    register_from_store(con, session, relations, None, "benchmark")
    counts = [con.execute(f"SELECT count(*) FROM {r.name}").fetchall()[0][0] for r in relations]
    con.close()
    return int(sum(counts))


def timed(
    database: Database, read: Callable[[Session, tuple[Relation, ...]], int]
) -> dict[str, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    with database.session() as session:
        rows = read(session, RELATIONS)
    return {
        "rows": rows,
        "seconds": round(time.perf_counter() - wall, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
    }


def measure(url: str) -> dict[str, Any]:
    database = Database(load_settings(demo_mode=True, database_url=url))
    timed(database, bulk_path)  # warm-up: the OS file cache and PostgreSQL's buffers
    load_before = os.getloadavg()
    bulk = timed(database, bulk_path)
    reference = timed(database, rows_path)
    database.dispose()
    assert bulk["rows"] == reference["rows"]
    return {
        "backend": database.engine.dialect.name,
        "rows": bulk["rows"],
        "bulk": bulk,
        "reference_rows_path": reference,
        "speedup_wall": round(reference["seconds"] / max(bulk["seconds"], 0.01), 1),
        "speedup_cpu": round(reference["cpu_seconds"] / max(bulk["cpu_seconds"], 0.01), 1),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("urls", nargs="+", help="database URLs of seeded stores")
    parser.add_argument("--label", action="append", default=[], help="a label per URL")
    args = parser.parse_args()
    labels = args.label or [str(i) for i in range(len(args.urls))]
    results = {label: measure(url) for label, url in zip(labels, args.urls, strict=True)}
    out = {"machine": machine(), "peak_rss_mb": peak_rss_mb(), "results": results}
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out["results"], indent=2))


if __name__ == "__main__":
    main()
