"""Engines and sessions, built from settings (never at import time)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from lindung.errors import ConfigurationError, LindungError
from lindung.settings import Settings


class DatabaseUnavailable(LindungError):
    """The configured database cannot be reached."""


def create_db_engine(url: URL, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            from pathlib import Path

            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "reset", _sqlite_foreign_keys_back_on)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


#: Set in a pooled connection's ``info`` while its foreign-key checks are off.
_FOREIGN_KEYS_OFF = "lindung.sqlite_foreign_keys_off"


class ForeignKeysNotRestored(LindungError):
    """A SQLite connection could not turn its foreign-key checks back on (it is discarded)."""


def sqlite_foreign_keys_off(session: Session) -> bool:
    """SQLite: begin ``session``'s transaction without per-row foreign-key checks.

    ``PRAGMA foreign_keys`` cannot change inside a transaction, so it is set before
    the transaction begins, which then begins at once with ``BEGIN IMMEDIATE`` (the
    write lock from the start: what the caller checked once stays true until the
    transaction ends). The caller checks every foreign key it writes itself. The
    checks are back on when the connection goes back to the pool, whatever happened
    (a connection where that fails is discarded). False, and nothing changed, on
    another database or when the session's transaction has already begun.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return False
    pooled = connection.connection
    driver = pooled.driver_connection
    if driver is None or driver.in_transaction:
        return False
    pooled.info[_FOREIGN_KEYS_OFF] = True
    driver.execute("PRAGMA foreign_keys=OFF")
    driver.execute("BEGIN IMMEDIATE")
    return True


def _sqlite_foreign_keys_back_on(dbapi_connection: Any, record: Any, _state: Any) -> None:
    """Pool ``reset`` (a connection going back to the pool): checks on again if an
    import turned them off. Raising here makes the pool discard the connection."""
    if not record.info.pop(_FOREIGN_KEYS_OFF, False):
        return
    if dbapi_connection.in_transaction:
        dbapi_connection.rollback()
    dbapi_connection.execute("PRAGMA foreign_keys=ON")
    if dbapi_connection.execute("PRAGMA foreign_keys").fetchone() != (1,):
        raise ForeignKeysNotRestored("SQLite foreign-key checks could not be turned on again")


class Database:
    """The operational store: one engine and its session factory."""

    def __init__(self, settings: Settings) -> None:
        try:
            self.engine = create_db_engine(settings.url)
        except Exception as exc:  # a missing driver or a malformed URL part
            raise ConfigurationError(f"LINDUNG_DATABASE_URL cannot be used: {exc}") from None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        with self._sessions.begin() as session:
            yield session

    def check(self) -> None:
        """Raise :class:`DatabaseUnavailable` unless the database answers."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "no answer"
            raise DatabaseUnavailable(f"database unavailable: {reason}") from None

    def dispose(self) -> None:
        self.engine.dispose()
