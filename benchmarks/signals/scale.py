"""The full signals run at scale, linkage excluded: wall time and peak memory.

1,000,000 workers (about 2,000,000 border crossings) and a 1,750,000-row DPT LN
(``voters_abroad`` 2,090,000, docs/demo-data.md) are generated, loaded and imported
as in the quality run; the persons are the ground truth's (written straight into
``persons``/``person_records``: linkage excluded), so the time measured is the
run's: snapshot, detectors, diff, writes, routing. The reference, measured in the
same process on the same store, is what any run must at least do: the snapshot of
the same relations into DuckDB and one plain aggregate scan of each
(``reference_seconds``); the ratio says what detecting, diffing and writing add.
Peak memory is the process's (the run caps DuckDB's own memory at
``LINDUNG_SIGNALS_MEMORY_LIMIT``). Each run records its stages' seconds (from the
run's progress reports: snapshot, each detector, evidence, diff, write, route, and
the commit after). A second run over the same store follows the first: nothing
changed, so every signal must come out ``unchanged``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

from benchmarks.machine import peak_rss_mb
from benchmarks.signals.data import AS_OF, insert_oracle_persons, prepare
from lindung.exchange.audit import Actor
from lindung.settings import load_settings
from lindung.signals.inputs import RELATIONS, snapshot
from lindung.store.database import Database

TARGET_SECONDS = 300
TARGET_MB = 8 * 1024


def reference(database_url: str) -> dict[str, float]:
    """The reference: snapshot the run's relations into DuckDB and scan each once."""
    settings = load_settings(demo_mode=True, database_url=database_url)
    database = Database(settings)
    start = time.perf_counter()
    con = duckdb.connect()
    with database.session() as session:
        snapshot(con, session)
    for relation in RELATIONS:
        con.execute(f"SELECT count(*), count(DISTINCT id) FROM {relation.name}").fetchall()
    con.close()
    database.dispose()
    return {"seconds": round(time.perf_counter() - start, 1), "peak_rss_mb": peak_rss_mb()}


class StageClock:
    """The run's progress callback: seconds per stage (a detector is ``detect:<type>``)."""

    def __init__(self, detectors: list[str]) -> None:
        self.detectors = detectors
        self.seconds: dict[str, float] = {}
        self.current = "start"
        self.since = time.perf_counter()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == "detect":
            name = f"detect:{self.detectors[done]}" if done < len(self.detectors) else "evidence"
        else:
            name = stage
        if name != self.current:
            self.stop(name)

    def stop(self, then: str = "") -> None:
        now = time.perf_counter()
        self.seconds[self.current] = round(self.seconds.get(self.current, 0) + now - self.since, 1)
        self.current, self.since = then, now


def signals_run(database_url: str) -> dict[str, Any]:
    """One signals run as of the generator's date."""
    from lindung.signals.detectors import all_detectors
    from lindung.signals.runs import memory_limit, run_signals

    settings = load_settings(demo_mode=True, database_url=database_url)
    database = Database(settings)
    clock = StageClock([t.value for t in all_detectors()])
    start = time.perf_counter()
    summary = run_signals(database, AS_OF, Actor("system", "benchmark"), clock, election_day=AS_OF)
    clock.stop()
    seconds = round(time.perf_counter() - start, 1)
    database.dispose()
    return {
        "seconds": seconds,
        "peak_rss_mb": peak_rss_mb(),
        "load_after": [round(x, 1) for x in os.getloadavg()],
        "memory_limit": memory_limit(),
        "stages": clock.seconds,
        "signals": {name: summary.current(name) for name in sorted(summary.counts)},
        "outcomes": _outcomes(summary.counts),
        "not_computed": summary.not_computed,
    }


def _outcomes(counts: dict[str, dict[str, int]]) -> dict[str, int]:
    """Each outcome summed over the types."""
    total: dict[str, int] = {}
    for by_outcome in counts.values():
        for outcome, n in by_outcome.items():
            total[outcome] = total.get(outcome, 0) + n
    return total


def _in_child(step: str, database_url: str) -> dict[str, Any]:
    """``step`` in a fresh process, so its peak memory is its own."""
    code = (
        "import json, sys; from benchmarks.signals import scale; "
        f"print(json.dumps(scale.{step}(sys.argv[1])))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, database_url], capture_output=True, text=True
    )
    if done.returncode != 0:  # say why (e.g. DuckDB out of memory), not only the exit code
        raise RuntimeError(f"{step} failed:\n{done.stderr[-4000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run_scale(work: Path, workers: int, voters: int) -> dict[str, Any]:
    prepared = prepare(
        work / f"scale_{workers}", workers, election_day=AS_OF, voters=voters, link=False
    )
    start = time.perf_counter()
    records = insert_oracle_persons(prepared)
    prepared.seconds["oracle_persons"] = round(time.perf_counter() - start, 1)
    url = prepared.settings.database_url
    prepared.database.dispose()
    base = _in_child("reference", url)
    run = _in_child("signals_run", url)
    again = _in_child("signals_run", url)  # nothing changed: all "unchanged"
    return {
        "workers": workers,
        "voters_abroad": voters,
        "imported": prepared.pipeline.imported,
        "person_records": records,
        "oracle_links": prepared.pipeline.linked,
        "prepare_seconds": prepared.seconds,
        "run_seconds": run["seconds"],
        "run_peak_rss_mb": round(run["peak_rss_mb"]),
        "reference_seconds": base["seconds"],
        "reference_peak_rss_mb": round(base["peak_rss_mb"]),
        "ratio": round(run["seconds"] / base["seconds"], 2) if base["seconds"] else None,
        "memory_limit": run["memory_limit"],
        "run_stages": run["stages"],
        "signals": run["signals"],
        "not_computed": run["not_computed"],
        "second_run_seconds": again["seconds"],
        "second_run_peak_rss_mb": round(again["peak_rss_mb"]),
        "second_run_stages": again["stages"],
        "second_run_outcomes": again["outcomes"],
        "load_after_runs": [run["load_after"], again["load_after"]],
        "targets": {"seconds": TARGET_SECONDS, "peak_mb": TARGET_MB},
        "met": all(
            r["seconds"] < TARGET_SECONDS and r["peak_rss_mb"] < TARGET_MB for r in (run, again)
        ),
    }
