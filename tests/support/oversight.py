"""Agency-oversight data for tests, written through the services (agencies, employers,
job orders) plus the few rows the services do not write (placements, findings,
complaints, certificates) inserted directly."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from lindung.exchange.audit import Actor
from lindung.registry.agencies import AgencyDraft, register_agency
from lindung.registry.job_orders import (
    CostDraft,
    EmployerDraft,
    JobOrderDraft,
    approve_job_order,
    create_job_order,
    register_employer,
)
from lindung.store.models import (
    Agency,
    Complaint,
    Employer,
    JobOrder,
    PolicyFinding,
    PolicyRun,
)

ACTOR = Actor("user", "admin")
TODAY = date(2026, 6, 1)
_serial = itertools.count(1)


def agency(session: Session, name: str = "PT Maju Jaya", **changes: Any) -> Agency:
    serial = next(_serial)
    values: dict[str, Any] = {
        "licence_no": f"KEP.{100 + serial}/MEN/PPTKPKK/IV/2021",
        "name": name,
        "head_office_region_code": "35.09",
        "licence_valid_from": date(2021, 4, 1),
        "licence_valid_to": date(2028, 3, 31),
        "deposit_amount": "1500000000",
    }
    values.update(changes)
    return register_agency(session, ACTOR, AgencyDraft(**values), today=TODAY)


def employer(session: Session, country: str = "TW", kind: str = "company") -> Employer:
    return register_employer(
        session, ACTOR, EmployerDraft(f"Employer {country}", country, kind, city="Taipei")
    )


def job_order_draft(agency_id: int, employer_id: int, **changes: Any) -> JobOrderDraft:
    values: dict[str, Any] = {
        "code": f"JO-TEST-{next(_serial):04d}",
        "agency_id": agency_id,
        "employer_id": employer_id,
        "country_code": "TW",
        "sector": "formal",
        "job_type": "factory_operator",
        "position": "Operator Produksi",
        "quota": 5,
        "salary_amount": "27470",
        "salary_currency": "TWD",
        "valid_from": date(2026, 1, 1),
        "valid_to": date(2026, 12, 31),
        "city": "Taoyuan",
        "skill_scheme": "OPM",
        "language": "zh",
        "costs": (CostDraft("air_ticket", "9000", "TWD", "employer"),),
    }
    values.update(changes)
    return JobOrderDraft(**values)


def approved_order(session: Session, agency_id: int, **changes: Any) -> JobOrder:
    country = changes.get("country_code", "TW")
    kind = "household" if changes.get("sector") == "informal" else "company"
    boss = employer(session, country, kind)
    order = create_job_order(
        session, ACTOR, job_order_draft(agency_id, boss.id, **changes), today=TODAY
    )
    return approve_job_order(session, ACTOR, order.id, on=TODAY)


def policy_run(session: Session, findings: list[tuple[int, int, str, str]]) -> PolicyRun:
    """A run over all placements with (placement_id, agency_id, rule_id, severity) findings."""
    run = PolicyRun(
        as_of=TODAY,
        rules_version="test",
        scope="all",
        placements_checked=0,
        findings=len(findings),
        actor="test",
    )
    session.add(run)
    session.flush()
    for placement_id, agency_id, rule_id, severity in findings:
        session.add(
            PolicyFinding(
                run_id=run.id,
                placement_id=placement_id,
                agency_id=agency_id,
                rule_id=rule_id,
                severity=severity,
                evidence={},
            )
        )
    session.flush()
    return run


def complaint(session: Session, agency_id: int, worker_id: int | None, on: date) -> Complaint:
    row = Complaint(
        agency_id=agency_id, worker_id=worker_id, received_on=on, category="illegal_fee",
        status="open",
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row
