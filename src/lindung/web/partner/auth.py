"""Bearer-token authentication and per-client rate limits for the partner API.

A refused token (missing, unknown, revoked, expired) is audited in its own
transaction before the 401 is sent; a request over the client's rate limit gets
429 with ``Retry-After`` (not audited: it exchanged nothing).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from lindung.errors import LindungError, Problem
from lindung.exchange.audit import Actor, AuditEvent, append
from lindung.exchange.clients import TokenRefused, authenticate
from lindung.exchange.principal import Principal
from lindung.exchange.ratelimit import RateLimiter
from lindung.web.security import get_database

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="partner_token",
    bearerFormat="lnd_<prefix>_<secret>",
    description="The client token issued by `lindung clients create` (shown once).",
)


class RateLimited(LindungError):
    """The client made more requests than its agreement's client may per minute."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = max(1, math.ceil(retry_after))
        super().__init__(
            "rate limit exceeded",
            [
                Problem(
                    "rate_limit",
                    "rate_limited",
                    f"Terlalu banyak permintaan; coba lagi setelah {self.retry_after} detik.",
                    f"Too many requests; retry after {self.retry_after} seconds.",
                )
            ],
        )


@dataclass(frozen=True)
class PartnerClient:
    """The authenticated client: its id, name, rate limit and the principal it reads as."""

    id: int
    name: str
    principal: Principal


def _audit_refused_token(request: Request, code: str, actor: str) -> None:
    with get_database(request).session() as session:
        append(
            session,
            AuditEvent(
                actor=Actor("client", actor),
                action="refused",
                decision="refused",
                reason=code,
                details={"path": request.scope.get("route_path", request.url.path)},
            ),
        )


def partner_client(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
) -> PartnerClient:
    """The client the bearer token belongs to; 401 (audited) or 429 otherwise."""
    token = credentials.credentials if credentials else None
    try:
        with get_database(request).session() as session:
            client, principal = authenticate(session, token)
            found = PartnerClient(client.id, client.name, principal)
            limit = client.rate_limit_per_minute
    except TokenRefused as refused:
        _audit_refused_token(request, refused.code, _actor_of(token))
        raise
    limiter: RateLimiter = request.app.state.partner_rate_limiter
    wait = limiter.take(found.id, limit)
    if wait > 0:
        raise RateLimited(wait)
    return found


def _actor_of(token: str | None) -> str:
    """The token's public prefix (never the secret), to tell refused callers apart."""
    parts = (token or "").split("_", 2)
    if len(parts) == 3 and parts[1].isalnum():
        return "prefix-" + parts[1][:8]
    return "anonymous"


CurrentClient = Annotated[PartnerClient, Depends(partner_client)]
