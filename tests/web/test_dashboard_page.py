from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import update

from lindung.store.database import Database
from lindung.store.models import User
from support.agreements import make_agreement
from support.http import TestClient
from support.registry import Registry, Scenario, first_village
from support.web import table_rows

SignIn = Callable[[str], TestClient]


@pytest.fixture
def scenario(db: Database) -> Scenario:
    with db.session() as s:
        return Scenario(s)


def figures(page: str) -> tuple[str, str]:
    workers = page.split('id="total-workers">')[1].split("<")[0]
    placements = page.split('id="total-placements">')[1].split("<")[0]
    return workers, placements


def test_national_dashboard_shows_what_was_inserted(signed_in: SignIn, scenario: Scenario) -> None:
    page = signed_in("analis").get("/").text
    assert figures(page) == ("6", "6")
    assert "Nasional (semua wilayah)" in page
    assert "Pekerja menurut provinsi asal" in page
    assert table_rows(page, "by-origin-table") == [
        ["Jawa Timur", "35", "4"],
        ["Jawa Tengah", "33", "1"],
        ["Nusa Tenggara Timur", "53", "1"],
    ]
    assert table_rows(page, "by-destination-table") == [
        ["Malaysia", "MY", "2"],
        ["Taiwan", "TW", "2"],
        ["Arab Saudi", "SA", "1"],
    ]
    assert table_rows(page, "by-status-table") == [
        ["Berangkat", "2"],
        ["Terdaftar", "2"],
        ["Bekerja", "2"],
    ]


def test_charts_are_inline_svg_with_an_accessible_name(
    signed_in: SignIn, scenario: Scenario
) -> None:
    page = signed_in("admin").get("/").text
    origin = page.split('id="by-origin"')[1].split("</section>")[0]
    assert '<svg role="img" aria-label="Grafik batang: Pekerja menurut provinsi asal' in origin
    assert "Jawa Timur" in origin.split("<table")[0]  # the label is drawn in the chart
    assert "<script" not in page


def test_regional_officer_sees_only_their_subtree(signed_in: SignIn, scenario: Scenario) -> None:
    page = signed_in("jember").get("/").text
    assert "Kabupaten Jember (35.09)" in page
    assert figures(page) == ("3", "4")
    assert "Pekerja menurut kecamatan asal" in page
    origin = table_rows(page, "by-origin-table")
    assert [row[1:] for row in origin] == [["35.09.01", "2"], ["35.09.02", "1"]]
    assert sorted(table_rows(page, "by-destination-table")) == [
        ["Arab Saudi", "SA", "1"],
        ["Malaysia", "MY", "1"],
        ["Taiwan", "TW", "1"],
    ]
    assert "Nusa Tenggara Timur" not in page
    assert "Probolinggo" not in page

    flores = signed_in("flotim").get("/").text
    assert figures(flores) == ("1", "1")
    assert [row[1][:5] for row in table_rows(flores, "by-origin-table")] == ["53.06"]
    assert table_rows(flores, "by-destination-table") == [["Malaysia", "MY", "1"]]
    assert table_rows(flores, "by-status-table") == [["Bekerja", "1"]]


def test_a_partner_without_an_agreement_in_force_sees_no_figures(
    signed_in: SignIn, scenario: Scenario
) -> None:
    page = signed_in("mitra").get("/").text
    assert 'id="partner-notice"' in page
    assert "Perjanjian Kerja Sama" in page
    assert 'id="total-workers"' not in page
    assert "Jawa Timur" not in page


def _imigrasi_partner(db: Database, fields: dict[str, str], status: str = "active") -> None:
    """Five more Taiwan placements, and the mitra user working for Imigrasi under a PKS."""
    with db.session() as s:
        registry = Registry(s)
        taiwan = registry.job_order("TW")
        village = first_village(s, "35.09.01")
        for _ in range(5):
            registry.placement(registry.worker(village), taiwan, "working")
        agreement = make_agreement(
            s,
            "PKS.01/TEST-IMI",
            "IMIGRASI",
            ["irregular_departure_prevention"],
            datasets={("placements", "to_partner"): fields},
            status=status,
        )
        s.execute(
            update(User)
            .where(User.username == "mitra")
            .values(organisation_id=agreement.partner_id)
        )


def test_a_partner_sees_counts_by_the_fields_its_agreement_gives(
    signed_in: SignIn, scenario: Scenario, db: Database
) -> None:
    client = signed_in("mitra")
    _imigrasi_partner(db, {"id": "clear", "destination_country": "clear", "status": "clear"})
    page = client.get("/").text
    assert "Menurut perjanjian PKS.01/TEST-IMI" in page
    destination = "partner-pks-01-test-imi-placements-destination-country-table"
    status = "partner-pks-01-test-imi-placements-status-table"
    # placements to Taiwan: 3 in the scenario + 5 = 8; Malaysia (2) and Saudi Arabia (1)
    # are cells below 5 and left out; so are 'departed' (2) and 'registered' (2)
    assert table_rows(page, destination) == [["Taiwan", "TW", "8"]]
    assert table_rows(page, status) == [["Bekerja", "7"]]  # 'working': 2 + 5
    assert "<svg" in page
    assert "wilayah asal" not in page  # origin is not in the agreement
    assert 'id="total-workers"' not in page


def test_a_partner_agreement_without_the_fields_shows_nothing(
    signed_in: SignIn, scenario: Scenario, db: Database
) -> None:
    client = signed_in("mitra")
    _imigrasi_partner(db, {"id": "clear", "departed_on": "clear"})
    page = client.get("/").text
    assert 'id="partner-notice"' in page
    assert "Taiwan" not in page


def test_a_suspended_agreement_gives_no_figures(
    signed_in: SignIn, scenario: Scenario, db: Database
) -> None:
    client = signed_in("mitra")
    _imigrasi_partner(db, {"destination_country": "clear"}, status="suspended")
    page = client.get("/").text
    assert 'id="partner-notice"' in page
    assert "Taiwan" not in page


def test_an_empty_registry_says_so(signed_in: SignIn) -> None:
    page = signed_in("admin").get("/").text
    assert figures(page) == ("0", "0")
    assert page.count("Belum ada data.") == 3
    assert "<svg" not in page


def test_english_names_for_countries_and_statuses(signed_in: SignIn, scenario: Scenario) -> None:
    client = signed_in("admin")
    client.get("/lang/en?next=/")
    page = client.get("/").text
    assert "Workers by province of origin" in page
    assert ["Saudi Arabia", "SA", "1"] in table_rows(page, "by-destination-table")
    assert ["Working", "2"] in table_rows(page, "by-status-table")
