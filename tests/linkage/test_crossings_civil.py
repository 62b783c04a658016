"""The crossings <-> civil registry pairing (``imigrasi-dukcapil``, both backends): a
real run links a traveller to her own civil record and not to a namesake born on
another day, and changes no registered worker's person; and its links are guarded
together with the crossings <-> DPT LN ones when persons are formed
(lindung.linkage.persons): a crossing never joins a registered worker's civil
record, takes one civil record and one voter entry, and the guarded links of both
pairings are applied most probable first."""

from __future__ import annotations

import csv
from pathlib import Path

from lindung.exchange.imports import run_import
from lindung.linkage import persons
from lindung.linkage.pairings import get_pairing
from lindung.linkage.platform import RunOptions, run_pairing
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.models import (
    BorderCrossing,
    CivilRegistryRecord,
)
from support import guarded_links as gl
from support import linkage_runs as lr

PAIRING = "imigrasi-dukcapil"
VOTERS = "imigrasi-dpt-ln"
#: an unregistered traveller as on her passport, her family-card record (degree, the
#: source's date and sex conventions), and a namesake born on another day
TRAVELLER = {"name": "WIDYASTUTI KUSUMANINGRUM", "birth_date": "1987-09-23", "sex": "F"}
RECORD = {"name": "WIDYASTUTI KUSUMANINGRUM, S.PD", "birth_date": "23-09-1987"}
NAMESAKE = {"name": "WIDYASTUTI KUSUMANINGRUM", "birth_date": "02-03-1979"}


def _load(db: Database, folder: Path) -> None:
    lr.load_registry(db)
    crossings = gl.with_rows(
        lr.crossings_file(),
        folder / "crossings.csv",
        [{"record_id": "IMG-TEST-1", "passport_number": "X9876543", "nationality": "IDN",
          "direction": "departure", "crossing_date": "2025-08-01", "checkpoint": "Nunukan",
          "origin_country": "IDN", "destination_country": "MYS", **TRAVELLER}],
    )  # fmt: skip
    dukcapil = lr.demo().path("partners", "dukcapil")
    with dukcapil.open(encoding="utf-8", newline="") as stream:
        village = next(csv.DictReader(stream))["village_code"]
    common = {"sex": "PEREMPUAN", "marital_status": "KAWIN", "village_code": village}
    civil = gl.with_rows(
        dukcapil,
        folder / "dukcapil.csv",
        [{"record_id": "DKC-TEST-1", "nik": "5306016309870001", "birth_place": "LARANTUKA",
          "family_card_number": "5306010101100001", "family_relationship": "ISTRI",
          **common, **RECORD},
         {"record_id": "DKC-TEST-2", "nik": "3578014203790002", "birth_place": "SURABAYA",
          "family_card_number": "3578010101100002", "family_relationship": "ISTRI",
          **common, **NAMESAKE}],
    )  # fmt: skip
    lr.import_crossings(db, crossings)
    report = run_import(db, "civil_registry", civil, actor=lr.ACTOR)
    assert report.stored > 0
    assert report.quarantined == 0


def test_a_run_links_a_traveller_to_her_civil_record_not_to_a_namesake(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    _load(db, tmp_path)
    for registry_pairing in ("registry-imigrasi", "registry-dukcapil"):
        run_pairing(db, settings, registry_pairing, RunOptions(), lr.ACTOR)
    before = lr.person_map(db)
    summary = run_pairing(db, settings, PAIRING, RunOptions(), lr.ACTOR)
    assert summary.linked > 0
    with db.session() as s:
        crossing = gl.store_id(s, BorderCrossing, "IMG-TEST-1")
        record = gl.store_id(s, CivilRegistryRecord, "DKC-TEST-1")
        namesake = gl.store_id(s, CivilRegistryRecord, "DKC-TEST-2")
        links = gl.crossing_links(s, PAIRING, crossing)
        assert (record, "linked") in links
        assert namesake not in {key for key, state in links if state == "linked"}
        assert gl.thresholds(s, summary.run_id) == (0.95, 0.8, 0.95)
    people = lr.person_map(db)
    assert people[("border_crossings", crossing)] == people[("civil_registry", record)]
    assert people[("civil_registry", namesake)] != people[("civil_registry", record)]
    # no registered worker's person changed: the records each worker's person held
    # before are exactly those it holds after
    assert gl.worker_groups(before) == gl.worker_groups(people)


# --- the guard, on links written by hand (each rule on exactly its graph) -------------


def test_no_crossing_joins_a_registered_workers_civil_record_and_one_record_each(
    db: Database,
) -> None:
    assert get_pairing(PAIRING).guarded
    worker, worker_record = ("registry", 1), ("civil_registry", 1)
    record, other_record, stranger_record = (
        ("civil_registry", 2),
        ("civil_registry", 3),
        ("civil_registry", 4),
    )
    with db.session() as s:
        imported = gl.imported(s)
        stranger, own = gl.crossing(s, imported, "A1"), gl.crossing(s, imported, "A2")
        traveller = gl.crossing(s, imported, "B1")
        gl.link(s, "registry-dukcapil", worker, worker_record, 0.99)
        gl.link(s, "registry-imigrasi", worker, own, 0.99)
        # a stranger's crossing linked (falsely, most probably) to the worker's record
        gl.link(s, PAIRING, stranger, worker_record, 0.99)
        # the worker's own crossing linked to a stranger's civil record
        gl.link(s, PAIRING, own, stranger_record, 0.99)
        # a traveller linked to two civil records: the most probable is kept
        gl.link(s, PAIRING, traveller, record, 0.99)
        gl.link(s, PAIRING, traveller, other_record, 0.97)
        everyone = [worker, worker_record, record, other_record, stranger_record]
        persons.recluster(s, [*everyone, stranger, own, traveller])
    people = lr.person_map(db)
    assert people[worker] == people[worker_record] == people[own]
    assert people[stranger] != people[worker]  # no stranger's exit on a worker
    assert people[stranger_record] != people[worker]  # no stranger's village on a worker
    assert people[traveller] == people[record]
    assert people[other_record] != people[record]  # two civil records stay two residents


def test_both_guarded_pairings_together_most_probable_first(db: Database) -> None:
    """A crossing takes a civil record and a voter entry whichever is more probable;
    across the two pairings the links are applied by probability, not pairing by
    pairing; and a civil record never joins two voter entries."""
    resident_entry, resident_record = ("dpt_ln", 1), ("civil_registry", 1)
    other_entry, other_record = ("dpt_ln", 2), ("civil_registry", 2)
    first_entry, second_entry, shared_record = ("dpt_ln", 3), ("dpt_ln", 4), ("civil_registry", 3)
    with db.session() as s:
        imported = gl.imported(s)
        # a resident: her civil record links more probably than her voter entry, and
        # for another resident the other way round; all three records are one person
        resident, other = gl.crossing(s, imported, "R1"), gl.crossing(s, imported, "R2")
        gl.link(s, PAIRING, resident, resident_record, 0.99)
        gl.link(s, VOTERS, resident, resident_entry, 0.97)
        gl.link(s, VOTERS, other, other_entry, 0.99)
        gl.link(s, PAIRING, other, other_record, 0.97)
        # two crossings on one passport, each most probably some voter's; the civil
        # record linked to both may join the first (more probable) and not the second:
        # applied pairing by pairing (civil first) it would take both crossings and
        # shut out the more probable voter link of the second
        first, second = gl.crossing(s, imported, "S1"), gl.crossing(s, imported, "S1")
        gl.link(s, VOTERS, first, first_entry, 0.99)
        gl.link(s, VOTERS, second, second_entry, 0.98)
        gl.link(s, PAIRING, first, shared_record, 0.96)
        gl.link(s, PAIRING, second, shared_record, 0.90)
        records = [resident_entry, resident_record, other_entry, other_record]
        records += [first_entry, second_entry, shared_record]
        persons.recluster(s, [*records, resident, other, first, second])
    people = lr.person_map(db)
    assert people[resident] == people[resident_record] == people[resident_entry]
    assert people[other] == people[other_entry] == people[other_record]
    assert people[first] == people[first_entry] == people[shared_record]
    assert people[second] == people[second_entry]
    assert people[second_entry] != people[first_entry]  # two voter entries stay two
