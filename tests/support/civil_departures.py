"""Irregular departures located through the crossings <-> civil registry pairing
(``imigrasi-dukcapil``): links written by hand, persons formed by the real clustering
(lindung.linkage.persons, with its guard), for the detector and the inbox tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from lindung.domain.identity.nik import make_nik
from lindung.domain.lifecycle import PlacementStatus
from lindung.linkage import persons
from lindung.store.models import LinkageRun, RecordLink
from support.registry import first_village
from support.signals import World

PAIRING = "imigrasi-dukcapil"
EXIT = date(2026, 2, 1)
JEMBER = "35.09"


def add_link(
    w: World, run_id: int, pairing: str, left: tuple[str, int], right: tuple[str, int]
) -> None:
    w.session.add(
        RecordLink(
            run_id=run_id, pairing=pairing, left_source=left[0], left_key=left[1],
            right_source=right[0], right_key=right[1], match_probability=0.99,
            match_weight=9.0, explanation={}, state="linked", model_accepts=True,
        )
    )  # fmt: skip
    w.session.flush()


def finished_run(w: World, pairing: str) -> int:
    row = LinkageRun(
        pairing=pairing, kind="full", status="finished", model_version=1,
        model_sha256="0" * 64, link_threshold=0.95, review_low=0.8, review_high=0.95,
        actor="test",
    )  # fmt: skip
    w.session.add(row)
    w.session.flush()
    return row.id


def scenario(w: World) -> dict[str, Any]:
    """Three unregistered exits by sea to Malaysia, no NIK on any crossing:

    - ``located``: the pairing linked it to a civil record in Flores Timur (the
      world's village);
    - ``unlocated``: no civil record linked (no region to give);
    - ``stranger``: linked (falsely) to the civil record of a registered worker from
      Jember, which the registry <-> Dukcapil pairing had linked to her: the guard
      keeps the exit off the worker, so it stays unregistered and unlocated.
    """
    by_civil, by_registry = finished_run(w, PAIRING), finished_run(w, "registry-dukcapil")
    located = w.crossing(EXIT, birth=date(1996, 7, 8), nik=None)
    record = w.civil(make_nik("530601", date(1996, 7, 8), "F", 41), date(1996, 7, 8))
    add_link(w, by_civil, PAIRING, ("border_crossings", located.id), ("civil_registry", record.id))
    unlocated = w.crossing(EXIT, birth=date(1997, 8, 9), nik=None)
    jember = first_village(w.session, JEMBER)
    worker = w.worker(birth=date(1994, 5, 6), village=jember)
    worker_record = w.civil(worker.nik, date(1994, 5, 6), village=jember)
    add_link(w, by_registry, "registry-dukcapil", ("registry", worker.id),
          ("civil_registry", worker_record.id))  # fmt: skip
    stranger = w.crossing(EXIT, birth=date(1994, 5, 6), nik=None)
    add_link(w, by_civil, PAIRING, ("border_crossings", stranger.id),
          ("civil_registry", worker_record.id))  # fmt: skip
    records = [("border_crossings", c.id) for c in (located, unlocated, stranger)]
    records += [("civil_registry", record.id), ("civil_registry", worker_record.id)]
    persons.recluster(w.session, [*records, ("registry", worker.id)])
    return {"located": located.id, "unlocated": unlocated.id, "stranger": stranger.id,
            "village": w.village, "worker": worker.id}  # fmt: skip


def workers_exits(w: World) -> dict[str, Any]:
    """Three exits to Malaysia the registry <-> crossings linkage missed, each linked by
    the crossings <-> civil registry pairing to the civil record of a registered
    worker (which the guard keeps off the worker's person):

    - ``own``: the worker's placement in Malaysia had departed by the exit date (her
      own procedural exit): cleared;
    - ``early``: the worker's placement in Malaysia was only registered: not cleared,
      judged as an unregistered exit (not attributed to the worker);
    - ``elsewhere``: the worker's departed placement is in Saudi Arabia: not cleared.
    """
    by_civil, by_registry = finished_run(w, PAIRING), finished_run(w, "registry-dukcapil")
    found: dict[str, Any] = {}
    records: list[tuple[str, int]] = []
    cases = (
        ("own", PlacementStatus.DEPARTED, "MY", date(1990, 1, 2)),
        ("early", PlacementStatus.REGISTERED, "MY", date(1991, 2, 3)),
        ("elsewhere", PlacementStatus.DEPARTED, "SA", date(1992, 3, 4)),
    )
    for name, reached, country, birth in cases:
        worker = w.worker(birth=birth)
        w.placement(worker, reached, country=country)
        record = w.civil(worker.nik, birth)
        add_link(w, by_registry, "registry-dukcapil", ("registry", worker.id),
              ("civil_registry", record.id))  # fmt: skip
        exit_ = w.crossing(EXIT, birth=birth, nik=None)
        add_link(w, by_civil, PAIRING, ("border_crossings", exit_.id),
              ("civil_registry", record.id))  # fmt: skip
        records += [("registry", worker.id), ("civil_registry", record.id)]
        records.append(("border_crossings", exit_.id))
        found[name] = exit_.id
    persons.recluster(w.session, records)
    return found
