"""The signals pages over real HTTP, on both backends: inbox narrowed per role, detail
with evidence side by side, status changes single and bulk, summary, PPLN coverage,
downloads."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from sqlalchemy import select

from lindung.exchange.audit import Actor
from lindung.signals.runs import run_signals
from lindung.store.database import Database
from lindung.store.models import AuditEntry, Signal, SignalRun
from signals.factories import SignalWorld, bind_user, build_world
from support import civil_departures
from support.http import TestClient
from support.signals import AS_OF, World
from support.web import csrf_from

COVERAGE = [
    {"ppln": "KUALA LUMPUR", "country_code": "MY", "workers_abroad": 10, "on_list": 7,
     "missing": 3, "coverage": 0.7, "dpt_rows": 8, "duplicates": 1, "returned": 0,
     "ineligible": 0},
]  # fmt: skip


def ids_on(html: str, world: SignalWorld) -> set[int]:
    return {i for i in world.all if f'name="signal_ids" value="{i}"' in html}


def status_of(db: Database, signal_id: int) -> str:
    with db.session() as s:
        return str(s.scalar(select(Signal.status).where(Signal.id == signal_id)))


def test_the_inbox_shows_each_role_its_signals(
    db: Database, signed_in: Callable[[str], TestClient]
) -> None:
    world = build_world(db)
    admin = signed_in("admin")
    page = admin.get("/signals")
    assert page.status_code == 200
    assert ids_on(page.text, world) == world.all
    assert "Calon PMI atau pelintas di bawah umur" in page.text
    assert ids_on(signed_in("jember").get("/signals").text, world) == {world.underage, world.voter}
    bind_user(db, "mitra", world.komnas_org)
    partner = signed_in("mitra").get("/signals")
    assert partner.status_code == 200
    assert ids_on(partner.text, world) == {world.underage, world.clb}
    assert "Pekerja Uji" not in partner.text  # names masked for Komnas Anak
    admin = signed_in("admin")
    token = csrf_from(admin.get("/signals").text)
    note = {"csrf_token": token, "to_status": "in_review", "reason": "Ibu Siti called"}
    admin.post(f"/signals/{world.clb}/status", data=note)
    seen = signed_in("mitra").get(f"/signals/{world.clb}")
    assert seen.status_code == 200
    assert "Sedang ditinjau" in seen.text
    assert "Ibu Siti" not in seen.text
    assert "user:admin" not in seen.text


def test_a_departure_located_by_the_civil_registry_reaches_that_regions_officer(
    db: Database, signed_in: Callable[[str], TestClient]
) -> None:
    """An unregistered traveller's irregular departure, located only through the
    crossings <-> civil registry pairing (the civil record is in Flores Timur), is in
    the Flores Timur officer's inbox and opens for her; Jember's officer gets neither."""
    with db.session() as s:
        ids = civil_departures.scenario(World.build(s))
    run_signals(db, AS_OF, Actor("cli", "signals-test"))
    with db.session() as s:
        signal_id = s.scalar(
            select(Signal.id).where(
                Signal.signal_type == "irregular_departure",
                Signal.primary_source == "border_crossings",
                Signal.primary_key == ids["located"],
            )
        )
    assert signal_id is not None
    flotim, jember = signed_in("flotim"), signed_in("jember")
    inbox = flotim.get("/signals", params={"signal_type": "irregular_departure"})
    assert f'name="signal_ids" value="{signal_id}"' in inbox.text
    assert flotim.get(f"/signals/{signal_id}").status_code == 200
    theirs = jember.get("/signals", params={"signal_type": "irregular_departure"})
    assert f'name="signal_ids" value="{signal_id}"' not in theirs.text
    assert jember.get(f"/signals/{signal_id}").status_code in (403, 404)


def test_filters_sort_and_bad_filters(db: Database, signed_in: Callable[[str], TestClient]) -> None:
    world = build_world(db)
    admin = signed_in("admin")
    only = admin.get("/signals", params={"signal_type": "voter_missing", "country": "my"})
    assert ids_on(only.text, world) == {world.voter}
    region = admin.get("/signals", params={"region": "53.06"})
    assert ids_on(region.text, world) == {world.clb}
    by_risk = admin.get("/signals", params={"sort": "risk"}).text
    assert by_risk.index(f'value="{world.underage}"') < by_risk.index(f'value="{world.voter}"')
    bad = admin.get("/signals", params={"status": "open", "region": "jember"})
    assert bad.status_code == 400
    assert "region" in bad.text
    assert "kode wilayah" in bad.text


def test_the_detail_page_shows_evidence_reasons_and_history(
    db: Database, signed_in: Callable[[str], TestClient]
) -> None:
    world = build_world(db)
    admin = signed_in("admin")
    page = admin.get(f"/signals/{world.underage}")
    assert page.status_code == 200
    assert 'class="conflict"' in page.text
    assert "<mark>2009</mark>" in page.text
    assert "0.97" in page.text  # match probability
    assert "Test reason" in page.text  # unknown reason code, humanised
    assert "Pekerja Uji" in page.text  # national roles read the subject in clear
    assert "Tahun lahir" in page.text  # evidence names in Indonesian first
    assert "Birth year" not in page.text
    assert "Age years" in page.text  # a name without words: the code made readable
    admin.cookies.set("lang", "en")
    english = admin.get(f"/signals/{world.underage}")
    assert "Under-age candidate or traveller" in english.text
    assert "Birth year" in english.text
    assert "Tahun lahir" not in english.text
    assert signed_in("jember").get(f"/signals/{world.clb}").status_code == 404
    assert admin.get("/signals/999999").status_code == 404


def test_a_status_change_needs_a_reason_and_is_recorded(
    db: Database, signed_in: Callable[[str], TestClient]
) -> None:
    world = build_world(db)
    admin = signed_in("admin")
    page = admin.get(f"/signals/{world.underage}")
    token = csrf_from(page.text)
    refused = admin.post(
        f"/signals/{world.underage}/status",
        data={"csrf_token": token, "to_status": "dismissed", "reason": ""},
    )
    assert refused.status_code == 400
    assert "alasan wajib diisi" in refused.text
    assert status_of(db, world.underage) == "new"
    done = admin.post(
        f"/signals/{world.underage}/status",
        data={"csrf_token": token, "to_status": "dismissed", "reason": "same person, old record"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert status_of(db, world.underage) == "dismissed"
    history = admin.get(done.headers["location"]).text
    assert "same person, old record" in history
    assert "Status disimpan." in history


def test_bulk_change_is_all_or_nothing(
    db: Database, signed_in: Callable[[str], TestClient]
) -> None:
    world = build_world(db)
    jember = signed_in("jember")
    token = csrf_from(jember.get("/signals").text)
    refused = jember.post(
        "/signals/status",
        data={
            "csrf_token": token,
            "signal_ids": [world.voter, world.clb],
            "to_status": "in_review",
        },
    )
    assert refused.status_code == 400
    assert status_of(db, world.voter) == "new"
    done = jember.post(
        "/signals/status",
        data={"csrf_token": token, "signal_ids": [world.voter, world.underage],
              "to_status": "confirmed", "reason": "visited the family"},
        follow_redirects=False,
    )  # fmt: skip
    assert done.status_code == 303
    assert (status_of(db, world.voter), status_of(db, world.underage)) == ("confirmed",) * 2
    assert "2 sinyal diperbarui." in jember.get(done.headers["location"]).text


def test_summary_and_ppln_coverage(db: Database, signed_in: Callable[[str], TestClient]) -> None:
    world = build_world(db)
    with db.session() as s:
        run = s.get(SignalRun, world.run_id)
        assert run is not None
        run.tables = {"ppln_coverage": COVERAGE}
    admin = signed_in("admin")
    summary = admin.get("/signals/summary")
    assert summary.status_code == 200
    assert 'id="panel-by-country"' in summary.text
    assert "<svg" in summary.text
    assert "Organisation KOMNAS-ANAK" in summary.text  # per partner, for KP2MI
    assert "35.09 " in summary.text  # by regency
    flores = admin.get("/signals/summary", params={"region": "53.06"})
    assert "53.06 " in flores.text
    assert "35.09 " not in flores.text
    assert admin.get("/signals/summary", params={"region": "x"}).status_code == 400
    outside = signed_in("flotim").get("/signals/summary", params={"region": "35.09"})
    assert outside.status_code == 403
    village = signed_in("jember").get("/signals/summary")
    assert 'id="panel-by-village"' in village.text
    ppln = admin.get("/signals/ppln")
    assert "KUALA LUMPUR" in ppln.text
    assert "70.0%" in ppln.text
    assert signed_in("jember").get("/signals/ppln").status_code == 403
    bind_user(db, "mitra", world.bawaslu_org)
    assert signed_in("mitra").get("/signals/ppln").status_code == 200


def test_downloads_carry_a_manifest_and_are_audited(
    db: Database, signed_in: Callable[[str], TestClient]
) -> None:
    world = build_world(db)
    bind_user(db, "mitra", world.bawaslu_org)
    partner = signed_in("mitra")
    token = csrf_from(partner.get("/signals").text)
    response = partner.post(
        "/signals/export",
        data={"csrf_token": token, "format": "csv", "purpose": "voter_list_oversight"},
    )
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [int(r["id"]) for r in rows] == [world.voter]
    assert "*" in rows[0]["subject_nik"]
    assert response.headers["x-lindung-rows"] == "1"
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
        assert (entry.dataset, entry.row_count) == ("signals", 1)
        assert entry.agreement_number is not None
    bad = partner.post("/signals/export", data={"csrf_token": token, "format": "pdf"})
    assert bad.status_code == 400
