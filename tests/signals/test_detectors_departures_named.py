"""Irregular departures once the crossings <-> DPT LN linkage (``imigrasi-dpt-ln``) has
run: its links put voter entries on travellers' persons (through the real clustering
of lindung.linkage.persons), the rule reads them, and the birth-date-and-sex listing
is no longer used (docs/signals.md, "Citizens living abroad")."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from lindung.linkage import persons
from lindung.signals.detectors.departure_clearing import NAME_LINKAGE
from lindung.signals.detectors.departures import RULE
from lindung.store.database import Database
from lindung.store.models import DptLnEntry
from support.civil_departures import add_link, finished_run
from support.signals import RunSignals, World, departures_by_crossing, reason_of

EXIT = date(2026, 2, 1)
AIRPORT = "Soekarno-Hatta"
_serial = itertools.count(1)


def _entry(w: World, ppln: str, birth: date) -> DptLnEntry:
    serial = next(_serial)
    row = DptLnEntry(
        import_id=w.import_id, file_sha256="0" * 64, row_number=serial, content_hash="0" * 32,
        record_id=f"NDPT{serial}", ppln=ppln, nik=None, name=f"Pemilih {serial}",
        birth_date=birth, sex="F",
    )  # fmt: skip
    w.session.add(row)
    w.session.flush()
    return row


def _scenario(w: World, *, name_linkage: bool) -> dict[str, Any]:
    by_name = finished_run(w, NAME_LINKAGE) if name_linkage else 0
    by_registry = finished_run(w, "registry-dpt-ln")
    records: list[tuple[str, int]] = []

    def named(crossing: Any, entry: DptLnEntry) -> None:
        if name_linkage:
            add_link(
                w, by_name, NAME_LINKAGE, ("border_crossings", crossing.id), ("dpt_ln", entry.id)
            )
        records.extend([("border_crossings", crossing.id), ("dpt_ln", entry.id)])

    # a resident flying back to Japan, listed in Tokyo under her name: not raised
    resident = w.crossing(EXIT, country="JP", checkpoint=AIRPORT, birth=date(1990, 5, 6))
    named(resident, _entry(w, "Tokyo", date(1990, 5, 6)))
    # the same by sea to Malaysia, where irregular migrants are listed too: lowered
    sea = w.crossing(EXIT, country="MY", checkpoint="Nunukan", birth=date(1991, 6, 7))
    named(sea, _entry(w, "Tawau", date(1991, 6, 7)))
    # only a birth date and sex in common with a Tokyo voter (no name link)
    weak = w.crossing(EXIT, country="JP", checkpoint=AIRPORT, birth=date(2006, 8, 8))
    _entry(w, "Osaka", date(2006, 8, 8))
    # a stranger's exit that the name linkage (falsely) joined to a worker's voter entry
    worker = w.worker(birth=date(1993, 4, 4))
    worker_entry = _entry(w, "Tokyo", date(1993, 4, 4))
    add_link(
        w, by_registry, "registry-dpt-ln", ("registry", worker.id), ("dpt_ln", worker_entry.id)
    )
    stranger = w.crossing(EXIT, country="JP", checkpoint=AIRPORT, birth=date(1993, 4, 4))
    named(stranger, worker_entry)
    records.append(("registry", worker.id))
    persons.recluster(w.session, records)
    return {"resident": resident.id, "sea": sea.id, "weak": weak.id, "stranger": stranger.id,
            "worker": worker.id}  # fmt: skip


def _listed(signal: Any) -> Any:
    return reason_of(signal, "listed_abroad")


def test_name_links_drop_residents_lower_risky_routes_and_replace_the_weak_listing(
    db: Database, build: Any, run: RunSignals
) -> None:
    ids = build(lambda w: _scenario(w, name_linkage=True))
    run()
    found = departures_by_crossing(db)
    assert ids["resident"] not in found
    sea = found[ids["sea"]]
    assert _listed(sea)["params"] == {"matched_by": "person"}
    assert _listed(sea)["weight"] == RULE.listed_abroad_weight
    assert sea.evidence["facts"]["listed_abroad"] == ["person"]
    weak = found[ids["weak"]]
    assert _listed(weak) is None  # a birth date and sex alone no longer count
    assert weak.evidence["facts"]["listed_abroad"] == []
    assert weak.evidence["rule"]["listed_abroad_by"] == ["nik", "person"]
    # the guard: the stranger's exit did not become the worker's, nor was it listed
    stranger = found[ids["stranger"]]
    assert stranger.worker_id is None
    assert "no_registration" in {r["code"] for r in stranger.risk_reasons}
    assert _listed(stranger) is None


def test_without_the_name_linkage_the_weak_listing_still_lowers_and_says_so(
    db: Database, build: Any, run: RunSignals
) -> None:
    ids = build(lambda w: _scenario(w, name_linkage=False))
    run()
    found = departures_by_crossing(db)
    assert {ids["resident"], ids["sea"], ids["weak"]} <= set(found)
    weak = found[ids["weak"]]
    assert _listed(weak)["params"] == {"matched_by": "birth_date_sex"}
    assert weak.evidence["rule"]["listed_abroad_by"] == ["nik", "person", "birth_date_sex"]
