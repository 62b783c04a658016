"""The demo's own data set (20,000 workers, seed 2029) holds what the demo story shows:
a worker followed from registration to return, and refused departures explained
(an under-age candidate, a housekeeper for a Saudi household, a fee on an exempt job).
Also: the size of the overseas voter list is a knob."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from lindung.cli.demo import DEFAULT_DEMO_WORKERS
from lindung.demo import DemoConfig, DemoSummary, generate
from lindung.errors import ValidationError
from support.demo_data import registry, truth


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> DemoSummary:
    out = tmp_path_factory.mktemp("story")
    return generate(DemoConfig(workers=DEFAULT_DEMO_WORKERS, seed=2029, out_dir=out))


def test_refused_departures_wait_at_oriented(story: DemoSummary) -> None:
    status = {p["id"]: p["status"] for p in registry(story, "placements")}
    planted = truth(story, "placement_violations")
    kinds = Counter(row["violation"] for row in planted)
    assert all(count >= 3 for count in kinds.values())
    assert len(kinds) == 9
    for kind in ("under_age", "fee_on_exempt_job", "tourist_visa"):
        waiting = [r for r in planted if r["violation"] == kind and r["pending"]]
        assert waiting, kind
        assert {status[r["placement_id"]] for r in waiting} == {"oriented"}
    closed = {
        r["job_order_id"]
        for r in truth(story, "job_order_violations")
        if r["violation"] == "kepmenaker_260_2015"
    }
    orders = {o["id"]: o for o in registry(story, "job_orders")}
    employers = {e["id"]: e for e in registry(story, "employers")}
    saudi_household_waiting = [
        p
        for p in registry(story, "placements")
        if p["job_order_id"] in closed
        and p["status"] == "oriented"
        and orders[p["job_order_id"]]["country_code"] == "SA"
        and employers[orders[p["job_order_id"]]["employer_id"]]["kind"] == "household"
    ]
    assert saudi_household_waiting


def test_a_worker_can_be_followed_from_registration_to_return(story: DemoSummary) -> None:
    events = pq.read_table(story.path("registry", "placement_events")).to_pylist()
    returned = {p["id"] for p in registry(story, "placements") if p["status"] == "returned"}
    journey: dict[int, list[str]] = {}
    for event in events:
        if event["placement_id"] in returned and event["kind"] == "transition":
            journey.setdefault(event["placement_id"], []).append(event["to_status"])
    path = [
        "registered", "documents_complete", "trained", "medically_fit", "contracts_signed",
        "visa_issued", "oriented", "departed", "working",
    ]  # fmt: skip
    assert any(steps[:9] == path and steps[-1] == "returned" for steps in journey.values())


def test_the_voter_list_grows_with_the_voters_abroad_knob(tmp_path: Path) -> None:
    small = generate(DemoConfig(workers=300, seed=3, out_dir=tmp_path / "a"))
    large = generate(DemoConfig(workers=300, seed=3, out_dir=tmp_path / "b", voters_abroad=3000))
    default_rows = small.counts["partners/dpt_ln"]
    assert large.counts["partners/dpt_ln"] > default_rows + 1500
    assert large.counts["registry/workers"] == small.counts["registry/workers"]
    with pytest.raises(ValidationError) as refused:
        DemoConfig(workers=300, out_dir=tmp_path, voters_abroad=-1)
    assert [p.field for p in refused.value.problems] == ["voters_abroad"]
