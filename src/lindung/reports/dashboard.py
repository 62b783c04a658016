"""The dashboard's aggregates: set-based GROUP BY queries, on SQLite and PostgreSQL alike.

Every figure is restricted by a :class:`~lindung.reports.scope.RegionScope`, so a
regional officer's dashboard counts only workers from their region's subtree.
Workers by origin are grouped one level below the scope: provinces for the whole
country, districts (kecamatan) for a regency, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from lindung.reports.scope import RegionScope, ScopeKind
from lindung.store.models import Country, JobOrder, Placement, Region, Worker

#: Length of a dotted Kemendagri code at each level ('35', '35.09', '35.09.01', ...).
CODE_WIDTH = {1: 2, 2: 5, 3: 8, 4: 13}


@dataclass(frozen=True, slots=True)
class CountRow:
    """One group and its count; names in Indonesian and English (the same for regions)."""

    code: str
    name_id: str
    name_en: str
    count: int

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_id


@dataclass(frozen=True, slots=True)
class DashboardReport:
    """Everything the dashboard shows, for one scope."""

    scope: RegionScope
    origin_level: int
    total_workers: int = 0
    total_placements: int = 0
    by_origin: list[CountRow] = field(default_factory=list)
    by_destination: list[CountRow] = field(default_factory=list)
    by_status: list[CountRow] = field(default_factory=list)


def build_dashboard(session: Session, scope: RegionScope) -> DashboardReport:
    """The dashboard figures for ``scope`` (empty when the scope sees nothing)."""
    level = origin_level(scope)
    if scope.kind is ScopeKind.NONE:
        return DashboardReport(scope, level)
    by_status = placements_by_status(session, scope)
    return DashboardReport(
        scope=scope,
        origin_level=level,
        total_workers=count_workers(session, scope),
        total_placements=sum(row.count for row in by_status),
        by_origin=workers_by_origin(session, scope, level),
        by_destination=workers_by_destination(session, scope),
        by_status=by_status,
    )


def origin_level(scope: RegionScope) -> int:
    """The level to group origins at: one below the scope's region, villages at most."""
    return min(scope.level + 1, 4)


def count_workers(session: Session, scope: RegionScope) -> int:
    """Workers whose origin is in scope."""
    statement = select(func.count(Worker.id)).where(scope.worker_condition())
    return int(session.scalar(statement) or 0)


def workers_by_origin(session: Session, scope: RegionScope, level: int) -> list[CountRow]:
    """Workers in scope, grouped by their origin region at ``level`` (1 province .. 4 village)."""
    code = func.substr(Worker.origin_village_code, 1, CODE_WIDTH[level]).label("code")
    counts = (
        select(code, func.count(Worker.id).label("n"))
        .where(scope.worker_condition())
        .group_by(code)
        .subquery()
    )
    statement = (
        select(counts.c.code, Region.name, counts.c.n)
        .join(Region, Region.code == counts.c.code)
        .order_by(counts.c.n.desc(), counts.c.code)
    )
    return [CountRow(c, name, name, int(n)) for c, name, n in session.execute(statement)]


def workers_by_destination(session: Session, scope: RegionScope) -> list[CountRow]:
    """Workers in scope with a placement, counted once per destination country."""
    counts = (
        select(
            JobOrder.country_code.label("code"),
            func.count(distinct(Placement.worker_id)).label("n"),
        )
        .join(Placement, Placement.job_order_id == JobOrder.id)
        .join(Worker, Worker.id == Placement.worker_id)
        .where(scope.worker_condition())
        .group_by(JobOrder.country_code)
        .subquery()
    )
    statement = (
        select(counts.c.code, Country.name_id, Country.name_en, counts.c.n)
        .join(Country, Country.alpha2 == counts.c.code)
        .order_by(counts.c.n.desc(), counts.c.code)
    )
    return [
        CountRow(c, name_id, name_en, int(n))
        for c, name_id, name_en, n in session.execute(statement)
    ]


def placements_by_status(session: Session, scope: RegionScope) -> list[CountRow]:
    """Placements of workers in scope, by status (names are the status codes)."""
    n = func.count(Placement.id).label("n")
    statement = (
        select(Placement.status, n)
        .join(Worker, Worker.id == Placement.worker_id)
        .where(scope.worker_condition())
        .group_by(Placement.status)
        .order_by(n.desc(), Placement.status)
    )
    return [CountRow(s, s, s, int(count)) for s, count in session.execute(statement)]
