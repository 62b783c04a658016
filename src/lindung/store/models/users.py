"""Users of the web app and their roles."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from lindung.store.models.base import Base, Timestamped


class Role(enum.StrEnum):
    """What a user is. Scope (region, agreement) narrows what each role sees."""

    NATIONAL_ADMIN = "national_admin"
    NATIONAL_ANALYST = "national_analyst"
    REGIONAL_OFFICER = "regional_officer"
    PARTNER_USER = "partner_user"


class User(Timestamped, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    region_code: Mapped[str | None] = mapped_column(String(13), ForeignKey("regions.code"))
    #: The partner organisation a partner user works for (its agreements apply).
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    language: Mapped[str] = mapped_column(String(2), default="id")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
