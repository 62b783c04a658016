"""The scorecard and the risk ranking: counts by stage and rule, the score and its
reasons, and the region scope a regional officer's counts are limited to."""

from __future__ import annotations

from datetime import date

import pytest

from lindung.exchange import guard
from lindung.exchange.principal import Principal
from lindung.registry.risk import rank_agencies
from lindung.registry.sanctions import SanctionDraft, record_sanction
from lindung.registry.scorecard import RuleCount, scorecard
from lindung.store.database import Database
from lindung.store.models import PolicyFinding
from support.oversight import ACTOR, TODAY, agency, approved_order, complaint, policy_run
from support.registry import Registry, first_village

NATIONAL = Principal(kind="user", name="admin", role="national_admin")
JEMBER = Principal(kind="user", name="jember", role="regional_officer", region_code="35.09")
PARTNER = Principal(kind="user", name="mitra", role="partner_user")


@pytest.fixture
def world(db: Database) -> dict[str, int]:
    with db.session() as s:
        registry = Registry(s)  # its own agency, with nothing against it
        risky = agency(s, name="PT Risiko Tinggi")
        barred = agency(s, name="PT Ditangguhkan")
        order = approved_order(s, risky.id)
        other = approved_order(s, barred.id)
        from_jember = registry.worker(first_village(s, "35.09"))
        from_flotim = registry.worker(first_village(s, "53.06"))
        from_java = registry.worker(first_village(s, "33"))
        p1 = registry.placement(from_jember, order, "registered")
        p2 = registry.placement(from_flotim, order, "departed")
        registry.placement(from_java, other, "registered")
        run = policy_run(
            s,
            [
                (p1.id, risky.id, "placement.cost_zero", "error"),
                (p2.id, risky.id, "worker.social_security", "warning"),
            ],
        )
        # what blocks a next stage is not a violation: scores and scorecards ignore it
        s.add(
            PolicyFinding(
                run_id=run.id,
                placement_id=p1.id,
                agency_id=risky.id,
                rule_id="documents.personal",
                severity="error",
                kind="blocker",
                evidence={},
            )
        )
        complaint(s, risky.id, from_jember.id, date(2026, 3, 1))
        complaint(s, risky.id, None, date(2023, 1, 1))  # older than two years: not counted
        record_sanction(
            s, ACTOR, barred.id, SanctionDraft("suspension", date(2026, 5, 1), "fees"), TODAY
        )
        return {"risky": risky.id, "barred": barred.id, "clean": registry.agency.id}


def test_agencies_are_ranked_by_the_documented_score_with_reasons(
    db: Database, world: dict[str, int]
) -> None:
    with db.session() as s:
        ranked = rank_agencies(s, NATIONAL, TODAY)
    assert [r.agency_id for r in ranked] == [world["risky"], world["barred"], world["clean"]]
    risky, barred, clean = ranked
    # 50 x 1/2 errors + 10 x 1/2 warnings + 2 x 100 x 1 complaint / 100
    assert risky.score == pytest.approx(32.0)
    assert [r.code for r in risky.reasons] == [
        "violations.error",
        "violations.warning",
        "complaints",
    ]
    assert "1 pelanggaran berat pada 2 penempatan" in risky.reasons[0].message("id")
    assert barred.score == pytest.approx(18.0)  # suspension 8 + licence suspended 10
    assert barred.status == "suspended"
    assert {r.code for r in barred.reasons} == {"sanctions", "licence.suspended"}
    assert (clean.score, clean.reasons) == (0.0, ())


def test_a_regional_officer_counts_only_workers_from_the_region(
    db: Database, world: dict[str, int]
) -> None:
    with db.session() as s:
        ranked = {r.agency_id: r for r in rank_agencies(s, JEMBER, TODAY)}
        card = scorecard(s, JEMBER, world["risky"], TODAY)
        national = scorecard(s, NATIONAL, world["risky"], TODAY)
    assert (ranked[world["risky"]].placements, ranked[world["risky"]].errors) == (1, 1)
    assert ranked[world["risky"]].warnings == 0
    assert ranked[world["risky"]].score == pytest.approx(52.0)
    assert ranked[world["barred"]].placements == 0
    assert card.placements_by_stage == {"registered": 1}
    assert card.findings == [RuleCount("placement.cost_zero", "error", 1)]
    assert national.placements_by_stage == {"registered": 1, "departed": 1}
    assert national.findings == [
        RuleCount("placement.cost_zero", "error", 1),
        RuleCount("worker.social_security", "warning", 1),
    ]
    assert sum(national.complaints.values()) == 2
    assert sum(card.complaints.values()) == 1


def test_a_partner_user_gets_no_counts_of_people(db: Database, world: dict[str, int]) -> None:
    with db.session() as s:
        ranked = {r.agency_id: r for r in rank_agencies(s, PARTNER, TODAY)}
    assert all(r.placements == 0 and r.errors == 0 for r in ranked.values())
    assert ranked[world["barred"]].status == "suspended"  # licences are public


def test_the_ranking_reads_personal_tables_only_as_the_gate(
    db: Database, world: dict[str, int]
) -> None:
    hook = guard.install(db.engine)
    try:
        with db.session() as s:
            rank_agencies(s, JEMBER, TODAY)
            scorecard(s, NATIONAL, world["risky"], TODAY)
    finally:
        hook.remove()
    assert hook.violations == []
