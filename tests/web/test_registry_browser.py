"""In a real browser: an officer registers a worker, sees the problem at the field,
fixes it, opens a placement and sees a refused move explained with its rule."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from lindung.demo.logins import DemoLogin
from lindung.identity import make_nik
from lindung.store.database import Database
from support.placements import Placements
from support.registry import first_village

if TYPE_CHECKING:
    from playwright.sync_api import Page


@pytest.mark.browser
@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_officer_registers_a_worker_and_sees_a_refused_move_explained(
    live_server: str, page: Page, db: Database, demo_users: dict[str, DemoLogin]
) -> None:
    from playwright.sync_api import expect

    with db.session() as s:
        village = first_village(s, "35.09.01")
        job_code = Placements(s).job_order(valid_to=date(2099, 12, 31)).code
    officer = demo_users["jember"]
    page.goto(live_server + "/login")
    page.get_by_label("Nama pengguna").fill(officer.username)
    page.get_by_label("Kata sandi").fill(officer.password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_role("link", name="Pekerja", exact=True).click()
    page.get_by_role("link", name="Daftarkan pekerja").click()

    birth = date(1997, 4, 21)
    page.get_by_label("NIK").fill(make_nik(village.replace(".", "")[:6], birth, "F", 42))
    page.get_by_label("Nama lengkap").fill("Sri Wahyuni")
    page.get_by_label("Jenis kelamin").select_option("F")
    page.get_by_label("Tanggal lahir").fill(birth.isoformat())
    page.get_by_label("Kode desa/kelurahan asal").fill("35.09")  # a regency, not a village
    page.get_by_label("Status perkawinan").select_option("single")
    page.get_by_role("button", name="Simpan").click()

    error = page.locator("#origin_village_code-error")
    expect(error).to_contain_text("kode wilayah harus kode desa/kelurahan")
    expect(page.get_by_label("Kode desa/kelurahan asal")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Nama lengkap")).to_have_value("Sri Wahyuni")
    page.get_by_label("Kode desa/kelurahan asal").fill(village)
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sri Wahyuni")

    page.get_by_role("link", name="Tambah: Penempatan baru").click()
    page.get_by_label("Kode job order").fill(job_code)
    page.get_by_label("Tanggal pendaftaran").fill("2025-03-01")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("#placement-status")).to_have_text("Terdaftar")

    page.get_by_label("Tahap berikutnya").select_option("documents_complete")
    page.get_by_label("Tanggal kejadian").fill("2025-03-02")
    page.get_by_role("button", name="Pindahkan tahap").click()
    refusal = page.locator("#transition-refused")
    expect(refusal).to_contain_text("Dokumen diri lengkap dan berlaku")
    expect(refusal).to_contain_text("UU 18/2017 Pasal 13")
    expect(page.locator("#placement-status")).to_have_text("Terdaftar")
