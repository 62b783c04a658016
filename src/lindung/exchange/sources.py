"""How the gate turns a declared dataset into SQL.

A :class:`~lindung.exchange.datasets.DatasetSpec`'s ``model`` is either a mapped
class (each field a column attribute of the same name) or a selectable such as a
subquery (each field a column of the same name). Everything the gate runs is built
here, from the spec alone, so any declared dataset (registry or partner) is read the
same way. Only the gate and the store's own code call these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, distinct, func, inspect, select
from sqlalchemy.orm import Session

from lindung.exchange.datasets import DatasetSpec
from lindung.exchange.guard import gate_context
from lindung.exchange.scope import region_condition


def column(spec: DatasetSpec, name: str) -> Any:
    """The SQL column of field (or column) ``name`` of ``spec``."""
    model = spec.model
    columns = getattr(model, "c", None)
    if columns is not None:
        return columns[name]
    return getattr(model, name)


def key_column(spec: DatasetSpec) -> Any:
    """The column rows are ordered and paged by (the primary key)."""
    model = spec.model
    if hasattr(model, "__mapper__"):
        return inspect(model).primary_key[0]
    primary = [c for c in model.c if c.primary_key]
    return primary[0] if primary else column(spec, "id")


def personal_columns(spec: DatasetSpec) -> list[Any]:
    """The columns of ``spec``'s personal fields."""
    return [column(spec, f.name) for f in spec.fields if f.personal]


def region_filter(spec: DatasetSpec, codes: Sequence[str] | None) -> ColumnElement[bool] | None:
    """The WHERE condition restricting rows to ``codes`` (None: no restriction)."""
    if codes is None:
        return None
    if spec.region_field is None:
        raise ValueError(f"dataset {spec.name} has no region field to restrict by")
    return region_condition(column(spec, spec.region_field), codes)


@dataclass(frozen=True)
class Match:
    """A condition on one declared field of a dataset: ``eq`` (equal), ``in`` (one of
    a list) or ``contains`` (case-insensitive substring of a text field)."""

    field: str
    value: Any
    op: str = "eq"


def match_condition(spec: DatasetSpec, match: Match) -> ColumnElement[bool]:
    """The WHERE condition of ``match`` on ``spec`` (its field must be declared)."""
    target = column(spec, spec.field(match.field).name)
    if match.op == "eq":
        return target == match.value  # type: ignore[no-any-return]
    if match.op == "in":
        return target.in_(list(match.value))  # type: ignore[no-any-return]
    if match.op == "contains":
        lowered: ColumnElement[bool] = func.lower(target).contains(
            str(match.value).lower(), autoescape=True
        )
        return lowered
    raise ValueError(f"unknown match operator {match.op!r}")


def rows_query(
    spec: DatasetSpec,
    fields: Sequence[str],
    codes: Sequence[str] | None,
    after: Any = None,
    limit: int = 100,
    offset: int = 0,
    where: Sequence[Match] = (),
    condition: ColumnElement[bool] | None = None,
    order_by: Sequence[str] = (),
) -> Select[Any]:
    """SELECT key, subject and ``fields`` of the rows in scope (and matching every
    ``where`` condition and the dataset's row ``condition``), in key order, or by
    ``order_by`` (field names, ``-`` first for descending) then key."""
    key = key_column(spec).label("_key")
    parts: list[Any] = [key]
    if spec.subject_field:
        parts.append(column(spec, spec.subject_field).label("_subject"))
    parts += [column(spec, name).label(name) for name in fields]
    ordering = [_ordered(spec, name) for name in order_by]
    chosen = select(key_column(spec))
    region = region_filter(spec, codes)
    if region is not None:
        chosen = chosen.where(region)
    if condition is not None:
        chosen = chosen.where(condition)
    for match in where:
        chosen = chosen.where(match_condition(spec, match))
    if after is not None:
        chosen = chosen.where(key_column(spec) > after)
    chosen = chosen.order_by(*ordering, key_column(spec)).limit(limit).offset(offset)
    if not ordering:
        return chosen.with_only_columns(*parts)
    # Sorted pages pick their keys first, then read the fields of those rows only:
    # a view's joins (e.g. to the records holding a subject's name) then run for one
    # page, not for every row the sort has to look at.
    keys = chosen.correlate(None).scalar_subquery()
    statement = select(*parts).where(key_column(spec).in_(keys))
    return statement.order_by(*ordering, key_column(spec))


def _ordered(spec: DatasetSpec, name: str) -> Any:
    descending = name.startswith("-")
    target = column(spec, spec.field(name.lstrip("-")).name)
    return target.desc() if descending else target.asc()


def count_query(
    spec: DatasetSpec,
    codes: Sequence[str] | None,
    group_by: str | None = None,
    prefix: int | None = None,
    count_distinct: str | None = None,
    condition: ColumnElement[bool] | None = None,
) -> Select[Any]:
    """Rows in scope counted by ``group_by`` (its first ``prefix`` characters, for
    region codes); one total when ``group_by`` is None."""
    counted = (
        func.count(distinct(column(spec, count_distinct)))
        if count_distinct
        else func.count(key_column(spec))
    )
    if group_by is None:
        statement = select(func.count(key_column(spec)) if not count_distinct else counted)
        key: Any = None
    else:
        key = column(spec, group_by)
        if prefix is not None:
            key = func.substr(key, 1, prefix)
        key = key.label("code")
        statement = select(key, counted.label("n"))
    region = region_filter(spec, codes)
    if region is not None:
        statement = statement.where(region)
    if condition is not None:
        statement = statement.where(condition)
    if key is not None:
        statement = statement.group_by(key)
    return statement


def run_counts(
    session: Session,
    spec: DatasetSpec,
    codes: Sequence[str] | None,
    group_by: str | None = None,
    prefix: int | None = None,
    count_distinct: str | None = None,
    condition: ColumnElement[bool] | None = None,
) -> dict[str | None, int]:
    """Counts in scope (see :func:`count_query`), run under the gate's mark."""
    statement = count_query(spec, codes, group_by, prefix, count_distinct, condition)
    with gate_context("aggregate"):
        if group_by is None:
            return {None: int(session.scalar(statement) or 0)}
        return {code: int(n) for code, n in session.execute(statement)}
