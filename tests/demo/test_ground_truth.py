"""The ground truth names the person behind every row of every file."""

from __future__ import annotations

from collections import Counter

import pytest

from lindung.demo import DemoSummary
from support.demo_data import partner, registry, truth

PARTNER_FILES = ["imigrasi_crossings", "dpt_ln", "dukcapil", "training_certificates"]
# consular_registrations: keyed by registration_number (tests/demo/test_consular.py)


@pytest.mark.parametrize("name", PARTNER_FILES)
def test_every_partner_row_has_one_known_person(demo: DemoSummary, name: str) -> None:
    people = {p["person_id"]: p for p in truth(demo, "persons")}
    rows = partner(demo, name)
    facts = truth(demo, name)
    assert [r["record_id"] for r in rows] == [f["record_id"] for f in facts]
    for fact in facts:
        person = people[fact["person_id"]]
        assert person["worker_id"] == fact["worker_id"]


def test_registry_workers_are_persons_of_kind_worker(demo: DemoSummary) -> None:
    people = {p["person_id"]: p for p in truth(demo, "persons")}
    workers = {w["id"]: w for w in registry(demo, "workers")}
    links = truth(demo, "registry_workers")
    assert len(links) == len(workers)
    for link in links:
        person = people[link["person_id"]]
        assert person["kind"] == "worker"
        assert person["worker_id"] == link["worker_id"]
        assert person["nik"] == workers[link["worker_id"]]["nik"]
        assert link["falsified_age"] == (
            person["birth_date"] != workers[link["worker_id"]]["birth_date"]
        )


def test_persons_are_unique_and_families_point_to_workers(demo: DemoSummary) -> None:
    people = truth(demo, "persons")
    assert len({p["person_id"] for p in people}) == len(people)
    kinds = Counter(p["kind"] for p in people)
    assert kinds["worker"] == demo.config.workers
    assert set(kinds) == {"worker", "irregular", "abroad", "tourist", "spouse", "child"}
    by_id = {p["person_id"]: p for p in people}
    for person in people:
        if person["kind"] in {"spouse", "child"}:
            head = by_id[person["household_person_id"]]
            assert head["kind"] == "worker"
            assert head["family_card_number"] == person["family_card_number"]
        else:
            assert person["household_person_id"] is None


def test_one_person_shows_up_across_sources(demo: DemoSummary) -> None:
    """Linkage has something to find: workers appear in several partner files."""
    seen: dict[int, set[str]] = {}
    for name in PARTNER_FILES:
        for fact in truth(demo, name):
            seen.setdefault(fact["person_id"], set()).add(name)
    workers = {link["person_id"] for link in truth(demo, "registry_workers")}
    in_three = sum(len(seen.get(person, set())) >= 3 for person in workers)
    assert in_three > 0.3 * len(workers)
