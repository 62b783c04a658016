"""Which workers a user's figures may include: everyone, one region's subtree, or no one.

This is the region part of the access policy (DESIGN.md): a regional officer sees
workers whose origin village lies in their region's subtree, national roles see
all, and a partner user sees nothing here until its agreement (PKS) says what it
may see. When the access-policy module exists this decision moves there; the
reports keep asking a :class:`RegionScope` for its SQL condition.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ColumnElement, false, or_, true
from sqlalchemy.orm import Session

from lindung.domain.regions import level_of
from lindung.store.models import Region, Role, User, Worker


class ScopeKind(StrEnum):
    ALL = "all"
    REGION = "region"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class RegionScope:
    """A region filter on workers' origin villages."""

    kind: ScopeKind
    region_code: str | None = None
    region_name: str | None = None

    @property
    def level(self) -> int:
        """The level of the scope's region; 0 for the whole country."""
        return level_of(self.region_code) if self.region_code else 0

    def worker_condition(self) -> ColumnElement[bool]:
        """A WHERE condition on :class:`Worker` selecting the workers in scope."""
        if self.kind is ScopeKind.ALL:
            return true()
        if self.kind is ScopeKind.NONE or self.region_code is None:
            return false()
        column = Worker.origin_village_code
        return or_(
            column == self.region_code,
            column.startswith(self.region_code + ".", autoescape=True),
        )


NATIONAL = RegionScope(ScopeKind.ALL)
NOTHING = RegionScope(ScopeKind.NONE)


def scope_for(session: Session, user: User) -> RegionScope:
    """The scope of ``user``'s role (and region, for a regional officer)."""
    role = Role(user.role)
    if role in (Role.NATIONAL_ADMIN, Role.NATIONAL_ANALYST):
        return NATIONAL
    if role is Role.REGIONAL_OFFICER and user.region_code:
        region = session.get(Region, user.region_code)
        if region is not None:
            return RegionScope(ScopeKind.REGION, region.code, region.name)
    return NOTHING
