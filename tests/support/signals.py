"""Small hand-built worlds for the signals tests, written through the store models.

``World`` adds workers, placements (with their transition events), crossings,
civil-registry records, passports, family members and persons (the linkage
output) with as few arguments as a test needs; the rest are plausible defaults.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.domain.identity.mrz_compose import make_td3
from lindung.domain.identity.nik import make_nik
from lindung.domain.lifecycle import PATH, PlacementStatus
from lindung.signals.runs import SignalRunSummary
from lindung.store.database import Database
from lindung.store.models import (
    BorderCrossing,
    CivilRegistryRecord,
    FamilyMember,
    Import,
    JobOrder,
    LinkageRun,
    Passport,
    Person,
    PersonRecord,
    Placement,
    PlacementEvent,
    RecordLink,
    Signal,
    Worker,
)
from support.oversight import agency, approved_order
from support.registry import first_village

AS_OF = date(2026, 6, 1)

#: ``run(as_of=AS_OF, **options)``: a signals run (the ``run`` fixture)
RunSignals = Callable[..., SignalRunSummary]
_serial = itertools.count(1)


@dataclass
class World:
    """A session and the few shared rows (an import, a default agency and order)."""

    session: Session
    village: str = ""
    agency_id: int = 0
    orders: dict[str, JobOrder] = field(default_factory=dict)
    import_id: int = 0
    linkage_run_id: int = 0

    @classmethod
    def build(cls, session: Session) -> World:
        world = cls(session, village=first_village(session, "53.06"))
        world.agency_id = agency(session, "PT Signal Test").id
        imported = Import(
            dataset="border_crossings", file_name="x.csv", file_sha256="0" * 64,
            format="csv", status="committed", actor="test",
        )  # fmt: skip
        session.add(imported)
        run = LinkageRun(
            pairing="registry-imigrasi", kind="full", status="finished", model_version=1,
            model_sha256="0" * 64, link_threshold=0.9, review_low=0.5, review_high=0.9,
            actor="test",
        )  # fmt: skip
        session.add(run)
        session.flush()
        world.import_id = imported.id
        world.linkage_run_id = run.id
        return world

    def order(self, country: str = "MY", agency_id: int | None = None) -> JobOrder:
        owner = agency_id or self.agency_id
        key = f"{country}:{owner}"
        if key not in self.orders:
            self.orders[key] = approved_order(self.session, owner, country_code=country)
        return self.orders[key]

    def worker(
        self,
        birth: date = date(1995, 3, 4),
        sex: str = "F",
        nik_birth: date | None = None,
        nik_sex: str | None = None,
        village: str | None = None,
    ) -> Worker:
        serial = next(_serial)
        nik = make_nik("530601", nik_birth or birth, nik_sex or sex, serial)
        row = Worker(
            nik=nik, full_name=f"Worker {serial}", sex=sex, birth_date=birth,
            origin_village_code=village or self.village, marital_status="single",
        )  # fmt: skip
        self.session.add(row)
        self.session.flush()
        return row

    def placement(
        self,
        worker: Worker,
        reached: PlacementStatus,
        registered_on: date = date(2025, 6, 1),
        country: str = "MY",
        step_days: int = 20,
        agency_id: int | None = None,
        returned_on: date | None = None,
    ) -> Placement:
        """A placement that went along the path to ``reached`` (or ``returned``), one
        stage every ``step_days`` from ``registered_on``, with its events."""
        order = self.order(country, agency_id)
        stages = list(PATH[: PATH.index(reached) + 1]) if reached in PATH else [*PATH]
        if reached is PlacementStatus.RETURNED:
            stages.append(PlacementStatus.RETURNED)
        days = [registered_on + timedelta(days=step_days * i) for i in range(len(stages))]
        if returned_on is not None:
            days[-1] = returned_on
        departed = (
            days[stages.index(PlacementStatus.DEPARTED)]
            if PlacementStatus.DEPARTED in stages
            else None
        )
        row = Placement(
            worker_id=worker.id, job_order_id=order.id, status=stages[-1].value,
            registered_on=registered_on, departed_on=departed,
            returned_on=days[-1] if reached is PlacementStatus.RETURNED else None,
        )  # fmt: skip
        self.session.add(row)
        self.session.flush()
        previous: PlacementStatus | None = None
        for stage, day in zip(stages, days, strict=True):
            self.session.add(
                PlacementEvent(
                    placement_id=row.id,
                    kind="transition",
                    from_status=previous.value if previous else None,
                    to_status=stage.value,
                    occurred_on=day,
                    recorded_by="test",
                    source="test",
                )
            )
            previous = stage
        self.session.flush()
        return row

    def crossing(
        self,
        on: date,
        direction: str = "departure",
        country: str = "MY",
        checkpoint: str = "Nunukan",
        birth: date | None = date(1995, 3, 4),
        nik: str | None = None,
        sex: str | None = "F",
        passport: str | None = None,
    ) -> BorderCrossing:
        serial = next(_serial)
        row = BorderCrossing(
            import_id=self.import_id, file_sha256="0" * 64, row_number=serial,
            content_hash="0" * 32, record_id=f"X{serial}",
            passport_number=passport or f"C{serial:07d}",
            name=f"Traveller {serial}", birth_date=birth, sex=sex, nik=nik,
            direction=direction, crossing_date=on, checkpoint=checkpoint,
            origin_country="ID" if direction == "departure" else country,
            destination_country=country if direction == "departure" else "ID",
        )  # fmt: skip
        self.session.add(row)
        self.session.flush()
        return row

    def civil(
        self, nik: str, birth: date, sex: str = "F", village: str | None = None
    ) -> CivilRegistryRecord:
        serial = next(_serial)
        row = CivilRegistryRecord(
            import_id=self.import_id, file_sha256="0" * 64, row_number=serial,
            content_hash="0" * 32, record_id=f"C{serial}", nik=nik, name=f"Citizen {serial}",
            birth_date=birth, sex=sex, village_code=village or self.village,
        )  # fmt: skip
        self.session.add(row)
        self.session.flush()
        return row

    def passport(self, worker: Worker, birth: date, sex: str = "F") -> Passport:
        serial = next(_serial)
        number = f"C{serial:07d}"
        lines = make_td3(
            surname="WORKER",
            given_names="TEST",
            passport_number=number,
            birth_date=birth,
            sex=sex,
            expiry_date=date(2030, 1, 1),
        )
        row = Passport(
            worker_id=worker.id, number=number, issued_on=date(2025, 1, 1),
            expires_on=date(2030, 1, 1), mrz="".join(lines),
        )  # fmt: skip
        self.session.add(row)
        self.session.flush()
        return row

    def child(
        self,
        worker: Worker,
        birth: date,
        caregiver: str | None = None,
    ) -> FamilyMember:
        row = FamilyMember(
            worker_id=worker.id, relation="child", full_name="Child", birth_date=birth,
            caregiver_name="Nenek" if caregiver else None, caregiver_relation=caregiver,
        )  # fmt: skip
        self.session.add(row)
        self.session.flush()
        return row

    def spouse(self, worker: Worker, spouse: Worker) -> FamilyMember:
        row = FamilyMember(
            worker_id=worker.id, relation="spouse", full_name="Spouse",
            spouse_worker_id=spouse.id,
        )  # fmt: skip
        self.session.add(row)
        self.session.flush()
        return row

    def person(self, *records: tuple[str, int], probability: float | None = 0.97) -> Person:
        """One person holding ``records`` ((source, key) pairs); with a probability, a
        current ``linked`` record link between the first two records."""
        row = Person()
        self.session.add(row)
        self.session.flush()
        for source, key in records:
            self.session.add(PersonRecord(source=source, record_key=key, person_id=row.id))
        if probability is not None and len(records) >= 2:
            (ls, lk), (rs, rk) = records[0], records[1]
            self.session.add(
                RecordLink(
                    run_id=self.linkage_run_id,
                    pairing="registry-imigrasi",
                    left_source=ls,
                    left_key=lk,
                    right_source=rs,
                    right_key=rk,
                    match_probability=probability,
                    match_weight=8.0,
                    explanation={},
                    state="linked",
                    model_accepts=True,
                )
            )
        self.session.flush()
        return row


def evidence_of(signal: Any) -> dict[str, Any]:
    return dict(signal.evidence)


def departures_by_crossing(db: Database) -> dict[int, Signal]:
    """The stored irregular-departure signals by their last crossing's key."""
    return {s.primary_key: s for s in signals_of(db, "irregular_departure")}


def reason_of(signal: Signal, code: str) -> Any:
    """The signal's risk reason ``code`` (its dict: code, weight, params), or None."""
    return {r["code"]: r for r in signal.risk_reasons}.get(code)


def signals_of(db: Database, signal_type: str) -> list[Signal]:
    """The stored signals of a type, oldest first."""
    with db.session() as session:
        return list(
            session.scalars(
                select(Signal).where(Signal.signal_type == signal_type).order_by(Signal.id)
            )
        )
