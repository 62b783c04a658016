"""Imports of partner files and the rows they quarantined.

An ``imports`` row records one run: the file's hash and format, the agreement it
came under, and the reconciliation ``rows_received = inserted + updated +
unchanged + quarantined``. It is written in the same transaction as the rows, so
a committed import is complete; a failed one is recorded afterwards without data.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lindung.store.models.base import Base, utcnow


class Import(Base):
    """One import of one partner file into one dataset."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dataset: Mapped[str] = mapped_column(String(40), index=True)
    #: The uploaded file's name; may say something about a person, so it is shown
    #: to officers but never logged.
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_size: Mapped[int] = mapped_column(BigInteger, default=0)
    format: Mapped[str] = mapped_column(String(8))  # csv | xlsx | parquet | jsonl
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id"))
    source_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(12))  # running | committed | failed
    rows_received: Mapped[int] = mapped_column(Integer, default=0)
    inserted: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    quarantined: Mapped[int] = mapped_column(Integer, default=0)
    actor: Mapped[str] = mapped_column(String(80))
    #: File-level problems and warnings: [{field, code, message_id, message_en}].
    problems: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    #: Quarantine reasons counted: [{field, code, count}].
    problem_counts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    #: Why a failed import failed (no personal data).
    error: Mapped[str | None] = mapped_column(Text)


class ImportQuarantine(Base):
    """A row that failed validation: its values as received and every reason."""

    __tablename__ = "import_quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id"), index=True)
    row_number: Mapped[int] = mapped_column(Integer)
    raw: Mapped[dict[str, Any]] = mapped_column(JSON)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
