"""Every rule, passing and failing, on SQLite and PostgreSQL; one placement and all
placements are judged alike; past dates use the rules in force then; a changed rule
file changes the outcome with no code change."""

from __future__ import annotations

import shutil
from collections import defaultdict
from datetime import date
from pathlib import Path

from lindung.domain.policy import default_rules_dir, load_rules
from lindung.policy.service import findings_for
from lindung.store.database import Database
from support.placements import Built, Placements
from support.policy_scenarios import ON, SCENARIOS


def _build(db: Database) -> dict[str, Built]:
    with db.session() as session:
        builder = Placements(session)
        return {scenario.name: scenario.build(builder) for scenario in SCENARIOS}


def _rule_ids(findings: list, kind: str = "violation") -> dict[int, set[str]]:  # type: ignore[type-arg]
    found: dict[int, set[str]] = defaultdict(set)
    for finding in findings:
        if finding.kind == kind:
            found[finding.placement_id].add(finding.rule_id)
    return found


def test_every_rule_passes_and_fails_and_one_placement_is_judged_as_in_bulk(
    db: Database,
) -> None:
    built = _build(db)
    with db.session() as session:
        bulk = findings_for(session, [b.placement_id for b in built.values()], ON)
    found = _rule_ids(bulk)
    wrong = {
        s.name: sorted(found.get(built[s.name].placement_id, set()))
        for s in SCENARIOS
        if found.get(built[s.name].placement_id, set()) != s.expected
    }
    assert wrong == {}
    failing = set().union(*(s.expected for s in SCENARIOS))
    in_force = {rule.id for rule in load_rules().in_force(ON)}
    assert failing == in_force, "every rule in force has a failing scenario"
    # what is missing for the next stage is a blocker, not a violation
    blockers = _rule_ids(bulk, "blocker")
    assert blockers[built["registered asks nothing yet"].placement_id] == {"documents.personal"}
    # the same SQL over one placement's rows: one scenario per rule, and two that pass
    sample = {s.expected: s.name for s in reversed(SCENARIOS)}
    names = sorted({*sample.values(), "compliant departed", "within quota"})
    with db.session() as session:
        single = [
            f for name in names for f in findings_for(session, [built[name].placement_id], ON)
        ]
    picked = {built[name].placement_id for name in names}
    key = lambda f: (f.placement_id, f.kind, f.rule_id, sorted(f.evidence.items()))  # noqa: E731
    assert sorted(map(key, single)) == sorted(key(f) for f in bulk if f.placement_id in picked)
    assert len(single) >= len(in_force)


def test_findings_carry_evidence_and_read_in_both_languages(db: Database) -> None:
    with db.session() as session:
        b = Placements(session)
        young = b.placement(worker=b.worker(date(2008, 1, 1)), status="contracts_signed")
        fee = b.placement(
            job_order=b.job_order(
                job_type="housekeeper",
                employer_kind="household",
                country="SA",
                city="Riyadh",
                skill_scheme="PLRT",
                costs=(("air_ticket", 7_500_000.0, "IDR", "worker"),),
            ),
            status="contracts_signed",
        )
        findings = findings_for(session, [young.placement_id, fee.placement_id], ON)
    by_rule = {f.rule_id: f for f in findings}
    age = by_rule["age.minimum"]
    assert age.evidence == {"age": 17, "minimum": 18, "on": "2025-06-01"}
    assert age.message("id").startswith("Usia minimum calon PMI: umur 17 tahun pada 2025-06-01")
    assert "aged 17 on 2025-06-01, the minimum is 18" in age.message("en")
    assert "Pasal 80" in age.legal_basis
    assert age.severity == "error"
    cost = by_rule["cost.zero_placement_cost"]
    assert cost.evidence["item"] == "air_ticket"
    assert cost.evidence["amount"] == 7_500_000
    assert cost.agency_id == fee.agency_id
    closed = by_rule["destination.kepmenaker_260_2015"]
    assert closed.evidence["employer_kind"] == "household"
    assert closed.evidence["country"] == "SA"


def test_document_evidence_names_the_document(db: Database) -> None:
    with db.session() as session:
        b = Placements(session)
        built = b.placement(status="visa_issued", documents=())
        visa = b.document(built.placement_id, "work_visa", subtype="umrah")
        findings = findings_for(session, [built.placement_id], ON)
    [finding] = [f for f in findings if f.rule_id == "documents.work_visa"]
    assert finding.evidence["number"] == visa.number
    assert finding.evidence["problem"] == "not_work_visa"
    assert "bukan visa kerja" in finding.detail("id")
    assert "is not a work visa" in finding.detail("en")


def _past(b: Placements, job_type: str, employer: str, birth: date, costs: tuple = ()) -> Built:  # type: ignore[type-arg]
    agency = b.agency(events=((date(2010, 1, 1), "active"),), valid_from=date(2010, 1, 1))
    order = b.job_order(
        agency=agency,
        job_type=job_type,
        employer_kind=employer,
        country="SA",
        city="Riyadh",
        skill_scheme=None,
        valid_from=date(2010, 1, 1),
        approved_on=date(2010, 1, 1),
        costs=costs,
    )
    return b.placement(
        job_order=order,
        worker=b.worker(birth),
        status="contracts_signed",
        registered_on=date(2010, 6, 1),
    )


def test_a_past_date_uses_the_rules_in_force_then(db: Database) -> None:
    with db.session() as session:
        b = Placements(session)
        household = _past(b, "housekeeper", "household", date(1990, 1, 1))
        young = _past(b, "factory_operator", "household", date(1997, 1, 1))
        fee = _past(
            b, "housekeeper", "company", date(1990, 1, 1), (("visa", 1.0, "IDR", "worker"),)
        )

        def rules_on(day: date, built: Built) -> set[str]:
            return {f.rule_id for f in findings_for(session, [built.placement_id], day)}

        assert "destination.kepmenaker_260_2015" not in rules_on(date(2015, 6, 30), household)
        assert "destination.kepmenaker_260_2015" in rules_on(date(2015, 7, 1), household)
        # UU 39/2004: 21 for a household employer; UU 18/2017: 18
        assert "age.minimum" in rules_on(date(2017, 11, 21), young)
        assert "age.minimum" not in rules_on(date(2017, 11, 22), young)
        assert "cost.zero_placement_cost" not in rules_on(date(2021, 7, 14), fee)
        assert "cost.zero_placement_cost" in rules_on(date(2021, 7, 15), fee)


def test_a_changed_parameter_in_a_rule_file_changes_the_outcome(
    db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), folder)
    eligibility = folder / "eligibility.toml"
    text = eligibility.read_text(encoding="utf-8")
    eligibility.write_text(
        text.replace("overrides = []", "overrides = [{years = 30, countries = ['TW']}]"),
        encoding="utf-8",
    )
    changed = load_rules(folder)
    with db.session() as session:
        b = Placements(session)
        built = b.placement(worker=b.worker(date(1998, 1, 1)), status="contracts_signed")
        assert not findings_for(session, [built.placement_id], ON)
        [finding] = findings_for(session, [built.placement_id], ON, changed)
    assert finding.rule_id == "age.minimum"
    assert finding.evidence["minimum"] == 30
