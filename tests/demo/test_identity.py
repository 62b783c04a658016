"""People's identity facts agree with each other, checked through the public identity rules."""

from __future__ import annotations

from collections import Counter
from datetime import date

from lindung.demo import DemoSummary
from lindung.domain.regions import region_directory
from lindung.identity import looks_indonesian_passport_number, normalise_phone, parse_nik
from support.demo_data import partner, registry, truth


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def test_registry_niks_agree_with_birth_date_sex_and_origin(demo: DemoSummary) -> None:
    as_of = demo.config.as_of
    falsified = {row["worker_id"] for row in truth(demo, "falsified_ages")}
    workers = registry(demo, "workers")
    assert len({w["nik"] for w in workers}) == len(workers)
    disagreeing = set()
    for worker in workers:
        nik = parse_nik(worker["nik"], as_of)
        assert worker["origin_village_code"].startswith(nik.district_code + ".")
        assert nik.sex == worker["sex"]
        if nik.birth_date != worker["birth_date"]:
            disagreeing.add(worker["id"])
    # Only the forged ages disagree: the NIK keeps the true birth date.
    assert disagreeing == falsified
    assert len(falsified) >= 3


def test_every_person_has_a_consistent_unique_nik(demo: DemoSummary) -> None:
    people = truth(demo, "persons")
    assert len({p["nik"] for p in people}) == len(people)
    directory = region_directory()
    serials: Counter[str] = Counter()
    for person in people:
        nik = parse_nik(person["nik"], demo.config.as_of)
        assert nik.birth_date == person["birth_date"]
        assert nik.sex == person["sex"]
        assert person["origin_village_code"][:8] == nik.district_code
        assert directory.get(person["origin_village_code"]) is not None
        serials[person["nik"][:12]] += 1
        assert 1 <= nik.serial <= serials[person["nik"][:12]]


def test_falsified_ages_are_adults_in_the_registry_and_children_in_the_civil_registry(
    demo: DemoSummary,
) -> None:
    registered = {p["worker_id"]: p["registered_on"] for p in registry(demo, "placements")[::-1]}
    civil = {row["nik"]: row for row in partner(demo, "dukcapil")}
    cases = truth(demo, "falsified_ages")
    found_in_civil_registry = 0
    for case in cases:
        on = registered[case["worker_id"]]
        assert _age(case["registry_birth_date"], on) >= 20
        assert _age(case["true_birth_date"], on) < 18
        row = civil.get(case["nik"])
        if row is not None:
            found_in_civil_registry += 1
            day, month, year = (int(part) for part in row["birth_date"].split("-"))
            assert date(year, month, day) == case["true_birth_date"]
    assert found_in_civil_registry >= 1


def test_phones_passports_and_places_are_well_formed(demo: DemoSummary) -> None:
    workers = registry(demo, "workers")
    phones = [w["phone"] for w in workers if w["phone"] is not None]
    assert 0.9 < len(phones) / len(workers) < 1
    assert all(normalise_phone(phone) == phone for phone in phones)
    assert all(phone.startswith("+628") for phone in phones)
    passports = registry(demo, "passports")
    assert len({p["number"] for p in passports}) == len(passports)
    assert all(looks_indonesian_passport_number(p["number"]) for p in passports)
    assert all(p["issued_on"] < p["expires_on"] for p in passports)
    assert {w["marital_status"] for w in workers} == {"single", "married", "divorced", "widowed"}
    assert all(w["birth_place"] for w in workers)
