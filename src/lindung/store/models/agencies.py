"""Agencies (P3MI), their licence history, branches and sanctions; foreign
employers and the job orders agencies recruit for, with the costs they charge.

``agencies.licence_status`` is the current status, kept for quick reads; the
truth on any date is ``agency_licence_events`` (the latest event on or before
that date), so that a rule checked "as of" a past date sees the status then.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from lindung.store.models.base import Base, Timestamped, utcnow


class Agency(Timestamped, Base):
    """A placement agency (P3MI) and its SIP3MI licence."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    licence_no: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(160), index=True)
    #: active | suspended | revoked | expired (current; history in agency_licence_events)
    licence_status: Mapped[str] = mapped_column(String(12))
    licence_valid_from: Mapped[date] = mapped_column(Date)
    licence_valid_to: Mapped[date] = mapped_column(Date)
    head_office_region_code: Mapped[str] = mapped_column(String(13), ForeignKey("regions.code"))
    #: the deposit the agency holds (Permen P2MI 31/2025), in IDR
    deposit_amount: Mapped[float | None] = mapped_column(Numeric(16, 2))


class AgencyLicenceEvent(Base):
    """A change of an agency's licence status, effective from a date, with its reason."""

    __tablename__ = "agency_licence_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    status: Mapped[str] = mapped_column(String(12))  # active | suspended | revoked | expired
    effective_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(String(400))
    decree_no: Mapped[str | None] = mapped_column(String(60))
    #: the sanction that caused it, when it came from one
    sanction_id: Mapped[int | None] = mapped_column(ForeignKey("agency_sanctions.id"))
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AgencyBranch(Base):
    """A branch office of an agency in a region."""

    __tablename__ = "agency_branches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    region_code: Mapped[str] = mapped_column(String(13), ForeignKey("regions.code"), index=True)
    address: Mapped[str | None] = mapped_column(String(200))
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)


class AgencySanction(Base):
    """An entry of the sanctions ledger: warning, suspension, revocation or deposit draw."""

    __tablename__ = "agency_sanctions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    #: warning | suspension | revocation | deposit_draw
    kind: Mapped[str] = mapped_column(String(14))
    decided_on: Mapped[date] = mapped_column(Date)
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(400))
    decree_no: Mapped[str | None] = mapped_column(String(60))
    #: for a deposit draw: the amount drawn (IDR) and the placement it pays for
    amount: Mapped[float | None] = mapped_column(Numeric(16, 2))
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placements.id"))
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Complaint(Timestamped, Base):
    """A complaint about an agency (hook for the later cases work)."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("workers.id"), index=True)
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placements.id"))
    received_on: Mapped[date] = mapped_column(Date)
    #: e.g. failed_departure | illegal_fee | unpaid_wages | document_withheld | abuse | other
    category: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(12))  # open | resolved | dismissed
    summary: Mapped[str | None] = mapped_column(String(400))


class Employer(Timestamped, Base):
    """A foreign employer or partner company (mitra usaha / pemberi kerja)."""

    __tablename__ = "employers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    country_code: Mapped[str] = mapped_column(String(2), ForeignKey("countries.alpha2"))
    city: Mapped[str | None] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(12))  # household | company
    registration_no: Mapped[str | None] = mapped_column(String(40))


class JobOrder(Timestamped, Base):
    """A demand for workers (job order) an agency recruits for, for one employer."""

    __tablename__ = "job_orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    country_code: Mapped[str] = mapped_column(String(2), ForeignKey("countries.alpha2"))
    city: Mapped[str | None] = mapped_column(String(80))
    sector: Mapped[str] = mapped_column(String(12))  # formal | informal
    #: the job catalogue's type (e.g. domestic_worker, housekeeper, factory_operator);
    #: the rule files map job types to the exempt-cost list and to domestic work
    job_type: Mapped[str] = mapped_column(String(32))
    position: Mapped[str] = mapped_column(String(120))
    #: competence scheme the job requires (same vocabulary as competence_certificates.scheme)
    skill_scheme: Mapped[str | None] = mapped_column(String(12))
    #: language the job requires, ISO 639-1 (zh, ms, ko, ja, ar, en, de, ...)
    language: Mapped[str | None] = mapped_column(String(3))
    quota: Mapped[int] = mapped_column(Integer)
    salary_amount: Mapped[float] = mapped_column(Numeric(12, 2))
    salary_currency: Mapped[str] = mapped_column(String(3))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    #: filling status: open | filled | expired
    status: Mapped[str] = mapped_column(String(12))
    #: approval by the ministry: pending | approved | rejected | cancelled
    approval_status: Mapped[str] = mapped_column(
        String(12), default="approved", server_default="approved"
    )
    approved_on: Mapped[date | None] = mapped_column(Date)
    approved_by: Mapped[str | None] = mapped_column(String(80))


class JobOrderCost(Base):
    """One itemised cost of a job order and who bears it (UU 18/2017 Pasal 30;
    Peraturan BP2MI 9/2020)."""

    __tablename__ = "job_order_costs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_order_id: Mapped[int] = mapped_column(ForeignKey("job_orders.id"), index=True)
    #: air_ticket | visa | contract_legalisation | training | competence_certificate |
    #: agency_fee | passport | police_certificate | social_security | medical_check |
    #: local_transport | accommodation | other
    item: Mapped[str] = mapped_column(String(24))
    amount: Mapped[float] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3))
    charged_to: Mapped[str] = mapped_column(String(8))  # worker | employer | agency
