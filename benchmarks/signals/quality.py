"""Precision and recall of every signal type on generated data, with the misses explained.

The product's whole path: generate N workers, load the registry, import the partner
files under the founding agreements, run the platform linkage pairings
(:mod:`benchmarks.signals.data`), run the signals as of the generator's date with
election day on that same date (so "abroad on election day" and the ground truth's
"abroad on the generator's date" are one thing), then score each type against the
ground truth (:mod:`benchmarks.signals.truth`) and sample the misses of the voter
types by cause (:mod:`benchmarks.signals.misses`), and count per type the signals
that carry a region (only those reach a regional officer) and, for crossing-based
ones, whether it is the true traveller's regency.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from benchmarks.machine import peak_rss_mb
from benchmarks.signals import misses
from benchmarks.signals.data import AS_OF, prepare
from benchmarks.signals.truth import connect, counts, regions, score, truth_and_predicted
from lindung.exchange.audit import Actor


def run_quality(work: Path, workers: int) -> dict[str, Any]:
    from lindung.signals.runs import run_signals

    prepared = prepare(work / f"quality_{workers}", workers, election_day=AS_OF)
    start = time.perf_counter()
    run_signals(prepared.database, AS_OF, Actor("system", "benchmark"), election_day=AS_OF)
    prepared.seconds["signals"] = round(time.perf_counter() - start, 1)
    con = connect(prepared.database, prepared.config.out_dir / "ground_truth")
    queries = truth_and_predicted(con, AS_OF, AS_OF)
    scores = {
        signal_type: score(con, truth, predicted)
        for signal_type, (truth, predicted) in queries.items()
    }
    result = {
        "workers": workers,
        "as_of": str(AS_OF),
        "election_day": str(AS_OF),
        "seconds": prepared.seconds,
        "imported": prepared.pipeline.imported,
        "quarantined": prepared.pipeline.quarantined,
        "linked": prepared.pipeline.linked,
        "scores": scores,
        "counts": counts(con),
        "regions": regions(con),
        "misses": misses.explain(con, queries["irregular_departure"], AS_OF),
        "peak_rss_mb": round(peak_rss_mb()),
    }
    prepared.database.dispose()
    return result
