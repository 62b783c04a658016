"""Reference data: Kemendagri regions, countries, and what was loaded when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from lindung.store.models.base import Base, utcnow


class Region(Base):
    """A Kemendagri administrative region (province, regency/city, district, village).

    ``code`` is the dotted Kemendagri code ('35.09.01.2001'); ``search_name`` is the
    name folded for search (lower case, without the 'Kabupaten'/'Kota' prefix).
    Population is known for provinces and regencies only.
    """

    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(13), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    level: Mapped[int] = mapped_column(SmallInteger)
    kind: Mapped[str] = mapped_column(String(12))
    parent_code: Mapped[str | None] = mapped_column(
        String(13), ForeignKey("regions.code"), index=True
    )
    search_name: Mapped[str] = mapped_column(String(120), index=True)
    population_male: Mapped[int | None] = mapped_column(Integer)
    population_female: Mapped[int | None] = mapped_column(Integer)
    population_total: Mapped[int | None] = mapped_column(Integer)


class Country(Base):
    """An ISO 3166-1 country, with its Indonesian name and whether PMI are placed there."""

    __tablename__ = "countries"

    alpha2: Mapped[str] = mapped_column(String(2), primary_key=True)
    alpha3: Mapped[str] = mapped_column(String(3), unique=True)
    name_en: Mapped[str] = mapped_column(String(100))
    name_id: Mapped[str] = mapped_column(String(100))
    is_destination: Mapped[bool] = mapped_column(Boolean, default=False)


class ReferenceDataset(Base):
    """Which version (SHA-256) of a shipped reference dataset is loaded."""

    __tablename__ = "reference_datasets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
