"""Each partner file carries its source's conventions and the noise it is known for."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from lindung.demo import DemoSummary
from support.demo_data import partner, registry, truth

PASSPORT_NAME = re.compile(r"^[A-Z]+( [A-Z]+)*$")


def test_crossings_use_passport_names_and_mostly_lack_the_nik(demo: DemoSummary) -> None:
    rows = partner(demo, "imigrasi_crossings")
    assert all(PASSPORT_NAME.match(r["name"]) and len(r["name"]) <= 30 for r in rows)
    assert {r["nationality"] for r in rows} == {"IDN"}
    assert {r["direction"] for r in rows} == {"departure", "arrival"}
    with_nik = sum(r["nik"] is not None for r in rows)
    assert 0.05 < with_nik / len(rows) < 0.2
    kinds = Counter(t["traveller"] for t in truth(demo, "imigrasi_crossings"))
    assert kinds["worker"] < len(rows)  # tourists, residents and irregular migrants too
    assert kinds["irregular"] > 0
    assert kinds["tourist"] > 0


def test_registered_departures_match_their_placements(demo: DemoSummary) -> None:
    rows = {r["record_id"]: r for r in partner(demo, "imigrasi_crossings")}
    placements = {p["id"]: p for p in registry(demo, "placements")}
    passports: dict[int, set[str]] = {}
    for passport in registry(demo, "passports"):
        passports.setdefault(passport["worker_id"], set()).add(passport["number"])
    departures = 0
    for fact in truth(demo, "imigrasi_crossings"):
        if fact["placement_id"] is None:
            continue
        row, placement = rows[fact["record_id"]], placements[fact["placement_id"]]
        assert placement["worker_id"] == fact["worker_id"]
        assert row["passport_number"] in passports[fact["worker_id"]]
        expected = placement["departed_on" if row["direction"] == "departure" else "returned_on"]
        assert row["crossing_date"] == expected.isoformat()
        departures += row["direction"] == "departure"
    departed = sum(p["departed_on"] is not None for p in placements.values())
    assert 0.97 * departed <= departures <= departed


def test_irregular_departures_leave_by_the_known_routes(demo: DemoSummary) -> None:
    rows = {r["record_id"]: r for r in partner(demo, "imigrasi_crossings")}
    irregular = [
        rows[t["record_id"]]
        for t in truth(demo, "imigrasi_crossings")
        if t["irregular"] and rows[t["record_id"]]["direction"] == "departure"
    ]
    assert irregular
    to_malaysia = [r for r in irregular if r["destination_country"] == "MYS"]
    by_sea = [r for r in to_malaysia if r["checkpoint"] in {"Nunukan", "Batam Centre", "Bengkalis"}]
    assert len(by_sea) > 0.4 * len(to_malaysia)
    assert {"KHM", "MMR"} & {r["destination_country"] for r in irregular}


def test_voter_list_has_duplicates_and_misses_most_workers_abroad(demo: DemoSummary) -> None:
    rows = partner(demo, "dpt_ln")
    facts = truth(demo, "dpt_ln")
    same = sum(f["duplicate_kind"] == "same_ppln" for f in facts)
    assert 0.01 < same / len(rows) < 0.05  # FACTS.md: 2.7% in Johor Bahru
    by_record = {r["record_id"]: r for r in rows}
    for fact in facts:
        if fact["duplicate_of"] is not None:
            original = truth_by_record(facts)[fact["duplicate_of"]]
            assert original["person_id"] == fact["person_id"]
            if fact["duplicate_kind"] == "same_ppln":
                assert (
                    by_record[fact["record_id"]]["ppln"] == by_record[fact["duplicate_of"]]["ppln"]
                )
    listed_abroad = {f["worker_id"] for f in facts if f["worker_id"] is not None and not f["stale"]}
    missing = truth(demo, "dpt_ln_missing_workers")
    assert not listed_abroad & {m["worker_id"] for m in missing}
    assert len(missing) > 2 * len(listed_abroad)  # most PMI are not on the list
    pplns = Counter(r["ppln"] for r in rows)
    assert pplns.most_common(1)[0][0] in {"Kuala Lumpur", "Taipei"}
    assert Counter(r["sex"] for r in rows)["P"] > Counter(r["sex"] for r in rows)["L"]


def truth_by_record(facts: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {f["record_id"]: f for f in facts}


def test_voter_list_niks_and_dates_are_of_uneven_quality(demo: DemoSummary) -> None:
    rows = {r["record_id"]: r for r in partner(demo, "dpt_ln")}
    people = {p["person_id"]: p for p in truth(demo, "persons")}
    quality: Counter[str] = Counter()
    for fact in truth(demo, "dpt_ln"):
        row, person = rows[fact["record_id"]], people[fact["person_id"]]
        quality[fact["nik_quality"]] += 1
        if fact["nik_quality"] == "ok":
            assert row["nik"] == person["nik"]
        elif fact["nik_quality"] == "missing":
            assert row["nik"] is None
        else:
            assert row["nik"] != person["nik"]
            assert len(row["nik"]) == 16
        day, month, year = (int(part) for part in row["birth_date"].split("/"))
        if fact["birth_date_placeholder"]:
            assert (day, month) in {(1, 1), (31, 12)}
            assert year == person["birth_date"].year
        else:
            assert date(year, month, day) == person["birth_date"]
    assert quality["missing"] > 0
    assert quality["wrong_digits"] > 0
    assert quality["ok"] > 0.8 * sum(quality.values())


def test_civil_registry_lists_workers_with_their_families(demo: DemoSummary) -> None:
    rows = partner(demo, "dukcapil")
    facts = truth(demo, "dukcapil")
    kinds = Counter(f["kind"] for f in facts)
    assert kinds["worker"] > 0.95 * demo.config.workers
    assert kinds["child"] > 0
    assert kinds["spouse"] > 0
    assert kinds["irregular"] > 0
    assert {r["sex"] for r in rows} == {"LAKI-LAKI", "PEREMPUAN"}
    assert all(re.fullmatch(r"\d{10}", r["village_code"]) for r in rows)
    assert all(r["name"] == r["name"].upper() for r in rows)
    cards = Counter(r["family_card_number"] for r in rows)
    assert max(cards.values()) > 2  # a worker with spouse and children
    heads = Counter(r["family_relationship"] for r in rows)
    assert set(heads) == {"KEPALA KELUARGA", "ISTRI", "ANAK"}


def test_training_certificates_fall_between_registration_and_departure(
    demo: DemoSummary,
) -> None:
    rows = {r["record_id"]: r for r in partner(demo, "training_certificates")}
    placements = {p["id"]: p for p in registry(demo, "placements")}
    matched = 0
    for fact in truth(demo, "training_certificates"):
        row = rows[fact["record_id"]]
        assert row["issued_on"] < row["valid_until"]
        if fact["placement_id"] is None:
            continue
        matched += 1
        placement = placements[fact["placement_id"]]
        issued = date.fromisoformat(row["issued_on"])
        assert placement["registered_on"] <= issued + (date(2000, 1, 11) - date(2000, 1, 1))
        if placement["departed_on"] is not None:
            assert issued <= placement["departed_on"]
    assert matched < len(rows)  # some certified people left outside the procedure


def test_names_vary_between_sources(demo: DemoSummary) -> None:
    registry_names = {w["id"]: w["full_name"] for w in registry(demo, "workers")}
    civil = {r["record_id"]: r["name"] for r in partner(demo, "dukcapil")}
    differ = 0
    compared = 0
    for fact in truth(demo, "dukcapil"):
        if fact["worker_id"] is None:
            continue
        compared += 1
        differ += registry_names[fact["worker_id"]].upper() != civil[fact["record_id"]]
    assert 0.03 < differ / compared < 0.5
    names = " ".join(registry_names.values())
    assert "Siti" in names
    assert "Sri" in names
    assert re.search(r"\b(Muhammad|Muhamad|Mohammad|Moh\.|Moch\.|M\.|Muh\.)", names)
