"""Build small placements for policy and lifecycle tests, through SQLAlchemy.

By default everything a placement needs on :data:`ON` is there and valid: an
active agency with its licence event, an approved job order in validity, a
company employer, an adult worker, the eight Pasal 13 documents, fit medical and
psychological checks, a competence certificate of the job's scheme and a BPJS
membership. Each test changes the one thing its rule is about.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from lindung.store.models import (
    Agency,
    AgencyLicenceEvent,
    CompetenceCertificate,
    Employer,
    HealthCheck,
    JobOrder,
    JobOrderCost,
    Placement,
    PlacementDocument,
    SocialSecurityMembership,
    Worker,
)
from support.registry import first_village

_serial = itertools.count(1)

#: The date the default placement is complete and valid on.
ON = date(2025, 6, 1)

PASAL_13 = (
    "marital_status_letter",
    "family_permission",
    "competence_certificate",
    "health_certificate",
    "passport",
    "work_visa",
    "placement_agreement",
    "employment_contract",
)


@dataclass
class Built:
    placement_id: int
    worker_id: int
    job_order_id: int
    agency_id: int
    employer_id: int


class Placements:
    """Inserts placements and what they need into one session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.village = first_village(session, "35.09")

    def _add(self, row: Any, flush: bool = True) -> Any:
        self.session.add(row)
        if flush:
            self.session.flush()
        return row

    def agency(
        self,
        events: tuple[tuple[date, str], ...] = ((date(2022, 1, 1), "active"),),
        valid_from: date = date(2022, 1, 1),
        valid_to: date = date(2027, 12, 31),
        status: str | None = None,
    ) -> Agency:
        serial = next(_serial)
        agency = self._add(
            Agency(
                licence_no=f"SIP3MI-P-{serial}",
                name=f"PT Uji Kebijakan {serial}",
                licence_status=status or (events[-1][1] if events else "active"),
                licence_valid_from=valid_from,
                licence_valid_to=valid_to,
                head_office_region_code="35",
            )
        )
        for effective_on, event_status in events:
            self._add(
                AgencyLicenceEvent(
                    agency_id=agency.id,
                    status=event_status,
                    effective_on=effective_on,
                    recorded_by="test",
                ),
                flush=False,
            )
        return agency

    def job_order(
        self,
        agency: Agency | None = None,
        country: str = "TW",
        job_type: str = "factory_operator",
        employer_kind: str = "company",
        city: str | None = "Taipei",
        skill_scheme: str | None = "OPM",
        quota: int = 10,
        approval_status: str = "approved",
        approved_on: date | None = date(2024, 12, 20),
        valid_from: date = date(2025, 1, 1),
        valid_to: date = date(2026, 12, 31),
        costs: tuple[tuple[str, float, str, str], ...] = (),
    ) -> JobOrder:
        owner = agency or self.agency()
        serial = next(_serial)
        employer = self._add(
            Employer(name=f"Employer {serial}", country_code=country, city=city, kind=employer_kind)
        )
        order = self._add(
            JobOrder(
                code=f"JO-P-{serial}",
                agency_id=owner.id,
                employer_id=employer.id,
                country_code=country,
                city=city,
                sector="formal" if employer_kind == "company" else "informal",
                job_type=job_type,
                position=job_type.replace("_", " ").title(),
                skill_scheme=skill_scheme,
                quota=quota,
                salary_amount=1000,
                salary_currency="USD",
                valid_from=valid_from,
                valid_to=valid_to,
                status="open",
                approval_status=approval_status,
                approved_on=approved_on,
            )
        )
        for item, amount, currency, charged_to in costs:
            self._add(
                JobOrderCost(
                    job_order_id=order.id,
                    item=item,
                    amount=amount,
                    currency=currency,
                    charged_to=charged_to,
                ),
                flush=False,
            )
        return order

    def worker(self, birth_date: date = date(1995, 3, 15)) -> Worker:
        serial = next(_serial)
        day = f"{birth_date.day + 40:02d}{birth_date.month:02d}{birth_date.year % 100:02d}"
        return self._add(
            Worker(
                nik=f"{self.village.replace('.', '')[:6]}{day}{serial % 10000:04d}",
                full_name=f"Pekerja Kebijakan {serial}",
                sex="F",
                birth_date=birth_date,
                origin_village_code=self.village,
                marital_status="single",
            )
        )

    def placement(
        self,
        job_order: JobOrder | None = None,
        worker: Worker | None = None,
        status: str = "oriented",
        registered_on: date = date(2025, 1, 10),
        departed_on: date | None = None,
        documents: tuple[str, ...] = PASAL_13,
        health: bool = True,
        competence: bool = True,
        social_security: bool = True,
    ) -> Built:
        order = job_order or self.job_order()
        person = worker or self.worker()
        placement = self._add(
            Placement(
                worker_id=person.id,
                job_order_id=order.id,
                status=status,
                registered_on=registered_on,
                departed_on=departed_on,
            )
        )
        for kind in documents:
            self.document(placement.id, kind, flush=False)
        if health:
            self.health_check(person.id, "medical", flush=False)
            self.health_check(person.id, "psychological", flush=False)
        if competence and order.skill_scheme:
            self.certificate(person.id, order.skill_scheme, flush=False)
        if social_security:
            self.membership(person.id, flush=False)
        self.session.flush()
        return Built(placement.id, person.id, order.id, order.agency_id, order.employer_id)

    def document(
        self,
        placement_id: int,
        kind: str,
        issued_on: date = date(2025, 2, 1),
        expires_on: date | None = date(2030, 2, 1),
        subtype: str | None = None,
        flush: bool = True,
    ) -> PlacementDocument:
        if subtype is None and kind == "work_visa":
            subtype = "work"
        return self._add(
            PlacementDocument(
                placement_id=placement_id,
                kind=kind,
                subtype=subtype,
                number=f"DOC-{next(_serial)}",
                issued_on=issued_on,
                expires_on=expires_on,
            ),
            flush,
        )

    def health_check(
        self,
        worker_id: int,
        kind: str,
        result: str = "fit",
        examined_on: date = date(2025, 3, 1),
        valid_until: date = date(2026, 3, 1),
        flush: bool = True,
    ) -> HealthCheck:
        return self._add(
            HealthCheck(
                worker_id=worker_id,
                kind=kind,
                result=result,
                examined_on=examined_on,
                valid_until=valid_until,
                facility="Klinik Uji",
                certificate_no=f"HC-{next(_serial)}",
            ),
            flush,
        )

    def certificate(
        self,
        worker_id: int,
        scheme: str,
        issued_on: date = date(2025, 2, 15),
        valid_until: date | None = date(2028, 2, 15),
        flush: bool = True,
    ) -> CompetenceCertificate:
        return self._add(
            CompetenceCertificate(
                worker_id=worker_id,
                scheme=scheme,
                certifying_body="LSP Uji",
                number=f"CC-{next(_serial)}",
                issued_on=issued_on,
                valid_until=valid_until,
            ),
            flush,
        )

    def membership(
        self,
        worker_id: int,
        programme: str = "bpjs_ketenagakerjaan",
        valid_from: date = date(2025, 2, 1),
        valid_to: date | None = None,
        flush: bool = True,
    ) -> SocialSecurityMembership:
        return self._add(
            SocialSecurityMembership(
                worker_id=worker_id,
                programme=programme,
                membership_no=f"BPJS-{next(_serial)}",
                valid_from=valid_from,
                valid_to=valid_to,
            ),
            flush,
        )
