from __future__ import annotations

import pytest

from lindung.reports.dashboard import build_dashboard
from lindung.reports.scope import NATIONAL, NOTHING, RegionScope, ScopeKind, scope_for
from lindung.store.database import Database
from lindung.store.models import Role, User
from support.registry import Scenario


def counts(rows: list) -> dict[str, int]:  # type: ignore[type-arg]
    return {row.code: row.count for row in rows}


@pytest.fixture
def scenario(db: Database) -> Scenario:
    with db.session() as s:
        return Scenario(s)


def test_national_dashboard_counts_everything(db: Database, scenario: Scenario) -> None:
    with db.session() as s:
        report = build_dashboard(s, NATIONAL)
    assert report.total_workers == 6
    assert report.total_placements == 6
    assert report.origin_level == 1
    assert counts(report.by_origin) == {"35": 4, "53": 1, "33": 1}
    assert report.by_origin[0].name("id") == "Jawa Timur"
    # J1 went to Taiwan twice: one worker, counted once.
    assert counts(report.by_destination) == {"TW": 2, "MY": 2, "SA": 1}
    saudi = next(row for row in report.by_destination if row.code == "SA")
    assert (saudi.name("id"), saudi.name("en")) == ("Arab Saudi", "Saudi Arabia")
    assert counts(report.by_status) == {"departed": 2, "registered": 2, "working": 2}


def test_regency_scope_counts_only_its_subtree_by_district(
    db: Database, scenario: Scenario
) -> None:
    scope = RegionScope(ScopeKind.REGION, "35.09", "Kabupaten Jember")
    with db.session() as s:
        report = build_dashboard(s, scope)
    assert report.total_workers == 3
    assert report.total_placements == 4
    assert report.origin_level == 3
    assert counts(report.by_origin) == {"35.09.01": 2, "35.09.02": 1}
    assert counts(report.by_destination) == {"TW": 1, "SA": 1, "MY": 1}
    assert counts(report.by_status) == {"departed": 1, "registered": 2, "working": 1}


def test_province_scope_groups_by_regency(db: Database, scenario: Scenario) -> None:
    with db.session() as s:
        report = build_dashboard(s, RegionScope(ScopeKind.REGION, "35", "Jawa Timur"))
    assert counts(report.by_origin) == {"35.09": 3, "35.13": 1}


def test_village_scope_matches_the_village_itself(db: Database, scenario: Scenario) -> None:
    with db.session() as s:
        report = build_dashboard(s, RegionScope(ScopeKind.REGION, scenario.jember_b, "Desa"))
    assert report.total_workers == 1
    assert counts(report.by_origin) == {scenario.jember_b: 1}


def test_empty_scope_counts_nothing(db: Database, scenario: Scenario) -> None:
    with db.session() as s:
        report = build_dashboard(s, NOTHING)
    assert (report.total_workers, report.by_origin, report.by_status) == (0, [], [])


@pytest.mark.parametrize(
    ("role", "region", "expected"),
    [
        (Role.NATIONAL_ADMIN, None, NATIONAL),
        (Role.NATIONAL_ANALYST, None, NATIONAL),
        (Role.PARTNER_USER, None, NOTHING),
        (Role.REGIONAL_OFFICER, None, NOTHING),
        (
            Role.REGIONAL_OFFICER,
            "53.06",
            RegionScope(ScopeKind.REGION, "53.06", "Kabupaten Flores Timur"),
        ),
    ],
)
def test_scope_follows_the_role(
    db: Database, role: Role, region: str | None, expected: RegionScope
) -> None:
    user = User(username="u", display_name="U", role=role.value, region_code=region)
    with db.session() as s:
        assert scope_for(s, user) == expected
