"""Which workers a user's figures may include: everyone, one region's subtree, or no one.

The decision belongs to the access gate (:mod:`lindung.exchange.gate`); this module
keeps the reports' names for it. A regional officer sees workers whose origin
village lies in their region's subtree, national roles see all, and a partner user
sees nothing here (partners' figures come from ``AccessGate.aggregate`` under their
agreement, with small cells suppressed).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from lindung.exchange.gate import principal_for_user, region_scope
from lindung.exchange.scope import NATIONAL, NOTHING, RegionScope, ScopeKind
from lindung.store.models import User

__all__ = ["NATIONAL", "NOTHING", "RegionScope", "ScopeKind", "scope_for"]


def scope_for(session: Session, user: User) -> RegionScope:
    """The scope of ``user``'s role (and region, for a regional officer), from the gate."""
    principal = principal_for_user(user)
    if principal.role == "partner_user":
        return NOTHING
    return region_scope(session, principal)
