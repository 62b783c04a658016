"""Issue 6's "Done when", on the demo's own generated data, through the real pages.

"In the demo, a Flores Timur officer sees the irregular departures from their villages
with the evidence, Komnas Anak sees the under-age cases and only those, Bawaslu sees
the per-PPLN coverage and duplicates and can export them, and each can mark a signal
confirmed or dismissed."

One demo is built for the module (generate, load, demo users, founding agreements,
the pipeline: imports, linkage, policy run, signals) and the demo users then work over
HTTP. What each user sees is compared with the store, not with numbers written here.

Size and seed: 300 workers, seed 50, as small as that allows. The pipeline's linkage
training needs a few hundred workers (at 150 workers, seed 13, dpt-ln-dedupe's EM finds
no pairs, and the pipeline goes on without that pairing). Flores Timur (53.06) gets an
irregular departure only when the traveller's region is known: a registered worker's
origin, the civil record the crossings <-> civil registry pairing put on the traveller's
person, or the NIK on the crossing (12% of crossings); the departures of travellers the
Dukcapil extract does not hold (40% of irregular migrants, most residents abroad) have no
region and reach no regional officer. The pipeline's time is mostly fixed costs (about
20 s at 300 workers, 18 s at 150).

SQLite only: the demo is built once and read many times; tests/demo/test_pipeline.py
runs the same pipeline and the partners' inbox on both backends, and the pages and the
workflow are tested on both in tests/web/test_signal_pages.py and tests/signals/.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from lindung.demo import DemoConfig, generate, load_into_store
from lindung.demo.agreements import seed_founding_agreements
from lindung.demo.logins import DEMO_LOGINS, create_demo_users
from lindung.demo.pipeline import run_pipeline
from lindung.domain.signals import types_for
from lindung.exchange.purposes import Purpose
from lindung.settings import Settings, load_settings
from lindung.store.database import Database
from lindung.store.models import (
    AuditEntry,
    AuditSubject,
    BorderCrossing,
    Organisation,
    Signal,
    SignalEvent,
    SignalRoute,
    SignalRun,
)
from lindung.web.app import create_app
from support.http import TestClient
from support.web import csrf_from, log_in, table_rows

pytestmark = pytest.mark.slow

AS_OF = date(2026, 11, 1)
WORKERS, SEED = 300, 50
FLORES_TIMUR = "53.06"
BAWASLU_AGREEMENT = "PKS.03/KP2MI-BAWASLU/XII/2025"
USERS = ("flotim", "komnasanak", "bawaslu")
_ID = re.compile(r'name="signal_ids" value="(\d+)"')
_NEXT = re.compile(r'<a href="([^"]+)" rel="next">')


@dataclass(frozen=True)
class Demo:
    db: Database
    settings: Settings
    clients: dict[str, TestClient]


@pytest.fixture(scope="module")
def demo(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    root = tmp_path_factory.mktemp("done-when")
    shutil.copyfile(sqlite_template, root / "lindung.sqlite3")
    settings = load_settings(
        demo_mode=True,
        database_url=f"sqlite:///{root / 'lindung.sqlite3'}",
        data_dir=root / "data",
    ).model_copy(update={"election_day": AS_OF})
    db = Database(settings)
    config = DemoConfig(workers=WORKERS, seed=SEED, out_dir=root / "demo", as_of=AS_OF)
    generate(config)
    load_into_store(db, config)
    create_demo_users(db)  # before the agreements, which bind the partner users
    seed_founding_agreements(db, today=AS_OF)
    run_pipeline(db, settings, config.out_dir / "partners", AS_OF, lambda _: None)
    app = create_app(settings, db)
    passwords = {login.username: login.password for login in DEMO_LOGINS}
    clients: dict[str, TestClient] = {}
    try:
        for username in USERS:
            client = TestClient(app)
            client.__enter__()
            clients[username] = client
            assert log_in(client, username, passwords[username]).status_code == 303
        yield Demo(db, settings, clients)
    finally:
        for client in clients.values():
            client.__exit__(None, None, None)
        db.dispose()


def inbox_ids(client: TestClient, **params: str) -> list[int]:
    """Every signal id the inbox lists for the filters, following its pages."""
    response = client.get("/signals", params=params)
    ids: list[int] = []
    while True:
        assert response.status_code == 200, response.text
        ids += [int(found) for found in _ID.findall(response.text)]
        link = _NEXT.search(response.text)
        if link is None:
            return ids
        response = client.get(html.unescape(link.group(1)))


def under(region: str | None, prefix: str) -> bool:
    return region is not None and (region == prefix or region.startswith(prefix + "."))


def routed_to(db: Database, organisation: str, purpose: Purpose) -> dict[int, str]:
    """The current signals routed to an organisation whose type serves the purpose
    (id -> type), read from the store."""
    served = {t.value for t in types_for(purpose)}
    with db.session() as s:
        rows = s.execute(
            select(Signal.id, Signal.signal_type)
            .join(SignalRoute, SignalRoute.signal_id == Signal.id)
            .join(Organisation, Organisation.id == SignalRoute.organisation_id)
            .where(Organisation.code == organisation, Signal.current.is_(True))
        ).all()
    return {i: kind for i, kind in rows if kind in served}


def of_type(db: Database, signal_type: str) -> dict[int, str | None]:
    """The current signals of a type (id -> region), from the store."""
    with db.session() as s:
        rows = s.execute(
            select(Signal.id, Signal.region_code).where(
                Signal.signal_type == signal_type, Signal.current.is_(True)
            )
        ).all()
    return dict(rows)


def refused(client: TestClient, signal_id: int) -> bool:
    return client.get(f"/signals/{signal_id}").status_code in (403, 404)


# -- 1. the Flores Timur officer ------------------------------------------------------


def test_flores_timur_sees_its_irregular_departures_and_only_those(demo: Demo) -> None:
    regions = of_type(demo.db, "irregular_departure")
    theirs = {i for i, region in regions.items() if under(region, FLORES_TIMUR)}
    assert theirs, "the demo must give Flores Timur irregular departures"
    shown = inbox_ids(demo.clients["flotim"], signal_type="irregular_departure")
    assert len(shown) == len(set(shown))
    assert set(shown) == theirs
    other_regency = [
        i for i, region in regions.items() if region and not under(region, FLORES_TIMUR)
    ]
    no_region = [i for i, region in regions.items() if region is None]
    assert other_regency
    assert no_region
    assert refused(demo.clients["flotim"], other_regency[0])
    assert refused(demo.clients["flotim"], no_region[0])


def test_flores_timur_opens_a_departure_with_its_evidence(demo: Demo) -> None:
    client = demo.clients["flotim"]
    for signal_id in inbox_ids(client, signal_type="irregular_departure"):
        with demo.db.session() as s:
            signal = s.get(Signal, signal_id)
            assert signal is not None
            exits = [r for r in signal.evidence["records"] if r["role"] == "exit"]
            crossings = [s.get(BorderCrossing, int(r["key"])) for r in exits]
            region = signal.region_code
        page = client.get(f"/signals/{signal_id}")  # in Indonesian, the default
        assert page.status_code == 200
        evidence = {row[0]: row[1:] for row in table_rows(page.text, "signal-evidence")}
        assert exits
        assert len(evidence["Tanggal"]) == len(exits)
        for crossing in crossings:
            assert crossing is not None
            assert crossing.direction == "departure"
            assert crossing.crossing_date.isoformat() in evidence["Tanggal"]
            assert crossing.checkpoint in evidence["TPI"]
            assert crossing.destination_country in evidence["Negara"]
        assert under(region, FLORES_TIMUR)
        assert f"<dt>Desa/kelurahan</dt><dd>{region}</dd>" in page.text
        assert region is not None
        assert region in page.text


# -- 2. Komnas Anak -------------------------------------------------------------------


def test_komnas_anak_sees_the_under_age_cases_and_only_its_types(demo: Demo) -> None:
    client = demo.clients["komnasanak"]
    expected = routed_to(demo.db, "KOMNAS-ANAK", Purpose.CHILD_PROTECTION)
    underage = {i for i, kind in expected.items() if kind == "underage"}
    assert underage
    assert set(inbox_ids(client, signal_type="underage")) == underage
    assert sorted(inbox_ids(client)) == sorted(expected)
    for other in ("voter_duplicate", "voter_missing", "irregular_departure"):
        ids = sorted(of_type(demo.db, other))
        assert ids, other
        assert inbox_ids(client, signal_type=other) == []
        assert refused(client, ids[0]), other


# -- 3. Bawaslu -----------------------------------------------------------------------


def test_bawaslu_sees_the_per_ppln_coverage(demo: Demo) -> None:
    client = demo.clients["bawaslu"]
    with demo.db.session() as s:
        coverage = s.scalars(select(SignalRun.tables)).one()["ppln_coverage"]
    page = client.get("/signals/ppln")
    assert page.status_code == 200
    rows = table_rows(page.text, "ppln-coverage")
    assert rows
    assert [row[0] for row in rows] == [entry["ppln"] for entry in coverage]
    download = client.post(
        "/signals/ppln/export", data={"csrf_token": csrf_from(page.text), "format": "csv"}
    )
    assert download.status_code == 200
    exported = list(csv.DictReader(io.StringIO(download.text)))
    assert [row["ppln"] for row in exported] == [entry["ppln"] for entry in coverage]
    assert download.headers["x-lindung-rows"] == str(len(coverage))


def test_bawaslu_sees_the_duplicates_and_exports_what_it_may_see(demo: Demo) -> None:
    client = demo.clients["bawaslu"]
    mine = routed_to(demo.db, "BAWASLU", Purpose.VOTER_LIST_OVERSIGHT)
    duplicates = {i for i, kind in mine.items() if kind == "voter_duplicate"}
    assert duplicates
    assert set(inbox_ids(client, signal_type="voter_duplicate")) == duplicates
    assert sorted(inbox_ids(client)) == sorted(mine)
    token = csrf_from(client.get("/signals").text)
    wanted = {"csrf_token": token, "purpose": Purpose.VOTER_LIST_OVERSIGHT.value}
    as_csv = client.post(
        "/signals/export", data={**wanted, "format": "csv", "signal_type": "voter_duplicate"}
    )
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert sorted(int(row["id"]) for row in rows) == sorted(duplicates)
    assert all("*" in row["subject_nik"] for row in rows if row["subject_nik"])
    assert_manifest(demo, as_csv, len(duplicates))
    as_xlsx = client.post("/signals/export", data={**wanted, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    column = values[0].index("id")
    assert sorted(int(str(row[column])) for row in values[1:]) == sorted(mine)
    assert_manifest(demo, as_xlsx, len(mine))


def assert_manifest(demo: Demo, response: httpx.Response, rows: int) -> None:
    """The download is the file kept in the data folder, its manifest names Bawaslu's
    agreement, purpose, row count and the file's SHA-256, and the export is audited."""
    assert response.status_code == 200
    headers, content = response.headers, response.content
    name = re.search(r'filename="([^"]+)"', headers["content-disposition"])
    assert name is not None
    kept = Path(demo.settings.data_dir) / "exports" / "signals" / name.group(1)
    assert kept.read_bytes() == content
    manifest = json.loads(kept.with_name(kept.name + ".manifest.json").read_text())
    digest = hashlib.sha256(content).hexdigest()
    assert (manifest["agreement"], manifest["purpose"], manifest["dataset"]) == (
        BAWASLU_AGREEMENT,
        "voter_list_oversight",
        "signals",
    )
    assert (manifest["row_count"], manifest["sha256"]) == (rows, digest)
    assert headers["x-lindung-export-sha256"] == digest
    with demo.db.session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()
        audited = [e for e in entries if e.details.get("sha256") == digest]
    assert [(e.actor, e.row_count, e.agreement_number) for e in audited] == [
        ("bawaslu", rows, BAWASLU_AGREEMENT)
    ]


# -- 4. each marks a signal confirmed and another dismissed ---------------------------

MOVES = {
    "flotim": {"signal_type": "irregular_departure"},
    "komnasanak": {"signal_type": "underage"},
    "bawaslu": {"signal_type": "voter_duplicate"},
}


@pytest.mark.parametrize("username", USERS)
def test_each_marks_a_signal_confirmed_and_another_dismissed(demo: Demo, username: str) -> None:
    client = demo.clients[username]
    first, second = inbox_ids(client, **MOVES[username])[:2]
    for signal_id, status, reason in (
        (first, "confirmed", f"Dicek di lapangan oleh {username}"),
        (second, "dismissed", f"Bukan kasus: data lama ({username})"),
    ):
        page = client.get(f"/signals/{signal_id}")
        assert page.status_code == 200
        form = {"csrf_token": csrf_from(page.text), "to_status": status, "reason": reason}
        done = client.post(f"/signals/{signal_id}/status", data=form, follow_redirects=False)
        assert done.status_code == 303, done.text
        assert urlsplit(done.headers["location"]).path == f"/signals/{signal_id}"
        shown = client.get(done.headers["location"]).text
        assert reason in shown
        assert_recorded(demo.db, username, signal_id, status, reason)


def assert_recorded(db: Database, username: str, signal_id: int, status: str, reason: str) -> None:
    """The store holds the status, its event with the actor and reason, and an audit
    entry naming the signal."""
    with db.session() as s:
        assert s.scalar(select(Signal.status).where(Signal.id == signal_id)) == status
        events = s.execute(
            select(SignalEvent.actor, SignalEvent.to_status, SignalEvent.reason).where(
                SignalEvent.signal_id == signal_id, SignalEvent.kind == "status"
            )
        ).all()
        assert [tuple(e) for e in events] == [(f"user:{username}", status, reason)]
        entries = s.execute(
            select(AuditEntry.actor, AuditEntry.decision, AuditEntry.details)
            .join(AuditSubject, AuditSubject.audit_id == AuditEntry.id)
            .where(
                AuditEntry.action == "change",
                AuditSubject.subject_kind == "signal",
                AuditSubject.subject_id == str(signal_id),
            )
        ).all()
    assert [(actor, decision) for actor, decision, _ in entries] == [(username, "allowed")]
    assert entries[0][2]["to"] == status
    assert entries[0][2]["reason_given"] is True
