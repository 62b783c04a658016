"""The public check under load: requests/s and p95 with a million workers in the store.

Run: ``python -m benchmarks.bench_public_check --database sqlite:////tmp/bench/bench.sqlite3``
on a store seeded with ``lindung seed --workers 1000000`` (or ``--workers N`` to seed a
temporary SQLite store here). Starts uvicorn (one process) on loopback serving the
product app with the public rate limit lifted (every request comes from 127.0.0.1),
samples real licence numbers, agency names and job codes from the store, and runs
locust headless (``benchmarks/locust_public_check.py``): first the public-check mix
(agency by licence and by name, job order, fake job code, the ``/cek`` page), then
the reference, ``/healthz`` (one ``SELECT 1``) under the same users and time.
Locust shares the 2 cores with the server, as a phone crowd would not; the ratio to
the reference is the comparable number. Results: benchmarks/results/public_check.json
and public_check.md, with the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from benchmarks.machine import machine
from lindung.settings import load_settings
from lindung.store.database import Database
from lindung.store.models import Agency, JobOrder, Worker

RESULTS = Path(__file__).parent / "results"
LOCUSTFILE = Path(__file__).parent / "locust_public_check.py"
SECRET = "benchmark-secret-not-for-production"


def create_bench_app() -> Any:
    """The product app with the public rate limit lifted (uvicorn --factory)."""
    from lindung.web.app import create_app

    app = create_app(load_settings())
    app.state.public_rate_per_minute = 10**9
    return app


def seed_temporary(workers: int, out_dir: Path) -> str:
    from lindung.demo import DemoConfig, generate, load_into_store
    from lindung.store.migrate import upgrade

    url = f"sqlite:///{out_dir / 'bench.sqlite3'}"
    database = Database(load_settings(demo_mode=True, database_url=url))
    upgrade(database.engine)
    config = DemoConfig(workers=workers, seed=2029, out_dir=out_dir / "demo")
    generate(config)
    load_into_store(database, config)
    database.dispose()
    return url


def samples(url: str, path: Path) -> dict[str, int]:
    """Write licence numbers, name fragments and job codes to ask for; count the store."""
    database = Database(load_settings(demo_mode=True, database_url=url))
    from lindung.exchange.guard import store_context

    with database.session() as s:
        agencies = s.execute(select(Agency.licence_no, Agency.name).limit(300)).all()
        codes = s.scalars(select(JobOrder.code).order_by(JobOrder.id.desc()).limit(2000)).all()
        with store_context("benchmark count"):
            workers = int(s.scalar(select(func.count(Worker.id))) or 0)
        orders = int(s.scalar(select(func.count(JobOrder.id))) or 0)
    database.dispose()
    names = sorted({name.split()[-1] for _, name in agencies if len(name.split()[-1]) >= 3})
    path.write_text(
        json.dumps(
            {"licences": [licence for licence, _ in agencies], "names": names, "codes": codes}
        )
    )
    return {"workers": workers, "agencies": len(agencies), "job_orders": orders}


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LINDUNG_DATABASE_URL": url, "LINDUNG_SECRET_KEY": SECRET}
    env["LINDUNG_DEMO_MODE"] = "0"
    command = [
        sys.executable, "-m", "uvicorn", "--factory",
        "benchmarks.bench_public_check:create_bench_app",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("the benchmark server did not start")


def locust(
    user_class: str, base: str, users: int, seconds: int, sample_file: Path
) -> dict[str, Any]:
    """Run locust (as a library, see the locustfile) with one user class; stats by name."""
    command = [sys.executable, str(LOCUSTFILE), user_class, base, str(users), str(seconds)]
    env = {**os.environ, "LINDUNG_BENCH_SAMPLES": str(sample_file)}
    done = subprocess.run(
        command, env=env, check=False, timeout=seconds + 300, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"locust failed: {done.stderr[-2000:]}")
    stats: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return stats


def run(url: str, users: int, seconds: int, port: int, counts: dict[str, int]) -> dict[str, Any]:
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        sample_file = out / "samples.json"
        counts = {**counts, **samples(url, sample_file)}
        server = start_server(url, port)
        try:
            check = locust("PublicCheckUser", base, users, seconds, sample_file)
            reference = locust("HealthUser", base, users, seconds, sample_file)
        finally:
            server.terminate()
            server.wait(timeout=30)
    total, health = check["Aggregated"], reference["Aggregated"]
    return {
        "store": counts,
        "database": url.split(":", 1)[0] + " (one uvicorn process)",
        "users": users,
        "seconds_each": seconds,
        "machine": machine(),
        "public_check": check,
        "reference_healthz": health,
        "rps_ratio_to_reference": round(total["rps"] / health["rps"], 2) if health["rps"] else None,
    }


def markdown(report: dict[str, Any]) -> str:
    lines = [
        f"| {name} | {r['requests']} | {r['failures']} | {r['rps']} | {r['p50_ms']:.0f} | "
        f"{r['p95_ms']:.0f} | {r['p99_ms']:.0f} |"
        for name, r in report["public_check"].items()
    ]
    health = report["reference_healthz"]
    m = report["machine"]
    store = report["store"]
    return (
        "# Public check under load\n\n"
        "`python -m benchmarks.bench_public_check` — locust headless, "
        f"{report['users']} users without think time for {report['seconds_each']} s, "
        f"{report['database']}, loopback. Store: {store['workers']:,} workers, "
        f"{store['job_orders']:,} job orders. The public rate limit is lifted for the run "
        "(all requests come from one address).\n\n"
        "| request | requests | failures | req/s | p50 ms | p95 ms | p99 ms |\n"
        "|---|---|---|---|---|---|---|\n" + "\n".join(lines) + "\n\n"
        f"Reference, `/healthz` (one `SELECT 1`) under the same load: {health['rps']} req/s, "
        f"p95 {health['p95_ms']:.0f} ms. Public check / reference throughput: "
        f"**{report['rps_ratio_to_reference']}**.\n\n"
        "Locust runs on the same 2 cores as the server and takes a good share of them; "
        "the ratio to the reference is the number to compare across machines.\n\n"
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}, "
        f"{m['system']}.\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", help="URL of a seeded store (else --workers seeds one).")
    parser.add_argument("--workers", type=int, default=20_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        url = args.database or seed_temporary(args.workers, Path(scratch))
        report = run(url, args.users, args.seconds, args.port, {})
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "public_check.json").write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / "public_check.md").write_text(markdown(report))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
