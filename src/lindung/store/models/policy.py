"""Results of the policy engine: one row per evaluation run and one per finding.

A run evaluates the rules in force on ``as_of`` over some placements (all of them
for ``lindung policy check``); the agency scorecard, the placement page and later
the signals read the findings of the latest run instead of re-evaluating.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from lindung.store.models.base import Base, utcnow


class PolicyRun(Base):
    __tablename__ = "policy_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    as_of: Mapped[date] = mapped_column(Date)
    #: the rule set's version (e.g. the SHA-256 of the rule files evaluated)
    rules_version: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(40))  # all | placement:<id> | agency:<id>
    placements_checked: Mapped[int] = mapped_column(Integer)
    #: violations found (rules broken when a stage was entered)
    findings: Mapped[int] = mapped_column(Integer)
    #: blockers found (rules that would refuse a placement's next stage on ``as_of``)
    blockers: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(80))


class PolicyFinding(Base):
    """A rule that a placement broke (a violation) or that blocks its next stage (a
    blocker) as of the run's date, with its evidence."""

    __tablename__ = "policy_findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("policy_runs.id"), index=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    rule_id: Mapped[str] = mapped_column(String(60), index=True)
    severity: Mapped[str] = mapped_column(String(8))  # error | warning
    #: violation (broken when a stage was entered) | blocker (would refuse the next
    #: stage on the run's date); scorecards, rankings and counts use violations only
    kind: Mapped[str] = mapped_column(
        String(9), default="violation", server_default="violation", index=True
    )
    #: structured evidence: which document, which date, which amount (never free text
    #: with personal data; pages render it through the gate in the user's language)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON)
