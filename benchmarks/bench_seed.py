"""Wall time and peak memory of the demo generator (and, optionally, of loading it).

Run: ``python -m benchmarks.bench_seed --workers 1000000 [--load]``. The target
(issue: synthetic data generator) is under 5 minutes and under 4 GB peak memory
for a million workers with every partner file, on 2 cores.

Reported with a reference measured in the same run: pyarrow reading and
writing back the partner CSV files that were generated, i.e. the I/O floor of
producing files of that size on this machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow.csv as pacsv

from benchmarks.machine import machine, peak_rss_mb
from lindung.demo import DemoConfig, generate, load_into_store
from lindung.settings import load_settings
from lindung.store.database import Database
from lindung.store.migrate import upgrade

RESULTS = Path(__file__).parent / "results"


class StageClock:
    """Seconds spent in each stage, from the generator's progress callbacks."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.stages: dict[str, float] = {}
        self._current: str | None = None
        self._since = self.started

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if stage != self._current:
            if self._current is not None:
                self.stages[self._current] = self.stages.get(self._current, 0.0) + now - self._since
            self._current, self._since = stage, now

    def stop(self) -> None:
        self("", 0, 0)


def _reference_io(out_dir: Path) -> float:
    """Seconds for pyarrow to read and write back every partner CSV."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for path in sorted((out_dir / "partners").glob("*.csv")):
            table = pacsv.read_csv(path)
            pacsv.write_csv(table, Path(scratch) / path.name)
    return time.perf_counter() - start


def cpu_seconds() -> float:
    """User plus system CPU time of this process so far (the machine may be shared)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _load(config: DemoConfig, out_dir: Path) -> dict[str, Any]:
    path = out_dir / "bench.sqlite3"
    path.unlink(missing_ok=True)
    database = Database(load_settings(demo_mode=True, database_url=f"sqlite:///{path}"))
    upgrade(database.engine)
    start, cpu = time.perf_counter(), cpu_seconds()
    counts = load_into_store(database, config)
    seconds = time.perf_counter() - start
    database.dispose()
    return {
        "load_sqlite_s": round(seconds, 1),
        "load_sqlite_cpu_s": round(cpu_seconds() - cpu, 1),
        "loaded_rows": sum(counts.values()),
    }


def run(
    workers: int, seed: int, out_dir: Path, load: bool, voters: int | None = None
) -> dict[str, Any]:
    config = DemoConfig(workers=workers, seed=seed, out_dir=out_dir, voters_abroad=voters)
    clock = StageClock()
    start, cpu = time.perf_counter(), cpu_seconds()
    summary = generate(config, progress=clock)
    generate_s = time.perf_counter() - start
    generate_cpu = cpu_seconds() - cpu
    clock.stop()
    peak_generate = peak_rss_mb()
    sizes = {f"{f.part}/{f.name}": f.path.stat().st_size for f in summary.files}
    results: dict[str, Any] = {
        "generate_s": round(generate_s, 1),
        "generate_cpu_s": round(generate_cpu, 1),
        "peak_rss_generate_mb": round(peak_generate),
        "stages_s": {k: round(v, 1) for k, v in clock.stages.items()},
        "rows": summary.counts,
        "rows_total": sum(summary.counts.values()),
        "bytes_total": sum(sizes.values()),
    }
    reference = _reference_io(out_dir)
    results["reference_pyarrow_csv_roundtrip_s"] = round(reference, 1)
    results["ratio_generate_to_reference"] = round(generate_s / reference, 2)
    if load:
        results.update(_load(config, out_dir))
        results["peak_rss_with_load_mb"] = round(peak_rss_mb())
    return {"workers": workers, "seed": seed, "machine": machine(), "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2029)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/seed"))
    parser.add_argument("--load", action="store_true", help="Also load into a new SQLite store.")
    parser.add_argument("--voters", type=int, default=None, help="DemoConfig.voters_abroad.")
    args = parser.parse_args()
    report = run(args.workers, args.seed, args.out, args.load, args.voters)
    RESULTS.mkdir(exist_ok=True)
    name = "seed.json" if args.workers == 1_000_000 else f"seed_{args.workers}.json"
    (RESULTS / name).write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
