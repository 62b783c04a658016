"""Who is asking: a signed-in user or a partner's API client."""

from __future__ import annotations

from dataclasses import dataclass

from lindung.exchange.audit import Actor


@dataclass(frozen=True)
class Principal:
    """The party a read is decided for.

    A user carries a role and, for a regional officer, a region code; a partner user
    and an API client act for an organisation under its agreements (a client under
    exactly one, ``agreement_number``).
    """

    kind: str  # user | client | cli
    name: str
    role: str | None = None
    region_code: str | None = None
    organisation_id: int | None = None
    agreement_number: str | None = None

    @property
    def actor(self) -> Actor:
        return Actor(self.kind, self.name)
