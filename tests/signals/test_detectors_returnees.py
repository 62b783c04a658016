"""Returnees due reintegration support, and returns no agency reported."""

from __future__ import annotations

from datetime import date
from typing import Any

from lindung.domain.lifecycle import PlacementStatus as S
from lindung.store.database import Database
from lindung.store.models import Reintegration
from support.signals import RunSignals, World, signals_of


def _returnees(w: World) -> dict[str, int]:
    due = w.worker()
    w.placement(due, S.RETURNED, registered_on=date(2024, 1, 1), returned_on=date(2026, 3, 1))
    helped = w.worker()
    placement = w.placement(
        helped, S.RETURNED, registered_on=date(2024, 1, 1), returned_on=date(2026, 3, 1)
    )
    w.session.add(
        Reintegration(
            placement_id=placement.id,
            recorded_on=date(2026, 4, 1),
            programme="training",
            status="ongoing",
        )
    )
    long_ago = w.worker()
    w.placement(long_ago, S.RETURNED, registered_on=date(2022, 1, 1), returned_on=date(2024, 1, 1))
    abroad = w.worker()
    w.placement(abroad, S.WORKING)
    return {"due": due.id, "helped": helped.id}


def test_reintegration_due_within_the_window(db: Database, build: Any, run: RunSignals) -> None:
    rows = build(_returnees)
    run()
    found = signals_of(db, "reintegration_due")
    assert [s.worker_id for s in found] == [rows["due"]]
    assert found[0].evidence["facts"]["return_date"] == "2026-03-01"
    assert found[0].subject_kind == "worker"
    # before the return, nothing is due
    run(as_of=date(2026, 2, 1))
    assert [s.current for s in signals_of(db, "reintegration_due")] == [False]


def _unreported(w: World) -> dict[str, int]:
    def abroad_with(*crossings: tuple[date, str]) -> int:
        worker = w.worker()
        w.placement(worker, S.WORKING)  # departed 2025-10-19
        records = [("registry", worker.id)]
        for day, direction in crossings:
            records.append(("border_crossings", w.crossing(day, direction=direction).id))
        w.person(*records)
        return worker.id

    return {
        "back": abroad_with((date(2026, 4, 1), "arrival")),
        "leave": abroad_with((date(2026, 4, 1), "arrival"), (date(2026, 4, 20), "departure")),
        "recent": abroad_with((date(2026, 5, 25), "arrival")),
        "before": abroad_with((date(2025, 9, 1), "arrival")),
    }


def test_unreported_returns(db: Database, build: Any, run: RunSignals) -> None:
    rows = build(_unreported)
    run()
    found = signals_of(db, "unreported_return")
    assert [s.worker_id for s in found] == [rows["back"]]
    facts = found[0].evidence["facts"]
    assert facts["arrival_date"] == "2026-04-01"
    assert facts["days"] == 61
    assert found[0].country_code == "MY"
