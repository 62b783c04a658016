"""The registry's first tables: workers, agencies, employers, job orders, placements.

These are the minimum the foundation needs (generated data and the first
dashboard); the registry issue extends them with documents, family, licence
history and the full lifecycle.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from lindung.store.models.base import Base, Timestamped


class Worker(Timestamped, Base):
    """A person registered as a (prospective) migrant worker."""

    __tablename__ = "workers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nik: Mapped[str] = mapped_column(String(16), unique=True)
    full_name: Mapped[str] = mapped_column(String(160))
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date] = mapped_column(Date)
    birth_place: Mapped[str | None] = mapped_column(String(80))
    origin_village_code: Mapped[str] = mapped_column(
        String(13), ForeignKey("regions.code"), index=True
    )
    marital_status: Mapped[str] = mapped_column(String(12))
    education: Mapped[str | None] = mapped_column(String(12))
    phone: Mapped[str | None] = mapped_column(String(20))


class Passport(Base):
    __tablename__ = "passports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"), index=True)
    number: Mapped[str] = mapped_column(String(12), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date)


class Agency(Timestamped, Base):
    """A placement agency (P3MI) and its SIP3MI licence."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    licence_no: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    licence_status: Mapped[str] = mapped_column(String(12))
    licence_valid_from: Mapped[date] = mapped_column(Date)
    licence_valid_to: Mapped[date] = mapped_column(Date)
    head_office_region_code: Mapped[str] = mapped_column(String(13), ForeignKey("regions.code"))


class Employer(Timestamped, Base):
    """A foreign employer or partner company (mitra usaha / pemberi kerja)."""

    __tablename__ = "employers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    country_code: Mapped[str] = mapped_column(String(2), ForeignKey("countries.alpha2"))
    city: Mapped[str | None] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(12))  # household | company


class JobOrder(Timestamped, Base):
    __tablename__ = "job_orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    country_code: Mapped[str] = mapped_column(String(2), ForeignKey("countries.alpha2"))
    sector: Mapped[str] = mapped_column(String(12))  # formal | informal
    job_type: Mapped[str] = mapped_column(String(32))
    position: Mapped[str] = mapped_column(String(120))
    quota: Mapped[int] = mapped_column(Integer)
    salary_amount: Mapped[float] = mapped_column(Numeric(12, 2))
    salary_currency: Mapped[str] = mapped_column(String(3))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))


class Placement(Timestamped, Base):
    """A worker in a job order, at a stage of the placement lifecycle."""

    __tablename__ = "placements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"), index=True)
    job_order_id: Mapped[int] = mapped_column(ForeignKey("job_orders.id"), index=True)
    status: Mapped[str] = mapped_column(String(24), index=True)
    registered_on: Mapped[date] = mapped_column(Date)
    departed_on: Mapped[date | None] = mapped_column(Date)
    returned_on: Mapped[date | None] = mapped_column(Date)
