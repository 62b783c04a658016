"""The voter-list detectors and the per-PPLN coverage table on hand-built data, on
SQLite and PostgreSQL (each store row inserted through the models, then snapshotted
into DuckDB as a run does)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import func, select, update

from lindung.domain.signals import SignalType
from lindung.exchange.audit import Actor
from lindung.signals.runs import run_signals
from lindung.store.database import Database
from lindung.store.models import JobOrder, LinkageRun, Placement, Signal, Worker
from support.registry import Registry, first_village
from support.voters import VoterData, coverage, detect

AS_OF = date(2026, 11, 1)
ELECTION = date(2029, 2, 14)


@dataclass
class World:
    ids: dict[str, int]


def _job(registry: Registry, country: str, city: str | None) -> JobOrder:
    job = registry.job_order(country)
    job.city = city
    registry.session.flush()
    return job


def _placement(
    registry: Registry,
    worker: Worker,
    job: JobOrder,
    status: str,
    departed: date | None,
    contract_ends: date | None = None,
    returned: date | None = None,
) -> Placement:
    placement = registry.placement(worker, job, status)
    placement.registered_on = date(2023, 1, 1)
    placement.departed_on = departed
    placement.contract_ends_on = contract_ends
    placement.returned_on = returned
    registry.session.flush()
    return placement


@pytest.fixture
def world(db: Database) -> World:
    """Workers abroad, at home and returned; DPT LN rows once, twice, stale, too young.

    | worker | destination (PPLN)       | placement                               | on the DPT LN |
    |--------|--------------------------|-----------------------------------------|---------------|
    | w_kl   | MY Kuala Lumpur          | working to 2029-06                      | d_kl          |
    | w_tawau| MY Tawau (Tawau)         | working to 2030-01                      | no: missing   |
    | w_tw   | TW Taoyuan (Taipei)      | working, contract ends 2027-06          | no            |
    | w_jp   | JP Osaka (Osaka)         | departed 2026-10, no contract end yet   | no            |
    | w_ret  | TW (Taipei)              | returned 2025-05                        | d_ret: stale  |
    | w_again| TW returned 2024, HK now | working to 2030                         | d_again       |
    | w_nolink| MY Kuala Lumpur         | working to 2030, no person yet          | -             |
    """
    ids: dict[str, int] = {}
    with db.session() as session:
        registry = Registry(session)
        data = VoterData(session)
        village = first_village(session, "35.09")
        kl, tawau = _job(registry, "MY", "Kuala Lumpur"), _job(registry, "MY", "Tawau")
        taoyuan, osaka = _job(registry, "TW", "Taoyuan"), _job(registry, "JP", "Osaka")
        hong_kong = _job(registry, "HK", "Hong Kong")
        workers = {name: registry.worker(village) for name in
                   ("w_kl", "w_tawau", "w_tw", "w_jp", "w_ret", "w_again", "w_nolink")}  # fmt: skip
        for name, worker in workers.items():
            ids[name] = worker.id
        _placement(registry, workers["w_kl"], kl, "working", date(2025, 6, 1), date(2029, 6, 1))
        _placement(
            registry, workers["w_tawau"], tawau, "working", date(2025, 3, 1), date(2030, 1, 1)
        )
        _placement(
            registry, workers["w_tw"], taoyuan, "working", date(2025, 6, 1), date(2027, 6, 1)
        )
        _placement(registry, workers["w_jp"], osaka, "departed", date(2026, 10, 1))
        _placement(
            registry, workers["w_ret"], taoyuan, "returned", date(2023, 3, 1),
            date(2025, 3, 1), date(2025, 5, 1),
        )  # fmt: skip
        _placement(
            registry, workers["w_again"], taoyuan, "returned", date(2022, 3, 1),
            date(2024, 3, 1), date(2024, 4, 1),
        )  # fmt: skip
        _placement(
            registry, workers["w_again"], hong_kong, "working", date(2025, 1, 1), date(2030, 1, 1)
        )
        _placement(registry, workers["w_nolink"], kl, "working", date(2025, 1, 1), date(2030, 1, 1))
        adult = date(1995, 5, 5)
        entries = {
            "d_kl": data.dpt("Kuala Lumpur", adult),
            "d_ret": data.dpt("Taipei", adult),
            "d_again": data.dpt("Hong Kong", adult),
            "d_dup_a": data.dpt("Kuala Lumpur", adult),
            "d_dup_b": data.dpt("Johor Bahru", date(1996, 5, 5)),
            "d_same_a": data.dpt("Hong Kong", adult),
            "d_same_b": data.dpt("Hong Kong", adult),
            "d_single": data.dpt("Singapura", adult),
            "d_child": data.dpt("Singapura", date(2013, 1, 1), "B"),
            "d_child_married": data.dpt("Singapura", date(2013, 1, 1), "S"),
            "d_seventeen": data.dpt("Singapura", date(2012, 2, 14), "B"),
            "d_conflict": data.dpt("Singapura", date(2013, 1, 1), "B"),
            # a placeholder day: 16 by the row, 17 by the civil record of the same year
            "d_placeholder": data.dpt("Singapura", date(2012, 12, 31), "B"),
        }
        for name, entry in entries.items():
            ids[name] = entry.id
        civil = data.civil(date(2010, 1, 1), "KAWIN")
        ids["c_conflict"] = civil.id
        full_date = data.civil(date(2012, 1, 10), "BELUM KAWIN")
        for worker, entry in (("w_kl", "d_kl"), ("w_ret", "d_ret"), ("w_again", "d_again")):
            ids[f"p_{worker}"] = data.person(("registry", ids[worker]), ("dpt_ln", ids[entry]))
        for worker in ("w_tawau", "w_tw", "w_jp"):
            ids[f"p_{worker}"] = data.person(("registry", ids[worker]))
        ids["p_dup"] = data.person(
            ("dpt_ln", ids["d_dup_a"]), ("dpt_ln", ids["d_dup_b"]), probability=0.95
        )
        ids["p_same"] = data.person(("dpt_ln", ids["d_same_a"]), ("dpt_ln", ids["d_same_b"]))
        for name in ("d_single", "d_child", "d_child_married", "d_seventeen"):
            data.person(("dpt_ln", ids[name]))
        data.person(("dpt_ln", ids["d_conflict"]), ("civil_registry", civil.id))
        data.person(("dpt_ln", ids["d_placeholder"]), ("civil_registry", full_date.id))
    return World(ids)


def _keys(rows: list[dict[str, object]]) -> set[str]:
    return {str(row["subject_key"]) for row in rows}


def test_missing_voters_are_workers_abroad_on_election_day_not_on_the_list(
    db: Database, world: World
) -> None:
    rows = detect(db, SignalType.VOTER_MISSING, AS_OF, ELECTION)
    # w_tw's contract ends before election day; w_jp's projected two years end before it;
    # w_kl and w_again are listed; w_ret is home; w_nolink has no person yet.
    assert _keys(rows) == {str(world.ids["w_tawau"])}
    (row,) = rows
    assert (row["ppln"], row["country_code"], row["severity"]) == ("Tawau", "MY", "high")
    assert row["person_id"] == world.ids["p_w_tawau"]
    assert row["primary_source"] == "registry"
    assert row["evidence"]["facts"]["election_day"] == "2029-02-14"
    assert row["risk_reasons"][0]["code"] == "not_on_dpt_ln"


def test_missing_voters_follow_the_election_day(db: Database, world: World) -> None:
    on_as_of = detect(db, SignalType.VOTER_MISSING, AS_OF, AS_OF)
    assert _keys(on_as_of) == {str(world.ids[w]) for w in ("w_tawau", "w_tw", "w_jp")}
    by_key = {row["subject_key"]: row for row in on_as_of}
    assert by_key[str(world.ids["w_jp"])]["ppln"] == "Osaka"
    assert by_key[str(world.ids["w_tw"])]["ppln"] == "Taipei"
    # an election before the Osaka worker left: not abroad on the day
    assert str(world.ids["w_jp"]) not in _keys(
        detect(db, SignalType.VOTER_MISSING, AS_OF, date(2026, 9, 1))
    )


def test_duplicates_one_signal_per_person_with_every_entry(db: Database, world: World) -> None:
    rows = {
        row["subject_key"]: row for row in detect(db, SignalType.VOTER_DUPLICATE, AS_OF, ELECTION)
    }
    assert set(rows) == {str(world.ids["p_dup"]), str(world.ids["p_same"])}
    across = rows[str(world.ids["p_dup"])]
    assert (across["severity"], across["ppln"], across["primary_key"]) == (
        "high",
        "Kuala Lumpur",
        world.ids["d_dup_a"],
    )
    records = across["evidence"]["records"]
    assert [(r["key"], r["facts"]["ppln"], r["role"]) for r in records] == [
        (world.ids["d_dup_a"], "Kuala Lumpur", "first_entry"),
        (world.ids["d_dup_b"], "Johor Bahru", "repeat_entry"),
    ]
    assert all(r["match_probability"] == pytest.approx(0.95) for r in records)
    (conflict,) = across["evidence"]["conflicts"]
    assert conflict["field"] == "year_of_birth"
    assert {v["value"] for v in conflict["values"]} == {1995, 1996}
    same = rows[str(world.ids["p_same"])]
    assert same["severity"] == "medium"
    assert same["risk_reasons"][0]["code"] == "listed_twice_same_ppln"
    assert same["evidence"]["conflicts"] == []


def test_returned_entries_only_for_people_at_home(db: Database, world: World) -> None:
    rows = detect(db, SignalType.VOTER_RETURNED, AS_OF, ELECTION)
    assert _keys(rows) == {str(world.ids["d_ret"])}  # w_again left again: not returned
    (row,) = rows
    assert row["worker_id"] == world.ids["w_ret"]
    assert row["evidence"]["facts"]["returned_on"] == "2025-05-01"
    assert row["evidence"]["records"][0]["match_probability"] == pytest.approx(0.97)
    # a run dated before the return: still abroad then, nothing to flag
    assert detect(db, SignalType.VOTER_RETURNED, date(2025, 4, 1), ELECTION) == []


def test_ineligible_entries_under_17_and_never_married(db: Database, world: World) -> None:
    rows = {
        row["subject_key"]: row for row in detect(db, SignalType.VOTER_INELIGIBLE, AS_OF, ELECTION)
    }
    # d_child_married is married, d_seventeen turns 17 on election day, d_placeholder's
    # 31/12 gives only the year: its civil record (same year) says 17
    assert set(rows) == {str(world.ids["d_child"]), str(world.ids["d_conflict"])}
    child = rows[str(world.ids["d_child"])]
    assert (child["severity"], child["evidence"]["conflicts"]) == ("high", [])
    assert child["risk_reasons"][0]["params"] == {"age": 16}
    conflict = rows[str(world.ids["d_conflict"])]
    assert conflict["severity"] == "medium"
    fields = {c["field"]: c["values"] for c in conflict["evidence"]["conflicts"]}
    assert set(fields) == {"age_on_election_day", "marital_status"}
    assert {(v["source"], v["value"]) for v in fields["age_on_election_day"]} == {
        ("dpt_ln", 16),
        ("civil_registry", 19),
    }
    # 01/01 of another year than the civil record's: the row's own age still counts
    assert [r["facts"]["placeholder_date"] for r in conflict["evidence"]["records"]] == [
        False,
        False,
    ]
    # an election two years later: everyone listed is 17 by then
    assert detect(db, SignalType.VOTER_INELIGIBLE, AS_OF, date(2031, 2, 14)) == []


def test_evidence_holds_no_personal_data(db: Database, world: World) -> None:
    for signal_type in (SignalType.VOTER_DUPLICATE, SignalType.VOTER_INELIGIBLE):
        for row in detect(db, signal_type, AS_OF, ELECTION):
            text = str(row["evidence"])
            for personal in ("PEMILIH", "2013-01-01", "1995-05-05"):
                assert personal not in text


def test_ppln_coverage(db: Database, world: World) -> None:
    table = coverage(db, AS_OF, ELECTION)
    kl = table["Kuala Lumpur"]
    assert (kl["country_code"], kl["workers_abroad"], kl["on_list"], kl["missing"]) == (
        "MY",
        2,
        1,
        0,
    )
    assert (kl["not_linked"], kl["coverage"], kl["dpt_rows"], kl["duplicates"]) == (1, 0.5, 2, 0)
    assert (table["Tawau"]["workers_abroad"], table["Tawau"]["missing"]) == (1, 1)
    assert table["Tawau"]["coverage"] == 0
    assert table["Johor Bahru"]["duplicates"] == 1  # the repeat of a Kuala Lumpur voter
    assert (table["Johor Bahru"]["workers_abroad"], table["Johor Bahru"]["coverage"]) == (0, None)
    hong_kong = table["Hong Kong"]
    assert (hong_kong["workers_abroad"], hong_kong["on_list"], hong_kong["dpt_rows"]) == (1, 1, 3)
    assert hong_kong["duplicates"] == 1
    assert table["Taipei"]["returned"] == 1
    assert (table["Singapura"]["dpt_rows"], table["Singapura"]["ineligible"]) == (6, 2)
    assert "Osaka" not in table  # its one worker is not abroad on election day
    assert sum(row["workers_abroad"] for row in table.values()) == 4


def test_voter_types_wait_for_the_registry_voter_linkage(db: Database, world: World) -> None:
    """Without a finished registry <-> DPT LN linkage run, every worker abroad would look
    absent from the list: the run says the voter types were not computed, and why."""
    with db.session() as session:
        session.execute(
            update(LinkageRun)
            .where(LinkageRun.pairing == "registry-dpt-ln")
            .values(status="failed")
        )
    summary = run_signals(db, AS_OF, Actor("test", "signals"), election_day=ELECTION)
    for signal_type in ("voter_missing", "voter_returned"):
        assert summary.not_computed[signal_type] == {
            "reason": "input_missing",
            "missing": ["linkage:registry-dpt-ln"],
        }
    with db.session() as session:
        voter_signals = session.scalar(
            select(func.count())
            .select_from(Signal)
            .where(Signal.signal_type.in_(("voter_missing", "voter_returned")))
        )
    assert voter_signals == 0
    assert "voter_duplicate" not in summary.not_computed  # the list's own dedupe ran
