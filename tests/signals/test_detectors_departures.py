"""Irregular departures: exits of working-age people to placement countries that no
cleared placement explains."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from lindung.domain.lifecycle import PlacementStatus as S
from lindung.store.database import Database
from support.signals import RunSignals, World, signals_of

DEPARTED_ON = date(2025, 10, 19)  # registered 2025-06-01, one stage every 20 days


def _scenario(w: World) -> dict[str, Any]:
    early = w.worker()
    early_exit = w.crossing(date(2026, 3, 1), checkpoint="Nunukan")
    w.placement(early, S.VISA_ISSUED, registered_on=date(2025, 12, 1))
    early_person = w.person(("registry", early.id), ("border_crossings", early_exit.id))

    cleared = w.worker()
    w.placement(cleared, S.WORKING)
    cleared_exit = w.crossing(DEPARTED_ON, checkpoint="Soekarno-Hatta")
    w.person(("registry", cleared.id), ("border_crossings", cleared_exit.id))

    unlinked = w.crossing(date(2026, 2, 1), birth=date(1998, 1, 1), nik=None)
    w.crossing(date(2026, 2, 1), country="US")  # not a placement country
    w.crossing(date(2026, 2, 1), birth=date(1960, 1, 1))  # past working age
    w.crossing(date(2026, 2, 1), birth=date(2010, 1, 1))  # a child: the under-age rule's
    w.crossing(date(2026, 2, 1), direction="arrival")  # an arrival
    # a holiday: back from Malaysia on the same passport within 30 days
    w.crossing(date(2026, 2, 1), passport="B1234567")
    w.crossing(date(2026, 2, 20), direction="arrival", passport="B1234567")
    w.crossing(date(2026, 7, 1))  # after the run's date
    return {
        "person": early_person.id,
        "record": unlinked.id,
        "agency": w.agency_id,
        "village": w.village,
        "nik": early.nik,
    }


def test_flags_unregistered_and_not_cleared_exits_only(
    db: Database, build: Any, run: RunSignals
) -> None:
    facts = build(_scenario)
    summary = run()
    found = {(s.subject_kind, s.subject_key): s for s in signals_of(db, "irregular_departure")}
    assert set(found) == {
        ("person", str(facts["person"])),
        ("record", f"border_crossings:{facts['record']}"),
    }
    assert summary.counts["irregular_departure"]["raised"] == 2

    linked = found[("person", str(facts["person"]))]
    codes = {r["code"] for r in linked.risk_reasons}
    assert {"route_sea_land", "destination_malaysia", "not_cleared", "agency_linked"} <= codes
    assert "no_registration" not in codes
    assert linked.agency_id == facts["agency"]
    assert linked.region_code == facts["village"]
    assert linked.evidence["facts"]["village"] == facts["village"]
    assert linked.evidence["facts"]["agency_id"] == facts["agency"]
    record = linked.evidence["records"][0]
    assert record["match_probability"] == 0.97
    # visa issued on 2026-03-11, after the exit: on the crossing date it was one stage before
    assert record["facts"]["placements"][0]["stage"] == "contracts_signed"
    assert facts["nik"] not in json.dumps(linked.evidence)

    unlinked = found[("record", f"border_crossings:{facts['record']}")]
    assert {r["code"] for r in unlinked.risk_reasons} >= {"no_registration"}
    assert unlinked.person_id is None
    assert unlinked.primary_source == "border_crossings"
    assert unlinked.primary_key == facts["record"]
    assert linked.risk_score > 0
    assert unlinked.risk_score > 0


def test_a_crossing_after_the_run_date_is_not_seen(
    db: Database, build: Any, run: RunSignals
) -> None:
    def later_exit(w: World) -> None:
        w.worker()  # a registry to compare with
        w.person(("border_crossings", w.crossing(date(2026, 7, 1), birth=date(1990, 1, 1)).id))

    build(later_exit)
    run(as_of=date(2026, 6, 1))
    assert signals_of(db, "irregular_departure") == []
    run(as_of=date(2026, 7, 2))
    assert len(signals_of(db, "irregular_departure")) == 1
