"""Placement agencies (P3MI): register and update, licence status history, branches.

The licence status on any date is the latest ``agency_licence_events`` row effective
on or before it (an ``active`` licence past ``licence_valid_to`` reads as
``expired``); ``agencies.licence_status`` caches today's value and is refreshed in
the same transaction as every event. Nothing here is personal data: agencies,
licences and branches are public facts (the public check shows them).

Legal basis: UU 18/2017 Pasal 49-57 (P3MI and the SIP3MI licence); Permenaker
10/2019 (licence validity, kept in ``licence_valid_from/to``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from lindung.errors import NotFound
from lindung.exchange.audit import Actor, AuditEvent, append
from lindung.registry.oversight_vocabulary import (
    Problems,
    check_amount,
    check_licence_no,
    check_order,
    check_text,
    normalise_licence_no,
)
from lindung.store.models import Agency, AgencyBranch, AgencyLicenceEvent, Region


@dataclass(frozen=True)
class AgencyDraft:
    """What registering (or updating) an agency takes."""

    licence_no: str
    name: str
    head_office_region_code: str
    licence_valid_from: date | None
    licence_valid_to: date | None
    deposit_amount: str | Decimal | None = None


def audit_change(session: Session, actor: Actor, obj: str, op: str, **details: Any) -> None:
    """One ``change`` entry in the audit log (codes, ids and dates only)."""
    append(
        session,
        AuditEvent(
            actor=actor,
            action="change",
            decision="allowed",
            details={"object": obj, "op": op, **details},
            subjects=[(obj, str(details["id"]))] if "id" in details else [],
        ),
    )


def _check_region(session: Session, code: str, problems: Problems, field_name: str) -> str:
    code = code.strip()
    if not code or session.get(Region, code) is None:
        problems.add(
            field_name,
            "region.unknown",
            "kode wilayah Kemendagri tidak dikenal",
            "unknown Kemendagri region code",
        )
    return code


def _checked(
    session: Session, draft: AgencyDraft, agency_id: int | None = None
) -> tuple[str, str, str, Decimal | None]:
    problems = Problems()
    number = check_licence_no(draft.licence_no, problems)
    name = check_text(draft.name, problems, "name", 160) or ""
    region = _check_region(
        session, draft.head_office_region_code, problems, "head_office_region_code"
    )
    for field_name in ("licence_valid_from", "licence_valid_to"):
        if getattr(draft, field_name) is None:
            problems.add(field_name, "date.required", "tanggal wajib diisi", "a date is required")
    check_order(
        draft.licence_valid_from,
        draft.licence_valid_to,
        problems,
        "licence_valid_to",
        "licence_valid_from",
    )
    deposit = None
    if draft.deposit_amount not in (None, ""):
        deposit = check_amount(draft.deposit_amount, problems, "deposit_amount", positive=False)
    if number and not problems:
        taken = session.scalar(select(Agency.id).where(Agency.licence_no == number))
        if taken is not None and taken != agency_id:
            problems.add(
                "licence_no",
                "licence.duplicate",
                "nomor izin sudah terdaftar untuk P3MI lain",
                "this licence number is already registered to another agency",
            )
    problems.raise_if_any()
    return number, name, region, deposit


def register_agency(
    session: Session, actor: Actor, draft: AgencyDraft, today: date | None = None
) -> Agency:
    """Register an agency with an active licence from ``licence_valid_from``."""
    number, name, region, deposit = _checked(session, draft)
    assert draft.licence_valid_from is not None
    assert draft.licence_valid_to is not None
    agency = Agency(
        licence_no=number,
        name=name,
        licence_status="active",
        licence_valid_from=draft.licence_valid_from,
        licence_valid_to=draft.licence_valid_to,
        head_office_region_code=region,
        deposit_amount=deposit,
    )
    session.add(agency)
    session.flush()
    session.add(
        AgencyLicenceEvent(
            agency_id=agency.id,
            status="active",
            effective_on=draft.licence_valid_from,
            reason="licence granted",
            recorded_by=actor.name,
        )
    )
    session.flush()
    refresh_status(session, agency, today or date.today())
    audit_change(session, actor, "agency", "register", id=agency.id)
    return agency


def update_agency(
    session: Session, actor: Actor, agency_id: int, draft: AgencyDraft, today: date | None = None
) -> Agency:
    """Change an agency's name, licence number, head office, validity or deposit."""
    agency = get_agency(session, agency_id)
    number, name, region, deposit = _checked(session, draft, agency_id)
    assert draft.licence_valid_from is not None
    assert draft.licence_valid_to is not None
    agency.licence_no = number
    agency.name = name
    agency.head_office_region_code = region
    agency.licence_valid_from = draft.licence_valid_from
    agency.licence_valid_to = draft.licence_valid_to
    agency.deposit_amount = float(deposit) if deposit is not None else None
    session.flush()
    refresh_status(session, agency, today or date.today())
    audit_change(session, actor, "agency", "update", id=agency.id)
    return agency


def get_agency(session: Session, agency_id: int) -> Agency:
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFound(f"no agency with id {agency_id}")
    return agency


def find_by_licence(session: Session, licence_no: str) -> Agency | None:
    number = normalise_licence_no(licence_no)
    return session.scalar(select(Agency).where(Agency.licence_no == number)) if number else None


def status_expression(on: date) -> Any:
    """SQL: each agency's licence status on ``on`` (correlated to ``agencies``).

    The latest event effective on or before ``on``; an active licence past its
    validity reads ``expired``. With no event on or before ``on`` (data loaded
    without its history) a cached suspension, revocation or expiry stands, and a
    cached ``active`` stands inside the licence's validity (``expired`` outside).
    A revocation is final: a reinstatement event dated after it (the end of a
    suspension decided earlier) does not undo it. Used by the ranking and the
    public check, set-based.
    """
    latest = (
        select(AgencyLicenceEvent.status)
        .where(AgencyLicenceEvent.agency_id == Agency.id, AgencyLicenceEvent.effective_on <= on)
        .order_by(AgencyLicenceEvent.effective_on.desc(), AgencyLicenceEvent.id.desc())
        .limit(1)
        .correlate(Agency)
        .scalar_subquery()
    )
    revoked = (
        select(AgencyLicenceEvent.id)
        .where(
            AgencyLicenceEvent.agency_id == Agency.id,
            AgencyLicenceEvent.status == "revoked",
            AgencyLicenceEvent.effective_on <= on,
        )
        .correlate(Agency)
        .exists()
    )
    return case(
        (revoked, "revoked"),
        (and_(latest.is_(None), Agency.licence_status != "active"), Agency.licence_status),
        (
            and_(latest.is_(None), Agency.licence_valid_from <= on, Agency.licence_valid_to >= on),
            Agency.licence_status,
        ),
        (latest.is_(None), "expired"),
        (and_(latest == "active", Agency.licence_valid_to < on), "expired"),
        (and_(latest == "active", Agency.licence_valid_from > on), "expired"),
        else_=latest,
    )


def licence_status_on(session: Session, agency_id: int, on: date) -> str:
    """The agency's licence status on ``on`` (see :func:`status_expression`)."""
    status = session.scalar(select(status_expression(on)).where(Agency.id == agency_id))
    if status is None:
        raise NotFound(f"no agency with id {agency_id}")
    return str(status)


def refresh_status(session: Session, agency: Agency, today: date) -> str:
    """Set the cached ``licence_status`` to the status today (same transaction)."""
    session.flush()
    agency.licence_status = licence_status_on(session, agency.id, today)
    session.flush()
    return agency.licence_status


def licence_history(session: Session, agency_id: int) -> list[AgencyLicenceEvent]:
    """Every licence event of the agency, oldest first."""
    statement = (
        select(AgencyLicenceEvent)
        .where(AgencyLicenceEvent.agency_id == agency_id)
        .order_by(AgencyLicenceEvent.effective_on, AgencyLicenceEvent.id)
    )
    return list(session.scalars(statement))


def add_branch(
    session: Session,
    actor: Actor,
    agency_id: int,
    region_code: str,
    opened_on: date | None,
    address: str | None = None,
) -> AgencyBranch:
    """Record a branch office of the agency in a region."""
    get_agency(session, agency_id)
    problems = Problems()
    region = _check_region(session, region_code, problems, "region_code")
    text = check_text(address, problems, "address", 200, required=False)
    if opened_on is None:
        problems.add("opened_on", "date.required", "tanggal wajib diisi", "a date is required")
    problems.raise_if_any()
    assert opened_on is not None
    branch = AgencyBranch(
        agency_id=agency_id, region_code=region, address=text, opened_on=opened_on
    )
    session.add(branch)
    session.flush()
    audit_change(session, actor, "agency", "branch", id=agency_id, region=region)
    return branch


def branches(session: Session, agency_id: int) -> list[tuple[AgencyBranch, str]]:
    """The agency's branch offices with their region names, by region code."""
    statement = (
        select(AgencyBranch, Region.name)
        .join(Region, Region.code == AgencyBranch.region_code)
        .where(AgencyBranch.agency_id == agency_id)
        .order_by(AgencyBranch.region_code, AgencyBranch.id)
    )
    return [(branch, name) for branch, name in session.execute(statement)]


def _in_subtree(column: Any, code: str) -> ColumnElement[bool]:
    return or_(column == code, column.startswith(code + ".", autoescape=True))


def agencies_in_region(session: Session, region_code: str, on: date) -> list[Agency]:
    """Agencies with a head office or a branch open on ``on`` in the region's subtree."""
    branch = select(AgencyBranch.agency_id).where(
        _in_subtree(AgencyBranch.region_code, region_code),
        AgencyBranch.opened_on <= on,
        or_(AgencyBranch.closed_on.is_(None), AgencyBranch.closed_on > on),
    )
    statement = (
        select(Agency)
        .where(or_(_in_subtree(Agency.head_office_region_code, region_code), Agency.id.in_(branch)))
        .order_by(Agency.name)
    )
    return list(session.scalars(statement))


def search_agencies(session: Session, query: str, limit: int = 10) -> Sequence[Agency]:
    """Agencies whose licence number is ``query`` or whose name contains it (3+ letters)."""
    text = " ".join(query.split())
    if not text:
        return []
    number = normalise_licence_no(text)
    by_number = select(Agency).where(Agency.licence_no == number)
    found = list(session.scalars(by_number))
    if found or len(text) < 3:
        return found
    pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    by_name = (
        select(Agency)
        .where(func.lower(Agency.name).like(pattern, escape="\\"))
        .order_by(Agency.name)
        .limit(limit)
    )
    return list(session.scalars(by_name))
