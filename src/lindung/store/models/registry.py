"""The registry of people: workers, their identity documents, family, health,
competence and social security.

A worker is a person (identified by NIK) registered as a prospective or actual
migrant worker (CPMI/PMI). What the law asks of them before departure (UU 18/2017
Pasal 5 and 13) is kept here per person when it belongs to the person (passport,
health checks, competence certificates, social-security membership) and in
:mod:`lindung.store.models.placements` when it belongs to one placement
(Pasal 13 documents, orientation, events). Nothing is overwritten: corrections
are new rows or events.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from lindung.store.models.base import Base, Timestamped, utcnow


class Worker(Timestamped, Base):
    """A person registered as a (prospective) migrant worker."""

    __tablename__ = "workers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nik: Mapped[str] = mapped_column(String(16), unique=True)
    full_name: Mapped[str] = mapped_column(String(160))
    sex: Mapped[str] = mapped_column(String(1))  # M | F
    birth_date: Mapped[date] = mapped_column(Date)
    birth_place: Mapped[str | None] = mapped_column(String(80))
    origin_village_code: Mapped[str] = mapped_column(
        String(13), ForeignKey("regions.code"), index=True
    )
    #: single | married | divorced | widowed (a divorce counts only with a court deed)
    marital_status: Mapped[str] = mapped_column(String(12))
    #: none | sd | smp | sma | d3 | s1 | s2 (highest completed)
    education: Mapped[str | None] = mapped_column(String(12))
    phone: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(120))


class Passport(Base):
    """A passport of a worker (the newest valid one is the one in use)."""

    __tablename__ = "passports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"), index=True)
    number: Mapped[str] = mapped_column(String(12), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date)
    issuing_office: Mapped[str | None] = mapped_column(String(80))
    #: the two TD3 lines (88 characters) when captured from the document
    mrz: Mapped[str | None] = mapped_column(String(88))


class FamilyMember(Timestamped, Base):
    """A spouse or child of a worker; for a child under 18, who cares for them
    while the worker is abroad (RULES.md: child protection indicators)."""

    __tablename__ = "family_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"), index=True)
    relation: Mapped[str] = mapped_column(String(8))  # spouse | child
    full_name: Mapped[str] = mapped_column(String(160))
    nik: Mapped[str | None] = mapped_column(String(16), index=True)
    sex: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    #: for a spouse: the spouse's own worker record when they are a worker too
    spouse_worker_id: Mapped[int | None] = mapped_column(ForeignKey("workers.id"))
    caregiver_name: Mapped[str | None] = mapped_column(String(160))
    #: grandparent | other_parent | sibling | relative | other
    caregiver_relation: Mapped[str | None] = mapped_column(String(16))
    village_code: Mapped[str | None] = mapped_column(String(13), ForeignKey("regions.code"))


class HealthCheck(Timestamped, Base):
    """A medical or psychological examination (Pasal 5(c), Pasal 13(d))."""

    __tablename__ = "health_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(14))  # medical | psychological
    result: Mapped[str] = mapped_column(String(8))  # fit | unfit
    examined_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    facility: Mapped[str] = mapped_column(String(120))
    certificate_no: Mapped[str | None] = mapped_column(String(40))


class CompetenceCertificate(Timestamped, Base):
    """A work competence certificate from a BNSP-licensed body (LSP), Pasal 5(b)."""

    __tablename__ = "competence_certificates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"), index=True)
    #: skill scheme code, the same vocabulary as ``job_orders.skill_scheme`` (e.g. PLRT)
    scheme: Mapped[str] = mapped_column(String(12), index=True)
    certifying_body: Mapped[str] = mapped_column(String(120))
    number: Mapped[str] = mapped_column(String(40))
    issued_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)


class SocialSecurityMembership(Timestamped, Base):
    """Membership of BPJS Ketenagakerjaan (Pasal 5(d))."""

    __tablename__ = "social_security_memberships"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"), index=True)
    programme: Mapped[str] = mapped_column(String(24))  # bpjs_ketenagakerjaan
    membership_no: Mapped[str] = mapped_column(String(24))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class WorkerCorrection(Base):
    """One field of a worker changed by a correction: the value before and after,
    who, when and why (append-only: history is never overwritten). Old and new
    values are personal data, read only through the access gate."""

    __tablename__ = "worker_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    #: the value before and after as text (dates ISO); NULL for an empty value
    old_value: Mapped[str | None] = mapped_column(String(200))
    new_value: Mapped[str | None] = mapped_column(String(200))
    corrected_by: Mapped[str] = mapped_column(String(80))
    corrected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reason: Mapped[str] = mapped_column(String(400))
