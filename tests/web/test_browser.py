"""End to end in a real browser: sign in, read the dashboard, switch to English."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from lindung.demo.logins import DemoLogin
from lindung.store.database import Database
from support.registry import Scenario

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("backend", ["sqlite"])]


def test_sign_in_read_the_dashboard_and_switch_to_english(
    live_server: str, page: Page, db: Database, demo_users: dict[str, DemoLogin]
) -> None:
    from playwright.sync_api import expect

    with db.session() as s:
        Scenario(s)
    admin = demo_users["admin"]

    page.goto(live_server + "/")
    expect(page).to_have_url(live_server + "/login")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.get_by_label("Nama pengguna").fill(admin.username)
    page.get_by_label("Kata sandi").fill("not-the-password")
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("Nama pengguna atau kata sandi salah.")

    page.get_by_label("Kata sandi").fill(admin.password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page).to_have_url(live_server + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ringkasan Pekerja Migran")
    chart = page.get_by_role("img", name="Grafik batang: Pekerja menurut provinsi asal")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 100
    assert box["height"] > 20
    expect(page.locator("#total-workers")).to_have_text("6")

    page.get_by_role("button", name="Ganti bahasa ke English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Migrant worker overview")
    expect(page.get_by_role("img", name="Bar chart: Workers by province of origin")).to_be_visible()
    expect(page.get_by_text("National administrator")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(live_server + "/login")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Lindung")
