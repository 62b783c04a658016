"""Run every benchmark, one process each (so peak memory is measured per benchmark).

``make bench`` (``python -m benchmarks.run [NAME ...]``). Results are written to
benchmarks/results/ and summarised in benchmarks/README.md by hand.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

BENCHMARKS = {
    "identity": ["--count", "200000"],
    "seed": ["--workers", "1000000", "--load"],
    "gate": ["--workers", "100000"],
    "import": ["--rows", "1000000"],
    "linkage": ["--workers", "10000", "100000", "--scale", "1000000"],
    "policy": ["--workers", "1000000"],
    "pages": ["--workers", "1000000"],
    "signal_inbox": ["--signals", "1000000"],
    "signals": ["--workers", "20000", "100000", "--scale", "1000000", "--voters", "2090000"],
}
#: Benchmarks that are a package rather than a bench_<name> module.
MODULES = {"linkage": "benchmarks.linkage"}
MODULES["signals"] = "benchmarks.signals"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help=f"Some of: {', '.join(BENCHMARKS)}.")
    args = parser.parse_args()
    unknown = set(args.names) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    for name in args.names or list(BENCHMARKS):
        module = MODULES.get(name, f"benchmarks.bench_{name}")
        command = [sys.executable, "-m", module, *BENCHMARKS[name]]
        print("$", " ".join(command), flush=True)
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
