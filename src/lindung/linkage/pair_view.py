"""The two records of each stored link, side by side, as one selectable.

The review pages show personal data, so they read it through the access gate as
the declared dataset ``linkage_pairs`` (:mod:`lindung.exchange.linkage_datasets`),
whose rows come from this view: one row per ``record_links`` row, keyed by the
link id, with each side's record in the link-input shape (``left_full_name``,
``left_birth_date`` ... ``right_birth_place``) read from whichever source table
the side names, and ``region_code`` (the registry worker's village of origin, or
the civil-registry village) for regional scoping.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import and_, func, null, select
from sqlalchemy.orm import aliased

from lindung.linkage.sources import SHAPE, SOURCES
from lindung.store.models import RecordLink

SIDES = ("left", "right")


def _coalesce(expressions: list[Any]) -> Any:
    if not expressions:
        return null()
    if len(expressions) == 1:
        return expressions[0]
    return func.coalesce(*expressions)


@cache
def pair_view() -> Any:
    """The selectable (a subquery named ``linkage_pairs_view``)."""
    columns: list[Any] = [
        RecordLink.id.label("link_id"),
        RecordLink.left_source.label("left_source"),
        RecordLink.left_key.label("left_key"),
        RecordLink.right_source.label("right_source"),
        RecordLink.right_key.label("right_key"),
    ]
    joins: list[tuple[Any, Any]] = []
    regions: list[Any] = []
    for side in SIDES:
        source_column = getattr(RecordLink, f"{side}_source")
        key_column = getattr(RecordLink, f"{side}_key")
        entities = {}
        for name, source in SOURCES.items():
            entity = aliased(source.model, name=f"{side}_{name}")
            entities[name] = entity
            joins.append((entity, and_(source_column == name, entity.id == key_column)))
            if source.region is not None:
                regions.append(getattr(entity, source.region))
        for shape in SHAPE:
            found = [
                source.column(shape, entities[name])
                for name, source in SOURCES.items()
                if source.column(shape) is not None
            ]
            columns.append(_coalesce(found).label(f"{side}_{shape}"))
    columns.append(_coalesce(regions).label("region_code"))
    statement = select(*columns).select_from(RecordLink)
    for entity, condition in joins:
        statement = statement.outerjoin(entity, condition)
    return statement.subquery("linkage_pairs_view")
