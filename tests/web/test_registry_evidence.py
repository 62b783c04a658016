"""Finding evidence is readable on the placement page and the agency scorecard: labels
for codes, amounts with their currency and dates written out, Bahasa Indonesia first;
violations and what blocks the next stage apart (real HTTP, both backends)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from lindung.domain.policy import load_rules
from lindung.policy.findings import Finding
from lindung.store.database import Database
from lindung.web.i18n import Translator
from lindung.web.ui import registry_agencies, registry_workers_placements
from lindung.web.ui.registry_evidence import readable_detail
from lindung.web.ui.registry_format import long_date, money
from support.http import TestClient
from support.oversight import policy_run
from support.placements import ON, Placements
from support.web import table_rows

SignIn = Callable[[str], TestClient]


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry_workers_placements, "today", lambda: ON)
    monkeypatch.setattr(registry_agencies, "today_", lambda: ON)


def test_the_placement_page_shows_labels_amounts_and_dates(signed_in: SignIn, db: Database) -> None:
    with db.session() as s:
        b = Placements(s)
        order = b.job_order(
            job_type="housekeeper",
            employer_kind="household",
            country="SA",
            city="Riyadh",
            skill_scheme="PLRT",
            costs=(("air_ticket", 7_500_000.0, "IDR", "worker"),),
        )
        built = b.placement(job_order=order, status="oriented", social_security=False)
    officer = signed_in("jember")
    page = officer.get(f"/registry/placements/{built.placement_id}")
    assert page.status_code == 200
    violations = {row[0].split()[-1]: row for row in table_rows(page.text, "placement-findings")}
    fee = violations["cost.zero_placement_cost"]
    assert "tiket pesawat pergi-pulang Rp7.500.000" in fee[2]
    assert "air_ticket" not in fee[2]
    assert "7500000" not in page.text
    social = violations["social_security.membership"]
    assert social[2] == "tidak ada kepesertaan jaminan sosial yang berlaku pada 1 Juni 2025"
    closed = violations["destination.kepmenaker_260_2015"]
    assert "Arab Saudi" in closed[2]
    assert "perseorangan (rumah tangga)" in closed[2]
    # what is missing for the next stage is listed apart, as a blocker
    blockers = {row[0].split()[-1] for row in table_rows(page.text, "placement-blockers")}
    assert {"social_security.membership", "cost.zero_placement_cost"} <= blockers
    officer.cookies.set("lang", "en")
    english = officer.get(f"/registry/placements/{built.placement_id}")
    rows = {r[0].split()[-1]: r for r in table_rows(english.text, "placement-findings")}
    assert "air tickets both ways IDR 7,500,000" in rows["cost.zero_placement_cost"][2]
    assert "1 June 2025" in rows["social_security.membership"][2]
    assert "Saudi Arabia" in rows["destination.kepmenaker_260_2015"][2]


def test_the_scorecard_names_rules_by_their_titles(signed_in: SignIn, db: Database) -> None:
    with db.session() as s:
        built = Placements(s).placement()
        policy_run(
            s,
            [
                (built.placement_id, built.agency_id, "age.minimum", "error"),
                (built.placement_id, built.agency_id, "age.minimum", "error"),
            ],
        )
    page = signed_in("admin").get(f"/registry/agencies/{built.agency_id}")
    assert page.status_code == 200
    assert "Usia minimum calon PMI" in page.text
    assert "Pelanggaran" in page.text


@pytest.mark.parametrize(
    ("value", "currency", "lang", "expected"),
    [
        (7_500_000, "IDR", "id", "Rp7.500.000"),
        (7_500_000, "IDR", "en", "IDR 7,500,000"),
        (27470.5, "TWD", "id", "TWD 27.470,50"),
        (27470.5, "TWD", "en", "TWD 27,470.50"),
        (None, "IDR", "id", "–"),
    ],
)
def test_money_is_grouped_the_languages_way(
    value: float | None, currency: str, lang: str, expected: str
) -> None:
    assert money(value, currency, lang) == expected


def test_dates_are_written_out_and_other_text_is_kept() -> None:
    assert long_date("2025-06-01", "id") == "1 Juni 2025"
    assert long_date(date(2025, 12, 31), "en") == "31 December 2025"
    assert long_date("kemarin", "id") == "kemarin"


def test_every_check_reads_with_labels_in_both_languages() -> None:
    """No template placeholder is left and no code leaks for the labelled fields."""
    samples = {
        "documents_valid": {"kind": "work_visa", "problem": "missing", "on": "2025-06-01"},
        "health_certificate": {"kind": "medical", "problem": "expired", "on": "2025-06-01"},
        "agency_licence": {"licence_no": "KEP.1", "status": "revoked", "on": "2025-06-01"},
        "exempt_costs": {"item": "visa", "amount": 10.0, "currency": "USD", "job_type": "cook"},
    }
    rules = {r.check: r for r in load_rules().rules}
    for check, evidence in samples.items():
        finding = Finding.of(rules[check], 1, evidence, None)
        for lang in ("id", "en"):
            text = readable_detail(finding, Translator(lang))
            assert "{" not in text
            assert evidence.get("kind", "§") not in text.split()
            assert "2025-06-01" not in text
