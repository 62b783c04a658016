"""Where a run's signals go: to each organisation with an agreement in force on the
run's date that carries the ``signals`` dataset to the partner, for each purpose the
agreement allows that the signal's type serves, and — for a regional agreement —
only the signals whose ``region_code`` lies in one of its regions.

KP2MI's own officers need no route (``oversight``: national roles see every
signal, regional officers their subtree, through the gate), so ``oversight`` is
never routed. Routes are recomputed at the end of every run: the previous ones
are replaced by the current signals' routes (``run_id`` = this run).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, delete, func, insert, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lindung.domain.signals import TYPES, SignalType
from lindung.exchange.purposes import Purpose
from lindung.exchange.scope import region_condition
from lindung.exchange.terms import AgreementStatus, Direction, terms_of
from lindung.store.models import Agreement, Signal, SignalRoute

DATASET = "signals"


@dataclass(frozen=True)
class Route:
    """One agreement's delivery of one purpose's signal types (optionally by region)."""

    organisation_id: int
    agreement_id: int
    purpose: str
    types: tuple[SignalType, ...]
    region_codes: tuple[str, ...]  # empty: national


def routes_on(session: Session, day: date) -> list[Route]:
    """The routes of every agreement in force on ``day`` that carries ``signals`` to
    the partner, one per purpose that some signal type serves."""
    found: list[Route] = []
    for agreement in session.scalars(select(Agreement).order_by(Agreement.id)):
        terms = terms_of(session, agreement)
        if terms.status_on(day) is not AgreementStatus.ACTIVE:
            continue
        if terms.fields(DATASET, Direction.TO_PARTNER) is None:
            continue
        for purpose in sorted(set(terms.version.purposes)):
            types = types_serving(purpose)
            if types:
                found.append(
                    Route(
                        terms.partner.id,
                        agreement.id,
                        purpose,
                        types,
                        tuple(terms.region_codes),
                    )
                )
    return found


def types_serving(purpose: str) -> tuple[SignalType, ...]:
    """The types a partner purpose receives (``oversight`` is KP2MI's own: none)."""
    if purpose not in {p.value for p in Purpose} or purpose == Purpose.OVERSIGHT.value:
        return ()
    return tuple(t for t, info in TYPES.items() if Purpose(purpose) in info.purposes)


def route_signals(session: Session, run_id: int, day: date) -> int:
    """Replace every route by the routes of the current signals; returns how many."""
    session.execute(delete(SignalRoute))
    for route in routes_on(session, day):
        conditions: list[ColumnElement[bool]] = [
            Signal.current.is_(True),
            Signal.signal_type.in_([t.value for t in route.types]),
        ]
        if route.region_codes:
            conditions.append(region_condition(Signal.region_code, route.region_codes))
        chosen = select(
            Signal.id,
            literal(route.organisation_id),
            literal(route.agreement_id),
            literal(route.purpose),
            literal(run_id),
        ).where(and_(*conditions))
        statement = insert(SignalRoute).from_select(
            ["signal_id", "organisation_id", "agreement_id", "purpose", "run_id"], chosen
        )
        session.execute(statement)
    return int(session.scalar(select(func.count()).select_from(SignalRoute)) or 0)
