"""The agency-oversight JSON API: same validation as the pages (422 by field), roles,
region scope, OpenAPI."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lindung.store.database import Database
from lindung.web.ui import registry_agencies
from support.http import TestClient
from support.oversight import TODAY, agency, approved_order, employer
from support.registry import Registry, first_village
from support.web import csrf_token


@pytest.fixture
def world(db: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setattr(registry_agencies, "today_", lambda: TODAY)
    with db.session() as s:
        owner = agency(s, name="PT Amanah Migran")
        boss = employer(s)
        order = approved_order(s, owner.id, skill_scheme=None, language=None)
        registry = Registry(s)
        registry.placement(registry.worker(first_village(s, "53.06")), order, "registered")
        ids = {"agency": owner.id, "employer": boss.id, "order": order.id}
    return ids


def _writer(signed_in: Callable[[str], TestClient], username: str = "admin") -> TestClient:
    client = signed_in(username)
    client.headers["X-CSRF-Token"] = csrf_token(client, "/registry/agencies")
    return client


def test_register_an_agency_and_get_every_problem_at_once(
    signed_in: Callable[[str], TestClient], world: dict[str, int]
) -> None:
    admin = _writer(signed_in)
    bad = admin.post(
        "/api/v1/registry/agencies",
        json={"licence_no": "nope", "licence_valid_from": "01/02/2026", "licence_valid_to": ""},
    )
    assert bad.status_code == 422
    fields = {p["field"] for p in bad.json()["problems"]}
    assert {"licence_no", "name", "head_office_region_code", "licence_valid_from"} <= fields
    assert "licence_valid_to" in fields
    made = admin.post(
        "/api/v1/registry/agencies",
        json={
            "licence_no": "KEP.77/MEN/PPTKPKK/I/2024",
            "name": "PT Baru",
            "head_office_region_code": "31",
            "licence_valid_from": "2024-01-10",
            "licence_valid_to": "2029-01-09",
        },
    )
    assert made.status_code == 201, made.text
    assert made.json()["licence_status"] == "active"


def test_a_sanction_then_a_refused_job_order_through_the_api(
    signed_in: Callable[[str], TestClient], world: dict[str, int]
) -> None:
    admin = _writer(signed_in)
    sanctioned = admin.post(
        f"/api/v1/registry/agencies/{world['agency']}/sanctions",
        json={"kind": "revocation", "decided_on": "2026-05-20", "reason": "pemalsuan dokumen"},
    )
    assert sanctioned.status_code == 201, sanctioned.text
    card = admin.get(f"/api/v1/registry/agencies/{world['agency']}").json()
    assert card["status_today"] == "revoked"
    assert [e["status"] for e in card["licence_history"]] == ["active", "revoked"]
    assert card["placements_by_stage"] == {"registered": 1}
    refused = admin.post(
        "/api/v1/registry/job-orders",
        json={
            "code": "JO-API-0001",
            "agency_id": str(world["agency"]),
            "employer_id": str(world["employer"]),
            "country_code": "TW",
            "sector": "formal",
            "job_type": "factory_operator",
            "position": "Operator",
            "quota": "2",
            "salary_amount": "27470",
            "salary_currency": "TWD",
            "valid_from": "2026-06-01",
            "valid_to": "2026-12-31",
            "costs": [{"item": "visa", "amount": "-1", "currency": "TWD", "charged_to": "worker"}],
        },
    )
    assert refused.status_code == 422
    problems = {p["field"]: p["code"] for p in refused.json()["problems"]}
    assert problems["agency_id"] == "agency.revoked"
    assert problems["costs.0.amount"] == "amount.negative"


def test_roles_and_the_region_scope_of_the_api(
    signed_in: Callable[[str], TestClient], world: dict[str, int]
) -> None:
    analyst = _writer(signed_in, "analis")
    assert (
        analyst.post(
            f"/api/v1/registry/agencies/{world['agency']}/sanctions", json={"kind": "warning"}
        ).status_code
        == 403
    )
    ranking = analyst.get("/api/v1/registry/agencies").json()
    assert ranking["items"][0]["name"] == "PT Amanah Migran"
    assert signed_in("mitra").get("/api/v1/registry/agencies").status_code == 403
    order = analyst.get(f"/api/v1/registry/job-orders/{world['order']}").json()
    assert order["costs"] == [
        {"item": "air_ticket", "amount": 9000.0, "currency": "TWD", "charged_to": "employer"}
    ]
    jember = signed_in("jember").get(f"/api/v1/registry/agencies/{world['agency']}").json()
    assert (jember["scope"], jember["placements_by_stage"]) == ("35.09", {})
    flotim = signed_in("flotim").get(f"/api/v1/registry/agencies/{world['agency']}").json()
    assert flotim["placements_by_stage"] == {"registered": 1}


def test_the_registry_api_is_in_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/v1/registry/agencies",
        "/api/v1/registry/agencies/{agency_id}",
        "/api/v1/registry/agencies/{agency_id}/sanctions",
        "/api/v1/registry/agencies/{agency_id}/branches",
        "/api/v1/registry/job-orders",
        "/api/v1/registry/job-orders/{job_order_id}/candidates",
    ):
        assert path in paths, path


def test_the_open_job_orders_a_worker_qualifies_for(
    db: Database, signed_in: Callable[[str], TestClient], world: dict[str, int]
) -> None:
    from datetime import date

    from lindung.store.models import HealthCheck

    with db.session() as s:
        worker = Registry(s).worker(first_village(s, "35.09"))
        for kind in ("medical", "psychological"):
            s.add(
                HealthCheck(
                    worker_id=worker.id,
                    kind=kind,
                    result="fit",
                    examined_on=date(2026, 1, 1),
                    valid_until=date(2026, 12, 1),
                    facility="Klinik",
                )
            )
        worker_id = worker.id
    path = f"/api/v1/registry/job-orders/for-worker/{worker_id}"
    found = signed_in("jember").get(path).json()
    assert [item["id"] for item in found["items"]] == [world["order"]]
    assert found["items"][0]["places_left"] == 4  # quota 5, one placement registered
    assert "usia" in " ".join(found["items"][0]["reasons"])
    assert signed_in("flotim").get(path).status_code == 404  # not in the officer's region
    assert signed_in("mitra").get(path).status_code == 403


def test_update_an_agency_and_add_a_branch_with_problems_at_the_fields(
    db: Database, signed_in: Callable[[str], TestClient], world: dict[str, int]
) -> None:
    from sqlalchemy import select

    from lindung.store.models import Agency, AgencyBranch

    admin = _writer(signed_in)
    path = f"/api/v1/registry/agencies/{world['agency']}"
    current = {
        "licence_no": "KEP.900/MEN/PPTKPKK/I/2024",
        "name": "PT Amanah Migran Sejahtera",
        "head_office_region_code": "35.09",
        "licence_valid_from": "2024-01-10",
        "licence_valid_to": "2029-01-09",
        "deposit_amount": "1500000000",
    }
    bad = admin.put(
        path, json={**current, "licence_valid_to": "2023-01-01", "head_office_region_code": "99"}
    )
    assert bad.status_code == 422
    assert {p["field"] for p in bad.json()["problems"]} == {
        "licence_valid_to",
        "head_office_region_code",
    }
    with db.session() as s:
        assert s.get(Agency, world["agency"]).name == "PT Amanah Migran"  # type: ignore[union-attr]
    saved = admin.put(path, json=current)
    assert saved.status_code == 200, saved.text
    assert saved.json()["name"] == "PT Amanah Migran Sejahtera"
    assert saved.json()["deposit_amount"] == 1_500_000_000
    refused = admin.post(path + "/branches", json={"region_code": "xx", "opened_on": "kemarin"})
    assert refused.status_code == 422
    assert {p["field"] for p in refused.json()["problems"]} == {"region_code", "opened_on"}
    made = admin.post(
        path + "/branches",
        json={"region_code": "53.06", "opened_on": "2026-02-01", "address": "Jl. Larantuka 1"},
    )
    assert made.status_code == 201, made.text
    assert made.json()["region_code"] == "53.06"
    with db.session() as s:
        regions = s.scalars(select(AgencyBranch.region_code)).all()
    assert regions == ["53.06"]
    analyst = _writer(signed_in, "analis")
    assert analyst.put(path, json=current).status_code == 403
    assert analyst.post(path + "/branches", json={}).status_code == 403
