"""Partner organisations and the agreements (MoU/PKS) that govern every exchange.

An agreement's terms live in immutable versions: a revision appends a version whose
``previous_hash`` is the hash of the version it revises, so the history of what was
agreed, and when, cannot be rewritten unnoticed. See docs/exchange.md.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lindung.store.models.base import Base, Timestamped, utcnow


class Organisation(Timestamped, Base):
    """KP2MI or one of its partners (ministry, agency, regional government, association)."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(24))
    region_code: Mapped[str | None] = mapped_column(String(13), ForeignKey("regions.code"))


class Agreement(Timestamped, Base):
    """An MoU or PKS between KP2MI and a partner; its terms are in :class:`AgreementVersion`."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(8))  # mou | pks
    partner_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    implements_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id"))
    status: Mapped[str] = mapped_column(String(12))  # draft active suspended expired terminated
    status_reason: Mapped[str | None] = mapped_column(Text)
    status_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AgreementVersion(Base):
    """One immutable set of terms of an agreement, chained to the version it revises."""

    __tablename__ = "agreement_versions"
    __table_args__ = (UniqueConstraint("agreement_id", "version_no"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    signed_on: Mapped[date] = mapped_column(Date)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    purposes: Mapped[list[str]] = mapped_column(JSON)
    lawful_basis: Mapped[str] = mapped_column(Text)
    region_codes: Mapped[list[str]] = mapped_column(JSON)  # empty: national
    fetch_mode: Mapped[str] = mapped_column(String(12))  # api | file_push | file_pull
    frequency: Mapped[str] = mapped_column(String(24))
    retention_days: Mapped[int] = mapped_column(Integer)
    document_sha256: Mapped[str] = mapped_column(String(64))
    previous_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))


class AgreementDataset(Base):
    """A dataset that flows under a version: direction and the treatment of each field.

    ``fields`` maps a field name to ``clear``, ``masked`` or ``pseudonym``; a field not
    listed does not flow.
    """

    __tablename__ = "agreement_datasets"
    __table_args__ = (UniqueConstraint("version_id", "dataset", "direction"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("agreement_versions.id"), index=True)
    dataset: Mapped[str] = mapped_column(String(40))
    direction: Mapped[str] = mapped_column(String(12))  # to_partner | from_partner
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
