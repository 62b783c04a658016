"""Small, explicit registry data for tests: agencies, employers, job orders, workers, placements.

Tests that count things insert exactly what they count, with these helpers,
rather than relying on generated data.
"""

from __future__ import annotations

import itertools
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.store.models import Agency, Employer, JobOrder, Placement, Region, Worker

_serial = itertools.count(1)


def first_village(session: Session, region_code: str, offset: int = 0) -> str:
    """The code of a real village under ``region_code`` (the ``offset``-th, in code order)."""
    code = session.scalar(
        select(Region.code)
        .where(Region.level == 4, Region.code.startswith(region_code + "."))
        .order_by(Region.code)
        .offset(offset)
        .limit(1)
    )
    assert code is not None, f"no village under {region_code}"
    return code


class Registry:
    """Inserts registry rows into one session, with one agency for everything."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.agency = Agency(
            licence_no=f"SIP3MI-TEST-{next(_serial)}",
            name="PT Contoh Penempatan",
            licence_status="active",
            licence_valid_from=date(2022, 1, 1),
            licence_valid_to=date(2027, 1, 1),
            head_office_region_code="31",
        )
        session.add(self.agency)
        session.flush()

    def job_order(self, country_code: str, job_type: str = "caregiver") -> JobOrder:
        employer = Employer(
            name=f"Employer {country_code}", country_code=country_code, kind="company"
        )
        self.session.add(employer)
        self.session.flush()
        job_order = JobOrder(
            code=f"JO-{country_code}-{next(_serial)}",
            agency_id=self.agency.id,
            employer_id=employer.id,
            country_code=country_code,
            sector="informal",
            job_type=job_type,
            position="Caregiver",
            quota=10,
            salary_amount=1000,
            salary_currency="USD",
            valid_from=date(2025, 1, 1),
            valid_to=date(2026, 1, 1),
            status="open",
        )
        self.session.add(job_order)
        self.session.flush()
        return job_order

    def worker(self, village_code: str) -> Worker:
        serial = next(_serial)
        worker = Worker(
            nik=f"{village_code.replace('.', '')[:6]}410101{serial:04d}",
            full_name=f"Pekerja Uji {serial}",
            sex="F",
            birth_date=date(2001, 1, 1),
            origin_village_code=village_code,
            marital_status="single",
        )
        self.session.add(worker)
        self.session.flush()
        return worker

    def placement(self, worker: Worker, job_order: JobOrder, status: str) -> Placement:
        placement = Placement(
            worker_id=worker.id,
            job_order_id=job_order.id,
            status=status,
            registered_on=date(2025, 2, 1),
        )
        self.session.add(placement)
        self.session.flush()
        return placement


class Scenario:
    """Six workers from four regencies, six placements in three countries.

    | worker | origin                     | placements (country, status)        |
    |--------|----------------------------|-------------------------------------|
    | J1     | Jember, district 35.09.01  | TW departed, TW registered          |
    | J2     | Jember, district 35.09.02  | SA working                          |
    | J3     | Jember, district 35.09.01  | MY registered                       |
    | P1     | Probolinggo (35.13)        | TW departed                         |
    | F1     | Flores Timur (53.06)       | MY working                          |
    | T1     | Jawa Tengah (33)           | none                                |
    """

    def __init__(self, session: Session) -> None:
        registry = Registry(session)
        self.jember_a = first_village(session, "35.09.01")
        self.jember_b = first_village(session, "35.09.02")
        taiwan, saudi, malaysia = (registry.job_order(c) for c in ("TW", "SA", "MY"))
        j1 = registry.worker(self.jember_a)
        j2 = registry.worker(self.jember_b)
        j3 = registry.worker(first_village(session, "35.09.01", offset=1))
        p1 = registry.worker(first_village(session, "35.13"))
        f1 = registry.worker(first_village(session, "53.06"))
        registry.worker(first_village(session, "33"))
        registry.placement(j1, taiwan, "departed")
        registry.placement(j1, taiwan, "registered")
        registry.placement(j2, saudi, "working")
        registry.placement(j3, malaysia, "registered")
        registry.placement(p1, taiwan, "departed")
        registry.placement(f1, malaysia, "working")
