"""The registry looks like FACTS.md and keeps its dates and rules consistent."""

from __future__ import annotations

from collections import Counter, defaultdict

from lindung.demo import DemoSummary
from lindung.demo.lifecycle import Status
from support.demo_data import registry, truth


def _jobs(demo: DemoSummary) -> dict[int, dict[str, object]]:
    return {o["id"]: o for o in registry(demo, "job_orders")}


def test_origin_provinces_follow_placements_and_partner_regions_have_workers(
    demo: DemoSummary,
) -> None:
    workers = registry(demo, "workers")
    provinces = Counter(w["origin_village_code"][:2] for w in workers)
    assert {code for code, _ in provinces.most_common(3)} == {"35", "33", "32"}
    assert provinces["52"] > provinces["18"] > provinces["51"]
    regencies = Counter(w["origin_village_code"][:5] for w in workers)
    for partner_region in ("64.74", "53.06", "35.13", "35.09"):
        assert regencies[partner_region] >= 3, partner_region


def test_destinations_and_sex_mix_follow_facts(demo: DemoSummary) -> None:
    jobs = _jobs(demo)
    sex = {w["id"]: w["sex"] for w in registry(demo, "workers")}
    by_country: dict[str, Counter[str]] = defaultdict(Counter)
    for placement in registry(demo, "placements"):
        country = jobs[placement["job_order_id"]]["country_code"]
        by_country[str(country)][sex[placement["worker_id"]]] += 1
    top = sorted(by_country, key=lambda c: -sum(by_country[c].values()))
    assert set(top[:3]) == {"TW", "MY", "HK"}
    assert {"KR", "JP"} <= set(top[:6])
    share_women = {c: counts["F"] / sum(counts.values()) for c, counts in by_country.items()}
    assert share_women["HK"] > 0.9
    assert share_women["TW"] > 0.55
    assert share_women["KR"] < 0.2


def test_household_work_goes_to_women_and_plantations_to_men(demo: DemoSummary) -> None:
    jobs = _jobs(demo)
    sex = {w["id"]: w["sex"] for w in registry(demo, "workers")}
    by_job: dict[str, Counter[str]] = defaultdict(Counter)
    for placement in registry(demo, "placements"):
        by_job[str(jobs[placement["job_order_id"]]["job_type"])][sex[placement["worker_id"]]] += 1
    assert by_job["domestic_worker"]["F"] > 10 * by_job["domestic_worker"]["M"]
    assert by_job["plantation_worker"]["M"] > 2 * by_job["plantation_worker"]["F"]


def test_marital_status_follows_facts(demo: DemoSummary) -> None:
    statuses = Counter(w["marital_status"] for w in registry(demo, "workers"))
    ever_married = 1 - statuses["single"] / sum(statuses.values())
    assert 0.55 < ever_married < 0.67  # FACTS.md: 61% married or divorced


def test_every_lifecycle_stage_is_present_with_consistent_dates(demo: DemoSummary) -> None:
    as_of = demo.config.as_of
    placements = registry(demo, "placements")
    assert {p["status"] for p in placements} == {s.label for s in Status}
    for p in placements:
        assert p["registered_on"] <= as_of
        if p["departed_on"] is not None:
            assert p["registered_on"] <= p["departed_on"] <= as_of
        if p["returned_on"] is not None:
            assert p["departed_on"] is not None
            assert p["departed_on"] <= p["returned_on"] <= as_of
        departed = p["status"] in {"departed", "working", "extended", "returned"}
        departed |= p["status"] in {"repatriated", "deceased"}
        assert (p["departed_on"] is not None) == departed, p
        assert (p["returned_on"] is not None) == (p["status"] in {"returned", "repatriated"})


def test_agencies_and_job_orders(demo: DemoSummary) -> None:
    agencies = registry(demo, "agencies")
    statuses = Counter(a["licence_status"] for a in agencies)
    assert statuses["active"] + statuses["suspended"] == 424  # FACTS.md, April 2024
    assert statuses["revoked"] > statuses["expired"] > 0
    offices = Counter(a["head_office_region_code"][:2] for a in agencies)
    assert offices.most_common(1)[0][0] == "31"  # Jakarta
    assert len({a["licence_no"] for a in agencies}) == len(agencies)
    employers = {e["id"]: e for e in registry(demo, "employers")}
    for order in registry(demo, "job_orders"):
        employer = employers[order["employer_id"]]
        assert employer["country_code"] == order["country_code"]
        if order["job_type"] == "domestic_worker":
            assert order["sector"] == "informal"
    kinds = Counter(v["violation"] for v in truth(demo, "job_order_violations"))
    assert set(kinds) == {
        "kepmenaker_260_2015",
        "expired_validity",
        "agency_licence_invalid",
        "spsk_outside_cities",
        "quota_exceeded",
    }
    assert all(count >= 2 for count in kinds.values())


def test_job_orders_follow_the_rules_unless_planted(demo: DemoSummary) -> None:
    planted = {v["job_order_id"] for v in truth(demo, "job_order_violations")}
    agencies = {a["id"]: a for a in registry(demo, "agencies")}
    employers = {e["id"]: e for e in registry(demo, "employers")}
    placed: Counter[int] = Counter(p["job_order_id"] for p in registry(demo, "placements"))
    closed = {"AE", "SA", "KW", "QA", "OM"}
    spsk = {"Mecca", "Jeddah", "Riyadh", "Medina", "Dammam", "Dhahran", "Khobar"}
    for order in registry(demo, "job_orders"):
        if order["id"] in planted:
            continue
        agency = agencies[order["agency_id"]]
        employer = employers[order["employer_id"]]
        assert agency["licence_valid_from"] <= order["valid_from"] < agency["licence_valid_to"]
        assert placed[order["id"]] <= order["quota"]
        assert not (order["country_code"] in closed and employer["kind"] == "household")
        if order["country_code"] == "SA":
            assert employer["city"] in spsk
