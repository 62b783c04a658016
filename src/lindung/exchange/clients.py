"""Partner API clients: create, rotate, revoke, and authenticate a bearer token.

A token is ``lnd_<prefix>_<secret>``: an 8-character public prefix (finds the row)
and a 43-character secret (256 random bits, base64url). Only the SHA-256 of the
whole token is stored; it is shown once, when created or rotated. A client acts
under exactly one agreement; the gate decides every read under that agreement.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.errors import AuthenticationError, NotFound, Problem
from lindung.exchange.audit import Actor, AuditEvent, append
from lindung.exchange.principal import Principal
from lindung.store.models import Agreement, ApiClient

TOKEN_PREFIX = "lnd"  # noqa: S105 - the public scheme marker, not a secret
_ALPHABET = string.ascii_lowercase + string.digits
DEFAULT_RATE_LIMIT = 60


class TokenRefused(AuthenticationError):
    """A bearer token is missing, unknown, revoked or expired; ``code`` says which."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {
        "token_missing": (
            "Token akses tidak ada (header Authorization: Bearer ...).",
            "No access token (Authorization: Bearer ... header).",
        ),
        "token_unknown": ("Token akses tidak dikenal.", "The access token is not known."),
        "token_revoked": ("Token akses sudah dicabut.", "The access token has been revoked."),
        "token_expired": (
            "Token akses sudah kedaluwarsa.",
            "The access token has expired.",
        ),
    }

    def __init__(self, code: str) -> None:
        self.code = code
        indonesian, english = self.MESSAGES[code]
        super().__init__(english, [Problem("authorization", code, indonesian, english)])


@dataclass(frozen=True)
class IssuedToken:
    """A client and its token, which is shown this once and never stored."""

    client: ApiClient
    token: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _new_token() -> tuple[str, str]:
    prefix = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    secret = secrets.token_urlsafe(32)  # 32 bytes -> 43 characters
    return prefix, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:  # SQLite returns naive UTC
        return value.replace(tzinfo=UTC)
    return value


def _audit(session: Session, actor: str, action: str, client: ApiClient, number: str) -> None:
    append(
        session,
        AuditEvent(
            actor=Actor("cli", actor),
            action="change",
            agreement_number=number,
            details={"what": f"api_client.{action}", "client_id": client.id, "name": client.name},
        ),
    )


def create_client(
    session: Session,
    agreement_number: str,
    name: str,
    created_by: str = "cli",
    expires_days: int | None = None,
    rate_limit: int = DEFAULT_RATE_LIMIT,
    rotated_from: ApiClient | None = None,
) -> IssuedToken:
    """A new client bound to agreement ``agreement_number``; the token is in the result."""
    agreement = session.scalars(
        select(Agreement).where(Agreement.number == agreement_number)
    ).first()
    if agreement is None:
        raise NotFound(f"no agreement numbered {agreement_number!r}")
    prefix, token = _new_token()
    client = ApiClient(
        name=name,
        agreement_id=agreement.id,
        token_prefix=prefix,
        token_hash=hash_token(token),
        created_at=now(),
        created_by=created_by,
        expires_at=now() + timedelta(days=expires_days) if expires_days else None,
        rate_limit_per_minute=rate_limit,
        rotated_from_id=rotated_from.id if rotated_from else None,
    )
    session.add(client)
    session.flush()
    _audit(session, created_by, "rotate" if rotated_from else "create", client, agreement.number)
    return IssuedToken(client, token)


def get_client(session: Session, client_id: int) -> ApiClient:
    client = session.get(ApiClient, client_id)
    if client is None:
        raise NotFound(f"no API client {client_id}")
    return client


def rotate_client(session: Session, client_id: int, by: str = "cli") -> IssuedToken:
    """Revoke client ``client_id``'s token and issue a new client with the same terms."""
    old = get_client(session, client_id)
    if old.revoked_at is None:
        old.revoked_at = now()
    agreement = session.get(Agreement, old.agreement_id)
    assert agreement is not None
    expires = _aware(old.expires_at)
    days = max(1, (expires - now()).days) if expires else None
    return create_client(
        session, agreement.number, old.name, by, days, old.rate_limit_per_minute, old
    )


def revoke_client(session: Session, client_id: int, by: str = "cli") -> ApiClient:
    client = get_client(session, client_id)
    if client.revoked_at is None:
        client.revoked_at = now()
        agreement = session.get(Agreement, client.agreement_id)
        _audit(session, by, "revoke", client, agreement.number if agreement else "")
    return client


def list_clients(session: Session) -> list[tuple[ApiClient, str]]:
    """Every client with its agreement number, newest first."""
    rows = session.execute(
        select(ApiClient, Agreement.number)
        .join(Agreement, Agreement.id == ApiClient.agreement_id)
        .order_by(ApiClient.id.desc())
    )
    return [(row[0], row[1]) for row in rows]


def client_status(client: ApiClient, at: datetime | None = None) -> str:
    """active, revoked or expired."""
    if client.revoked_at is not None:
        return "revoked"
    expires = _aware(client.expires_at)
    if expires is not None and expires <= (at or now()):
        return "expired"
    return "active"


def authenticate(session: Session, token: str | None) -> tuple[ApiClient, Principal]:
    """The client a bearer token belongs to, and the principal it reads as."""
    if not token:
        raise TokenRefused("token_missing")
    parts = token.split("_", 2)  # the secret is base64url and may itself hold '_'
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        raise TokenRefused("token_unknown")
    client = session.scalars(select(ApiClient).where(ApiClient.token_prefix == parts[1])).first()
    if client is None or not hmac.compare_digest(client.token_hash, hash_token(token)):
        raise TokenRefused("token_unknown")
    status = client_status(client)
    if status != "active":
        raise TokenRefused(f"token_{status}")
    _touch(client)
    agreement = session.get(Agreement, client.agreement_id)
    assert agreement is not None
    principal = Principal(
        kind="client", name=f"client-{client.id}", agreement_number=agreement.number
    )
    return client, principal


#: ``last_used_at`` is kept to the minute: one write a minute per client at most,
#: not one per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _touch(client: ApiClient) -> None:
    """Record that ``client`` was used now (to the minute)."""
    at = now()
    last = _aware(client.last_used_at)
    if last is None or at - last >= LAST_USED_RESOLUTION:
        client.last_used_at = at
