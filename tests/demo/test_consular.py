"""The missions' consular registrations (lapor diri): who reports, what they state,
the source's conventions, and a file the import pipeline takes whole but for the
mistyped NIKs planted in it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lindung.demo import DemoSummary
from lindung.demo.partners.consular import MISSIONS
from lindung.domain import consular
from lindung.exchange.audit import Actor
from lindung.exchange.imports import run_import
from lindung.store.database import Database
from support.demo_data import partner, truth

NAME = "consular_registrations"


def test_every_registration_is_a_known_person_and_no_tourist(demo: DemoSummary) -> None:
    people = {p["person_id"]: p for p in truth(demo, "persons")}
    rows, facts = partner(demo, NAME), truth(demo, NAME)
    assert [r["registration_number"] for r in rows] == [f["registration_number"] for f in facts]
    assert len({r["registration_number"] for r in rows}) == len(rows)
    for fact in facts:
        person = people[fact["person_id"]]
        assert person["kind"] == fact["kind"]
        assert person["worker_id"] == fact["worker_id"]
    kinds = Counter(f["kind"] for f in facts)
    assert set(kinds) == {"worker", "abroad", "irregular"}
    assert kinds["worker"] > kinds["abroad"] > kinds["irregular"]


def test_statuses_come_from_the_vocabulary_and_say_who_works(demo: DemoSummary) -> None:
    facts = truth(demo, NAME)
    assert {f["job_type"] for f in facts} <= consular.JOB_TYPES
    for fact in facts:
        if fact["kind"] == "worker":  # the job order's job
            assert consular.is_worker_job(fact["job_type"])
            assert fact["placement_id"] is not None
    abroad = Counter(f["job_type"] for f in facts if f["kind"] == "abroad")
    residents = sum(n for job, n in abroad.items() if consular.is_not_a_placement(job))
    assert 0.55 < residents / sum(abroad.values()) < 0.85  # all but professionals (0.3)
    irregular = [f["job_type"] for f in facts if f["kind"] == "irregular"]
    assert all(consular.is_worker_job(j) or j == consular.HOMEMAKER for j in irregular)


def test_the_file_keeps_the_missions_conventions(demo: DemoSummary) -> None:
    rows = partner(demo, NAME)
    assert {r["mission"] for r in rows} <= set(MISSIONS)
    assert "KBRI Kuala Lumpur" in {r["mission"] for r in rows}
    assert all(r["name"] == r["name"].upper() for r in rows)
    assert {r["sex"] for r in rows} == {"L", "P"}
    with_nik = sum(r["nik"] is not None for r in rows) / len(rows)
    with_passport = sum(r["passport_number"] is not None for r in rows) / len(rows)
    assert 0.5 < with_nik < 0.8
    assert with_passport > 0.85
    for row, fact in zip(rows, truth(demo, NAME), strict=True):
        if fact["kind"] == "worker":  # the job order's employer
            assert row["employer_name"] is not None
        if consular.is_not_a_placement(row["job_type"]):
            assert row["employer_name"] is None


def test_the_file_imports_whole_with_only_the_planted_nik_slips_dropped(
    db: Database, demo: DemoSummary
) -> None:
    path = Path(demo.path("partners", NAME))
    report = run_import(db, NAME, path, None, Actor("system", "test"))
    rows = len(partner(demo, NAME))
    assert (report.stored, report.quarantined) == (rows, 0)
    # only mistyped NIKs (planted) are dropped, and not all of them read as invalid
    assert report.warnings
    assert {w.field for w in report.warnings} == {"nik"}
    assert {c["field"] for c in report.dropped_counts} == {"nik"}
    dropped = sum(c["count"] for c in report.dropped_counts)
    mistyped = sum(f["nik_quality"] == "wrong_digits" for f in truth(demo, NAME))
    assert 0 < dropped <= mistyped
