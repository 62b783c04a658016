"""Region scopes: which rows a reader may see, as an SQL condition on a region column.

A regional officer sees the rows whose region (a worker's origin village) lies in
their region's subtree; national roles see all; an agreement with a regional
restriction sees its listed regions' subtrees. Kemendagri codes are dotted
('35.09.01.2001'), so a subtree is "equal to the code, or starts with code + '.'".
The access gate decides the scope (:mod:`lindung.exchange.gate`); the reports ask it
for the SQL condition.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, false, or_, true

from lindung.domain.regions import level_of


class ScopeKind(StrEnum):
    ALL = "all"
    REGION = "region"
    NONE = "none"


def region_condition(column: Any, codes: Iterable[str]) -> ColumnElement[bool]:
    """Rows whose ``column`` lies in the subtree of any of ``codes`` (none: no rows)."""
    parts = [or_(column == code, column.startswith(code + ".", autoescape=True)) for code in codes]
    if not parts:
        return false()
    return or_(*parts)


def in_subtree(code: str, of: str) -> bool:
    """Is region ``code`` inside the subtree of region ``of``?"""
    return code == of or code.startswith(of + ".")


@dataclass(frozen=True, slots=True)
class RegionScope:
    """A region filter: everyone, one region's subtree, or no one."""

    kind: ScopeKind
    region_code: str | None = None
    region_name: str | None = None

    @property
    def level(self) -> int:
        """The level of the scope's region; 0 for the whole country."""
        return level_of(self.region_code) if self.region_code else 0

    def condition(self, column: Any) -> ColumnElement[bool]:
        """A WHERE condition on a region ``column`` selecting the rows in scope."""
        if self.kind is ScopeKind.ALL:
            return true()
        if self.kind is ScopeKind.NONE or self.region_code is None:
            return false()
        return region_condition(column, [self.region_code])

    @property
    def codes(self) -> tuple[str, ...] | None:
        """The region codes rows are restricted to; None when unrestricted."""
        if self.kind is ScopeKind.ALL:
            return None
        if self.kind is ScopeKind.REGION and self.region_code:
            return (self.region_code,)
        return ()


NATIONAL = RegionScope(ScopeKind.ALL)
NOTHING = RegionScope(ScopeKind.NONE)
