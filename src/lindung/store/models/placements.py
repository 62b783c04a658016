"""Placements: a worker in a job order, through the lifecycle of UU 18/2017.

``placements.status`` is the current stage, kept for quick reads; the history is
``placement_events`` (append-only: who, when, from which source). Pasal 13
documents, the pre-departure orientation (OPP) and the reintegration record after
return hang off the placement.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from lindung.store.models.base import Base, Timestamped, utcnow


class Placement(Timestamped, Base):
    """A worker in a job order, at a stage of the placement lifecycle."""

    __tablename__ = "placements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"), index=True)
    job_order_id: Mapped[int] = mapped_column(ForeignKey("job_orders.id"), index=True)
    #: a domain.lifecycle.PlacementStatus value
    status: Mapped[str] = mapped_column(String(24), index=True)
    registered_on: Mapped[date] = mapped_column(Date)
    departed_on: Mapped[date | None] = mapped_column(Date)
    arrived_on: Mapped[date | None] = mapped_column(Date)
    contract_ends_on: Mapped[date | None] = mapped_column(Date)
    returned_on: Mapped[date | None] = mapped_column(Date)


class PlacementDocument(Base):
    """A Pasal 13 document of a placement, with who verified it."""

    __tablename__ = "placement_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id"), index=True)
    #: marital_status_letter | family_permission | competence_certificate |
    #: health_certificate | passport | work_visa | placement_agreement | employment_contract
    kind: Mapped[str] = mapped_column(String(24))
    #: a refinement of the kind: for a visa work | tourist | umrah | visit
    subtype: Mapped[str | None] = mapped_column(String(12))
    number: Mapped[str] = mapped_column(String(40))
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    verified_by: Mapped[str | None] = mapped_column(String(80))
    verified_on: Mapped[date | None] = mapped_column(Date)


class Orientation(Base):
    """Pre-departure orientation (orientasi pra pemberangkatan, OPP)."""

    __tablename__ = "orientations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    region_code: Mapped[str | None] = mapped_column(String(13), ForeignKey("regions.code"))
    certificate_no: Mapped[str | None] = mapped_column(String(40))


class PlacementEvent(Base):
    """One thing that happened to a placement. Append-only: history is never
    overwritten. A stage change has ``kind='transition'`` with from/to status; other
    kinds (departure, arrival, extension, return, document, ...) carry details."""

    __tablename__ = "placement_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str | None] = mapped_column(String(24))
    #: the date it happened (the rules are checked on this date)
    occurred_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: who recorded it: a username, an API client name, or "demo"
    recorded_by: Mapped[str] = mapped_column(String(80))
    #: where it came from: web | api | cli | import:<id> | demo
    source: Mapped[str] = mapped_column(String(24))
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Reintegration(Timestamped, Base):
    """Support after return (Pasal 24): what the returnee was offered or received."""

    __tablename__ = "reintegrations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id"), index=True)
    recorded_on: Mapped[date] = mapped_column(Date)
    #: training | business_capital | counselling | health | legal_aid | other
    programme: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12))  # planned | ongoing | completed | declined
    region_code: Mapped[str | None] = mapped_column(String(13), ForeignKey("regions.code"))
    notes: Mapped[str | None] = mapped_column(String(400))
