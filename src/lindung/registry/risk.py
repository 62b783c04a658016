"""Risk ranking of agencies: one documented score, computed in SQL for all agencies
at once, with the reasons that make it up.

Score (docs/registry.md, "Risk score"), as of a day ``D``:

- **violations**: ``50 x error findings per placement + 10 x warning findings per
  placement`` (findings of the latest policy run over all placements; an agency
  without placements counts as one placement);
- **sanctions** decided in the 3 years up to ``D``: warning 2, deposit draw 4,
  suspension 8, revocation 15 each;
- **complaints** received in the 2 years up to ``D``: ``2 x complaints per 100
  placements`` (at least 100 placements in the denominator, so that a small agency
  is not ranked on one complaint);
- **licence** on ``D``: revoked 20, suspended 10, expired 10;
- **later signals** (:data:`SIGNALS`): each a weight times a count per agency.

Placements, findings and complaints are counted in the reader's region scope
(decided by the access gate; see :mod:`lindung.registry.gated`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Float, case, cast, func, select
from sqlalchemy.orm import Session

from lindung.exchange.principal import Principal
from lindung.exchange.scope import RegionScope
from lindung.registry.agencies import status_expression
from lindung.registry.gated import AnySelect, aggregate_scope, is_national, run_aggregate
from lindung.registry.scorecard import latest_run, scoped
from lindung.store.models import (
    Agency,
    AgencySanction,
    Complaint,
    JobOrder,
    Placement,
    PolicyFinding,
)

ERROR_WEIGHT = 50.0
WARNING_WEIGHT = 10.0
SANCTION_WEIGHTS = {"warning": 2.0, "deposit_draw": 4.0, "suspension": 8.0, "revocation": 15.0}
SANCTION_YEARS = 3
COMPLAINT_WEIGHT = 2.0
COMPLAINT_YEARS = 2
COMPLAINT_MIN_PLACEMENTS = 100
LICENCE_POINTS = {"revoked": 20.0, "suspended": 10.0, "expired": 10.0}


@dataclass(frozen=True)
class Signal:
    """A later signal source (hook): ``counts(on, scope)`` selects (agency_id, n)."""

    name: str
    weight: float
    title_id: str
    title_en: str
    counts: Any  # Callable[[date, RegionScope], AnySelect]


#: Signals added by later work (cases, protection signals); empty for now.
SIGNALS: list[Signal] = []


@dataclass(frozen=True)
class Reason:
    code: str
    points: float
    message_id: str
    message_en: str

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_id


@dataclass(frozen=True)
class RankedAgency:
    agency_id: int
    name: str
    licence_no: str
    status: str
    placements: int
    errors: int
    warnings: int
    sanctions: int
    complaints: int
    score: float
    reasons: tuple[Reason, ...]


def _placements(scope: RegionScope) -> AnySelect:
    statement = (
        select(JobOrder.agency_id.label("agency_id"), func.count(Placement.id).label("n"))
        .join(JobOrder, JobOrder.id == Placement.job_order_id)
        .group_by(JobOrder.agency_id)
    )
    return scoped(statement, scope, Placement.worker_id)


def _findings(run_id: int, scope: RegionScope) -> AnySelect:
    statement = (
        select(
            PolicyFinding.agency_id.label("agency_id"),
            func.sum(case((PolicyFinding.severity == "error", 1), else_=0)).label("errors"),
            func.sum(case((PolicyFinding.severity != "error", 1), else_=0)).label("warnings"),
        )
        .where(PolicyFinding.run_id == run_id, PolicyFinding.kind == "violation")
        .group_by(PolicyFinding.agency_id)
    )
    if not is_national(scope):
        statement = statement.join(Placement, Placement.id == PolicyFinding.placement_id)
    return scoped(statement, scope, Placement.worker_id)


def _sanctions(on: date) -> AnySelect:
    since = on - timedelta(days=365 * SANCTION_YEARS)
    points = case(
        *[(AgencySanction.kind == kind, w) for kind, w in SANCTION_WEIGHTS.items()], else_=0.0
    )
    return (
        select(
            AgencySanction.agency_id.label("agency_id"),
            func.count(AgencySanction.id).label("n"),
            func.sum(points).label("points"),
        )
        .where(AgencySanction.decided_on > since, AgencySanction.decided_on <= on)
        .group_by(AgencySanction.agency_id)
    )


def _complaints(on: date, scope: RegionScope) -> AnySelect:
    since = on - timedelta(days=365 * COMPLAINT_YEARS)
    statement = (
        select(Complaint.agency_id.label("agency_id"), func.count(Complaint.id).label("n"))
        .where(Complaint.received_on > since, Complaint.received_on <= on)
        .group_by(Complaint.agency_id)
    )
    return scoped(statement, scope, Complaint.worker_id)


def ranking_statement(on: date, scope: RegionScope, run_id: int | None) -> AnySelect:
    """One statement: every agency with its components and score, highest first."""
    placed = _placements(scope).subquery("placed")
    # no run yet: no findings (run ids start at 1)
    found = _findings(run_id if run_id is not None else 0, scope).subquery("found")
    sanctioned = _sanctions(on).subquery("sanctioned")
    complained = _complaints(on, scope).subquery("complained")
    extra = [(signal, signal.counts(on, scope).subquery(signal.name)) for signal in SIGNALS]
    n = func.coalesce(placed.c.n, 0)
    base = (
        select(
            Agency.id.label("agency_id"),
            Agency.name.label("name"),
            Agency.licence_no.label("licence_no"),
            status_expression(on).label("status"),
            n.label("placements"),
            func.coalesce(found.c.errors, 0).label("errors"),
            func.coalesce(found.c.warnings, 0).label("warnings"),
            func.coalesce(sanctioned.c.n, 0).label("sanctions"),
            func.coalesce(sanctioned.c.points, 0.0).label("sanction_points"),
            func.coalesce(complained.c.n, 0).label("complaints"),
            *[func.coalesce(sub.c.n, 0).label(f"signal_{s.name}") for s, sub in extra],
        )
        .outerjoin(placed, placed.c.agency_id == Agency.id)
        .outerjoin(found, found.c.agency_id == Agency.id)
        .outerjoin(sanctioned, sanctioned.c.agency_id == Agency.id)
        .outerjoin(complained, complained.c.agency_id == Agency.id)
    )
    for _signal, sub in extra:
        base = base.outerjoin(sub, sub.c.agency_id == Agency.id)
    rows = base.subquery("components")
    c = rows.c
    per = case((c.placements > 0, cast(c.placements, Float)), else_=1.0)
    complaint_base = case(
        (c.placements > COMPLAINT_MIN_PLACEMENTS, cast(c.placements, Float)),
        else_=float(COMPLAINT_MIN_PLACEMENTS),
    )
    licence = case(*[(c.status == s, p) for s, p in LICENCE_POINTS.items()], else_=0.0)
    score = (
        ERROR_WEIGHT * c.errors / per
        + WARNING_WEIGHT * c.warnings / per
        + c.sanction_points
        + COMPLAINT_WEIGHT * 100.0 * c.complaints / complaint_base
        + licence
    )
    for signal in SIGNALS:
        score = score + signal.weight * c[f"signal_{signal.name}"]
    statement: AnySelect = select(*c, score.label("score"))
    return statement.order_by(score.desc(), c.name, c.agency_id)


def rank_agencies(
    session: Session, principal: Principal, on: date | None = None, limit: int | None = None
) -> list[RankedAgency]:
    """Agencies by risk, highest first, with the reasons for each score."""
    day = on or date.today()
    scope = aggregate_scope(session, principal)
    run = latest_run(session)
    statement = ranking_statement(day, scope, run.id if run else None)
    if limit is not None:
        statement = statement.limit(limit)
    return [_ranked(row._mapping) for row in run_aggregate(session, statement)]


def _ranked(row: Any) -> RankedAgency:
    return RankedAgency(
        agency_id=int(row["agency_id"]),
        name=str(row["name"]),
        licence_no=str(row["licence_no"]),
        status=str(row["status"]),
        placements=int(row["placements"]),
        errors=int(row["errors"]),
        warnings=int(row["warnings"]),
        sanctions=int(row["sanctions"]),
        complaints=int(row["complaints"]),
        score=round(float(row["score"]), 2),
        reasons=tuple(reasons(row)),
    )


def reasons(row: Any) -> list[Reason]:
    """The parts of a ranked row's score that are not zero, largest first."""
    per = max(int(row["placements"]), 1)
    found: list[Reason] = []
    errors, warnings = int(row["errors"]), int(row["warnings"])
    if errors:
        rate = 100.0 * errors / per
        found.append(
            Reason(
                "violations.error",
                ERROR_WEIGHT * errors / per,
                f"{errors} pelanggaran berat pada {per} penempatan ({rate:.1f} per 100)",
                f"{errors} serious violations in {per} placements ({rate:.1f} per 100)",
            )
        )
    if warnings:
        found.append(
            Reason(
                "violations.warning",
                WARNING_WEIGHT * warnings / per,
                f"{warnings} peringatan aturan pada {per} penempatan",
                f"{warnings} rule warnings in {per} placements",
            )
        )
    if int(row["sanctions"]):
        found.append(
            Reason(
                "sanctions",
                float(row["sanction_points"]),
                f"{row['sanctions']} sanksi dalam {SANCTION_YEARS} tahun terakhir",
                f"{row['sanctions']} sanctions in the last {SANCTION_YEARS} years",
            )
        )
    if int(row["complaints"]):
        base = max(int(row["placements"]), COMPLAINT_MIN_PLACEMENTS)
        found.append(
            Reason(
                "complaints",
                COMPLAINT_WEIGHT * 100.0 * int(row["complaints"]) / base,
                f"{row['complaints']} pengaduan dalam {COMPLAINT_YEARS} tahun terakhir",
                f"{row['complaints']} complaints in the last {COMPLAINT_YEARS} years",
            )
        )
    status = str(row["status"])
    if status in LICENCE_POINTS:
        labels = {"revoked": "dicabut", "suspended": "ditangguhkan", "expired": "kedaluwarsa"}
        found.append(
            Reason(
                f"licence.{status}",
                LICENCE_POINTS[status],
                f"izin {labels[status]}",
                f"licence {status}",
            )
        )
    for signal in SIGNALS:
        count = int(row[f"signal_{signal.name}"])
        if count:
            found.append(
                Reason(
                    f"signal.{signal.name}",
                    signal.weight * count,
                    f"{count} {signal.title_id}",
                    f"{count} {signal.title_en}",
                )
            )
    return sorted(found, key=lambda r: -r.points)
