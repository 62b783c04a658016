"""Opening the store from a command: checked, optionally migrated, always disposed of."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.migrate import upgrade


@contextmanager
def open_store(settings: Settings, migrate: bool = True) -> Iterator[Database]:
    """The store, checked (and migrated), disposed of whatever happens."""
    database = Database(settings)
    try:
        database.check()
        if migrate:
            upgrade(database.engine)
        yield database
    finally:
        database.dispose()
