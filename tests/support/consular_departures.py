"""Consular registrations (lapor diri) for the departure tests, and exits found to
have one through the crossings <-> lapor diri pairing (``imigrasi-lapor-diri``):
links written by hand, persons formed by the real clustering
(lindung.linkage.persons, with its guard)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from lindung.domain import consular
from lindung.domain.lifecycle import PlacementStatus
from lindung.linkage import persons
from lindung.signals.detectors.departure_clearing import CONSULAR_LINKAGE
from lindung.store.models import ConsularRegistration
from support.civil_departures import add_link, finished_run
from support.signals import World

EXIT = date(2026, 2, 1)
BIRTH = date(1996, 5, 6)
_serial = itertools.count(1)


def registered(
    w: World,
    country: str,
    job_type: str,
    passport: str | None = None,
    nik: str | None = None,
    on: date = date(2026, 3, 1),
    mission: str = "KBRI Kuala Lumpur",
) -> ConsularRegistration:
    """A registration at a mission of ``country`` (no passport number, no NIK unless
    given)."""
    serial = next(_serial)
    row = ConsularRegistration(
        import_id=w.import_id, file_sha256="0" * 64, row_number=serial, content_hash="0" * 32,
        registration_number=f"LD-{serial}", mission=mission, country=country, nik=nik,
        passport_number=passport, name=f"WNI {serial}", birth_date=BIRTH, sex="F",
        job_type=job_type, registered_on=on,
    )  # fmt: skip
    w.session.add(row)
    w.session.flush()
    return row


def named_exits(w: World, *, linked: bool) -> dict[str, Any]:
    """Exits by sea to Malaysia whose registrations share no passport number or NIK
    with the crossing (``linked``: the pairing ran and linked each pair; else no run):

    - ``resident``: a student registered in Malaysia;
    - ``worker_job``: registered as a plantation worker in Malaysia;
    - ``both``: a construction worker registration with the crossing's passport
      number, which the pairing linked too (found both ways);
    - ``elsewhere``: a student registered in Singapore;
    - ``plain``: no registration (the reference);
    - ``worker``: a registered worker's exit, her placement not cleared, which the
      pairing (falsely) linked to a student's registration: the guard keeps the
      registration off the worker's person.
    """
    run = finished_run(w, CONSULAR_LINKAGE) if linked else 0
    w.person(("registry", w.worker().id))  # a registry and a linkage to compare with
    found: dict[str, Any] = {}
    records: list[tuple[str, int]] = []

    def exit_with(name: str, registration: ConsularRegistration | None, **kw: Any) -> Any:
        crossing = w.crossing(EXIT, birth=BIRTH, **kw)
        found[name] = crossing.id
        records.append(("border_crossings", crossing.id))
        if registration is not None:
            found[f"{name}_registration"] = registration.id
            records.append(("consular_registrations", registration.id))
            if linked:
                add_link(w, run, CONSULAR_LINKAGE, ("border_crossings", crossing.id),
                         ("consular_registrations", registration.id))  # fmt: skip
        return crossing

    exit_with("resident", registered(w, "MY", consular.STUDENT))
    exit_with("worker_job", registered(w, "MY", "PEKERJA PERKEBUNAN"))
    exit_with("both", registered(w, "MY", "PEKERJA KONSTRUKSI", passport="C6000001"),
              passport="C6000001")  # fmt: skip
    exit_with("elsewhere", registered(w, "SG", consular.STUDENT, mission="KBRI Singapura"))
    exit_with("plain", None)
    worker = w.worker(birth=BIRTH)
    w.placement(worker, PlacementStatus.REGISTERED, registered_on=date(2025, 12, 1))
    own = exit_with("worker", registered(w, "MY", consular.STUDENT))
    w.person(("registry", worker.id), ("border_crossings", own.id))
    found["worker_id"] = worker.id
    persons.recluster(w.session, records)
    return found
