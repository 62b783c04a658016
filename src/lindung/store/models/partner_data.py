"""Rows imported from partner files: one typed table per partner dataset.

Every row carries its provenance (the import that last wrote it, the source
organisation, the agreement, the file's SHA-256 and the row number in that file)
and a ``content_hash`` of its field values, so that a re-import can tell an
unchanged row from an updated one without comparing every column. Rows are keyed
by the dataset's natural key (see :mod:`lindung.exchange.partner_datasets`).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from lindung.store.models.base import Base


class Provenance:
    """Where a stored partner row came from (the last import that wrote it)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)

    @declared_attr
    def import_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("imports.id"))

    @declared_attr
    def source_organisation_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("organisations.id"))

    @declared_attr
    def agreement_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("agreements.id"))

    file_sha256: Mapped[str] = mapped_column(String(64))
    row_number: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(32))


class BorderCrossing(Provenance, Base):
    """A crossing of an Indonesian border checkpoint (Ditjen Imigrasi)."""

    __tablename__ = "border_crossings"

    record_id: Mapped[str] = mapped_column(String(40), unique=True)
    passport_number: Mapped[str] = mapped_column(String(9), index=True)
    name: Mapped[str] = mapped_column(String(160))
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))
    nationality: Mapped[str | None] = mapped_column(String(2))
    nik: Mapped[str | None] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(12))
    crossing_date: Mapped[date] = mapped_column(Date)
    checkpoint: Mapped[str] = mapped_column(String(80))
    origin_country: Mapped[str | None] = mapped_column(String(2))
    destination_country: Mapped[str | None] = mapped_column(String(2))


class DptLnEntry(Provenance, Base):
    """A voter on the overseas voter list (DPT LN), per PPLN (KPU/Bawaslu)."""

    __tablename__ = "dpt_ln_entries"

    record_id: Mapped[str] = mapped_column(String(40), unique=True)
    ppln: Mapped[str] = mapped_column(String(80))
    method: Mapped[str | None] = mapped_column(String(8))
    nik: Mapped[str | None] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(160))
    birth_place: Mapped[str | None] = mapped_column(String(80))
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))
    marital_status: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str | None] = mapped_column(String(300))


class CivilRegistryRecord(Provenance, Base):
    """A person in a Dukcapil civil-registry extract."""

    __tablename__ = "civil_registry_records"

    record_id: Mapped[str] = mapped_column(String(40), unique=True)
    nik: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(160))
    birth_place: Mapped[str | None] = mapped_column(String(80))
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))
    marital_status: Mapped[str | None] = mapped_column(String(16))
    family_card_number: Mapped[str | None] = mapped_column(String(16))
    family_relationship: Mapped[str | None] = mapped_column(String(20))
    village_code: Mapped[str | None] = mapped_column(String(13))
    address: Mapped[str | None] = mapped_column(String(300))


class TrainingCertificate(Provenance, Base):
    """A training/competence certificate (LSP, after LPK/BLK training)."""

    __tablename__ = "training_certificates"

    record_id: Mapped[str] = mapped_column(String(40), unique=True)
    certificate_number: Mapped[str] = mapped_column(String(60))
    scheme_code: Mapped[str] = mapped_column(String(12))
    scheme: Mapped[str | None] = mapped_column(String(120))
    certification_body: Mapped[str | None] = mapped_column(String(120))
    training_institution: Mapped[str | None] = mapped_column(String(120))
    association: Mapped[str | None] = mapped_column(String(40))
    holder_name: Mapped[str] = mapped_column(String(160))
    holder_nik: Mapped[str | None] = mapped_column(String(16), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)


class ConsularRegistration(Provenance, Base):
    """A citizen's registration (lapor diri) with an Indonesian mission abroad: workers,
    and residents (students, spouses...) too; ``job_type`` is what they do there
    (lindung.domain.consular)."""

    __tablename__ = "consular_registrations"

    registration_number: Mapped[str] = mapped_column(String(40), unique=True)
    mission: Mapped[str] = mapped_column(String(80))
    country: Mapped[str] = mapped_column(String(2))
    nik: Mapped[str | None] = mapped_column(String(16), index=True)
    passport_number: Mapped[str | None] = mapped_column(String(9))
    name: Mapped[str] = mapped_column(String(160))
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))
    employer_name: Mapped[str | None] = mapped_column(String(160))
    job_type: Mapped[str | None] = mapped_column(String(60))
    address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(20))
    registered_on: Mapped[date] = mapped_column(Date)
