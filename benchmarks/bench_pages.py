"""Officer pages under load on loopback: requests per second and p95, with a large store.

Run: ``python -m benchmarks.bench_pages [--workers 1000000] [--scenarios worker_profile]
[--users 8] [--seconds 30]``.

The store is a SQLite file seeded once with ``lindung seed --workers N`` (the demo
generator, deterministic) and reused between runs (``--database``, default
``benchmarks/out/pages/pages-N.sqlite3``); the demo logins are added to it. One
uvicorn process serves the real app (``lindung.web.app:app_from_environment``) on
loopback; Locust (the maintained load tool, locked as a dev dependency) drives each
scenario headless for ``--seconds`` with ``--users`` users and no think time, and
its CSV statistics give requests/s and latency percentiles. The reference measured
in the same run is the same server's health check (``/healthz``), so the ratio
says what a page costs over the cheapest request of the same stack.

Scenarios are named (``SCENARIOS``): each is a Locust user class in
``benchmarks/locust_pages.py`` and the request name to report. Results:
``benchmarks/results/pages.json`` and ``pages.md``, with the machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from benchmarks.machine import machine

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results"
OUT = Path(__file__).parent / "out" / "pages"
LOCUSTFILE = Path(__file__).parent / "locust_pages.py"
SECRET = "benchmark-secret-not-for-production"


@dataclass(frozen=True)
class Scenario:
    user_class: str
    request_name: str
    description: str


SCENARIOS: dict[str, Scenario] = {
    "reference": Scenario("Reference", "reference: /healthz", "health check (reference)"),
    "worker_profile": Scenario(
        "WorkerProfile",
        "/registry/workers/{id}",
        "worker profile page, national officer, random worker (7-11 gated, audited reads)",
    ),
}


def bin_path(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def prepare(database: Path, workers: int) -> None:
    """Seed the store once (``lindung seed``) and make sure the demo logins exist."""
    url = f"sqlite:///{database}"
    env = {**os.environ, "LINDUNG_DATABASE_URL": url, "LINDUNG_DEMO_MODE": "1"}
    if not database.exists():
        database.parent.mkdir(parents=True, exist_ok=True)
        command = [bin_path("lindung"), "seed", "--workers", str(workers)]
        command += ["--out", str(database.parent / "demo")]
        subprocess.run(command, env={**env, "LINDUNG_DATA_DIR": str(database.parent)}, check=True)
    from lindung.demo.logins import create_demo_users
    from lindung.exchange.gate import scoped_counts
    from lindung.exchange.scope import NATIONAL
    from lindung.settings import load_settings
    from lindung.store.database import Database

    store = Database(load_settings(demo_mode=True, database_url=url))
    try:
        create_demo_users(store)
        with store.session() as session:
            found = scoped_counts(session, NATIONAL, "workers").get(None, 0)
    finally:
        store.dispose()
    if found < workers:
        raise SystemExit(f"{database} holds {found} workers, not {workers}: delete it to reseed")


def start_server(database: Path, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "LINDUNG_DATABASE_URL": f"sqlite:///{database}",
        "LINDUNG_SECRET_KEY": SECRET,
        "LINDUNG_DEMO_MODE": "1",
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "lindung.web.app:app_from_environment",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("the benchmark server did not start")


def run_locust(
    scenario: Scenario, base: str, workers: int, users: int, seconds: int
) -> dict[str, Any]:
    """One headless Locust run; the scenario's row of its CSV statistics."""
    from lindung.demo.logins import DEMO_LOGINS

    admin = next(login for login in DEMO_LOGINS if login.username == "admin")
    env = {
        **os.environ,
        "BENCH_WORKERS": str(workers),
        "BENCH_USERNAME": admin.username,
        "BENCH_PASSWORD": admin.password,
    }
    with tempfile.TemporaryDirectory() as scratch:
        prefix = Path(scratch) / "stats"
        command = [
            bin_path("locust"),
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--host",
            base,
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{seconds}s",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            scenario.user_class,
        ]
        subprocess.run(command, env=env, cwd=ROOT, check=False, capture_output=True)
        with open(f"{prefix}_stats.csv", encoding="utf-8") as stream:
            rows = {row["Name"]: row for row in csv.DictReader(stream)}
    row = rows[scenario.request_name]
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
    }


def run(
    workers: int, database: Path, names: list[str], users: int, seconds: int, port: int
) -> dict[str, Any]:
    prepare(database, workers)
    load_before = os.getloadavg()[0]
    server = start_server(database, port)
    base = f"http://127.0.0.1:{port}"
    results: dict[str, Any] = {}
    try:
        for name in ["reference", *[n for n in names if n != "reference"]]:
            results[name] = {
                "description": SCENARIOS[name].description,
                **run_locust(SCENARIOS[name], base, workers, users, seconds),
            }
    finally:
        server.terminate()
        server.wait(timeout=30)
    reference = results["reference"]["rps"]
    for result in results.values():
        result["rps_ratio_to_reference"] = (
            round(result["rps"] / reference, 3) if reference else None
        )
    return {
        "workers": workers,
        "users": users,
        "seconds_each": seconds,
        "database": "sqlite (WAL), one uvicorn process, loopback",
        "load_tool": "locust (headless, no think time)",
        "machine": machine(),
        "load_average": {"start": round(load_before, 1), "end": round(os.getloadavg()[0], 1)},
        "scenarios": results,
    }


def markdown(report: dict[str, Any]) -> str:
    rows = "\n".join(
        f"| {name} | {r['description']} | {r['rps']} | {r['p50_ms']} | {r['p95_ms']} | "
        f"{r['p99_ms']} | {r['failures']}/{r['requests']} | {r['rps_ratio_to_reference']} |"
        for name, r in report["scenarios"].items()
    )
    m = report["machine"]
    return (
        "# Officer pages under load\n\n"
        f"`python -m benchmarks.bench_pages --workers {report['workers']}` — "
        f"{report['workers']:,} workers in the store, {report['database']}; "
        f"{report['load_tool']}, {report['users']} users for {report['seconds_each']} s "
        "per scenario.\n\n"
        "| scenario | what | req/s | p50 ms | p95 ms | p99 ms | failures/requests | "
        "req/s ÷ reference |\n|---|---|---|---|---|---|---|---|\n"
        f"{rows}\n\n"
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}, "
        f"{m['system']}. Load average {report['load_average']['start']} at the start, "
        f"{report['load_average']['end']} at the end.\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=1_000_000)
    parser.add_argument("--database", type=Path, default=None)
    parser.add_argument(
        "--scenarios", nargs="+", default=["worker_profile"], choices=sorted(SCENARIOS)
    )
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--name", default="pages", help="Results file name (without suffix).")
    args = parser.parse_args()
    database = args.database or OUT / f"pages-{args.workers}.sqlite3"
    report = run(args.workers, database, args.scenarios, args.users, args.seconds, args.port)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.name}.json").write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / f"{args.name}.md").write_text(markdown(report))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
