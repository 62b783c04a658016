"""The crossings <-> lapor diri pairing (``imigrasi-lapor-diri``, both backends): a
real run links a traveller's crossing to her registration at a mission that carries
neither her passport number nor a NIK, and not to a namesake born on another day,
and puts no registration on a registered worker's person; and its links are guarded
together with the crossings <-> DPT LN and crossings <-> civil registry ones when
persons are formed (lindung.linkage.persons): a crossing's person takes one
registration, never a registered worker's crossing, and a resident's crossing
joined to a voter entry and a civil record still takes her registration."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.exchange.imports import run_import
from lindung.linkage import persons
from lindung.linkage.pairings import get_pairing
from lindung.linkage.platform import RunOptions, run_pairing
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.models import BorderCrossing, ConsularRegistration, RecordLink
from support import guarded_links as gl
from support import linkage_runs as lr

PAIRING = "imigrasi-lapor-diri"
VOTERS, CIVIL = "imigrasi-dpt-ln", "imigrasi-dukcapil"
#: an unregistered traveller as on her passport, her registration at the consulate in
#: Osaka (the hajj title, the mission's date and sex conventions, no passport number,
#: no NIK), and a namesake's registration, born on another day
TRAVELLER = {"name": "WIDYASTUTI KUSUMANINGRUM", "birth_date": "1987-09-23", "sex": "F"}
REGISTRATION = {"registration_number": "KJRI-OSAKA-2025-TEST01", "mission": "KJRI Osaka",
                "name": "HJ. WIDYASTUTI KUSUMANINGRUM", "birth_date": "23/09/1987"}  # fmt: skip
NAMESAKE = {"registration_number": "KBRI-TOKYO-2025-TEST02", "mission": "KBRI Tokyo",
            "name": "WIDYASTUTI KUSUMANINGRUM", "birth_date": "02/03/1979"}  # fmt: skip


def _load(db: Database, folder: Path) -> None:
    lr.load_registry(db)
    crossings = gl.with_rows(
        lr.crossings_file(),
        folder / "crossings.csv",
        [{"record_id": "IMG-TEST-1", "passport_number": "X9876543", "nationality": "IDN",
          "direction": "departure", "crossing_date": "2025-08-01", "checkpoint": "Juanda",
          "origin_country": "IDN", "destination_country": "JPN", **TRAVELLER}],
    )  # fmt: skip
    common = {"country": "JPN", "sex": "P", "job_type": "PELAJAR/MAHASISWA",
              "registered_on": "01/10/2025"}  # fmt: skip
    registrations = gl.with_rows(
        lr.demo().path("partners", "consular_registrations"),
        folder / "consular_registrations.csv",
        [{**common, **REGISTRATION}, {**common, **NAMESAKE}],
    )
    lr.import_crossings(db, crossings)
    # (a generated row with a mistyped NIK is stored without it; the two added rows
    # are looked up by their numbers below)
    report = run_import(db, "consular_registrations", registrations, actor=lr.ACTOR)
    assert (report.stored, report.quarantined) == (report.rows_received, 0)


def _registration(session: Session, number: str) -> int:
    return int(
        session.scalars(
            select(ConsularRegistration.id).where(
                ConsularRegistration.registration_number == number
            )
        ).one()
    )


def test_a_run_links_a_traveller_to_her_registration_not_to_a_namesake(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    _load(db, tmp_path)
    run_pairing(db, settings, "registry-imigrasi", RunOptions(), lr.ACTOR)
    before = lr.person_map(db)
    summary = run_pairing(db, settings, PAIRING, RunOptions(), lr.ACTOR)
    assert summary.linked > 0
    with db.session() as s:
        crossing = gl.store_id(s, BorderCrossing, "IMG-TEST-1")
        registration = _registration(s, REGISTRATION["registration_number"])
        namesake = _registration(s, NAMESAKE["registration_number"])
        links = gl.crossing_links(s, PAIRING, crossing)
        assert (registration, "linked") in links
        assert namesake not in {key for key, state in links if state == "linked"}
        assert gl.thresholds(s, summary.run_id) == (0.95, 0.8, 0.95)
    people = lr.person_map(db)
    mine = ("consular_registrations", registration)
    assert people[("border_crossings", crossing)] == people[mine]
    assert people[("consular_registrations", namesake)] != people[mine]
    # no registered worker's person changed, and none holds a registration, though
    # the run linked workers' crossings to their registrations (the generated file
    # registers half of the workers' departures): the guard refused those links
    assert gl.worker_groups(before) == gl.worker_groups(people)
    on_workers = {r for group in gl.worker_groups(people) for r in group}
    with db.session() as s:
        linked = s.scalars(
            select(RecordLink.left_key).where(
                RecordLink.pairing == PAIRING, RecordLink.state == "linked"
            )
        ).all()
    assert sum(1 for key in linked if ("border_crossings", key) in on_workers) > 10
    assert not any(source == "consular_registrations" for source, _ in on_workers)


# --- the guard, on links written by hand (each rule on exactly its graph) -------------


def test_no_registration_joins_a_registered_worker_and_one_registration_each(
    db: Database,
) -> None:
    assert get_pairing(PAIRING).guarded
    assert get_pairing(PAIRING).left_agrees_on == "passport_no"
    worker = ("registry", 1)
    own_registration, registration, other_registration = (
        ("consular_registrations", key) for key in (1, 2, 3)
    )
    with db.session() as s:
        imported = gl.imported(s)
        own, traveller = gl.crossing(s, imported, "A1"), gl.crossing(s, imported, "B1")
        namesake = gl.crossing(s, imported, "C1")
        gl.link(s, "registry-imigrasi", worker, own, 0.99)
        # the worker's own crossing linked to her registration (true, but the guard
        # keeps every registration off a registered worker's person)
        gl.link(s, PAIRING, own, own_registration, 0.99)
        # a traveller linked to two registrations: the most probable is kept
        gl.link(s, PAIRING, traveller, registration, 0.99)
        gl.link(s, PAIRING, traveller, other_registration, 0.97)
        # a namesake on another passport linked to the same registration
        gl.link(s, PAIRING, namesake, registration, 0.96)
        records = [worker, own_registration, registration, other_registration]
        persons.recluster(s, [*records, own, traveller, namesake])
    people = lr.person_map(db)
    assert people[worker] == people[own]
    assert people[own_registration] != people[worker]
    assert people[traveller] == people[registration]
    assert people[other_registration] != people[registration]  # two registrations stay two
    assert people[namesake] != people[registration]  # another passport: another traveller


def test_the_three_guarded_pairings_meet_on_one_resident(db: Database) -> None:
    """A resident's crossing takes a voter entry, a civil record and a registration,
    whichever links are the more probable, and her second crossing on the same
    passport joins her through the registration alone; a worker's voter entry and
    civil record stay the worker's, whatever the guarded links say."""
    entry, record = ("dpt_ln", 1), ("civil_registry", 1)
    registration = ("consular_registrations", 1)
    worker, worker_entry, worker_record = ("registry", 1), ("dpt_ln", 2), ("civil_registry", 2)
    with db.session() as s:
        imported = gl.imported(s)
        first, second = gl.crossing(s, imported, "R1"), gl.crossing(s, imported, "R1")
        stranger = gl.crossing(s, imported, "S1")
        gl.link(s, CIVIL, first, record, 0.99)
        gl.link(s, PAIRING, first, registration, 0.98)
        gl.link(s, VOTERS, first, entry, 0.97)
        gl.link(s, PAIRING, second, registration, 0.96)
        gl.link(s, "registry-dpt-ln", worker, worker_entry, 0.99)
        gl.link(s, "registry-dukcapil", worker, worker_record, 0.99)
        # a stranger's crossing linked to a registration and (falsely) to the worker's
        # voter entry and civil record: it keeps its registration, not the worker
        stranger_registration = ("consular_registrations", 2)
        gl.link(s, VOTERS, stranger, worker_entry, 0.99)
        gl.link(s, CIVIL, stranger, worker_record, 0.99)
        gl.link(s, PAIRING, stranger, stranger_registration, 0.95)
        records = [entry, record, registration, worker, worker_entry, worker_record]
        persons.recluster(s, [*records, stranger_registration, first, second, stranger])
    people = lr.person_map(db)
    assert people[first] == people[second] == people[entry] == people[record]
    assert people[registration] == people[first]
    assert people[worker] == people[worker_entry] == people[worker_record]
    assert people[stranger] == people[stranger_registration]
    assert people[stranger] != people[worker]
