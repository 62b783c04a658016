"""The partner API's signals endpoints over HTTP, on both backends: Komnas Anak reads
only child-protection signals routed to it, Bawaslu only voter ones and the PPLN
table; status changes are purpose-bound and all-or-nothing; every exchange audited."""

from __future__ import annotations

import re

from sqlalchemy import select

from lindung.exchange.clients import create_client
from lindung.store.database import Database
from lindung.store.models import AuditEntry, Signal, SignalRun
from signals.factories import BAWASLU, KOMNAS, SignalWorld, build_world
from support.http import TestClient

SIGNALS = "/api/partner/v1/signals"
CHILD = "child_protection"
VOTERS = "voter_list_oversight"


def tokens(db: Database) -> tuple[SignalWorld, str, str]:
    world = build_world(db)
    with db.session() as s:
        komnas = create_client(s, KOMNAS, "Komnas Anak", rate_limit=1000).token
        bawaslu = create_client(s, BAWASLU, "Bawaslu RI", rate_limit=1000).token
        run = s.get(SignalRun, world.run_id)
        assert run is not None
        run.tables = {"ppln_coverage": [{"ppln": "TAIPEI", "country_code": "TW",
                                         "workers_abroad": 4, "on_list": 2}]}  # fmt: skip
    return world, komnas, bawaslu


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def last_audit(db: Database) -> AuditEntry:
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).first()
    assert entry is not None
    return entry


def test_each_partner_reads_only_its_signals(client: TestClient, db: Database) -> None:
    world, komnas, bawaslu = tokens(db)
    response = client.get(SIGNALS, params={"purpose": CHILD}, headers=bearer(komnas))
    assert response.status_code == 200, response.text
    assert response.headers["X-Lindung-Agreement"] == KOMNAS
    body = response.json()
    assert {row["id"] for row in body["rows"]} == {world.underage, world.clb}
    assert all(re.fullmatch(r"\d{4}\*{10}\d{2}", row["subject_nik"]) for row in body["rows"])
    entry = last_audit(db)
    assert (entry.action, entry.dataset, entry.row_count) == ("read", "signals", 2)
    voters = client.get(SIGNALS, headers={**bearer(bawaslu), "X-Lindung-Purpose": VOTERS})
    assert [row["id"] for row in voters.json()["rows"]] == [world.voter]
    filtered = client.get(
        SIGNALS, params={"purpose": CHILD, "signal_type": "underage"}, headers=bearer(komnas)
    )
    assert [row["id"] for row in filtered.json()["rows"]] == [world.underage]


def test_paging_refusals_and_missing_purpose(client: TestClient, db: Database) -> None:
    world, komnas, _ = tokens(db)
    first = client.get(SIGNALS, params={"purpose": CHILD, "limit": 1}, headers=bearer(komnas))
    cursor = first.json()["next_cursor"]
    assert cursor
    second = client.get(
        SIGNALS, params={"purpose": CHILD, "limit": 1, "cursor": cursor}, headers=bearer(komnas)
    )
    ids = [first.json()["rows"][0]["id"], second.json()["rows"][0]["id"]]
    assert sorted(ids) == sorted([world.underage, world.clb])
    refused = client.get(SIGNALS, params={"purpose": VOTERS}, headers=bearer(komnas))
    assert refused.status_code == 403
    assert refused.json()["reason"] == "purpose_not_allowed"
    missing = client.get(SIGNALS, headers=bearer(komnas))
    assert missing.status_code == 422
    assert last_audit(db).reason == "purpose_missing"
    bad = client.get(SIGNALS, params={"purpose": CHILD, "status": "open"}, headers=bearer(komnas))
    assert bad.status_code == 422
    assert "status" in bad.text
    hidden = client.get(
        f"{SIGNALS}/{world.voter}", params={"purpose": CHILD}, headers=bearer(komnas)
    )
    assert hidden.status_code == 404
    one = client.get(f"{SIGNALS}/{world.clb}", params={"purpose": CHILD}, headers=bearer(komnas))
    assert one.status_code == 200
    assert one.json()["signal"]["signal_type"] == "children_left_behind"


def test_status_changes_are_purpose_bound(client: TestClient, db: Database) -> None:
    world, komnas, _ = tokens(db)
    move = {"signal_ids": [world.underage, world.voter], "to_status": "in_review", "purpose": CHILD}
    refused = client.post(f"{SIGNALS}/status", json=move, headers=bearer(komnas))
    assert refused.status_code == 422
    assert "signal_ids" in refused.text
    with db.session() as s:
        assert s.get(Signal, world.underage).status == "new"  # type: ignore[union-attr]
    move["signal_ids"] = [world.underage]
    done = client.post(f"{SIGNALS}/status", json=move, headers=bearer(komnas))
    assert done.status_code == 200, done.text
    assert done.json()["moves"] == [
        {"signal_id": world.underage, "from_status": "new", "to_status": "in_review"}
    ]
    assert done.headers["X-Lindung-Agreement"] == KOMNAS
    no_reason = {"signal_ids": [world.underage], "to_status": "dismissed", "purpose": CHILD}
    assert (
        client.post(f"{SIGNALS}/status", json=no_reason, headers=bearer(komnas)).status_code == 422
    )
    history = client.get(
        f"{SIGNALS}/{world.underage}", params={"purpose": CHILD}, headers=bearer(komnas)
    ).json()["history"]
    assert [(h["kind"], h["to_status"]) for h in history] == [("status", "in_review")]


def test_ppln_coverage_for_bawaslu_only(client: TestClient, db: Database) -> None:
    _, komnas, bawaslu = tokens(db)
    table = client.get(f"{SIGNALS}/ppln-coverage", params={"purpose": VOTERS},
                       headers=bearer(bawaslu))  # fmt: skip
    assert table.status_code == 200, table.text
    assert table.json()["rows"][0]["ppln"] == "TAIPEI"
    assert last_audit(db).dataset == "ppln_coverage"
    refused = client.get(f"{SIGNALS}/ppln-coverage", params={"purpose": CHILD},
                         headers=bearer(komnas))  # fmt: skip
    assert refused.status_code == 403


def test_the_endpoints_are_in_openapi(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {
        SIGNALS,
        f"{SIGNALS}/status",
        f"{SIGNALS}/ppln-coverage",
        f"{SIGNALS}/{{signal_id}}",
    } <= set(paths)
