"""The dashboard's aggregates: set-based GROUP BY queries, on SQLite and PostgreSQL alike.

Every figure is restricted by a :class:`~lindung.reports.scope.RegionScope` that the
access gate gave, and counted by the gate (``scoped_counts``), so a regional
officer's dashboard counts only workers from their region's subtree and no report
reads a personal-data table itself.
Workers by origin are grouped one level below the scope: provinces for the whole
country, districts (kecamatan) for a regency, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.exchange.gate import scoped_counts
from lindung.reports.scope import RegionScope, ScopeKind
from lindung.store.models import Country, Region

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
    return scoped_counts(session, scope, "workers").get(None, 0)


def _ordered(counts: dict[str | None, int]) -> list[tuple[str, int]]:
    return sorted(((str(c), n) for c, n in counts.items()), key=lambda item: (-item[1], item[0]))


def workers_by_origin(session: Session, scope: RegionScope, level: int) -> list[CountRow]:
    """Workers in scope, grouped by their origin region at ``level`` (1 province .. 4 village)."""
    counts = scoped_counts(session, scope, "workers", "origin_village_code", CODE_WIDTH[level])
    statement = select(Region.code, Region.name).where(Region.code.in_(list(counts)))
    names = {row.code: row.name for row in session.execute(statement)}
    return [CountRow(c, names[c], names[c], n) for c, n in _ordered(counts) if c in names]


def workers_by_destination(session: Session, scope: RegionScope) -> list[CountRow]:
    """Workers in scope with a placement, counted once per destination country."""
    counts = scoped_counts(
        session, scope, "placements", "destination_country", count_distinct="worker_id"
    )
    names = {
        code: (name_id, name_en)
        for code, name_id, name_en in session.execute(
            select(Country.alpha2, Country.name_id, Country.name_en).where(
                Country.alpha2.in_(list(counts))
            )
        )
    }
    return [CountRow(c, names[c][0], names[c][1], n) for c, n in _ordered(counts) if c in names]


def placements_by_status(session: Session, scope: RegionScope) -> list[CountRow]:
    """Placements of workers in scope, by status (names are the status codes)."""
    counts = scoped_counts(session, scope, "placements", "status")
    return [CountRow(s, s, s, n) for s, n in _ordered(counts)]
