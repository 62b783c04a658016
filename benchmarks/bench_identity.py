"""Throughput of the identity primitives and region lookup, for reference.

Run: ``python -m benchmarks.bench_identity``. Each measurement is reported with a
reference measured in the same run: ``int()`` over the same 16-digit strings for
NIK parsing, a plain ``dict`` lookup for the region directory.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import numpy as np

from benchmarks.machine import machine
from lindung.domain.regions import region_directory
from lindung.identity import make_nik, parse_nik

RESULTS = Path(__file__).parent / "results"


def _rate(function: Callable[[str], object], values: Sequence[str]) -> float:
    start = time.perf_counter()
    for value in values:
        function(value)
    return len(values) / (time.perf_counter() - start)


def sample_niks(count: int, seed: int = 1) -> list[str]:
    rng = np.random.default_rng(seed)
    districts = [r.undotted for r in region_directory() if r.level == 3]
    picks = rng.integers(0, len(districts), count)
    days = rng.integers(0, 365 * 50, count)
    sexes = rng.integers(0, 2, count)
    serials = rng.integers(1, 10000, count)
    base = date(1960, 1, 1).toordinal()
    return [
        make_nik(districts[p], date.fromordinal(base + int(d)), "F" if s else "M", int(n))
        for p, d, s, n in zip(picks, days, sexes, serials, strict=True)
    ]


def run(count: int) -> dict[str, object]:
    directory = region_directory()
    niks = sample_niks(count)
    reference = date(2026, 11, 1)
    codes = [n[:6] for n in niks]
    plain = {r.undotted: r for r in directory}
    results = {
        "nik_parse_per_s": _rate(lambda v: parse_nik(v, reference), niks),
        "nik_reference_int_per_s": _rate(int, niks),
        "region_get_per_s": _rate(directory.get, codes),
        "region_reference_dict_per_s": _rate(plain.get, codes),
        "region_search_per_s": _rate(directory.search, ["jember", "kab. bontang", "Flores"] * 20),
    }
    results["nik_ratio_to_int"] = results["nik_reference_int_per_s"] / results["nik_parse_per_s"]
    results["region_ratio_to_dict"] = (
        results["region_reference_dict_per_s"] / results["region_get_per_s"]
    )
    return {"count": count, "machine": machine(), "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200_000)
    args = parser.parse_args()
    report = run(args.count)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "identity.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
