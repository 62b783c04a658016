"""Linkage runs over the store (both backends): links, persons, stable ids, incremental."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lindung.linkage import model_files
from lindung.linkage.pairings import PAIRINGS, get_pairing
from lindung.linkage.platform import (
    NoSavedModel,
    NothingToLink,
    RunOptions,
    RunSummary,
    run_pairing,
)
from lindung.linkage.run import TooFewPairs
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.models import AuditEntry, LinkageRun, RecordLink, Worker
from support import linkage_runs as lr


def _run(
    db: Database, settings: Settings, *, retrain: bool = False, incremental: bool = False
) -> RunSummary:
    options = RunOptions(retrain=retrain, incremental=incremental)
    return run_pairing(db, settings, lr.PAIRING, options, lr.ACTOR)


def test_a_run_stores_its_links_the_run_and_persons_close_to_the_truth(
    db: Database, settings: Settings
) -> None:
    lr.load_store(db)
    lr.install_models(settings)
    summary = run_pairing(db, settings, lr.PAIRING, RunOptions(), lr.ACTOR)
    assert not summary.retrained
    assert summary.model_version == 1
    with db.session() as session:
        run = session.get(LinkageRun, summary.run_id)
        assert run is not None
        assert run.status == "finished"
        assert run.kind == "full"
        assert run.model_sha256 == summary.model_sha256
        assert run.actor == "tester"
        assert (run.link_threshold, run.review_low, run.review_high) == (0.9, 0.5, 0.95)
        assert run.finished_at is not None
        assert run.finished_at >= run.started_at
        links = session.scalars(select(RecordLink)).all()
        assert len(links) == summary.pairs == run.pairs > 0
        states = [link.state for link in links]
        assert (states.count("linked"), states.count("review")) == (run.linked, run.review)
        assert {link.left_source for link in links} == {"registry"}
        assert {link.right_source for link in links} == {"border_crossings"}
        assert set(links[0].explanation) >= {"name", "birth_date", "sex"}
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None
        assert entry.details["object"] == "linkage_run"
        assert entry.details["run_id"] == summary.run_id
    persons = lr.person_map(db)
    truth = lr.true_persons(db)
    assert set(persons) == set(truth)  # every worker and crossing has a person
    assert lr.pairwise_f1(persons, truth) >= 0.95
    assert summary.persons == len(set(persons.values()))


def test_a_rerun_keeps_every_person_id(db: Database, settings: Settings) -> None:
    lr.load_store(db)
    lr.install_models(settings)
    _run(db, settings)
    first = lr.person_map(db)
    _run(db, settings)
    assert lr.person_map(db) == first
    with db.session() as session:
        current = session.scalar(select(func.count()).where(RecordLink.current.is_(True)))
        runs = session.scalars(select(LinkageRun.pairs)).all()
    assert current == runs[-1]  # the first run's links are no longer current


@pytest.mark.parametrize("backend", ["sqlite"])
def test_retraining_writes_the_next_model_version_with_its_manifest(
    db: Database, settings: Settings
) -> None:
    lr.load_store(db)
    folder = lr.install_models(settings)
    summary = _run(db, settings, retrain=True)
    assert summary.retrained
    assert summary.model_version == 2
    manifest = json.loads((folder / f"{lr.PAIRING}.v2.manifest.json").read_text())
    assert manifest["pairing"] == lr.PAIRING
    assert manifest["version"] == 2
    assert manifest["training_rows"] == {"left": lr.WORKERS, "right": summary.right_rows}
    assert manifest["sha256"] == summary.model_sha256
    assert set(manifest) >= {"trained_at", "model_version", "file"}
    assert manifest["labels"] == {  # no reviewer has decided anything yet
        "match": 0,
        "non_match": 0,
        "missing": 0,
        "used": False,
        "reason": "none",
        "comparisons": [],
    }
    reloaded = model_files.latest(folder, lr.PAIRING)
    assert reloaded is not None
    assert reloaded.version == 2


@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_edited_model_file_is_refused_and_the_failed_run_recorded(
    db: Database, settings: Settings
) -> None:
    lr.load_store(db)
    folder = lr.install_models(settings)
    path = folder / f"{lr.PAIRING}.v1.json"
    path.write_text(path.read_text().replace('"m_probability"', '"m_probability" ', 1))
    with pytest.raises(model_files.ModelFileInvalid, match="sha256"):
        _run(db, settings)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(LinkageRun)) == 0


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_pairing_with_an_empty_source_is_refused_before_anything_is_written(
    db: Database, settings: Settings
) -> None:
    lr.load_registry(db)
    with pytest.raises(NothingToLink, match="no records in border_crossings"):
        _run(db, settings)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(LinkageRun)) == 0


@pytest.mark.parametrize("backend", ["sqlite"])
def test_files_too_small_to_train_on_are_refused_by_name_and_the_run_recorded(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    """Crossings sharing no birth date, NIK or name with any worker: EM has no pair to
    learn from under any training rule (a very small demo hit this)."""
    lr.load_registry(db)
    path = tmp_path / "strangers.csv"
    path.write_text(
        "record_id,passport_number,name,birth_date,sex,nationality,nik,direction,"
        "crossing_date,checkpoint,origin_country,destination_country\n"
        + "".join(
            f'"X-{i}","C000000{i}","QZXW{i} VRPK",190{i}-02-0{i},"M","IDN",,"departure",'
            f'2024-03-0{i},"Soekarno-Hatta","IDN","SAU"\n'
            for i in range(1, 4)
        ),
        encoding="utf-8",
    )
    lr.import_crossings(db, path)
    with pytest.raises(TooFewPairs, match="too few records to train"):
        _run(db, settings, retrain=True)
    with db.session() as session:
        assert session.scalars(select(LinkageRun.status)).all() == ["failed"]
        assert session.scalar(select(func.count()).select_from(RecordLink)) == 0


@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_incremental_run_needs_a_saved_model(db: Database, settings: Settings) -> None:
    lr.load_store(db)
    with pytest.raises(NoSavedModel):
        _run(db, settings, incremental=True)


def test_incremental_links_only_new_records_and_gives_the_full_runs_persons(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    first_file, second_file = lr.split_crossings(tmp_path, 500)
    lr.load_registry(db)
    lr.import_crossings(db, first_file)
    lr.install_models(settings)
    _run(db, settings)
    with db.session() as session:
        first_links = session.scalars(select(RecordLink)).all()
        before = {
            link.id: (link.left_key, link.right_key, link.match_probability, link.state)
            for link in first_links
        }
        accepted = {(link.left_key, link.right_key): link.model_accepts for link in first_links}
    old_records = set(lr.person_map(db))
    lr.import_crossings(db, second_file)

    summary = _run(db, settings, incremental=True)
    incremental = lr.person_map(db)
    with db.session() as session:
        links = session.scalars(select(RecordLink)).all()
        after = {link.id: link for link in links}
    new_links = [link for link in links if link.run_id == summary.run_id]
    assert new_links
    assert summary.new_records > 0
    for link in new_links:  # no pair of two old records is scored again
        assert ("registry", link.left_key) not in old_records or (
            "border_crossings",
            link.right_key,
        ) not in old_records
    for link_id, old in before.items():  # old links untouched and still current
        link = after[link_id]
        assert (link.left_key, link.right_key, link.match_probability, link.state) == old
        assert link.current
    assert set(incremental) > old_records

    _run(db, settings)  # a full re-run over everything
    full = lr.person_map(db)
    with db.session() as session:
        current = {
            (link.left_key, link.right_key): link
            for link in session.scalars(select(RecordLink).where(RecordLink.current.is_(True)))
        }
    for link in new_links:  # a pair with a new record: scored alike by both runs
        again = current[(link.left_key, link.right_key)]
        assert again.match_probability == pytest.approx(link.match_probability, abs=1e-9)
        assert again.state == link.state
    # Old pairs were scored by the first run with the term frequencies of the first
    # file; the full re-run scores them with those of both files, so an old pair may
    # cross a threshold (its state, or inside the review band the model's answer).
    # Persons differ only where such a pair changed.
    moved = {
        record
        for left, right, _p, state in before.values()
        if (current[(left, right)].state, current[(left, right)].model_accepts)
        != (state, accepted[(left, right)])
        for record in (("registry", left), ("border_crossings", right))
    }
    moved_persons = {full[record] for record in moved} | {incremental[r] for r in moved}
    differing = {r for r in set(full) | set(incremental) if full.get(r) != incremental.get(r)}
    assert {full[r] for r in differing} <= moved_persons
    assert {incremental[r] for r in differing} <= moved_persons
    # everyone else keeps the same person, with the same id
    assert len(differing) < len(full) // 50


@pytest.mark.parametrize("backend", ["sqlite"])
def test_incremental_takes_records_another_pairing_linked_since_as_new(
    db: Database, settings: Settings
) -> None:
    lr.load_store(db)
    lr.install_models(settings)
    dedupe = RunOptions(retrain=True)
    run_pairing(db, settings, "registry-dedupe", dedupe, lr.ACTOR)  # trains its model
    _run(db, settings)
    with db.session() as s:  # worker 1 registered again, the NIK's last digit mistyped
        original = s.get(Worker, 1)
        assert original is not None
        twin = Worker(
            nik=original.nik[:-1] + str((int(original.nik[-1]) + 1) % 10),
            full_name=original.full_name,
            sex=original.sex,
            birth_date=original.birth_date,
            birth_place=original.birth_place,
            origin_village_code=original.origin_village_code,
            marital_status=original.marital_status,
        )
        s.add(twin)
        s.flush()
        twin_id = twin.id
    _run(db, settings, incremental=True)  # registry-imigrasi gives the twin a person
    assert ("registry", twin_id) in lr.person_map(db)

    summary = run_pairing(db, settings, "registry-dedupe", RunOptions(incremental=True), lr.ACTOR)
    assert summary.new_records == 1
    with db.session() as s:
        found = s.scalars(select(RecordLink).where(RecordLink.run_id == summary.run_id)).all()
    assert (1, twin_id) in {(link.left_key, link.right_key) for link in found}
    people = lr.person_map(db)
    assert people[("registry", twin_id)] == people[("registry", 1)]


def test_every_pairing_is_declared_with_a_valid_band() -> None:
    for pairing in PAIRINGS.values():
        assert 0 < pairing.review_low < pairing.review_high < 1
        assert pairing.review_low <= pairing.link_threshold <= pairing.review_high
        assert pairing.columns(pairing.left)[0] == "full_name"
    assert get_pairing("dpt-ln-dedupe").dedupe
    assert get_pairing("registry-imigrasi").columns(get_pairing("registry-imigrasi").right_source)
