"""Partner API clients: one agreement each, tokens stored only as SHA-256."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from lindung.store.models.base import Base, utcnow


class ApiClient(Base):
    """A partner system calling ``/api/partner/v1`` under exactly one agreement.

    The token is shown once at creation (or rotation); only its SHA-256 is kept
    (tokens are 256-bit random, so a slow hash adds nothing). ``token_prefix`` is
    the public part of the token, for finding the row and for the operators' lists.
    """

    __tablename__ = "api_clients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    token_prefix: Mapped[str] = mapped_column(String(8), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rotated_from_id: Mapped[int | None] = mapped_column(ForeignKey("api_clients.id"))
    rate_limit_per_minute: Mapped[int] = mapped_column(Integer, default=60)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
