"""Signals quality and scale: ``python -m benchmarks.signals ...``, one command.

- ``quality`` (default; ``--workers 20000 100000``): precision and recall of every
  signal type on generated data through the product's whole path
  (:mod:`benchmarks.signals.quality`);
- ``--scale N`` (with ``--voters``, e.g. ``--scale 1000000 --voters 2090000``): the
  full run at scale, linkage excluded (:mod:`benchmarks.signals.scale`). Run it once.

Raw numbers go to ``benchmarks/results/signals.json`` (merged with earlier parts:
a quality-only run keeps the last scale result and the other way round, and a size
measured again replaces only that size's result) and the
tables to ``benchmarks/results/signals.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.machine import machine
from benchmarks.signals.report import write_report

RESULTS = Path(__file__).resolve().parent.parent / "results"


def _load() -> dict[str, Any]:
    path = RESULTS / "signals.json"
    return dict(json.loads(path.read_text())) if path.exists() else {}


def _with_load(part: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """A part's result with the load average before and after it (each part keeps its
    own when a later run replaces the other part)."""
    before = [round(x, 1) for x in os.getloadavg()]
    found = part()
    return {**found, "load": {"before": before, "after": [round(x, 1) for x in os.getloadavg()]}}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.signals")
    parser.add_argument("--workers", type=int, nargs="*", default=[20_000])
    parser.add_argument("--scale", type=int, default=0, help="Workers of the scale run.")
    parser.add_argument("--voters", type=int, default=2_090_000)
    parser.add_argument("--work", type=Path, default=None, help="Scratch directory.")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="lindung-bench-signals-"))
    result = _load()
    result["machine"] = machine()
    result["load_before"] = os.getloadavg()
    if args.workers:
        from benchmarks.signals.quality import run_quality

        fresh = [_with_load(lambda n=n: run_quality(work, n)) for n in args.workers]
        # a size measured now replaces its earlier result; the other sizes stay
        kept = [r for r in result.get("quality", []) if r.get("workers") not in args.workers]
        result["quality"] = sorted([*kept, *fresh], key=lambda r: int(r.get("workers", 0)))
    if args.scale:
        from benchmarks.signals.scale import run_scale

        result["scale"] = _with_load(lambda: run_scale(work, args.scale, args.voters))
    result["load_after"] = os.getloadavg()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "signals.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    write_report(result, RESULTS / "signals.md")
    print((RESULTS / "signals.md").read_text())


if __name__ == "__main__":
    main()
