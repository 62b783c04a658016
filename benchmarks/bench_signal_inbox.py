"""The signals inbox through the access gate, against the bare query on the signals table.

Run: ``python -m benchmarks.bench_signal_inbox [--signals 200000] [--repeat 5]``.

Seeds a SQLite store (migrated, regions loaded) with N workers and one signal per
worker (subject = the worker, type cycling through every type, risk random, one in
three routed to a partner organisation that has an agreement carrying ``signals``),
then times one inbox page (50 rows, highest risk first, every field the reader may
have) as read by the pages: a national analyst, a regional officer (one province's
subtree), a partner user (routed signals of its purpose's types, masked subject
fields), each through :func:`lindung.signals.inbox.list_signals` (the gate's
decision, the view joined to the primary records, the audit entry). The reference is
the same page's SELECT on the ``signals`` table alone (no join, no gate, no audit),
measured in the same run. Median of ``--repeat`` runs. Results:
benchmarks/results/signal_inbox.json and .md, with the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text

from benchmarks.agreement import BenchAgreement, add_agreement
from benchmarks.machine import machine, peak_rss_mb
from lindung.domain.signals import SignalType
from lindung.exchange.gate import AccessGate
from lindung.exchange.principal import Principal
from lindung.settings import load_settings
from lindung.signals.inbox import Filters, list_signals
from lindung.store.database import Database
from lindung.store.migrate import upgrade
from lindung.store.models import (
    Region,
    Signal,
    SignalRoute,
    SignalRun,
    Worker,
)

RESULTS = Path(__file__).parent / "results"
NUMBER = "PKS.BENCH/KP2MI-KOMNASANAK/2026"
PURPOSE = "child_protection"
SUBJECT_FIELDS = ("subject_name", "subject_nik", "subject_birth_date")
FIELDS = dict.fromkeys(
    ("id", "signal_type", "severity", "status", "subject_kind", "region_code", "country_code",
     "ppln", "agency_id", "risk_score", "evidence", "first_seen", "last_seen"),
    "clear",
) | dict.fromkeys(SUBJECT_FIELDS, "masked")  # fmt: skip
BATCH = 20_000


def _partner(session: Any) -> int:
    return add_agreement(
        session,
        BenchAgreement(
            "KOMNAS-ANAK", "Komnas Anak", NUMBER, PURPOSE, "signals", FIELDS,
            valid_to=date(2099, 1, 1), frequency="daily", version_hash="1" * 64,
        ),
    )  # fmt: skip


def seed(database: Database, count: int) -> tuple[int, str]:
    """Workers, one signal each, routes for one in three; returns (org id, a province)."""
    rng = random.Random(2029)
    types = [t.value for t in SignalType]
    with database.session() as s:
        villages = list(s.scalars(select(Region.code).where(Region.level == 4).limit(5000)))
        org_id = _partner(s)
        run = SignalRun(as_of=date(2026, 6, 1), status="finished", inputs={}, counts={},
                        not_computed={}, tables={}, actor="bench",
                        finished_at=datetime.now(UTC))  # fmt: skip
        s.add(run)
        s.flush()
        run_id = run.id
    now = datetime.now(UTC)
    for start in range(0, count, BATCH):
        ids = range(start + 1, min(start + BATCH, count) + 1)
        workers = [
            {"id": i, "nik": f"{3509000000000000 + i}", "full_name": f"Pekerja {i}", "sex": "F",
             "birth_date": date(1990 + i % 20, 1 + i % 12, 1 + i % 28),
             "origin_village_code": villages[i % len(villages)], "marital_status": "single",
             "created_at": now, "updated_at": now}
            for i in ids
        ]  # fmt: skip
        signals = [
            {"id": i, "signal_type": types[i % len(types)], "severity": "high",
             "subject_kind": "worker", "subject_key": str(i), "worker_id": i,
             "region_code": villages[i % len(villages)], "country_code": "MY",
             "primary_source": "registry", "primary_key": i, "risk_score": rng.random(),
             "risk_reasons": [], "evidence": {"facts": {"age_years": 16}},
             "evidence_hash": f"{i:064x}", "status": "new", "current": True,
             "first_run_id": run_id, "last_run_id": run_id, "created_at": now, "updated_at": now}
            for i in ids
        ]  # fmt: skip
        routes = [
            {"signal_id": i, "organisation_id": org_id, "purpose": PURPOSE, "run_id": run_id}
            for i in ids
            if i % 3 == 0
        ]
        with database.session() as s:
            s.execute(insert(Worker), workers)
            s.execute(insert(Signal), signals)
            if routes:
                s.execute(insert(SignalRoute), routes)
    return org_id, villages[0][:2]


def timed(action: Callable[[], int], repeat: int) -> dict[str, Any]:
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = action()
        times.append(time.perf_counter() - start)
    return {"median_ms": round(statistics.median(times) * 1000, 1), "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--signals", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        settings = load_settings(demo_mode=True, database_url=url)
        database = Database(settings)
        upgrade(database.engine)
        started = time.perf_counter()
        org_id, province = seed(database, args.signals)
        seeded = time.perf_counter() - started
        gate = AccessGate(settings)
        readers = {
            "national_analyst": (Principal("user", "a", "national_analyst"), "oversight"),
            "regional_officer": (
                Principal("user", "r", "regional_officer", region_code=province),
                "regional_protection",
            ),
            "partner_user": (
                Principal("user", "p", "partner_user", organisation_id=org_id),
                PURPOSE,
            ),
        }

        def page(principal: Principal, purpose: str) -> Callable[[], int]:
            def run() -> int:
                with database.session() as s:
                    result = list_signals(s, gate, principal, purpose, Filters(sort="risk"))
                    assert result.allowed
                    return len(result.rows)

            return run

        def reference() -> int:
            with database.engine.connect() as c:
                query = text("SELECT * FROM signals ORDER BY risk_score DESC, id LIMIT 50")
                return len(c.execute(query).all())

        measured = {"reference_bare_query": timed(reference, args.repeat)}
        for name, (principal, purpose) in readers.items():
            measured[name] = timed(page(principal, purpose), args.repeat)
        database.dispose()
    base = measured["reference_bare_query"]["median_ms"] or 0.1
    for values in measured.values():
        values["ratio"] = round(values["median_ms"] / base, 1)
    result = {
        "signals": args.signals,
        "seed_seconds": round(seeded, 1),
        "pages": measured,
        "peak_rss_mb": round(peak_rss_mb()),
        "load_average": os.getloadavg(),
        "machine": machine(),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "signal_inbox.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        f"# Signals inbox page ({args.signals:,} signals, SQLite)",
        "",
        f"Load average at the end: {', '.join(f'{x:.1f}' for x in result['load_average'])}; "
        f"{result['machine']['cores']} cores ({result['machine']['cpu']}).",
        "",
        "| reader | median ms | rows | ratio to the bare query |",
        "|---|---|---|---|",
        *(
            f"| {name} | {v['median_ms']} | {v['rows']} | {v['ratio']} |"
            for name, v in measured.items()
        ),
        "",
        f"Peak RSS {result['peak_rss_mb']} MB.",
    ]
    (RESULTS / "signal_inbox.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
