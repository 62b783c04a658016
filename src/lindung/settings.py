"""Settings: one object, read from ``LINDUNG_*`` environment variables and ``.env``.

Nothing here runs at import time; :func:`load_settings` builds and validates a
:class:`Settings`, and every part of the application receives it explicitly.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from lindung.errors import ConfigurationError, Problem

#: The secret used when none is configured; accepted only in demo mode.
DEMO_SECRET = "lindung-demo-secret-do-not-use-in-production"  # noqa: S105

Language = Literal["id", "en"]
SUPPORTED_DRIVERS = ("sqlite", "postgresql")


class Settings(BaseSettings):
    """Everything Lindung needs to start. Validated when built."""

    model_config = SettingsConfigDict(
        env_prefix="LINDUNG_", env_file=".env", extra="ignore", frozen=True
    )

    data_dir: Path = Field(default=Path("data"), description="Where local files live.")
    database_url: str = Field(
        default="", description="SQLAlchemy URL; default a SQLite file in data_dir."
    )
    demo_mode: bool = Field(default=False, description="Allows the demo secret and logins.")
    secret_key: str = Field(default=DEMO_SECRET, description="Signs sessions and CSRF tokens.")
    default_language: Language = "id"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    secure_cookies: bool = Field(
        default=False, description="Mark session cookies Secure (set behind HTTPS)."
    )
    session_max_age: int = Field(default=8 * 3600, ge=60)
    sign_in_max_failures: int = Field(
        default=5, ge=1, description="Failed sign-ins (per address or username) before a lockout."
    )
    sign_in_lockout_seconds: int = Field(
        default=900, ge=1, description="The window failed sign-ins are counted in."
    )
    election_day: date = Field(
        default=date(2029, 2, 14),
        description=(
            "Voting day of Pemilu 2029 for the overseas voter-list signals (not yet set by "
            "KPU; the default repeats 14 February of Pemilu 2024)."
        ),
    )
    guard_personal_reads: bool = Field(
        default=False,
        description="Refuse any SELECT on a personal-data table outside the access gate.",
    )

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        if value:
            _parse_database_url(value)
        return value

    @field_validator("secret_key")
    @classmethod
    def _check_secret(cls, value: str, info: ValidationInfo) -> str:
        if value == DEMO_SECRET and not info.data.get("demo_mode", False):
            raise ValueError(
                "left at the demo default; set a secret of your own "
                "(or LINDUNG_DEMO_MODE=1 for the demo)"
            )
        if len(value) < 16:
            raise ValueError("must be at least 16 characters")
        return value

    @property
    def url(self) -> URL:
        """The database URL, parsed and checked."""
        if not self.database_url:
            return URL.create("sqlite+pysqlite", database=str(self.data_dir / "lindung.sqlite3"))
        return _parse_database_url(self.database_url)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"


def _parse_database_url(value: str) -> URL:
    try:
        url = make_url(value)
    except ArgumentError:
        raise ValueError(
            "not a database URL (expected e.g. sqlite:///data/lindung.sqlite3 "
            "or postgresql+psycopg://user@host/db)"
        ) from None
    backend = url.get_backend_name()
    if backend not in SUPPORTED_DRIVERS:
        raise ValueError(f"unsupported database '{backend}'; supported: sqlite, postgresql")
    if backend == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment (and ``overrides``), or raise one clear error."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = [
            Problem(
                field=_env_name(err["loc"]),
                code="settings." + err["type"],
                message_id=_clean(err["msg"]),
                message_en=_clean(err["msg"]),
            )
            for err in exc.errors()
        ]
        raise ConfigurationError("invalid settings", problems) from None


def _env_name(loc: tuple[int | str, ...]) -> str:
    if not loc:
        return "LINDUNG_*"
    return "LINDUNG_" + str(loc[0]).upper()


def _clean(message: str) -> str:
    return message.removeprefix("Value error, ")
