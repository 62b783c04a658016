"""Children left behind: under-18 children of workers abroad with no caregiver, or
with both parents abroad."""

from __future__ import annotations

from datetime import date
from typing import Any

from lindung.domain.lifecycle import PlacementStatus as S
from lindung.store.database import Database
from support.signals import RunSignals, World, signals_of


def _scenario(w: World) -> dict[str, Any]:
    abroad = w.worker()
    w.placement(abroad, S.WORKING, registered_on=date(2025, 1, 1))
    alone = w.child(abroad, date(2018, 5, 1))  # no caregiver: flagged
    cared = w.child(abroad, date(2016, 5, 1), caregiver="grandparent")  # cared for
    w.child(abroad, date(2007, 5, 1))  # 19 on the run's date: an adult

    home = w.worker()
    w.placement(home, S.TRAINED, registered_on=date(2026, 1, 1))  # not abroad
    w.child(home, date(2018, 5, 1))

    mother, father = w.worker(), w.worker(sex="M")
    w.placement(mother, S.WORKING, registered_on=date(2025, 1, 1))
    w.placement(father, S.WORKING, registered_on=date(2025, 1, 1), country="SA")
    w.spouse(mother, father)
    both = w.child(mother, date(2014, 5, 1), caregiver="relative")  # both parents abroad

    back = w.worker()
    w.placement(back, S.RETURNED, registered_on=date(2024, 1, 1), returned_on=date(2026, 3, 1))
    w.child(back, date(2018, 5, 1))  # the parent is home
    return {"alone": alone.id, "cared": cared.id, "both": both.id, "village": w.village}


def test_children_of_workers_abroad(db: Database, build: Any, run: RunSignals) -> None:
    rows = build(_scenario)
    run()
    found = {int(s.subject_key): s for s in signals_of(db, "children_left_behind")}
    assert set(found) == {rows["alone"], rows["both"]}
    alone = found[rows["alone"]]
    assert alone.subject_kind == "family_member"
    assert alone.severity == "high"  # 8 years old, no caregiver
    assert alone.region_code == rows["village"]
    assert alone.evidence["facts"]["age"] == 8
    assert {r["code"] for r in alone.risk_reasons} == {"no_caregiver", "young_child"}
    both = found[rows["both"]]
    assert both.evidence["facts"]["other_parent_abroad"] is True
    assert both.evidence["facts"]["countries"] == ["MY", "SA"]
    assert {r["code"] for r in both.risk_reasons} == {"both_parents_abroad"}
    assert both.severity == "low"


def test_the_child_of_a_worker_not_yet_abroad_on_the_date(
    db: Database, build: Any, run: RunSignals
) -> None:
    def scenario(w: World) -> None:
        worker = w.worker()
        # departs 2025-10-19 (registered 2025-06-01, a stage every 20 days)
        w.placement(worker, S.WORKING, registered_on=date(2025, 6, 1))
        w.child(worker, date(2018, 5, 1))

    build(scenario)
    run(as_of=date(2025, 10, 1))
    assert signals_of(db, "children_left_behind") == []
    run(as_of=date(2025, 11, 1))
    assert len(signals_of(db, "children_left_behind")) == 1
