"""/api/v1/registry over real HTTP: the same checks as the pages (422 with every
problem in the user's language), the gate's scope (403 with the reason), moves
refused by the rules (422 naming each rule), OpenAPI."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from lindung.identity import make_nik
from lindung.store.database import Database
from lindung.store.models import AuditEntry, Placement, Worker
from support.http import TestClient
from support.placements import ON, Placements
from support.registry import first_village
from support.web import csrf_token

SignIn = Callable[[str], TestClient]


def api_client(signed_in: SignIn, username: str) -> TestClient:
    client = signed_in(username)
    client.headers["X-CSRF-Token"] = csrf_token(client, "/registry/workers")
    return client


def worker_body(village: str, **changes: str) -> dict[str, str]:
    birth = date(1999, 12, 31)
    body = {
        "nik": make_nik(village.replace(".", "")[:6], birth, "F", 3),
        "full_name": "Dewi Lestari",
        "sex": "F",
        "birth_date": birth.isoformat(),
        "origin_village_code": village,
        "marital_status": "single",
    }
    body.update(changes)
    return body


def test_register_answers_422_with_every_problem_then_201(signed_in: SignIn, db: Database) -> None:
    with db.session() as s:
        village = first_village(s, "35.09.01")
    client = api_client(signed_in, "jember")
    bad = worker_body(village, nik="3509", birth_date="31-12-1999", marital_status="")
    response = client.post("/api/v1/registry/workers", json=bad)
    assert response.status_code == 422
    problems = {(p["field"], p["code"]) for p in response.json()["problems"]}
    assert problems == {
        ("nik", "nik.length"),
        ("birth_date", "date.format"),
        ("marital_status", "required"),
    }
    client.cookies.set("lang", "en")
    english = client.post("/api/v1/registry/workers", json=bad).json()["problems"]
    client.cookies.delete("lang")
    assert {"field": "marital_status", "code": "required", "message": "required"} in english
    unknown = client.post("/api/v1/registry/workers", json={**bad, "religion": "x"})
    assert unknown.status_code == 422
    with db.session() as s:
        assert s.scalars(select(Worker.id)).all() == []
    created = client.post("/api/v1/registry/workers", json=worker_body(village, sex="M"))
    assert created.status_code == 201
    saved = created.json()
    assert [w["code"] for w in saved["warnings"]] == ["nik.sex_mismatch"]
    profile = client.get(f"/api/v1/registry/workers/{saved['id']}").json()
    assert profile["worker"]["full_name"] == "Dewi Lestari"
    assert profile["warnings"][0]["field"] == "nik"


def test_a_regional_officer_is_refused_outside_the_region(signed_in: SignIn, db: Database) -> None:
    with db.session() as s:
        built = Placements(s).placement()
    outsider = api_client(signed_in, "flotim")
    response = outsider.get(f"/api/v1/registry/workers/{built.worker_id}")
    assert response.status_code == 403
    assert response.json()["reason"] == "out_of_region"
    placement = outsider.get(f"/api/v1/registry/placements/{built.placement_id}")
    assert placement.status_code == 403
    write = outsider.post(
        f"/api/v1/registry/workers/{built.worker_id}/passports",
        json={"number": "C1234567", "issued_on": "2025-01-01", "expires_on": "2030-01-01"},
    )
    assert write.status_code == 403
    with db.session() as s:
        refused = s.scalars(select(AuditEntry).where(AuditEntry.decision == "refused")).all()
    assert {e.actor for e in refused} == {"flotim"}
    assert len(refused) == 2


def test_records_and_a_refused_then_accepted_move(signed_in: SignIn, db: Database) -> None:
    with db.session() as s:
        built = Placements(s).placement(documents=("passport",))
    client = api_client(signed_in, "admin")
    base = f"/api/v1/registry/placements/{built.placement_id}"
    move = {"to_status": "departed", "occurred_on": ON.isoformat()}
    refused = client.post(f"{base}/transitions", json=move)
    assert refused.status_code == 422
    rules = {p["field"] for p in refused.json()["problems"]}
    assert "rule:documents.pasal13" in rules
    document = {"kind": "work_visa", "number": "V-1", "issued_on": "2025-06-02"}
    bad = client.post(f"{base}/documents", json={**document, "expires_on": "2025-06-01"})
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["field"] == "expires_on"
    kinds = (
        "marital_status_letter",
        "family_permission",
        "competence_certificate",
        "health_certificate",
        "work_visa",
        "placement_agreement",
        "employment_contract",
    )
    for kind in kinds:
        body = {"kind": kind, "number": f"N-{kind}", "issued_on": "2025-05-01"}
        assert client.post(f"{base}/documents", json=body).status_code == 201
    event = client.post(f"{base}/events", json={"kind": "departure", "occurred_on": "2025-06-01"})
    assert event.status_code == 201, event.text
    page = client.get(base).json()
    assert page["placement"]["status"] == "departed"
    assert page["placement"]["departed_on"] == "2025-06-01"
    assert {s["status"] for s in page["next_steps"]} == {"working", "repatriated", "deceased"}
    early = client.post(f"{base}/events", json={"kind": "arrival", "occurred_on": "2025-05-01"})
    assert early.status_code == 422
    assert early.json()["problems"][0]["field"] == "occurred_on"
    reintegration = {"recorded_on": "2025-07-01", "programme": "training", "status": "planned"}
    too_soon = client.post(f"{base}/reintegrations", json=reintegration)
    assert too_soon.json()["problems"][0]["code"] == "reintegration.not_returned"
    with db.session() as s:
        placement = s.get(Placement, built.placement_id)
        assert placement is not None
        assert placement.status == "departed"


def test_readers_cannot_write_and_the_api_is_documented(
    signed_in: SignIn, client: TestClient
) -> None:
    analyst = api_client(signed_in, "analis")
    response = analyst.post("/api/v1/registry/workers", json={})
    assert response.status_code == 403
    spec = client.get("/api/openapi.json").json()
    assert "/api/v1/registry/placements/{placement_id}/transitions" in spec["paths"]
    assert "WorkerIn" in spec["components"]["schemas"]
    docs = client.get("/api/docs").text
    assert "/api/v1/registry/placements/{placement_id}/transitions" in docs
