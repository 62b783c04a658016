"""Agency oversight pages over HTTP (and one officer flow in a real browser)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from lindung.demo.logins import DemoLogin
from lindung.store.database import Database
from lindung.store.models import AgencySanction, HealthCheck, JobOrder
from lindung.web.ui import registry_agencies
from support.http import TestClient
from support.oversight import TODAY, agency, approved_order, employer
from support.registry import Registry, first_village
from support.web import csrf_from

if TYPE_CHECKING:
    from playwright.sync_api import Page


@pytest.fixture
def world(db: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setattr(registry_agencies, "today_", lambda: TODAY)
    with db.session() as s:
        owner = agency(s, name="PT Amanah Migran")
        boss = employer(s)
        order = approved_order(s, owner.id, skill_scheme=None, language=None)
        registry = Registry(s)
        for region in ("35.09", "53.06"):
            worker = registry.worker(first_village(s, region))
            for kind in ("medical", "psychological"):
                s.add(
                    HealthCheck(
                        worker_id=worker.id,
                        kind=kind,
                        result="fit",
                        examined_on=date(2026, 3, 1),
                        valid_until=date(2026, 12, 1),
                        facility="Klinik",
                    )
                )
        ids = {"agency": owner.id, "employer": boss.id, "order": order.id}
    return ids


def test_the_ranking_lists_agencies_with_their_reasons(
    signed_in: Callable[[str], TestClient], world: dict[str, int]
) -> None:
    page = signed_in("admin").get("/registry/agencies")
    assert page.status_code == 200
    assert "PT Amanah Migran" in page.text
    assert 'id="agency-ranking"' in page.text
    assert signed_in("mitra").get("/registry/agencies").status_code == 403


def test_a_sanction_form_names_its_bad_fields_and_stores_nothing(
    db: Database, signed_in: Callable[[str], TestClient], world: dict[str, int]
) -> None:
    admin = signed_in("admin")
    path = f"/registry/agencies/{world['agency']}"
    token = csrf_from(admin.get(path).text)
    response = admin.post(
        path + "/sanctions",
        data={"csrf_token": token, "kind": "suspension", "decided_on": "2026-13-01", "reason": ""},
    )
    assert response.status_code == 400
    assert 'id="reason-error"' in response.text
    assert 'id="decided_on-error"' in response.text
    with db.session() as s:
        assert s.scalar(select(func.count(AgencySanction.id))) == 0
    analyst = signed_in("analis")
    refused = analyst.post(
        path + "/sanctions",
        data={"csrf_token": csrf_from(analyst.get(path).text), "kind": "warning"},
    )
    assert refused.status_code == 403


def test_the_agency_form_and_the_branch_form_name_their_bad_fields(
    db: Database, signed_in: Callable[[str], TestClient], world: dict[str, int]
) -> None:
    from lindung.store.models import Agency, AgencyBranch

    admin = signed_in("admin")
    path = f"/registry/agencies/{world['agency']}"
    page = admin.get(path)
    assert 'id="agency-form"' in page.text
    assert 'value="PT Amanah Migran"' in page.text  # the form is filled with the record
    token = csrf_from(page.text)
    values = {
        "csrf_token": token,
        "name": "PT Amanah Migran Baru",
        "licence_no": "KEP.901/MEN/PPTKPKK/I/2024",
        "head_office_region_code": "35.09",
        "licence_valid_from": "2024-01-10",
        "licence_valid_to": "2023-01-09",
        "deposit_amount": "",
    }
    refused = admin.post(path, data=values)
    assert refused.status_code == 400
    assert 'id="licence_valid_to-error"' in refused.text
    assert 'value="PT Amanah Migran Baru"' in refused.text  # typed values come back
    with db.session() as s:
        assert s.get(Agency, world["agency"]).name == "PT Amanah Migran"  # type: ignore[union-attr]
    saved = admin.post(path, data={**values, "licence_valid_to": "2029-01-09"})
    assert saved.status_code == 200  # followed the redirect to the agency page
    assert "PT Amanah Migran Baru" in saved.text
    bad_branch = admin.post(
        path + "/branches", data={"csrf_token": token, "region_code": "", "opened_on": "2026-02-30"}
    )
    assert bad_branch.status_code == 400
    assert 'id="region_code-error"' in bad_branch.text
    assert 'id="opened_on-error"' in bad_branch.text
    branch = admin.post(
        path + "/branches",
        data={"csrf_token": token, "region_code": "53.06", "opened_on": "2026-02-01"},
    )
    assert branch.status_code == 200
    assert 'id="branch-list"' in branch.text
    assert "1 Februari 2026" in branch.text
    with db.session() as s:
        assert s.scalars(select(AgencyBranch.region_code)).all() == ["53.06"]
    analyst = signed_in("analis")
    assert 'id="agency-form"' not in analyst.get(path).text
    assert (
        analyst.post(path, data={"csrf_token": csrf_from(analyst.get(path).text)}).status_code
        == 403
    )


def test_the_worker_profile_links_to_the_job_orders_the_worker_qualifies_for(
    db: Database, signed_in: Callable[[str], TestClient], world: dict[str, int]
) -> None:
    from lindung.store.models import Worker

    with db.session() as s:
        jember, flotim = s.scalars(select(Worker.id).order_by(Worker.id)).all()
    officer = signed_in("jember")
    profile = officer.get(f"/registry/workers/{jember}")
    assert f'href="/registry/workers/{jember}/job-orders"' in profile.text
    page = officer.get(f"/registry/workers/{jember}/job-orders")
    assert page.status_code == 200
    assert 'id="matching-orders"' in page.text
    assert f'href="/registry/job-orders/{world["order"]}"' in page.text
    assert "Taiwan" in page.text
    assert "TWD 27.470" in page.text  # the salary formatted the Indonesian way
    assert "sisa 5 dari 5 tempat" in page.text
    officer.cookies.set("lang", "en")
    english = officer.get(f"/registry/workers/{jember}/job-orders")
    assert "TWD 27,470" in english.text
    assert "5 of 5 places left" in english.text
    officer.cookies.set("lang", "id")
    assert officer.get(f"/registry/workers/{flotim}/job-orders").status_code in (403, 404)
    assert signed_in("mitra").get(f"/registry/workers/{jember}/job-orders").status_code == 403


def test_a_suspended_agency_is_refused_a_new_job_order_at_the_form(
    db: Database, signed_in: Callable[[str], TestClient], world: dict[str, int]
) -> None:
    admin = signed_in("admin")
    path = f"/registry/agencies/{world['agency']}"
    token = csrf_from(admin.get(path).text)
    done = admin.post(
        path + "/sanctions",
        data={
            "csrf_token": token,
            "kind": "suspension",
            "decided_on": "2026-05-30",
            "reason": "biaya ilegal",
            "decree_no": "KEP.9/2026",
        },
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "Ditangguhkan" in admin.get(path).text
    form = {
        "csrf_token": token,
        "code": "JO-NEW-0001",
        "employer_id": str(world["employer"]),
        "country_code": "TW",
        "sector": "formal",
        "job_type": "factory_operator",
        "position": "Operator",
        "quota": "3",
        "salary_amount": "27470",
        "salary_currency": "TWD",
        "valid_from": "2026-06-01",
        "valid_to": "2026-12-31",
        "costs.0.item": "air_ticket",
        "costs.0.amount": "9000",
        "costs.0.currency": "TWD",
        "costs.0.charged_to": "employer",
    }
    refused = admin.post(path + "/job-orders", data=form)
    assert refused.status_code == 400
    assert "izin P3MI ditangguhkan" in refused.text
    with db.session() as s:
        assert s.scalar(select(func.count(JobOrder.id))) == 1


def test_the_job_order_page_shows_costs_and_candidates_in_the_readers_region(
    signed_in: Callable[[str], TestClient], world: dict[str, int]
) -> None:
    path = f"/registry/job-orders/{world['order']}"
    national = signed_in("admin").get(path)
    assert national.status_code == 200
    assert national.text.count("Pekerja Uji") == 2
    assert "Tiket pesawat".lower() in national.text.lower()
    jember = signed_in("jember").get(path)
    assert jember.text.count("Pekerja Uji") == 1
    assert signed_in("mitra").get(path).status_code == 403


@pytest.mark.browser
@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_officer_suspends_an_agency_and_then_sees_a_job_order_refused(
    live_server: str, page: Page, world: dict[str, int], demo_users: dict[str, DemoLogin]
) -> None:
    from playwright.sync_api import expect

    admin = demo_users["admin"]
    page.goto(f"{live_server}/login?next=/registry/agencies")
    page.get_by_label("Nama pengguna").fill(admin.username)
    page.get_by_label("Kata sandi").fill(admin.password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_role("link", name="PT Amanah Migran").click()
    form = page.locator("#sanction-form")
    form.get_by_label("Jenis sanksi").select_option("suspension")
    form.get_by_label("Tanggal keputusan").fill("2026-05-30")
    form.get_by_label("Alasan").fill("Memungut biaya dari pekerja rumah tangga")
    form.get_by_role("button", name="Simpan sanksi").click()
    expect(page.locator("#licence-status")).to_have_text("Ditangguhkan")
    expect(page.locator("#sanctions-table")).to_contain_text("Penghentian sementara")
    page.get_by_role("link", name="Buka job order").click()
    page.get_by_label("Kode job order").fill("JO-REFUSED-01")
    page.get_by_label("Pemberi kerja").select_option(str(world["employer"]))
    page.get_by_label("Negara (kode ISO)").fill("TW")
    page.get_by_label("Sektor").select_option("formal")
    page.get_by_label("Jenis pekerjaan").fill("factory_operator")
    page.get_by_label("Jabatan").fill("Operator")
    page.get_by_label("Kuota").fill("2")
    page.get_by_label("Gaji per bulan").fill("27470")
    page.locator("#salary_currency").fill("TWD")
    page.get_by_label("Berlaku mulai").fill("2026-06-01")
    page.get_by_label("Berlaku sampai").fill("2026-12-31")
    page.get_by_role("button", name="Simpan job order").click()
    expect(page.locator("#agency-refused")).to_contain_text("izin P3MI ditangguhkan")
