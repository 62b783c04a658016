"""Placements and what hangs off them: the Pasal 13 documents, the pre-departure
orientation (OPP) and the reintegration record after return.

A placement is a worker in a job order; it starts ``registered`` (UU 18/2017 Pasal
13-14: registration at the regency's manpower office through the agency). Every
write here appends a row to ``placement_events`` (the placement's append-only
history: who, when, from which source) and one ``change`` audit entry, in the
caller's transaction. Moving a placement between stages is the lifecycle's
(:mod:`lindung.registry.events`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.domain.lifecycle import PlacementStatus
from lindung.errors import NotFound
from lindung.exchange.guard import store_context
from lindung.exchange.principal import Principal
from lindung.registry.authority import audit_change, require_region, require_writer
from lindung.registry.checks import Checker
from lindung.registry.vocabulary import codes
from lindung.registry.workers import Saved, worker_for_write
from lindung.store.models import (
    JobOrder,
    Orientation,
    Placement,
    PlacementDocument,
    PlacementEvent,
    Reintegration,
    Worker,
)

#: Job orders in these approval states take no new placements.
CLOSED_APPROVALS = frozenset({"rejected", "cancelled"})
#: Reintegration follows a return (Pasal 24: after work).
AFTER_RETURN = frozenset({PlacementStatus.RETURNED.value, PlacementStatus.REPATRIATED.value})


@dataclass(frozen=True)
class Source:
    """Who records a write and through which interface (``web``, ``api``, ``cli``)."""

    principal: Principal
    interface: str

    @property
    def recorded_by(self) -> str:
        return self.principal.name


def create_placement(
    session: Session,
    source: Source,
    worker_id: int,
    data: Mapping[str, Any],
    today: date | None = None,
) -> Saved:
    """A new placement of worker ``worker_id`` in a job order (``job_order_code`` or
    ``job_order_id``), registered on ``registered_on``."""
    principal = source.principal
    require_writer(principal)
    worker = worker_for_write(session, worker_id)
    require_region(session, principal, worker.origin_village_code)
    check = Checker(data, today)
    job_order = _job_order(session, check)
    registered = check.day("registered_on")
    check.done()
    assert job_order is not None
    assert registered is not None
    placement = Placement(
        worker_id=worker.id,
        job_order_id=job_order.id,
        status=PlacementStatus.REGISTERED.value,
        registered_on=registered,
    )
    session.add(placement)
    session.flush()
    _event(session, source, placement, "registration", registered, to_status="registered")
    audit_change(
        session,
        principal,
        "placements",
        "create",
        worker.id,
        ["job_order_id", "registered_on"],
        {"id": placement.id, "job_order_id": job_order.id},
    )
    return Saved(placement.id)


def _job_order(session: Session, check: Checker) -> JobOrder | None:
    code = check.raw("job_order_code")
    if code is not None:
        job_order = session.scalar(select(JobOrder).where(JobOrder.code == str(code).upper()))
    else:
        number = check.integer("job_order_id", need=False)
        if number is None and not check.has("job_order_id"):
            check.add("job_order_code", "required", "wajib diisi", "required")
            return None
        job_order = session.get(JobOrder, number) if number is not None else None
        if number is None:
            return None
    field = "job_order_code" if code is not None else "job_order_id"
    if job_order is None:
        check.add(field, "job_order.unknown", "job order tidak ditemukan", "no such job order")
        return None
    if job_order.approval_status in CLOSED_APPROVALS:
        check.add(
            field,
            "job_order.closed",
            "job order ini ditolak atau dibatalkan; tidak dapat menerima penempatan",
            "this job order was rejected or cancelled; it takes no placements",
        )
        return None
    return job_order


def placement_for_write(session: Session, principal: Principal, placement_id: int) -> Placement:
    """The placement a write is about, after checking the principal may write for its worker."""
    require_writer(principal)
    with store_context("registry write"):
        placement = session.get(Placement, placement_id)
        worker = session.get(Worker, placement.worker_id) if placement is not None else None
    if placement is None or worker is None:
        raise NotFound(f"no placement with id {placement_id}")
    require_region(session, principal, worker.origin_village_code)
    return placement


def add_document(
    session: Session,
    source: Source,
    placement_id: int,
    data: Mapping[str, Any],
    today: date | None = None,
) -> Saved:
    """A Pasal 13 document of the placement: kind, number, issue and expiry dates
    (expiry after issue), and who verified it on which day (on or after issue)."""
    placement = placement_for_write(session, source.principal, placement_id)
    check = Checker(data, today)
    kind = check.choice("kind", codes("document_kind"))
    subtype = _subtype(check, kind)
    number = check.text("number", 40)
    issued = check.day("issued_on")
    expires = check.day("expires_on", need=False, future_ok=True)
    check.order(("issued_on", issued), ("expires_on", expires), strict=True)
    verified_by = check.text("verified_by", 80, need=check.raw("verified_on") is not None)
    verified_on = check.day("verified_on", need=check.raw("verified_by") is not None)
    check.order(("issued_on", issued), ("verified_on", verified_on), strict=False)
    check.done()
    assert issued is not None
    document = PlacementDocument(
        placement_id=placement.id,
        kind=kind,
        subtype=subtype,
        number=number,
        issued_on=issued,
        expires_on=expires,
        verified_by=verified_by,
        verified_on=verified_on,
    )
    session.add(document)
    session.flush()
    details = {"document_id": document.id, "document_kind": kind}
    _event(session, source, placement, "document", verified_on or issued, details=details)
    filled = [k for k, v in data.items() if v not in (None, "") and k != "csrf_token"]
    _audit(session, source, placement, "placement_documents", filled, document.id)
    return Saved(document.id)


def _subtype(check: Checker, kind: str | None) -> str | None:
    if kind == "work_visa":
        return check.choice("subtype", codes("visa_subtype"), need=False) or "work"
    if check.raw("subtype") is not None:
        check.add(
            "subtype",
            "subtype.not_allowed",
            "subjenis hanya untuk visa",
            "a subtype is for visas only",
        )
    return None


def record_orientation(
    session: Session,
    source: Source,
    placement_id: int,
    data: Mapping[str, Any],
    today: date | None = None,
) -> Saved:
    """The pre-departure orientation (OPP; protection before work, UU 18/2017 Pasal 8):
    held on a day on or after registration, where, and the certificate number."""
    placement = placement_for_write(session, source.principal, placement_id)
    check = Checker(data, today)
    held = check.day("held_on")
    check.order(("registered_on", placement.registered_on), ("held_on", held), strict=False)
    region = check.region(session, "region_code", need=False)
    certificate = check.text("certificate_no", 40, need=False)
    check.done()
    assert held is not None
    orientation = Orientation(
        placement_id=placement.id, held_on=held, region_code=region, certificate_no=certificate
    )
    session.add(orientation)
    session.flush()
    details = {"orientation_id": orientation.id}
    _event(session, source, placement, "orientation", held, details=details)
    _audit(session, source, placement, "orientations", ["held_on"], orientation.id)
    return Saved(orientation.id)


def record_reintegration(
    session: Session,
    source: Source,
    placement_id: int,
    data: Mapping[str, Any],
    today: date | None = None,
) -> Saved:
    """Support after return (Pasal 24): only for a placement that has come back, on
    or after the return date."""
    placement = placement_for_write(session, source.principal, placement_id)
    check = Checker(data, today)
    if placement.status not in AFTER_RETURN:
        check.add(
            "placement",
            "reintegration.not_returned",
            "reintegrasi hanya untuk penempatan yang sudah pulang",
            "reintegration is only for a placement that has returned",
        )
    recorded = check.day("recorded_on")
    check.order(("returned_on", placement.returned_on), ("recorded_on", recorded), strict=False)
    programme = check.choice("programme", codes("reintegration_programme"))
    status = check.choice("status", codes("reintegration_status"))
    region = check.region(session, "region_code", need=False)
    notes = check.text("notes", 400, need=False)
    check.done()
    assert recorded is not None
    record = Reintegration(
        placement_id=placement.id,
        recorded_on=recorded,
        programme=programme,
        status=status,
        region_code=region,
        notes=notes,
    )
    session.add(record)
    session.flush()
    details = {"reintegration_id": record.id, "programme": programme}
    _event(session, source, placement, "reintegration", recorded, details=details)
    _audit(session, source, placement, "reintegrations", ["programme", "status"], record.id)
    return Saved(record.id)


def _event(
    session: Session,
    source: Source,
    placement: Placement,
    kind: str,
    on: date,
    to_status: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    session.add(
        PlacementEvent(
            placement_id=placement.id,
            kind=kind,
            from_status=None,
            to_status=to_status,
            occurred_on=on,
            recorded_by=source.recorded_by,
            source=source.interface,
            details=details,
        )
    )
    session.flush()


def _audit(
    session: Session,
    source: Source,
    placement: Placement,
    table: str,
    fields: list[str],
    row_id: int,
) -> None:
    audit_change(
        session,
        source.principal,
        table,
        "add",
        placement.worker_id,
        fields,
        {"id": row_id, "placement_id": placement.id},
    )
