"""Vocational training: providers (LPK/BLK, members of HIPKI or PELITA Indonesia),
their programmes, and the enrolments of prospective workers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from lindung.store.models.base import Base, Timestamped


class TrainingProvider(Timestamped, Base):
    __tablename__ = "training_providers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(8))  # lpk | blk
    licence_no: Mapped[str | None] = mapped_column(String(40), unique=True)
    region_code: Mapped[str] = mapped_column(String(13), ForeignKey("regions.code"), index=True)
    #: the vocational association it belongs to: HIPKI | PELITA | none
    association: Mapped[str | None] = mapped_column(String(12))


class TrainingProgramme(Timestamped, Base):
    __tablename__ = "training_programmes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("training_providers.id"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    #: the competence scheme it prepares for (competence_certificates.scheme vocabulary)
    skill_scheme: Mapped[str] = mapped_column(String(12), index=True)
    #: the language taught, ISO 639-1, when it is a language course or includes one
    language: Mapped[str | None] = mapped_column(String(3))
    hours: Mapped[int] = mapped_column(Integer)


class Enrolment(Timestamped, Base):
    __tablename__ = "enrolments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programmes.id"), index=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"), index=True)
    enrolled_on: Mapped[date] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))  # enrolled | completed | dropped
    #: final assessment score 0-100 when completed
    score: Mapped[float | None] = mapped_column(Numeric(5, 2))
