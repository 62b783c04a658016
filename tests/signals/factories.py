"""Signals for delivery tests, written straight through the store models (the run
and detectors are built in parallel): a finished run, signals on real workers,
routes to partner organisations, and the agreements that carry ``signals``.

``SignalWorld`` is the scenario most tests share:

| signal     | type                 | region (worker origin) | routed to                    |
|------------|----------------------|------------------------|------------------------------|
| underage   | underage             | Jember 35.09.01        | KOMNAS-ANAK (child)          |
| clb        | children_left_behind | Flores Timur 53.06     | KOMNAS-ANAK (child)          |
| voter      | voter_missing        | Jember 35.09.02        | BAWASLU (voters), KOMNAS-ANAK |
| departure  | irregular_departure  | Probolinggo 35.13      | nobody                       |
| agency     | agency_risk          | (none)                 | nobody                       |

The voter signal is also (wrongly) routed to Komnas Anak: its purpose does not serve
voter types, so the gate must still keep it from them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.exchange import guard
from lindung.store.database import Database
from lindung.store.models import Agreement, Signal, SignalRoute, SignalRun, User, Worker
from support.agreements import make_agreement, organisation
from support.registry import Registry, first_village

_serial = itertools.count(1)

ALL_FIELDS = {
    "id": "clear",
    "signal_type": "clear",
    "severity": "clear",
    "status": "clear",
    "subject_kind": "clear",
    "region_code": "clear",
    "country_code": "clear",
    "ppln": "clear",
    "agency_id": "clear",
    "risk_score": "clear",
    "evidence": "clear",
    "first_seen": "clear",
    "last_seen": "clear",
    "subject_name": "masked",
    "subject_nik": "masked",
    "subject_birth_date": "masked",
}
KOMNAS = "PKS.05/KP2MI-KOMNASANAK/TEST"
BAWASLU = "PKS.03/KP2MI-BAWASLU/TEST"


def make_run(session: Session, as_of: date = date(2026, 6, 1), tables: Any = None) -> SignalRun:
    run = SignalRun(
        as_of=as_of,
        status="finished",
        inputs={},
        counts={},
        not_computed={},
        tables=tables or {},
        actor="test",
        finished_at=datetime.now(UTC),
    )
    session.add(run)
    session.flush()
    return run


def make_signal(
    session: Session,
    run: SignalRun,
    signal_type: str,
    *,
    worker: Worker | None = None,
    region_code: str | None = None,
    status: str = "new",
    severity: str = "high",
    risk_score: float = 0.5,
    country_code: str | None = "MY",
    ppln: str | None = None,
    evidence: dict[str, Any] | None = None,
) -> Signal:
    serial = next(_serial)
    signal = Signal(
        signal_type=signal_type,
        severity=severity,
        subject_kind="worker" if worker else "agency",
        subject_key=str(worker.id if worker else serial),
        worker_id=worker.id if worker else None,
        region_code=region_code or (worker.origin_village_code if worker else None),
        country_code=country_code,
        ppln=ppln,
        primary_source="registry" if worker else None,
        primary_key=worker.id if worker else None,
        risk_score=risk_score,
        risk_reasons=[{"code": "test.reason", "weight": 1.0, "params": {}}],
        evidence=evidence or default_evidence(worker),
        evidence_hash=f"{serial:064x}",
        status=status,
        current=True,
        first_run_id=run.id,
        last_run_id=run.id,
    )
    session.add(signal)
    session.flush()
    return signal


def default_evidence(worker: Worker | None) -> dict[str, Any]:
    records = []
    if worker is not None:
        records = [
            {
                "source": "registry",
                "key": worker.id,
                "role": "subject",
                "match_probability": None,
                "facts": {"birth_year": 2001},
            },
            {
                "source": "border_crossings",
                "key": 77,
                "role": "crossing",
                "match_probability": 0.97,
                "facts": {"birth_year": 2009},
            },
        ]
    return {
        "records": records,
        "facts": {"age_years": 16, "country": "MY"},
        "rule": {"id": "age.minimum", "threshold": 18},
        "conflicts": [
            {
                "field": "birth_year",
                "values": [
                    {"source": "registry", "key": 1, "value": 2001},
                    {"source": "border_crossings", "key": 77, "value": 2009},
                ],
            }
        ],
    }


def route(session: Session, signal: Signal, run: SignalRun, code: str, purpose: str) -> SignalRoute:
    org = organisation(session, code)
    agreement_id = session.scalar(select(Agreement.id).where(Agreement.partner_id == org.id))
    row = SignalRoute(
        signal_id=signal.id,
        organisation_id=org.id,
        agreement_id=agreement_id,
        purpose=purpose,
        run_id=run.id,
    )
    session.add(row)
    session.flush()
    return row


def signal_agreement(
    session: Session,
    number: str,
    partner: str,
    purposes: Sequence[str],
    fields: dict[str, str] | None = None,
    region_codes: Sequence[str] = (),
) -> Agreement:
    return make_agreement(
        session,
        number,
        partner,
        purposes,
        {("signals", "to_partner"): fields or ALL_FIELDS},
        region_codes=region_codes,
    )


@dataclass
class SignalWorld:
    run_id: int
    underage: int
    clb: int
    voter: int
    departure: int
    agency: int
    komnas_org: int
    bawaslu_org: int

    @property
    def all(self) -> set[int]:
        return {self.underage, self.clb, self.voter, self.departure, self.agency}


def build_world(db: Database) -> SignalWorld:
    """The scenario in the module docstring, committed."""
    with db.session() as s, guard.store_context("test data"):
        registry = Registry(s)
        jember_a = registry.worker(first_village(s, "35.09.01"))
        jember_b = registry.worker(first_village(s, "35.09.02"))
        flotim = registry.worker(first_village(s, "53.06"))
        probolinggo = registry.worker(first_village(s, "35.13"))
        komnas = signal_agreement(s, KOMNAS, "KOMNAS-ANAK", ["child_protection"])
        bawaslu = signal_agreement(s, BAWASLU, "BAWASLU", ["voter_list_oversight"])
        run = make_run(s)
        underage = make_signal(s, run, "underage", worker=jember_a, risk_score=0.9)
        clb = make_signal(s, run, "children_left_behind", worker=flotim, severity="medium")
        voter = make_signal(
            s, run, "voter_missing", worker=jember_b, ppln="KUALA LUMPUR", risk_score=0.3
        )
        departure = make_signal(s, run, "irregular_departure", worker=probolinggo)
        agency = make_signal(s, run, "agency_risk", country_code=None, severity="low")
        route(s, underage, run, "KOMNAS-ANAK", "child_protection")
        route(s, clb, run, "KOMNAS-ANAK", "child_protection")
        route(s, voter, run, "BAWASLU", "voter_list_oversight")
        route(s, voter, run, "KOMNAS-ANAK", "child_protection")
        return SignalWorld(
            run.id,
            underage.id,
            clb.id,
            voter.id,
            departure.id,
            agency.id,
            komnas.partner_id,
            bawaslu.partner_id,
        )


def bind_user(db: Database, username: str, organisation_id: int) -> None:
    """Make a (demo) partner user act for ``organisation_id``."""
    with db.session() as s:
        user = s.scalars(select(User).where(User.username == username)).one()
        user.organisation_id = organisation_id
