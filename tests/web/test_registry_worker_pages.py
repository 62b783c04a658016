"""Worker and placement pages over real HTTP: register with problems at the fields,
search by POST, the profile and its timeline, the regional scope (refused with the
reason, audited), the placement page's findings and a refused move explained."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select

from lindung.demo.logins import DemoLogin
from lindung.identity import make_nik
from lindung.store.database import Database
from lindung.store.models import AuditEntry, Placement, Worker
from lindung.web.ui import registry_workers_placements
from support.http import TestClient
from support.placements import ON, Placements
from support.registry import first_village
from support.web import csrf_from, table_rows

SignIn = Callable[[str], TestClient]


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry_workers_placements, "today", lambda: ON)


def registration(village: str, **changes: str) -> dict[str, str]:
    birth = date(1998, 7, 9)
    form = {
        "nik": make_nik(village.replace(".", "")[:6], birth, "M", 17),
        "full_name": "Budi Santoso",
        "sex": "M",
        "birth_date": birth.isoformat(),
        "birth_place": "Jember",
        "origin_village_code": village,
        "marital_status": "married",
        "education": "sma",
        "phone": "",
        "address": "",
        "email": "",
    }
    form.update(changes)
    return form


def post_form(client: TestClient, page: str, action: str, form: dict[str, str]) -> object:
    token = csrf_from(client.get(page).text)
    return client.post(action, data={**form, "csrf_token": token}, follow_redirects=False)


def test_registration_shows_each_problem_at_its_field_then_saves(
    signed_in: SignIn, db: Database
) -> None:
    with db.session() as s:
        village = first_village(s, "35.09.01")
    officer = signed_in("jember")
    bad = registration(village, birth_date="1998-02-30", origin_village_code="35.09")
    response = post_form(officer, "/registry/workers/new", "/registry/workers", bad)
    assert response.status_code == 400  # type: ignore[attr-defined]
    html = response.text  # type: ignore[attr-defined]
    assert 'id="birth_date-error"' in html
    assert 'id="origin_village_code-error"' in html
    assert "tanggal harus berformat YYYY-MM-DD" in html
    assert "kode kabupaten/kota" not in html
    assert "kode desa/kelurahan" in html
    assert 'value="Budi Santoso"' in html  # typed values come back
    with db.session() as s:
        assert s.scalars(select(Worker.id)).all() == []
    response = post_form(
        officer, "/registry/workers/new", "/registry/workers", registration(village)
    )
    assert response.status_code == 303  # type: ignore[attr-defined]
    profile = officer.get(response.headers["location"])  # type: ignore[attr-defined]
    assert profile.status_code == 200
    assert "Budi Santoso" in profile.text
    assert "nik-warnings" not in profile.text


def test_a_nik_disagreement_is_shown_for_review(signed_in: SignIn, db: Database) -> None:
    with db.session() as s:
        village = first_village(s, "35.09.01")
    admin = signed_in("admin")
    form = registration(village, sex="F")
    response = post_form(admin, "/registry/workers/new", "/registry/workers", form)
    assert response.status_code == 303  # type: ignore[attr-defined]
    profile = admin.get(response.headers["location"])  # type: ignore[attr-defined]
    assert 'id="nik-warnings"' in profile.text
    assert "jenis kelamin pada NIK" in profile.text


def test_search_is_posted_and_scoped_to_the_officers_region(
    signed_in: SignIn, db: Database
) -> None:
    with db.session() as s:
        jember = Placements(s).worker()
        jember_nik, jember_id = jember.nik, jember.id
        flotim_village = first_village(s, "53.06")
        flotim = Worker(
            nik=make_nik(flotim_village.replace(".", "")[:6], date(1990, 1, 1), "M", 5),
            full_name="Pekerja Kebijakan Flotim",
            sex="M",
            birth_date=date(1990, 1, 1),
            origin_village_code=flotim_village,
            marital_status="single",
        )
        s.add(flotim)
    officer = signed_in("jember")
    page = officer.get("/registry/workers")
    token = csrf_from(page.text)
    found = officer.post(
        "/registry/workers/search", data={"csrf_token": token, "name": "kebijakan", "nik": ""}
    )
    assert found.status_code == 200
    rows = table_rows(found.text, "worker-results")
    assert len(rows) == 1
    assert rows[0][1] == jember_nik
    assert str(found.url).endswith("/registry/workers/search")
    by_nik = officer.post("/registry/workers/search", data={"csrf_token": token, "nik": jember_nik})
    assert f"/registry/workers/{jember_id}" in by_nik.text


def test_an_officer_cannot_open_a_worker_from_another_region(
    signed_in: SignIn, db: Database, demo_users: dict[str, DemoLogin]
) -> None:
    with db.session() as s:
        flotim_village = first_village(s, "53.06")
        worker = Worker(
            nik=make_nik(flotim_village.replace(".", "")[:6], date(1990, 1, 1), "M", 5),
            full_name="Pekerja Flores",
            sex="M",
            birth_date=date(1990, 1, 1),
            origin_village_code=flotim_village,
            marital_status="single",
        )
        s.add(worker)
        s.flush()
        worker_id = worker.id
    response = signed_in("jember").get(f"/registry/workers/{worker_id}")
    assert response.status_code == 403
    assert "di luar cakupan wilayah Anda" in response.text
    assert "Pekerja Flores" not in response.text
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.actor == "jember")).all()[-1]
    assert (entry.action, entry.reason, entry.dataset) == ("refused", "out_of_region", "workers")
    assert signed_in("flotim").get(f"/registry/workers/{worker_id}").status_code == 200
    assert signed_in("mitra").get(f"/registry/workers/{worker_id}").status_code == 403


def test_the_profile_shows_the_timeline_across_phases(signed_in: SignIn, db: Database) -> None:
    with db.session() as s:
        built = Placements(s).placement(status="returned", departed_on=date(2025, 6, 1))
        placement = s.get(Placement, built.placement_id)
        assert placement is not None
        placement.returned_on = date(2027, 6, 1)
    page = signed_in("analis").get(f"/registry/workers/{built.worker_id}")
    assert page.status_code == 200
    rows = table_rows(page.text, "worker-timeline")
    phases = [row[1] for row in rows]
    assert phases[0] == "Sebelum bekerja"
    assert "Selama bekerja" in phases
    assert phases[-1] == "Setelah bekerja"
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)
    assert any(row[2] == "Paspor" for row in rows)  # Pasal 13 documents are in it
    assert 'href="/registry/workers/' not in page.text or "correct" not in page.text


def test_the_placement_page_explains_a_refused_move(signed_in: SignIn, db: Database) -> None:
    with db.session() as s:
        built = Placements(s).placement(documents=("passport", "work_visa"))
    officer = signed_in("jember")
    page = officer.get(f"/registry/placements/{built.placement_id}")
    assert page.status_code == 200
    findings = table_rows(page.text, "placement-findings")
    assert any("documents.personal" in row[0] for row in findings)
    assert "Pelanggaran" in page.text
    form = {"to_status": "departed", "occurred_on": ON.isoformat(), "reason": ""}
    path = f"/registry/placements/{built.placement_id}"
    refused = post_form(officer, path, path + "/transition", form)
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert 'id="transition-refused"' in refused.text  # type: ignore[attr-defined]
    assert "Delapan dokumen Pasal 13" in refused.text  # type: ignore[attr-defined]
    assert "UU 18/2017" in refused.text  # type: ignore[attr-defined]
    with db.session() as s:
        placement = s.get(Placement, built.placement_id)
        assert placement is not None
        assert placement.status == "oriented"


def test_an_allowed_move_changes_the_stage(signed_in: SignIn, db: Database) -> None:
    with db.session() as s:
        built = Placements(s).placement()
    officer = signed_in("admin")
    path = f"/registry/placements/{built.placement_id}"
    form = {"to_status": "departed", "occurred_on": ON.isoformat(), "reason": ""}
    moved = post_form(officer, path, path + "/transition", form)
    assert moved.status_code == 303, moved.text  # type: ignore[attr-defined]
    page = officer.get(path)
    assert "Berangkat" in page.text
    history = table_rows(page.text, "placement-history")
    assert history[-1][3] == "Berangkat"


def test_readers_cannot_write(signed_in: SignIn, db: Database) -> None:
    analyst = signed_in("analis")
    assert analyst.get("/registry/workers/new").status_code == 403
    assert analyst.get("/registry/workers/1/add/passport").status_code == 403
    assert signed_in("admin").get("/registry/workers/1/add/unknown").status_code == 404


def test_a_correction_through_the_form_keeps_the_nik(signed_in: SignIn, db: Database) -> None:
    with db.session() as s:
        worker = Placements(s).worker()
        worker_id, nik = worker.id, worker.nik
    officer = signed_in("jember")
    path = f"/registry/workers/{worker_id}/correct"
    form_page = officer.get(path)
    assert form_page.status_code == 200
    assert 'value="Pekerja Kebijakan' in form_page.text
    token = csrf_from(form_page.text)
    fields = {
        "full_name": "Pekerja Kebijakan Baru",
        "sex": "F",
        "birth_date": "1995-03-15",
        "origin_village_code": first_village_of(db),
        "marital_status": "married",
        "csrf_token": token,
    }
    missing_reason = officer.post(path, data=fields, follow_redirects=False)
    assert missing_reason.status_code == 400
    assert 'id="reason-error"' in missing_reason.text
    saved = officer.post(path, data={**fields, "reason": "akta nikah"}, follow_redirects=False)
    assert saved.status_code == 303
    profile = officer.get(f"/registry/workers/{worker_id}").text
    assert "Pekerja Kebijakan Baru" in profile
    assert "Kawin" in profile
    assert nik in profile
    # the corrections history keeps the old values, who and why
    history = table_rows(profile, "worker-corrections")
    by_field = {row[1]: row for row in history}
    name = by_field["Nama lengkap"]
    assert name[2].startswith("Pekerja Kebijakan")
    assert name[2:] == [name[2], "Pekerja Kebijakan Baru", "jember", "akta nikah"]
    assert name[2] != name[3]
    assert by_field["Status perkawinan"][3] == "Kawin"


def first_village_of(db: Database) -> str:
    with db.session() as s:
        return first_village(s, "35.09")
