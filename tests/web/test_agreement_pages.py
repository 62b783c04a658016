"""Agreement pages over real HTTP: list, detail, create, revise, status changes, roles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from lindung.demo.agreements import FOUNDING, seed_founding_agreements
from lindung.demo.logins import DemoLogin
from lindung.exchange.terms import find_terms
from lindung.store.database import Database
from lindung.store.models import Agreement, AuditEntry
from lindung.web.ui import agreement_pages
from support.http import TestClient
from support.web import csrf_from, table_rows

if TYPE_CHECKING:
    from playwright.sync_api import Page

SignIn = Callable[[str], TestClient]
IMIGRASI = "PKS.01/KP2MI-IMI/XII/2025"


TODAY = date(2026, 6, 1)


@pytest.fixture
def seeded(
    db: Database, demo_users: dict[str, DemoLogin], monkeypatch: pytest.MonkeyPatch
) -> Database:
    monkeypatch.setattr(agreement_pages, "today_", lambda: TODAY)
    seed_founding_agreements(db, today=TODAY)
    return db


def _id(db: Database, number: str) -> int:
    with db.session() as session:
        found = session.scalar(select(Agreement.id).where(Agreement.number == number))
    assert found is not None
    return found


def _new_form(**overrides: str | list[str]) -> dict[str, str | list[str]]:
    form: dict[str, str | list[str]] = {
        "number": "PKS.20/KP2MI-BAWASLU/I/2026",
        "kind": "pks",
        "partner": "BAWASLU",
        "implements": "MoU.02/KP2MI-BAWASLU/XII/2025",
        "status": "active",
        "title": "PKS sosialisasi",
        "signed_on": "2026-01-05",
        "valid_from": "2026-01-05",
        "valid_to": "2027-01-04",
        "purposes": ["voter_list_oversight"],
        "lawful_basis": "UU 27/2022 Pasal 20 ayat (2) huruf c",
        "region_codes": "",
        "fetch_mode": "api",
        "frequency": "monthly",
        "retention_days": "365",
        "document_sha256": "cd" * 32,
        "ds.workers.full_name": "clear",
        "ds.workers.nik": "masked",
        "ds.workers.phone": "none",
    }
    form.update(overrides)
    return form


def test_list_shows_every_agreement_with_its_status(signed_in: SignIn, seeded: Database) -> None:
    page = signed_in("analis").get("/agreements")
    assert page.status_code == 200
    rows = table_rows(page.text, "agreements-table")
    assert len(rows) == len(FOUNDING)
    by_number = {row[0]: row for row in rows}
    assert by_number[IMIGRASI][1] == "Direktorat Jenderal Imigrasi"
    assert by_number[IMIGRASI][3] == "Berlaku"
    assert by_number["PKS.07/BP2MI-JBR/III/2024"][3] == "Kedaluwarsa"
    assert by_number["PKS.11/KP2MI-PROBOLINGGO/XII/2025"][3] == "Ditangguhkan"
    assert "/agreements/new" not in page.text  # analysts do not manage


def test_partner_and_regional_users_see_only_their_own(signed_in: SignIn, seeded: Database) -> None:
    mitra = table_rows(signed_in("mitra").get("/agreements").text, "agreements-table")
    assert [row[0] for row in mitra] == [IMIGRASI]
    jember = table_rows(signed_in("jember").get("/agreements").text, "agreements-table")
    assert {row[0] for row in jember} == {
        "MoU.12/KP2MI-JEMBER/XII/2025",
        "PKS.13/KP2MI-JEMBER/XII/2025",
        "PKS.07/BP2MI-JBR/III/2024",
    }
    hidden = signed_in("mitra").get(f"/agreements/{_id(seeded, 'MoU.02/KP2MI-BAWASLU/XII/2025')}")
    assert hidden.status_code == 404


def test_detail_shows_terms_fields_and_a_verified_chain(
    signed_in: SignIn, seeded: Database
) -> None:
    client = signed_in("admin")
    page = client.get(f"/agreements/{_id(seeded, IMIGRASI)}")
    assert page.status_code == 200
    assert "Direktorat Jenderal Imigrasi" in page.text
    assert "Rantai versi utuh" in page.text
    outgoing = table_rows(page.text, "flows-1")
    assert ["workers", "nik", "Pseudonim"] in outgoing
    incoming = table_rows(page.text, "flows-2")
    assert ["border_crossings", "passport_number", "Utuh"] in incoming
    versions = table_rows(page.text, "versions-table")
    assert len(versions) == 1
    client.cookies.set("lang", "en")
    english = client.get(f"/agreements/{_id(seeded, IMIGRASI)}")
    assert "Version chain intact" in english.text


def test_admin_creates_an_agreement(signed_in: SignIn, seeded: Database) -> None:
    client = signed_in("admin")
    form_page = client.get("/agreements/new")
    assert form_page.status_code == 200
    data = {**_new_form(), "csrf_token": csrf_from(form_page.text)}
    response = client.post("/agreements", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    detail = client.get(response.headers["location"])
    assert "PKS.20/KP2MI-BAWASLU/I/2026" in detail.text
    with seeded.session() as session:
        terms = find_terms(session, "PKS.20/KP2MI-BAWASLU/I/2026")
        assert terms.agreement.status == "active"
        assert {k: v.value for k, v in terms.datasets[("workers", "to_partner")].items()} == {  # type: ignore[index]
            "full_name": "clear",
            "nik": "masked",
        }
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None
        assert entry.actor == "admin"
        assert entry.details["op"] == "create"


def test_invalid_form_shows_every_problem_at_its_field(signed_in: SignIn, seeded: Database) -> None:
    client = signed_in("admin")
    token = csrf_from(client.get("/agreements/new").text)
    data = _new_form(
        number=IMIGRASI,
        valid_to="2025-01-01",
        purposes=[],
        retention_days="zero",
        document_sha256="xyz",
        **{"ds.dpt_ln.nik": "masked", "ds.workers.nik": "masked"},
    )
    response = client.post("/agreements", data={**data, "csrf_token": token})
    assert response.status_code == 400
    for name in ("number", "valid_to", "purposes", "retention_days", "document_sha256"):
        assert f'id="{name}-error"' in response.text, name
    assert "nomor perjanjian sudah dipakai" in response.text
    assert 'value="PKS sosialisasi"' in response.text  # what was typed is kept


def test_admin_revises_and_the_chain_links(signed_in: SignIn, seeded: Database) -> None:
    client = signed_in("admin")
    agreement_id = _id(seeded, IMIGRASI)
    form_page = client.get(f"/agreements/{agreement_id}/revise")
    assert form_page.status_code == 200
    assert 'value="2027-12-01"' in form_page.text
    data = _new_form(
        title="PKS Imigrasi (adendum I)",
        signed_on="2025-12-02",
        valid_from="2025-12-02",
        valid_to="2028-12-01",
        purposes=["irregular_departure_prevention", "placement_services"],
        **{"ds.border_crossings.nik": "clear"},
    )
    data["csrf_token"] = csrf_from(form_page.text)
    response = client.post(f"/agreements/{agreement_id}/revise", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    page = client.get(f"/agreements/{agreement_id}")
    versions = table_rows(page.text, "versions-table")
    assert [row[0] for row in versions] == ["1", "2"]
    assert versions[1][4] == versions[0][3]  # version 2 points at version 1's hash
    assert "Rantai versi utuh" in page.text


def test_status_changes_from_the_detail_page(signed_in: SignIn, seeded: Database) -> None:
    client = signed_in("admin")
    agreement_id = _id(seeded, IMIGRASI)
    page = client.get(f"/agreements/{agreement_id}")
    token = csrf_from(page.text)
    refused = client.post(
        f"/agreements/{agreement_id}/status", data={"status": "suspended", "csrf_token": token}
    )
    assert refused.status_code == 400
    assert "alasan wajib diisi" in refused.text
    done = client.post(
        f"/agreements/{agreement_id}/status",
        data={"status": "suspended", "reason": "audit keamanan", "csrf_token": token},
        follow_redirects=False,
    )
    assert done.status_code == 303
    page = client.get(f"/agreements/{agreement_id}")
    assert 'id="agreement-status" class="status status-suspended"' in page.text
    assert "audit keamanan" in page.text
    no_csrf = client.post(f"/agreements/{agreement_id}/status", data={"status": "active"})
    assert no_csrf.status_code == 403


def test_an_expired_agreement_says_why(signed_in: SignIn, seeded: Database) -> None:
    page = signed_in("jember").get(f"/agreements/{_id(seeded, 'PKS.07/BP2MI-JBR/III/2024')}")
    assert 'id="agreement-status" class="status status-expired">Kedaluwarsa' in page.text
    assert "ditandai kedaluwarsa otomatis" in page.text
    assert "/status" not in page.text  # a regional officer has no actions


def test_every_vocabulary_code_has_both_labels() -> None:
    from lindung.exchange.agreement_vocabulary import FETCH_MODES, FREQUENCIES, KINDS
    from lindung.exchange.purposes import Purpose
    from lindung.exchange.terms import AgreementStatus, Direction
    from lindung.web.i18n import MESSAGES
    from lindung.web.ui.agreement_views import TREATMENTS

    keys = [f"agreement_status.{s.value}" for s in AgreementStatus]
    keys += [f"direction.{d.value}" for d in Direction]
    keys += [f"treatment.{t}" for t in TREATMENTS]
    keys += [f"fetch_mode.{m}" for m in FETCH_MODES]
    keys += [f"frequency.{f}" for f in FREQUENCIES]
    keys += [f"agreement_kind.{k}" for k in KINDS]
    keys += [f"purpose.{p.value}" for p in Purpose]
    keys += [f"agreement.action.{s}" for s in ("active", "suspended", "terminated")]
    keys += [f"audit.decision.{d}" for d in ("allowed", "refused")]
    for key in keys:
        assert set(MESSAGES[key]) == {"id", "en"}, key


@pytest.mark.parametrize("username", ["analis", "jember", "mitra"])
def test_only_admins_manage(signed_in: SignIn, seeded: Database, username: str) -> None:
    client = signed_in(username)
    agreement_id = _id(seeded, IMIGRASI)
    token = csrf_from(client.get("/agreements").text)
    assert client.get("/agreements/new").status_code == 403
    assert client.get(f"/agreements/{agreement_id}/revise").status_code == 403
    assert client.post("/agreements", data={**_new_form(), "csrf_token": token}).status_code == 403
    status = client.post(
        f"/agreements/{agreement_id}/status",
        data={"status": "suspended", "reason": "x", "csrf_token": token},
    )
    assert status.status_code == 403
    with seeded.session() as session:
        assert find_terms(session, IMIGRASI).agreement.status == "active"


@pytest.mark.browser
@pytest.mark.parametrize("backend", ["sqlite"])
def test_browser_goes_from_the_list_to_a_detail(
    live_server: str, page: Page, seeded: Database, demo_users: dict[str, DemoLogin]
) -> None:
    from playwright.sync_api import expect

    admin = demo_users["admin"]
    page.goto(live_server + "/login")
    page.get_by_label("Nama pengguna").fill(admin.username)
    page.get_by_label("Kata sandi").fill(admin.password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_role("link", name="Perjanjian", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Perjanjian kerja sama")
    page.get_by_role("link", name=IMIGRASI).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(IMIGRASI)
    expect(page.locator("#chain-status")).to_contain_text("Rantai versi utuh")
    expect(page.locator("#agreement-status")).to_have_text("Berlaku")
