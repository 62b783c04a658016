"""Protection signals: runs, the signals they raise, where each is routed, its history.

A signal is an explained alert about one subject (a person, a worker, an agency, a
family member, a region, a PPLN). Its identity is ``(signal_type, subject_kind,
subject_key)``: a later run that finds the same subject again updates the row (new
evidence, new ``evidence_hash``) instead of raising a second one. ``evidence`` holds
record references (source and key), match probabilities, event dates, countries,
ages in whole years, years of birth, rule ids and thresholds; never a name, NIK,
passport number, full birth date, phone or address (pages and the partner API show
those from the referenced records through the access gate). See docs/signals.md.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from lindung.store.models.base import Base, utcnow


class SignalRun(Base):
    """One run of the detectors as of a date."""

    __tablename__ = "signal_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    as_of: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))  # running | finished | failed
    #: what the run read: {"policy_run": id, "linkage_runs": {pairing: id},
    #: "election_day": "2029-02-14", "inputs": {relation: rows}, ...}
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: per signal type: {"raised": n, "updated": n, "unchanged": n, "closed": n,
    #: "suppressed": n} (suppressed: dismissed before with the same evidence)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: per signal type not computed: {"reason": code, "missing": [relation, ...]}
    not_computed: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: aggregate tables with no personal data, e.g. {"ppln_coverage": [{...}, ...]}
    tables: Mapped[dict[str, Any]] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(80))
    error: Mapped[str | None] = mapped_column(Text)


class Signal(Base):
    """An explained alert about one subject, with its current status."""

    __tablename__ = "signals"
    __table_args__ = (
        UniqueConstraint("signal_type", "subject_kind", "subject_key"),
        Index("ix_signals_type_status", "signal_type", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    signal_type: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(8))  # high | medium | low
    #: person | worker | family_member | agency | region | ppln | record
    subject_kind: Mapped[str] = mapped_column(String(20))
    subject_key: Mapped[str] = mapped_column(String(80))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("workers.id"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    #: the region the signal belongs to (origin village when known, else a coarser
    #: code): routing to regions and regional officers' scope use it
    region_code: Mapped[str | None] = mapped_column(String(13), index=True)
    country_code: Mapped[str | None] = mapped_column(String(2))
    ppln: Mapped[str | None] = mapped_column(String(80))
    #: the record shown as the subject (source and key, read through the gate)
    primary_source: Mapped[str | None] = mapped_column(String(40))
    primary_key: Mapped[int | None] = mapped_column(Integer)
    risk_score: Mapped[float] = mapped_column(Float, default=0.0)
    #: [{"code": "...", "weight": w, "params": {...}}, ...]
    risk_reasons: Mapped[list[Any]] = mapped_column(JSON)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON)
    evidence_hash: Mapped[str] = mapped_column(String(64))
    #: new | in_review | confirmed | dismissed
    status: Mapped[str] = mapped_column(String(12), index=True)
    #: false once a later run no longer finds it (closed by the data, not by a person)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    first_run_id: Mapped[int] = mapped_column(ForeignKey("signal_runs.id"))
    last_run_id: Mapped[int] = mapped_column(ForeignKey("signal_runs.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SignalRoute(Base):
    """A signal delivered to an organisation under an agreement, for a purpose."""

    __tablename__ = "signal_routes"
    __table_args__ = (UniqueConstraint("signal_id", "organisation_id", "purpose"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    signal_id: Mapped[int] = mapped_column(ForeignKey("signals.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    #: None for KP2MI's own oversight (no agreement needed)
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id"))
    purpose: Mapped[str] = mapped_column(String(40))
    run_id: Mapped[int] = mapped_column(ForeignKey("signal_runs.id"))


class SignalEvent(Base):
    """The history of a signal, append-only: raised, updated, closed, reopened by a
    run; status changes by a person, with who and why."""

    __tablename__ = "signal_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    signal_id: Mapped[int] = mapped_column(ForeignKey("signals.id"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("signal_runs.id"))
    #: raised | updated | closed | reopened | status
    kind: Mapped[str] = mapped_column(String(12))
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str | None] = mapped_column(String(12))
    evidence_hash: Mapped[str | None] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(80))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
