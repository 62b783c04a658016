"""The sanctions ledger: warnings, suspensions, revocations and deposit draws.

A suspension or revocation also writes the licence event that puts it in force
(``agency_licence_events`` with the sanction's id); a suspension with an end date
writes a second event reinstating the licence the day after. The cached
``agencies.licence_status`` is refreshed in the same transaction. A deposit draw
takes an amount from the agency's deposit (Permen P2MI 31/2025 Pasal 23: the
deposit pays for a worker's case the agency fails to settle). The ledger is
append-only: a sanction is never edited; a mistaken one is answered by another
entry.

Legal basis: UU 18/2017 Pasal 57 (administrative sanctions on P3MI: warning,
suspension of business activity, revocation of the licence).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.exchange.audit import Actor
from lindung.registry.agencies import audit_change, get_agency, licence_status_on, refresh_status
from lindung.registry.oversight_vocabulary import (
    SANCTION_KINDS,
    SANCTION_STATUS,
    Problems,
    check_amount,
    check_choice,
    check_order,
    check_text,
)
from lindung.store.models import AgencyLicenceEvent, AgencySanction


@dataclass(frozen=True)
class SanctionDraft:
    """One sanction as decided: kind, dates, reason, decree and (for a draw) amount."""

    kind: str
    decided_on: date | None
    reason: str
    effective_from: date | None = None  # the decision's date when not given
    effective_to: date | None = None
    decree_no: str | None = None
    amount: str | Decimal | None = None
    placement_id: int | None = None


def _check(
    session: Session, agency_id: int, draft: SanctionDraft
) -> tuple[Problems, Decimal | None]:
    problems = Problems()
    check_choice(draft.kind, SANCTION_KINDS, problems, "kind")
    check_text(draft.reason, problems, "reason", 400)
    check_text(draft.decree_no, problems, "decree_no", 60, required=False)
    if draft.decided_on is None:
        problems.add("decided_on", "date.required", "tanggal wajib diisi", "a date is required")
    start = draft.effective_from or draft.decided_on
    check_order(draft.decided_on, start, problems, "effective_from", "decided_on")
    check_order(start, draft.effective_to, problems, "effective_to", "effective_from")
    amount = None
    if draft.kind == "deposit_draw":
        amount = check_amount(draft.amount, problems, "amount")
        deposit = get_agency(session, agency_id).deposit_amount
        if amount is not None and (deposit is None or amount > Decimal(str(deposit))):
            problems.add(
                "amount",
                "amount.over_deposit",
                "jumlah melebihi deposito P3MI yang tersisa",
                "the amount is more than the agency's remaining deposit",
            )
    elif draft.amount not in (None, ""):
        problems.add(
            "amount",
            "amount.not_a_draw",
            "jumlah hanya untuk pencairan deposito",
            "an amount is only for a deposit draw",
        )
    if draft.kind == "revocation" and draft.effective_to is not None:
        problems.add(
            "effective_to",
            "sanction.revocation_end",
            "pencabutan izin tidak memiliki tanggal berakhir",
            "a revocation has no end date",
        )
    barrable = draft.kind in SANCTION_STATUS and not problems
    if barrable and start is not None and licence_status_on(session, agency_id, start) == "revoked":
        problems.add(
            "kind",
            "sanction.already_revoked",
            "izin P3MI sudah dicabut pada tanggal itu",
            "the agency's licence is already revoked on that date",
        )
    return problems, amount


def record_sanction(
    session: Session,
    actor: Actor,
    agency_id: int,
    draft: SanctionDraft,
    today: date | None = None,
) -> AgencySanction:
    """Append a sanction to the ledger (and its licence events); all or nothing."""
    agency = get_agency(session, agency_id)
    problems, amount = _check(session, agency_id, draft)
    problems.raise_if_any()
    assert draft.decided_on is not None
    start = draft.effective_from or draft.decided_on
    sanction = AgencySanction(
        agency_id=agency_id,
        kind=draft.kind,
        decided_on=draft.decided_on,
        effective_from=start,
        effective_to=draft.effective_to,
        reason=draft.reason.strip(),
        decree_no=(draft.decree_no or "").strip() or None,
        amount=amount,
        placement_id=draft.placement_id,
        recorded_by=actor.name,
    )
    session.add(sanction)
    session.flush()
    status = SANCTION_STATUS.get(draft.kind)
    if status is not None:
        _licence_events(session, actor, sanction, status)
    if amount is not None:
        agency.deposit_amount = float(Decimal(str(agency.deposit_amount)) - amount)
    refresh_status(session, agency, today or date.today())
    audit_change(session, actor, "agency", "sanction", id=agency_id, kind=draft.kind)
    return sanction


def _licence_events(session: Session, actor: Actor, sanction: AgencySanction, status: str) -> None:
    session.add(
        AgencyLicenceEvent(
            agency_id=sanction.agency_id,
            status=status,
            effective_on=sanction.effective_from,
            reason=sanction.reason,
            decree_no=sanction.decree_no,
            sanction_id=sanction.id,
            recorded_by=actor.name,
        )
    )
    if status == "suspended" and sanction.effective_to is not None:
        session.add(
            AgencyLicenceEvent(
                agency_id=sanction.agency_id,
                status="active",
                effective_on=sanction.effective_to + timedelta(days=1),
                reason="end of suspension",
                decree_no=sanction.decree_no,
                sanction_id=sanction.id,
                recorded_by=actor.name,
            )
        )
    session.flush()


def ledger(session: Session, agency_id: int) -> list[AgencySanction]:
    """The agency's sanctions, newest decision first."""
    statement = (
        select(AgencySanction)
        .where(AgencySanction.agency_id == agency_id)
        .order_by(AgencySanction.decided_on.desc(), AgencySanction.id.desc())
    )
    return list(session.scalars(statement))
