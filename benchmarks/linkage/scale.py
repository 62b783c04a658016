"""Speed at scale: N registry workers against their immigration file, training included.

``python -m benchmarks.linkage.scale --workers 1000000``. The demo data is generated
first (not timed); then each model runs in a child process of its own (so its peak
memory is its own): ``lindung link``'s model (``link_files``, DuckDB) and the generic
Splink model (``benchmarks/linkage/generic.py``) on the same two files. Wall time and
peak resident memory of each, F1 against the truth, and the ratio of the times.
Target (issue #4): under 3 minutes and 8 GB on 2 cores at 1,000,000 workers.

Results: ``benchmarks/results/linkage_scale.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.linkage.data import make_pairings, rows
from benchmarks.linkage.score import score
from benchmarks.machine import machine, peak_rss_mb

from lindung.demo import DemoConfig, generate

RESULTS = Path(__file__).resolve().parent.parent / "results"
THRESHOLD = 0.5


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def child(
    model: str, left: Path, right: Path, out: Path, timeout_s: float, memory_mb: float
) -> dict[str, Any]:
    """Run one model in a child process; its wall time and peak memory. Stopped past
    ``timeout_s`` or ``memory_mb`` resident (the target: no point risking the machine)."""
    command = [sys.executable, "-m", "benchmarks.linkage.scale", "--child", model]
    command += [str(left), str(right), str(out)]
    stages_file(out).unlink(missing_ok=True)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while process.poll() is None:
        elapsed = time.perf_counter() - start
        peak = max(peak, _rss_mb(process.pid))
        if elapsed > timeout_s or peak > memory_mb:
            process.kill()
            process.wait()
            why = "time" if elapsed > timeout_s else "memory"
            done = stages_file(out)
            return {
                "seconds": None,
                "stopped_after_s": round(elapsed, 1),
                "stopped_for": why,
                "peak_rss_mb_seen": round(peak),
                "stages_done_at_s": json.loads(done.read_text()) if done.exists() else {},
            }
        time.sleep(1)
    seconds = round(time.perf_counter() - start, 1)
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        return {"seconds": seconds, "failed": stderr[-2000:]}
    return {"seconds": seconds, **json.loads(stdout.strip().splitlines()[-1])}


def stages_file(out: Path) -> Path:
    """Where the child records each stage's end as it happens (read when it is stopped)."""
    return out.with_suffix(".stages.json")


def run_child(model: str, left: Path, right: Path, out: Path) -> None:
    stages: dict[str, float] = {}
    start = time.perf_counter()
    if model == "indonesian":
        from lindung.linkage.run import link_files

        def progress(stage: str, done: int, total: int) -> None:
            if done == total:
                stages[stage] = round(time.perf_counter() - start, 1)
                stages_file(out).write_text(json.dumps(stages))

        link_files(left, right, out, threshold=THRESHOLD, progress=progress)
    else:
        from benchmarks.linkage.generic import generic_link

        generic_link(left, right, out, THRESHOLD)
    print(json.dumps({"stages_done_at_s": stages, "peak_rss_mb": round(peak_rss_mb())}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2029)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/linkage"))
    parser.add_argument(
        "--timeout", type=float, default=3600, help="Seconds before a model is stopped."
    )
    parser.add_argument("--generic-timeout", type=float, default=1800)
    parser.add_argument(
        "--memory-mb", type=float, default=8192, help="Resident memory at which a model is stopped."
    )
    parser.add_argument("--child", nargs=4, metavar=("MODEL", "LEFT", "RIGHT", "OUT"))
    args = parser.parse_args()
    if args.child:
        model, left, right, out = args.child
        run_child(model, Path(left), Path(right), Path(out))
        return
    demo = args.out / f"demo_{args.workers}"
    if not (demo / "manifest.json").exists():
        generate(DemoConfig(workers=args.workers, seed=args.seed, out_dir=demo))
    (pairing,) = make_pairings(demo, args.out / f"inputs_{args.workers}", ("registry_immigration",))
    assert pairing.right is not None
    work = args.out / f"scale_{args.workers}"
    work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "workers": args.workers,
        "left_rows": rows(pairing.left),
        "right_rows": rows(pairing.right),
        "threshold_written": THRESHOLD,
        "machine": machine(),
    }
    for model, timeout_s in (("indonesian", args.timeout), ("generic", args.generic_timeout)):
        out = work / f"{model}.csv"
        print(f"{model} at {args.workers:,} workers", flush=True)
        load_before = os.getloadavg()
        result = child(model, pairing.left, pairing.right, out, timeout_s, args.memory_mb)
        result["load_average_before_after"] = [load_before, os.getloadavg()]
        if result.get("seconds") is not None and "failed" not in result:
            result.update(score(out, pairing.truth, dedupe=False))
        report[model] = result
    ours, generic = report["indonesian"].get("seconds"), report["generic"].get("seconds")
    report["time_ratio_to_generic"] = round(ours / generic, 2) if ours and generic else None
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "linkage_scale.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
