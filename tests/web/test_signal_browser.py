"""In a real browser: an officer opens the signals inbox, a signal's page, tries to
dismiss it without a reason, is told why, and dismisses it with one."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from lindung.demo.logins import DemoLogin
from lindung.store.database import Database
from lindung.store.models import Signal
from signals.factories import build_world

if TYPE_CHECKING:
    from playwright.sync_api import Page


@pytest.mark.browser
@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_officer_dismisses_a_signal_with_a_reason(
    live_server: str, page: Page, db: Database, demo_users: dict[str, DemoLogin]
) -> None:
    from playwright.sync_api import expect

    world = build_world(db)
    officer = demo_users["jember"]
    page.goto(live_server + "/login")
    page.get_by_label("Nama pengguna").fill(officer.username)
    page.get_by_label("Kata sandi").fill(officer.password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_role("link", name="Sinyal", exact=True).click()
    inbox = page.locator("#signal-inbox")
    expect(inbox.locator("tbody tr")).to_have_count(2)
    expect(inbox).to_contain_text("Calon PMI atau pelintas di bawah umur")

    page.get_by_role("link", name=str(world.underage), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Sinyal {world.underage}")
    expect(page.locator("#signal-evidence tr.conflict")).to_contain_text("2009")

    page.get_by_label("Status baru").select_option("dismissed")
    page.get_by_role("button", name="Simpan status").click()
    expect(page.get_by_role("alert")).to_contain_text("alasan wajib diisi")
    expect(page.locator("#signal-status")).to_have_text("Baru")

    page.get_by_label("Status baru").select_option("dismissed")
    page.get_by_label("Alasan (wajib untuk dikonfirmasi atau ditolak)").fill(
        "Tanggal lahir di paspor sudah dikoreksi Dukcapil"
    )
    page.get_by_role("button", name="Simpan status").click()
    expect(page.locator("#signal-status")).to_have_text("Ditolak")
    expect(page.locator("#signal-history")).to_contain_text("Tanggal lahir di paspor")
    with db.session() as s:
        assert s.scalar(select(Signal.status).where(Signal.id == world.underage)) == "dismissed"
