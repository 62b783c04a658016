"""The audit log: append-only, each entry holding the hash of the one before it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lindung.store.models.base import Base


class AuditEntry(Base):
    """Who did or read what, under which agreement or role, allowed or refused."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor_kind: Mapped[str] = mapped_column(String(12))  # user | client | system | cli
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(24), index=True)
    dataset: Mapped[str | None] = mapped_column(String(40))
    purpose: Mapped[str | None] = mapped_column(String(40))
    agreement_number: Mapped[str | None] = mapped_column(String(80))
    fields: Mapped[list[str]] = mapped_column(JSON)
    decision: Mapped[str | None] = mapped_column(String(8))  # allowed | refused
    reason: Mapped[str | None] = mapped_column(String(40))
    row_count: Mapped[int | None] = mapped_column(Integer)
    request_hash: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditSubject(Base):
    """Which subjects (e.g. workers) an audit entry touched: 'who looked at me, and why'."""

    __tablename__ = "audit_subjects"

    audit_id: Mapped[int] = mapped_column(ForeignKey("audit_log.id"), primary_key=True)
    subject_kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class AuditChainHead(Base):
    """A single row holding the newest entry; updating it serialises appends."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
