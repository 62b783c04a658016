"""Partner API read throughput through the access gate, against the same read without it.

Run: ``python -m benchmarks.bench_gate [--workers 100000] [--seconds 15] [--concurrency 8]``.

Seeds a SQLite store with the demo generator, creates an agreement (workers to the
partner: id and origin clear, NIK masked, name masked, birth date to the year,
sex clear) and an API client, starts uvicorn on loopback in a subprocess serving
``benchmarks.gate_app`` (the product app plus a benchmark-only ungated route), and
drives both endpoints with an asyncio httpx client (N concurrent connections,
first page of 100 rows). Reports requests per second and latency percentiles, and
the ratio gated/ungated: the gate's cost (decision, masking, one hash-chained
audit entry with 100 subjects per request). Results: benchmarks/results/gate.json
and gate.md, with the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from benchmarks.agreement import BenchAgreement, add_agreement
from benchmarks.machine import machine
from lindung.demo import DemoConfig, generate, load_into_store
from lindung.exchange.clients import create_client
from lindung.settings import load_settings
from lindung.store.database import Database
from lindung.store.migrate import upgrade

RESULTS = Path(__file__).parent / "results"
NUMBER = "PKS.BENCH/KP2MI-BAWASLU/2026"
PURPOSE = "voter_list_oversight"
SECRET = "benchmark-secret-not-for-production"
FIELDS = {
    "id": "clear",
    "nik": "masked",
    "full_name": "masked",
    "sex": "clear",
    "birth_date": "masked",
    "origin_village_code": "clear",
}


def seed(workers: int, out_dir: Path) -> str:
    """Generate and load the store; add the agreement and a client; return the token."""
    url = f"sqlite:///{out_dir / 'bench.sqlite3'}"
    database = Database(load_settings(demo_mode=True, database_url=url))
    upgrade(database.engine)
    config = DemoConfig(workers=workers, seed=2029, out_dir=out_dir / "demo")
    generate(config)
    load_into_store(database, config)
    with database.session() as s:
        add_agreement(
            s,
            BenchAgreement(
                "BAWASLU", "Bawaslu RI", NUMBER, PURPOSE, "workers", FIELDS,
                valid_to=date(2030, 1, 1), frequency="on_demand", version_hash="b" * 64,
            ),
        )  # fmt: skip
        token = create_client(s, NUMBER, "bench", rate_limit=10**9).token
    database.dispose()
    return token


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "LINDUNG_DATABASE_URL": url,
        "LINDUNG_SECRET_KEY": SECRET,
        "LINDUNG_DEMO_MODE": "0",
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "benchmarks.gate_app:create_bench_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the benchmark server did not start")


async def load(
    base: str, path: str, token: str, seconds: float, concurrency: int
) -> dict[str, Any]:
    """Requests/s and latency percentiles of GET ``path`` for ``seconds``."""
    latencies: list[float] = []
    errors = 0
    headers = {"Authorization": f"Bearer {token}"}
    params = {"purpose": PURPOSE, "limit": "100"}
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits) as client:
        for _ in range(20):  # warm up
            await client.get(path, params=params)
        stop = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < stop:
                started = time.perf_counter()
                response = await client.get(path, params=params)
                latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    errors += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(quantiles[49] * 1000, 1),
        "p95_ms": round(quantiles[94] * 1000, 1),
        "p99_ms": round(quantiles[98] * 1000, 1),
    }


def run(workers: int, seconds: float, concurrency: int, port: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        token = seed(workers, out)
        server = start_server(f"sqlite:///{out / 'bench.sqlite3'}", port)
        base = f"http://127.0.0.1:{port}"
        try:
            gated = asyncio.run(
                load(base, "/api/partner/v1/datasets/workers/records", token, seconds, concurrency)
            )
            ungated = asyncio.run(
                load(base, "/bench/ungated/workers/records", token, seconds, concurrency)
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {
        "workers": workers,
        "seconds_each": seconds,
        "concurrency": concurrency,
        "page_rows": 100,
        "database": "sqlite (WAL), one uvicorn process",
        "machine": machine(),
        "gated": gated,
        "ungated": ungated,
        "gated_to_ungated_rps": round(gated["rps"] / ungated["rps"], 2),
        "gate_p95_overhead_ms": round(gated["p95_ms"] - ungated["p95_ms"], 1),
    }


def markdown(report: dict[str, Any]) -> str:
    rows = "\n".join(
        f"| {name} | {r['rps']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['errors']} |"
        for name, r in (("through the gate", report["gated"]), ("gate bypassed", report["ungated"]))
    )
    m = report["machine"]
    return (
        "# Partner API read throughput: access gate vs bypassed\n\n"
        f"`python -m benchmarks.bench_gate --workers {report['workers']}` — "
        f"{report['concurrency']} concurrent connections for {report['seconds_each']} s each, "
        f"first page of {report['page_rows']} workers, {report['database']}, loopback.\n\n"
        "| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n"
        f"{rows}\n\n"
        f"Gated/ungated throughput: **{report['gated_to_ungated_rps']}**; "
        f"p95 overhead {report['gate_p95_overhead_ms']} ms. The gate's cost per request: the "
        "agreement lookup and decision, masking, and one hash-chained audit entry with 100 "
        "subjects (a serialised write on SQLite).\n\n"
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}, "
        f"{m['system']}.\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    report = run(args.workers, args.seconds, args.concurrency, args.port)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "gate.json").write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / "gate.md").write_text(markdown(report))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
