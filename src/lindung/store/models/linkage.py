"""Linkage inside the platform: runs, the links they found, reviewers' decisions, persons.

A record is named everywhere by its source (``registry``, ``border_crossings``,
``dpt_ln``, ``civil_registry``) and its key in that source (the internal integer
id of the stored row: ``workers.id`` or the partner table's ``id``). These tables
hold keys, probabilities and match weights, never a name, NIK or date: the
records themselves are read through the access gate.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
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


class LinkageRun(Base):
    """One run of one pairing: the model it used, its thresholds and what it found."""

    __tablename__ = "linkage_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pairing: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # full | incremental
    status: Mapped[str] = mapped_column(String(12))  # running | finished | failed
    model_version: Mapped[int] = mapped_column(Integer)
    model_sha256: Mapped[str] = mapped_column(String(64))
    retrained: Mapped[bool] = mapped_column(Boolean, default=False)
    link_threshold: Mapped[float] = mapped_column(Float)
    review_low: Mapped[float] = mapped_column(Float)
    review_high: Mapped[float] = mapped_column(Float)
    left_rows: Mapped[int] = mapped_column(Integer, default=0)
    right_rows: Mapped[int] = mapped_column(Integer, default=0)
    new_records: Mapped[int] = mapped_column(Integer, default=0)
    #: The highest record key of each side this run saw: a later incremental run of
    #: the pairing treats records above it as new even if another pairing gave them a
    #: person meanwhile.
    left_max_key: Mapped[int | None] = mapped_column(Integer)
    right_max_key: Mapped[int | None] = mapped_column(Integer)
    pairs: Mapped[int] = mapped_column(Integer, default=0)
    linked: Mapped[int] = mapped_column(Integer, default=0)
    review: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    persons: Mapped[int] = mapped_column(Integer, default=0)
    #: The reviewers' labels a retraining saw and whether it used them
    #: (:class:`lindung.linkage.labels.LabelUse`, counts only); None when the run
    #: used a saved model.
    training_labels: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(80))
    error: Mapped[str | None] = mapped_column(Text)


class RecordLink(Base):
    """A scored pair of records. ``current`` is false once a later full run of the
    pairing replaced it; ``model_accepts`` says whether the model alone links it
    (probability at or above the run's link threshold)."""

    __tablename__ = "record_links"
    __table_args__ = (
        Index("ix_record_links_pairing_current", "pairing", "current"),
        Index("ix_record_links_left", "left_source", "left_key"),
        Index("ix_record_links_right", "right_source", "right_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("linkage_runs.id"), index=True)
    pairing: Mapped[str] = mapped_column(String(40))
    left_source: Mapped[str] = mapped_column(String(40))
    left_key: Mapped[int] = mapped_column(Integer)
    right_source: Mapped[str] = mapped_column(String(40))
    right_key: Mapped[int] = mapped_column(Integer)
    match_probability: Mapped[float] = mapped_column(Float)
    match_weight: Mapped[float] = mapped_column(Float)
    #: Per comparison: {"level": label of the level reached, "weight": bits}.
    explanation: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(12), index=True)  # linked | review | rejected
    model_accepts: Mapped[bool] = mapped_column(Boolean)
    current: Mapped[bool] = mapped_column(Boolean, default=True)


class ReviewDecision(Base):
    """A reviewer's decision on a pair: kept as a label, and it overrides the model
    for that pair in every later run (the latest decision on a pair counts)."""

    __tablename__ = "review_decisions"
    __table_args__ = (
        Index("ix_review_decisions_pair", "left_source", "left_key", "right_source", "right_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("record_links.id"), index=True)
    pairing: Mapped[str] = mapped_column(String(40), index=True)
    left_source: Mapped[str] = mapped_column(String(40))
    left_key: Mapped[int] = mapped_column(Integer)
    right_source: Mapped[str] = mapped_column(String(40))
    right_key: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(12))  # match | non-match | unsure
    reason: Mapped[str] = mapped_column(Text)
    match_probability: Mapped[float] = mapped_column(Float)
    decided_by: Mapped[str] = mapped_column(String(80))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Person(Base):
    """A stable person identifier. A person merged into another keeps its row, with
    ``merged_into`` naming the survivor, so an old id still resolves."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    merged_into: Mapped[int | None] = mapped_column(ForeignKey("persons.id"))


class PersonRecord(Base):
    """Which person a record belongs to."""

    __tablename__ = "person_records"
    __table_args__ = (UniqueConstraint("source", "record_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(40))
    record_key: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
