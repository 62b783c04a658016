"""The public check over HTTP: no login, no personal data, rate-limited, phone-sized."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi import FastAPI

from lindung.registry.sanctions import SanctionDraft, record_sanction
from lindung.store.database import Database
from lindung.web.public import routes
from support.http import TestClient
from support.oversight import ACTOR, TODAY, agency, approved_order
from support.registry import Registry, first_village


@pytest.fixture
def world(db: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setattr(routes, "today_", lambda: TODAY)
    with db.session() as s:
        good = agency(s, name="PT Amanah Migran")
        bad = agency(s, name="PT Ditangguhkan Sementara")
        factory = approved_order(s, good.id, code="JO-TW-FACTORY")
        maid = approved_order(
            s,
            good.id,
            code="JO-HK-PLRT",
            country_code="HK",
            sector="informal",
            job_type="domestic_worker",
            salary_currency="HKD",
            city="Hong Kong",
        )
        saudi = approved_order(
            s,
            good.id,
            code="JO-SA-HOUSEHOLD",
            country_code="SA",
            sector="informal",
            job_type="housekeeper",
            salary_currency="SAR",
            city="Riyadh",
        )
        registry = Registry(s)
        registry.placement(registry.worker(first_village(s, "35.09")), factory, "registered")
        record_sanction(
            s, ACTOR, bad.id, SanctionDraft("suspension", date(2026, 5, 1), "fees"), TODAY
        )
        codes = {
            "good": good.licence_no,
            "bad": bad.licence_no,
            "factory": factory.code,
            "maid": maid.code,
            "saudi": saudi.code,
        }
    return codes


def test_an_agency_is_found_by_licence_number_or_name(
    client: TestClient, world: dict[str, str]
) -> None:
    body = client.get("/api/public/v1/agencies", params={"q": world["good"].lower()}).json()
    assert body["found"] is True
    (item,) = body["items"]
    assert (item["name"], item["status"], item["licensed"]) == ("PT Amanah Migran", "active", True)
    suspended = client.get("/api/public/v1/agencies", params={"q": "ditangguhkan"}).json()
    assert suspended["items"][0]["status"] == "suspended"
    assert suspended["items"][0]["licensed"] is False
    assert suspended["items"][0]["status_label"] == "Ditangguhkan"


def test_a_fake_licence_number_is_answered_with_where_to_report(
    client: TestClient, world: dict[str, str]
) -> None:
    client.cookies.set("lang", "en")
    response = client.get("/api/public/v1/agencies", params={"q": "KEP.999/MEN/PALSU/2020"})
    assert response.status_code == 200
    body = response.json()
    assert (body["found"], body["count"]) == (False, 0)
    assert "may be illegal" in body["message"]
    assert "0800-1000" in body["report_to"]


def test_a_job_order_says_whether_it_is_legal_and_whether_fees_may_be_charged(
    client: TestClient, world: dict[str, str]
) -> None:
    factory = client.get(f"/api/public/v1/job-orders/{world['factory'].lower()}").json()
    assert factory["legal"] is True
    assert factory["fees_allowed"] is True
    assert (factory["country"], factory["salary"]) == (
        "Taiwan",
        {"amount": 27470.0, "currency": "TWD"},
    )
    assert "worker" not in str(factory).lower().replace("factory_operator", "")
    maid = client.get(f"/api/public/v1/job-orders/{world['maid']}").json()
    assert maid["legal"] is True
    assert maid["fees_allowed"] is False
    assert "agency_fee" in maid["exempt_items"]
    assert "TIDAK BOLEH" in maid["fee_note"]
    client.cookies.set("lang", "en")
    saudi = client.get(f"/api/public/v1/job-orders/{world['saudi']}").json()
    assert saudi["legal"] is False
    assert any("Kepmenaker 260/2015" in p for p in saudi["problems"])


def test_a_fake_job_code_is_a_404_with_where_to_report(
    client: TestClient, world: dict[str, str]
) -> None:
    response = client.get("/api/public/v1/job-orders/JO-PALSU-1")
    assert response.status_code == 404
    body = response.json()
    assert body["found"] is False
    assert "ilegal" in body["message"]
    assert "KP2MI" in body["report_to"]


def test_the_page_answers_without_a_login_in_both_languages(
    client: TestClient, world: dict[str, str]
) -> None:
    page = client.get("/cek", params={"q": world["bad"]})
    assert page.status_code == 200
    assert "Ditangguhkan" in page.text
    assert 'href="/lang/en?next=' in page.text
    client.cookies.set("lang", "en")
    fake = client.get("/cek", params={"code": "NOPE-404"})
    assert fake.status_code == 404
    assert "Not found" in fake.text
    assert "toll-free" in fake.text


def test_too_many_requests_from_one_address_get_429_with_retry_after(
    app: FastAPI, client: TestClient, world: dict[str, str]
) -> None:
    app.state.public_rate_per_minute = 3
    statuses = [client.get("/api/public/v1/agencies", params={"q": "amanah"}) for _ in range(4)]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429]
    limited = statuses[-1]
    assert int(limited.headers["Retry-After"]) >= 1
    assert limited.json()["status"] == 429
    page = client.get("/cek")
    assert page.status_code == 429
    assert "Terlalu banyak" in page.text


def test_the_openapi_document_describes_the_public_check(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/public/v1/agencies" in paths
    assert "/api/public/v1/job-orders/{code}" in paths


@pytest.mark.browser
@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_public_check_works_on_a_phone(
    browser: object, live_server: str, world: dict[str, str]
) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="id-ID"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/cek")
        page.fill("#q", world["good"])
        page.locator("#q ~ button").click()
        page.wait_for_selector("#agency-answer")
        assert "Aktif (berizin)" in page.inner_text("#agency-answer")
        page.fill("#code", world["maid"])
        page.locator("#code ~ button").click()
        answer = page.inner_text("#job-answer")
        assert "TIDAK BOLEH" in answer
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"the page scrolls sideways on a phone ({width}px)"
        page.get_by_role("link", name="English").click()
        page.wait_for_selector("html[lang=en]")
        assert "may NOT be charged" in page.inner_text("#job-answer")
        page.fill("#code", "JO-FAKE-0000")
        page.locator("#code ~ button").click()
        assert "may be illegal" in page.inner_text("#job-answer")
    finally:
        context.close()
