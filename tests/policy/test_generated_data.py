"""The engine over generated data: the store's snapshot and the generator's Parquet files
give the same findings (one SQL, two sources; all rules in one statement or rule by
rule), and the demo's on-purpose violations are found."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from lindung.demo import DemoConfig, DemoSummary, generate, load_into_store
from lindung.domain.lifecycle import PlacementStatus, reached
from lindung.domain.policy import load_rules
from lindung.policy.engine import (
    add_run_subjects,
    evaluate,
    evaluate_into,
    findings_reader,
)
from lindung.policy.relations import load_from_parquet, load_from_store
from lindung.policy.service import connect
from lindung.store.database import Database

AS_OF = date(2026, 11, 1)
CLOSED = ("kepmenaker_260_2015", "spsk_outside_cities")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> DemoSummary:
    out = tmp_path_factory.mktemp("policy-demo")
    return generate(DemoConfig(workers=600, seed=11, out_dir=Path(out)))


def _key(table: object) -> list[tuple[int, int, str, int]]:
    rows = table.to_pylist()  # type: ignore[attr-defined]
    return sorted((r["placement_id"], r["rule_index"], r["evidence"], r["agency_id"]) for r in rows)


def test_store_snapshot_and_parquet_files_give_the_same_findings(
    db: Database, small: DemoSummary
) -> None:
    load_into_store(db, small.config)
    rules = load_rules().in_force(AS_OF)
    with connect() as con, db.session() as session:
        load_from_store(con, session)
        from_store = evaluate(con, rules) if add_run_subjects(con, AS_OF) else None
    with connect() as con:
        load_from_parquet(con, small.config.registry_dir)
        checked = add_run_subjects(con, AS_OF)
        evaluate_into(con, rules)  # rule by rule, as runs do; the store side ran together
        from_files = findings_reader(con, 1000).read_all()
    placements = pq.read_table(small.path("registry", "placements")).num_rows
    assert checked == placements
    assert from_store is not None
    assert from_store.num_rows > 0
    assert _key(from_store) == _key(from_files)
    # the job orders generated against Kepmenaker 260/2015 and SPSK on purpose are found,
    # for every placement that reached a stage the rule gates
    rule = load_rules().get("destination.kepmenaker_260_2015", AS_OF)
    index = rules.index(rule)
    flagged = {r["placement_id"] for r in from_files.to_pylist() if r["rule_index"] == index}
    truth = pq.read_table(small.path("ground_truth", "job_order_violations")).to_pylist()
    closed = {t["job_order_id"] for t in truth if t["violation"] in CLOSED}
    placed = pq.read_table(small.path("registry", "placements")).to_pylist()
    expected = {
        p["id"]
        for p in placed
        if p["job_order_id"] in closed
        and any(rule.gates_stage(stage) for stage in reached(PlacementStatus(p["status"])))
    }
    assert expected
    assert expected == flagged


#: The rule each kind of on-purpose placement violation breaks (lindung.demo.planted).
PLANTED_RULES = {
    "under_age": {"age.minimum"},
    "fee_on_exempt_job": {"cost.zero_placement_cost"},
    "missing_document": {"documents.personal", "documents.agreements", "documents.pasal13"},
    "expired_document": {"documents.pasal13"},
    "tourist_visa": {"documents.work_visa"},
    "health_expired": {"health.certificate"},
    "competence_mismatch": {"competence.certificate"},
    "no_social_security": {"social_security.membership"},
    "agency_suspended_moves": {"agency.licence_active"},
}


def test_planted_violations_are_found_as_violations_and_dormant_ones_are_not(
    small: DemoSummary,
) -> None:
    rules = load_rules().in_force(AS_OF)
    with connect() as con:
        load_from_parquet(con, small.config.registry_dir)
        add_run_subjects(con, AS_OF)
        evaluate_into(con, rules)
        rows = findings_reader(con, 1000).read_all().to_pylist()
    found: dict[tuple[int, str], set[str]] = {}
    for row in rows:
        found.setdefault((row["placement_id"], row["kind"]), set()).add(rules[row["rule_index"]].id)
    planted = pq.read_table(small.path("ground_truth", "placement_violations")).to_pylist()
    assert planted
    missed = [
        (p["placement_id"], p["violation"])
        for p in planted
        if not PLANTED_RULES[p["violation"]] & found.get((p["placement_id"], "violation"), set())
    ]
    assert missed == []
    # a pending one (waiting at 'oriented') is also blocked from departing today
    pending = [p for p in planted if p["pending"] and p["violation"] == "under_age"]
    for p in pending:
        assert "age.minimum" in found.get((p["placement_id"], "blocker"), set())
    # no placement is judged for a stage it has not reached: one still registered has
    # no violation, only what blocks its documents
    placed = pq.read_table(small.path("registry", "placements")).to_pylist()
    registered = [p["id"] for p in placed if p["status"] == "registered"]
    assert registered
    assert not any((pid, "violation") in found for pid in registered)
