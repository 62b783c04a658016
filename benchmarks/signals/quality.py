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
    _consular_truth(con, prepared.config.out_dir)
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
    result["without_consular"] = _without_consular(prepared)
    prepared.database.dispose()
    return result


def _consular_truth(con: Any, out_dir: Path) -> None:
    """``t_consular_registrations``: who each lapor diri row is (truth) and the file's
    country and job (misses.py reads it to name the causes)."""
    truth = out_dir / "ground_truth" / "consular_registrations.parquet"
    partner = out_dir / "partners" / "consular_registrations.csv"
    if truth.exists() and partner.exists():
        con.execute(
            f"""CREATE OR REPLACE VIEW t_consular_registrations AS
            SELECT t.person_id, t.kind, p.country, p.job_type FROM read_parquet('{truth}') t
            JOIN read_csv('{partner}', all_varchar = true) p USING (registration_number)"""
        )


#: The types the consular registrations bear on.
CONSULAR_TYPES = ("irregular_departure", "irregular_departure (medium, high)")


def _without_consular(prepared: Any) -> dict[str, Any]:
    """The same store without the lapor diri file: its rows deleted (no pairing reads
    them, so persons and links are the same) and the signals run again; what the
    departure rule gives without the new source."""
    from sqlalchemy import delete

    from lindung.signals.runs import run_signals
    from lindung.store.models import ConsularRegistration

    with prepared.database.session() as session:
        removed = session.execute(delete(ConsularRegistration)).rowcount
    run_signals(prepared.database, AS_OF, Actor("system", "benchmark"), election_day=AS_OF)
    con = connect(prepared.database, prepared.config.out_dir / "ground_truth")
    queries = truth_and_predicted(con, AS_OF, AS_OF)
    return {
        "removed": removed,
        "scores": {name: score(con, *queries[name]) for name in CONSULAR_TYPES},
    }
