"""The crossings <-> DPT LN pairing (``imigrasi-dpt-ln``, both backends): a real run
links a traveller to her own voter entry and not to a namesake born on another day;
and its links are guarded when persons are formed (lindung.linkage.persons): they
never change a registered worker's person, never join two voter entries, and a
voter's person takes the crossings of one passport only."""

from __future__ import annotations

from pathlib import Path

from lindung.exchange.imports import run_import
from lindung.linkage import persons
from lindung.linkage.pairings import get_pairing
from lindung.linkage.platform import RunOptions, run_pairing
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.models import BorderCrossing, DptLnEntry
from support import guarded_links as gl
from support import linkage_runs as lr

PAIRING = "imigrasi-dpt-ln"
#: a traveller and her voter entry (the file's conventions), and a namesake voter
TRAVELLER = {"name": "WIDYASTUTI KUSUMANINGRUM", "birth_date": "1987-09-23", "sex": "F"}
ENTRY = {"name": "HJ. WIDYASTUTI KUSUMANINGRUM", "birth_date": "23/09/1987", "ppln": "Osaka"}
NAMESAKE = {"name": "WIDYASTUTI KUSUMANINGRUM", "birth_date": "02/03/1979", "ppln": "Tokyo"}


def _load(db: Database, folder: Path) -> None:
    lr.load_registry(db)
    crossings = gl.with_rows(
        lr.crossings_file(),
        folder / "crossings.csv",
        [{"record_id": "IMG-TEST-1", "passport_number": "X9876543", "nationality": "IDN",
          "direction": "departure", "crossing_date": "2025-08-01", "checkpoint": "Juanda",
          "origin_country": "IDN", "destination_country": "JPN", **TRAVELLER}],
    )  # fmt: skip
    voters = gl.with_rows(
        lr.demo().path("partners", "dpt_ln"),
        folder / "dpt_ln.csv",
        [{"record_id": "DPT-TEST-1", "method": "POS", "birth_place": "SURABAYA", "sex": "P",
          "marital_status": "S", **ENTRY},
         {"record_id": "DPT-TEST-2", "method": "POS", "birth_place": "MALANG", "sex": "P",
          "marital_status": "B", **NAMESAKE}],
    )  # fmt: skip
    lr.import_crossings(db, crossings)
    report = run_import(db, "dpt_ln", voters, actor=lr.ACTOR)
    assert report.stored > 0


def test_a_run_links_a_traveller_to_her_voter_entry_not_to_a_namesake(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    _load(db, tmp_path)
    summary = run_pairing(db, settings, PAIRING, RunOptions(), lr.ACTOR)
    assert summary.linked > 0
    with db.session() as s:
        crossing = gl.store_id(s, BorderCrossing, "IMG-TEST-1")
        entry, namesake = (
            gl.store_id(s, DptLnEntry, "DPT-TEST-1"),
            gl.store_id(s, DptLnEntry, "DPT-TEST-2"),
        )
        links = gl.crossing_links(s, PAIRING, crossing)
        assert (entry, "linked") in links
        assert namesake not in {key for key, state in links if state == "linked"}
        assert gl.thresholds(s, summary.run_id) == (0.95, 0.8, 0.95)
    people = lr.person_map(db)
    assert people[("border_crossings", crossing)] == people[("dpt_ln", entry)]
    assert people[("dpt_ln", namesake)] != people[("dpt_ln", entry)]


# --- the guard, on links written by hand (each rule on exactly its graph) -------------


def test_guarded_links_change_no_worker_join_no_two_voters_and_keep_one_passport(
    db: Database,
) -> None:
    assert get_pairing(PAIRING).guarded
    worker, stranger_entry = ("registry", 1), ("dpt_ln", 2)
    worker_entry, entry, other_entry = ("dpt_ln", 1), ("dpt_ln", 3), ("dpt_ln", 4)
    with db.session() as s:
        imported = gl.imported(s)
        stranger, own = (
            gl.crossing(s, imported, "A1", "Juanda", "JP"),
            gl.crossing(s, imported, "A2", "Juanda", "JP"),
        )
        first, second = (
            gl.crossing(s, imported, "B1", "Juanda", "JP"),
            gl.crossing(s, imported, "B1", "Juanda", "JP"),
        )
        namesake = gl.crossing(s, imported, "C1", "Juanda", "JP")
        gl.link(s, "registry-dpt-ln", worker, worker_entry, 0.99)
        gl.link(s, "registry-imigrasi", worker, own, 0.99)
        # a stranger's crossing falsely linked to the worker's voter entry
        gl.link(s, PAIRING, stranger, worker_entry, 0.99)
        # the worker's own crossing falsely linked to a stranger's voter entry
        gl.link(s, PAIRING, own, stranger_entry, 0.99)
        # a resident's two crossings on one passport, the best link to `entry`;
        # the first also links (less well) to another voter entry
        gl.link(s, PAIRING, first, entry, 0.99)
        gl.link(s, PAIRING, second, entry, 0.98)
        gl.link(s, PAIRING, first, other_entry, 0.97)
        # a namesake born the same day, on another passport, linked to the same entry
        gl.link(s, PAIRING, namesake, entry, 0.97)
        records = [worker, worker_entry, stranger_entry, entry, other_entry]
        persons.recluster(s, [*records, stranger, own, first, second, namesake])
    people = lr.person_map(db)
    assert people[worker] == people[worker_entry] == people[own]
    assert people[stranger] != people[worker]  # no stranger's exit on a worker
    assert people[stranger_entry] != people[worker]  # no stranger's vote on a worker
    assert people[first] == people[second] == people[entry]  # one resident, one passport
    assert people[other_entry] != people[entry]  # two voter entries stay two voters
    assert people[namesake] != people[entry]  # another passport: another traveller
