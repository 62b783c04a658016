"""Regions as stored: lookup by code, children, ancestors, search by name."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from lindung.domain.regions import fold_name, fold_text, normalise_code, parent_of
from lindung.errors import NotFound
from lindung.store.models import Region


def get_region(session: Session, code: str) -> Region:
    """The region with a dotted or undotted Kemendagri code."""
    dotted = normalise_code(code)
    region = session.get(Region, dotted)
    if region is None:
        raise NotFound(f"no region with code {dotted}")
    return region


def children(session: Session, code: str | None) -> list[Region]:
    """Direct children of a region; ``None`` lists the provinces."""
    parent = normalise_code(code) if code is not None else None
    condition = Region.parent_code.is_(None) if parent is None else Region.parent_code == parent
    return list(session.scalars(select(Region).where(condition).order_by(Region.code)))


def ancestors(session: Session, code: str) -> list[Region]:
    """From the province down to the parent of ``code``."""
    codes = []
    parent = parent_of(get_region(session, code).code)
    while parent is not None:
        codes.append(parent)
        parent = parent_of(parent)
    found = session.scalars(select(Region).where(Region.code.in_(codes))).all()
    return sorted(found, key=lambda r: r.level)


def search(session: Session, query: str, level: int | None = None, limit: int = 20) -> list[Region]:
    """Regions whose name starts with ``query``, ignoring case, punctuation and the
    'Kabupaten'/'Kab.'/'Kota'/... prefix; exact names first, then broader regions."""
    kind, stripped = fold_name(query)
    whole = fold_text(query)
    if not whole:
        return []
    condition = Region.search_name.startswith(whole, autoescape=True)
    if kind is not None:
        condition = or_(
            condition,
            (Region.kind == kind) & Region.search_name.startswith(stripped, autoescape=True),
        )
    statement = select(Region).where(condition)
    if level is not None:
        statement = statement.where(Region.level == level)
    exact = Region.search_name.in_({whole, stripped})
    statement = statement.order_by(exact.desc(), Region.level, Region.code).limit(limit)
    return list(session.scalars(statement))
