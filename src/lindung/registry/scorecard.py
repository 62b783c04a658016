"""An agency's scorecard: placements by stage, rule violations by rule, complaints,
licence history and sanctions.

Counts over personal tables (placements, policy findings, complaints) are
aggregates in the reader's region scope, decided by the access gate
(:mod:`lindung.registry.gated`): a regional officer sees the counts of workers
from their region only. Violations come from the latest policy run over all
placements (``policy_runs.scope = 'all'``); the scorecard never re-evaluates rules.
The risk ranking over all agencies is in :mod:`lindung.registry.risk`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from lindung.exchange.principal import Principal
from lindung.exchange.scope import RegionScope
from lindung.registry.agencies import branches, get_agency, licence_history, licence_status_on
from lindung.registry.gated import AnySelect, aggregate_scope, is_national, run_aggregate
from lindung.registry.sanctions import ledger
from lindung.store.models import (
    Agency,
    AgencyBranch,
    AgencyLicenceEvent,
    AgencySanction,
    Complaint,
    JobOrder,
    Placement,
    PolicyFinding,
    PolicyRun,
    Worker,
)


@dataclass(frozen=True)
class RuleCount:
    rule_id: str
    severity: str
    count: int


@dataclass
class Scorecard:
    """What the agency page shows; counts are within ``scope``."""

    agency: Agency
    status_today: str
    scope: RegionScope
    placements_by_stage: dict[str, int]
    findings: list[RuleCount]
    run: PolicyRun | None
    complaints: dict[tuple[str, str], int]
    licence_events: list[AgencyLicenceEvent]
    sanctions: list[AgencySanction]
    branches: list[tuple[AgencyBranch, str]] = field(default_factory=list)

    @property
    def placements(self) -> int:
        return sum(self.placements_by_stage.values())


def latest_run(session: Session, as_of: date | None = None) -> PolicyRun | None:
    """The latest policy run over all placements (as of ``as_of`` or earlier, if given)."""
    statement = select(PolicyRun).where(PolicyRun.scope == "all")
    if as_of is not None:
        statement = statement.where(PolicyRun.as_of <= as_of)
    return session.scalar(statement.order_by(PolicyRun.id.desc()).limit(1))


def scoped(statement: AnySelect, scope: RegionScope, worker_id: Any) -> AnySelect:
    """``statement`` restricted to workers whose origin lies in ``scope``."""
    if is_national(scope):
        return statement
    condition: ColumnElement[bool] = scope.condition(Worker.origin_village_code)
    return statement.join(Worker, Worker.id == worker_id).where(condition)


def placements_by_stage(session: Session, agency_id: int, scope: RegionScope) -> dict[str, int]:
    statement = (
        select(Placement.status, func.count(Placement.id))
        .join(JobOrder, JobOrder.id == Placement.job_order_id)
        .where(JobOrder.agency_id == agency_id)
        .group_by(Placement.status)
    )
    rows = run_aggregate(session, scoped(statement, scope, Placement.worker_id))
    return {status: int(n) for status, n in rows}


def findings_by_rule(
    session: Session, agency_id: int, scope: RegionScope, run: PolicyRun | None
) -> list[RuleCount]:
    if run is None:
        return []
    statement = (
        select(PolicyFinding.rule_id, PolicyFinding.severity, func.count(PolicyFinding.id))
        .where(
            PolicyFinding.run_id == run.id,
            PolicyFinding.agency_id == agency_id,
            PolicyFinding.kind == "violation",
        )
        .group_by(PolicyFinding.rule_id, PolicyFinding.severity)
    )
    if not is_national(scope):
        statement = statement.join(Placement, Placement.id == PolicyFinding.placement_id)
    rows = run_aggregate(session, scoped(statement, scope, Placement.worker_id))
    counts = [RuleCount(rule, severity, int(n)) for rule, severity, n in rows]
    return sorted(counts, key=lambda c: (c.severity != "error", -c.count, c.rule_id))


def complaints_by_kind(
    session: Session, agency_id: int, scope: RegionScope
) -> dict[tuple[str, str], int]:
    """Complaints about the agency by (category, status); in a regional scope, those
    of workers from the region."""
    statement = (
        select(Complaint.category, Complaint.status, func.count(Complaint.id))
        .where(Complaint.agency_id == agency_id)
        .group_by(Complaint.category, Complaint.status)
    )
    rows = run_aggregate(session, scoped(statement, scope, Complaint.worker_id))
    return {(category, status): int(n) for category, status, n in rows}


def scorecard(
    session: Session, principal: Principal, agency_id: int, today: date | None = None
) -> Scorecard:
    """The agency's scorecard as ``principal`` may see it."""
    day = today or date.today()
    agency = get_agency(session, agency_id)
    scope = aggregate_scope(session, principal)
    run = latest_run(session)
    return Scorecard(
        agency=agency,
        status_today=licence_status_on(session, agency_id, day),
        scope=scope,
        placements_by_stage=placements_by_stage(session, agency_id, scope),
        findings=findings_by_rule(session, agency_id, scope, run),
        run=run,
        complaints=complaints_by_kind(session, agency_id, scope),
        licence_events=licence_history(session, agency_id),
        sanctions=ledger(session, agency_id),
        branches=branches(session, agency_id),
    )
