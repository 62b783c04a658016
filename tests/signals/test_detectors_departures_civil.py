"""Irregular departures of unregistered travellers get their region from the civil
record the crossings <-> civil registry pairing (``imigrasi-dukcapil``) put on their
person; a crossing falsely linked to a registered worker's civil record gets neither
the worker nor the worker's village (the guard of lindung.linkage.persons)."""

from __future__ import annotations

from typing import Any

from lindung.store.database import Database
from support.civil_departures import scenario, workers_exits
from support.signals import RunSignals, signals_of


def test_an_unregistered_exit_takes_the_village_of_its_linked_civil_record(
    db: Database, build: Any, run: RunSignals
) -> None:
    ids = build(scenario)
    run()
    found = {s.primary_key: s for s in signals_of(db, "irregular_departure")}
    assert {ids["located"], ids["unlocated"], ids["stranger"]} <= set(found)
    located = found[ids["located"]]
    assert located.region_code == ids["village"]
    assert located.subject_kind == "person"
    assert located.evidence["facts"]["village"] == ids["village"]
    assert located.worker_id is None
    assert found[ids["unlocated"]].region_code is None
    stranger = found[ids["stranger"]]
    assert stranger.worker_id is None
    assert stranger.region_code is None  # not the worker's village in Jember
    assert "no_registration" in {r["code"] for r in stranger.risk_reasons}


def test_a_workers_own_exit_found_through_her_civil_record_is_cleared_not_attributed(
    db: Database, build: Any, run: RunSignals
) -> None:
    """The registry <-> crossings linkage missed these exits; the crossings <-> civil
    registry pairing linked each to a registered worker's civil record. Only the exit
    that worker's placement was cleared for (destination and date) is dropped; the
    others stay unregistered exits, never the worker's."""
    ids = build(workers_exits)
    run()
    found = {s.primary_key: s for s in signals_of(db, "irregular_departure")}
    assert ids["own"] not in found
    for name in ("early", "elsewhere"):
        raised = found[ids[name]]
        assert raised.worker_id is None
        assert "no_registration" in {r["code"] for r in raised.risk_reasons}
