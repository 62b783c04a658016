"""Linkage accuracy (and, with ``--scale``, speed at a million workers): one command.

``python -m benchmarks.linkage`` runs, in one run:

- FEBRL4 (``benchmarks/linkage/febrl.py``): precision, recall, F1 of ``lindung link``
  and of the generic model (target F1 >= 0.995);
- the Indonesian pairings (``benchmarks/linkage/data.py``) on generated data at each
  ``--workers`` size: ``lindung link`` against the generic Splink model
  (``benchmarks/linkage/generic.py``) on the same files (targets: F1 >= 0.97 on
  every pairing, and at most half the generic model's errors, 1 - F1);
- with ``--scale N``: the speed run of ``benchmarks/linkage/scale.py``.

Raw numbers go to ``benchmarks/results/linkage.json`` and the tables to
``benchmarks/results/linkage_tables.md``; the write-up is ``linkage.md``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.linkage.data import PAIRINGS, Pairing, make_pairings, rows
from benchmarks.linkage.febrl import VARIANTS, make_febrl
from benchmarks.linkage.report import write_tables
from benchmarks.linkage.score import HEADLINE, THRESHOLDS, errors, score
from benchmarks.machine import machine, peak_rss_mb

from lindung.demo import DemoConfig, generate
from lindung.linkage.model import MODEL_VERSION
from lindung.linkage.run import link_files

RESULTS = Path(__file__).resolve().parent.parent / "results"


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return round(time.perf_counter() - start, 1)


def _generic_in_child(
    left: Path, right: Path | None, out: Path, threshold: float, timeout_s: float
) -> float | None:
    """The generic model in a child process; its seconds, or None when stopped (its
    name blocking can explode on common Indonesian names)."""
    code = (
        "import sys; from pathlib import Path; "
        "from benchmarks.linkage.generic import generic_link; "
        "generic_link(Path(sys.argv[1]), Path(sys.argv[2]) if sys.argv[2] else None, "
        "Path(sys.argv[3]), float(sys.argv[4]))"
    )
    command = [sys.executable, "-c", code, str(left), str(right or ""), str(out), str(threshold)]
    start = time.perf_counter()
    try:
        subprocess.run(command, check=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return None
    return round(time.perf_counter() - start, 1)


def compare(
    left: Path, right: Path | None, truth: Path, work: Path, generic_timeout: float = 1800
) -> dict[str, Any]:
    """Both models on the same files, scored against the same truth. A finished
    comparison is kept in ``work/result.json`` and reused by a later run."""
    saved = work / "result.json"
    if saved.exists():
        return dict(json.loads(saved.read_text()))
    work.mkdir(parents=True, exist_ok=True)
    ours, generic = work / "indonesian.csv", work / "generic.csv"
    dedupe = right is None
    low = min(THRESHOLDS)
    result: dict[str, Any] = {"left_rows": rows(left), "right_rows": rows(right or left)}
    seconds = _timed(lambda: link_files(left, right, ours, threshold=low))
    result["indonesian"] = {"seconds": seconds, **score(ours, truth, dedupe)}
    f1 = result["indonesian"]["by_threshold"][str(HEADLINE)]["f1"]
    generic_s = _generic_in_child(left, right, generic, low, generic_timeout)
    if generic_s is None:
        result["generic"] = {"seconds": None, "stopped_after_s": generic_timeout}
        result["errors_ratio"] = None
        result["target_met"] = f1 >= 0.97  # the generic half unmeasured, see the notes
    else:
        result["generic"] = {"seconds": generic_s, **score(generic, truth, dedupe)}
        ours_errors, generic_errors = errors(result["indonesian"]), errors(result["generic"])
        ratio = ours_errors / generic_errors if generic_errors else None
        result["errors_ratio"] = None if ratio is None else round(ratio, 4)
        result["target_met"] = f1 >= 0.97 and ours_errors <= generic_errors / 2
    saved.write_text(json.dumps(result, indent=2) + "\n")
    return result


def run_febrl(out: Path) -> dict[str, Any]:
    results = {}
    for variant in VARIANTS:
        left, right, truth = make_febrl(out / "febrl" / variant, variant)
        print(f"febrl4 {variant}", flush=True)
        result = compare(left, right, truth, out / "febrl" / variant)
        result["target_met"] = result["indonesian"]["by_threshold"][str(HEADLINE)]["f1"] >= 0.995
        results[variant] = result
    return results


def run_generated(
    workers: int, seed: int, out: Path, names: tuple[str, ...], generic_timeout: float
) -> dict[str, Any]:
    demo = out / f"demo_{workers}"
    if not (demo / "manifest.json").exists():
        generate(DemoConfig(workers=workers, seed=seed, out_dir=demo))
    results = {}
    pairing: Pairing
    for pairing in make_pairings(demo, out / f"inputs_{workers}", names):
        print(f"{pairing.name} at {workers:,} workers", flush=True)
        work = out / f"run_{workers}" / pairing.name
        results[pairing.name] = compare(
            pairing.left, pairing.right, pairing.truth, work, generic_timeout
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--pairings", nargs="*", default=list(PAIRINGS), choices=PAIRINGS)
    parser.add_argument("--no-febrl", action="store_true", help="Skip FEBRL4.")
    parser.add_argument("--scale", type=int, default=0, help="Also run the speed run at N.")
    parser.add_argument("--seed", type=int, default=2029)
    parser.add_argument(
        "--generic-timeout",
        type=float,
        default=1800,
        help="Seconds before the generic model is stopped.",
    )
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/linkage"))
    args = parser.parse_args()
    report: dict[str, Any] = {
        "model_version": MODEL_VERSION,
        "seed": args.seed,
        "headline_threshold": HEADLINE,
        "machine": machine(),
    }
    if not args.no_febrl:
        report["febrl4"] = run_febrl(args.out)
    report["generated"] = {
        str(workers): run_generated(
            workers, args.seed, args.out, tuple(args.pairings), args.generic_timeout
        )
        for workers in args.workers
    }
    report["peak_rss_mb"] = round(peak_rss_mb())
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "linkage.json").write_text(json.dumps(report, indent=2) + "\n")
    write_tables(report, RESULTS / "linkage_tables.md")
    print(json.dumps(report, indent=2))
    if args.scale:
        command = [sys.executable, "-m", "benchmarks.linkage.scale", "--workers", str(args.scale)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
