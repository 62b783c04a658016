"""Loading a partner table that is empty when the import starts (a first load).

Into an empty table every row is new. Instead of maintaining the table's secondary
indexes row by row (a random B-tree insert per row and per index), they are dropped
inside the import's transaction and built once, by sorting, before it commits: the
same indexes, with the same names and definitions as read from the database's own
catalogue. On PostgreSQL the per-row foreign-key triggers of the ``COPY`` are also
skipped (``SET LOCAL session_replication_role = replica``, as ``pg_restore
--disable-triggers`` does; only when the database role may set it) after the
parent rows that every loaded row points to (its provenance: the import, the
organisation, the agreement) have been checked and locked once, as the trigger
would have done for each row.

Everything happens in the import's one transaction: a failure, a rollback or a kill
leaves the indexes, like the table, as they were. Readers are not disturbed on
SQLite (WAL: they see the snapshot before the import). On PostgreSQL dropping an
index takes an ``ACCESS EXCLUSIVE`` lock on the table, which was empty: a reader of
that table waits until the first load commits instead of seeing no rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from lindung.exchange.imports.parents import check

#: SQLite's page cache while the indexes are built, in KiB. The sorter sizes its
#: in-memory runs by it: with the import's 128 MiB a million keys were sorted as one
#: run on one thread (0.8-0.9 s); with 8 MiB they are sorted in runs by the second
#: thread while the table is read, then merged (0.7 s), and the transaction's pages
#: beyond 8 MiB go to the WAL during the build rather than at the commit.
SQLITE_SORT_CACHE_KIB = 8192


@dataclass
class _Index:
    create: str
    drop: str


@dataclass
class FirstLoad:
    """The indexes dropped for a first load, and how to put them back."""

    session: Session
    table: Table
    postgres: bool
    indexes: list[_Index] = field(default_factory=list)
    skip_triggers: bool = False
    _restored: bool = False

    @classmethod
    def start(cls, session: Session, table: Table, provenance: dict[str, Any]) -> FirstLoad | None:
        """Prepare a first load of ``table``; None when it is not empty."""
        connection = session.connection()
        postgres = connection.dialect.name == "postgresql"
        if not _empty(connection, table):
            return None
        if postgres:
            # Taken before the indexes are dropped, then the table is looked at again:
            # a writer that got in first has committed by now (or never will).
            connection.exec_driver_sql(f"LOCK TABLE {_quoted(table)} IN ACCESS EXCLUSIVE MODE")
            if not _empty(connection, table):
                return None
        load = cls(session, table, postgres)
        indexes = (
            _postgres_indexes(connection, table) if postgres else _sqlite_indexes(connection, table)
        )
        try:
            with connection.begin_nested():
                for index in indexes:
                    connection.exec_driver_sql(index.drop)
            load.indexes = indexes
        except DBAPIError:  # e.g. the role does not own the table: the indexes stay
            load.indexes = []
        if postgres:
            load.skip_triggers = _may_skip_triggers(session, table, provenance)
        return load

    def triggers_off(self) -> None:
        """Before the ``COPY``: no per-row foreign-key triggers (parents checked once)."""
        if self.skip_triggers:
            self.session.connection().exec_driver_sql(
                "SET LOCAL session_replication_role = replica"
            )

    def triggers_on(self) -> None:
        """After the ``COPY``: every later statement of the import checks as usual."""
        if self.skip_triggers:
            self.session.connection().exec_driver_sql("SET LOCAL session_replication_role = origin")

    def restore(self) -> None:
        """Build the dropped indexes again (checks uniqueness over all loaded rows)."""
        if self._restored:
            return
        self._restored = True
        connection = self.session.connection()
        if not self.indexes:
            return
        if self.postgres:  # sort in memory (the default, 64 MB, spills a large load to disk)
            connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
        else:  # SQLite's sorter: a second thread, and runs sized by the page cache
            connection.exec_driver_sql("PRAGMA threads = 2")
            connection.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_SORT_CACHE_KIB}")
        for index in self.indexes:
            connection.exec_driver_sql(index.create)
        if not self.postgres:
            connection.exec_driver_sql("PRAGMA threads = 0")


def _quoted(table: Table) -> str:
    return f'"{table.name}"'


def _empty(connection: Connection, table: Table) -> bool:
    return connection.execute(text(f"SELECT 1 FROM {_quoted(table)} LIMIT 1")).first() is None  # noqa: S608


def _sqlite_indexes(connection: Connection, table: Table) -> list[_Index]:
    """Indexes made by ``CREATE INDEX`` (those of UNIQUE constraints cannot be dropped)."""
    found = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL ORDER BY name",
        (table.name,),
    )
    return [_Index(create=sql, drop=f'DROP INDEX "{name}"') for name, sql in found]


_PG_INDEXES = """
SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid),
       con.conname, pg_get_constraintdef(con.oid)
FROM pg_index i
LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
     AND con.contype IN ('u', 'x')
WHERE i.indrelid = to_regclass(%(table)s) AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f'
                  AND f.conindid = i.indexrelid)
ORDER BY 1
"""


def _postgres_indexes(connection: Connection, table: Table) -> list[_Index]:
    """Every index but the primary key's (and any a foreign key elsewhere relies on)."""
    found = connection.exec_driver_sql(_PG_INDEXES, {"table": _quoted(table)})
    indexes = []
    for name, definition, constraint, constraint_def in found:
        if constraint is None:
            indexes.append(_Index(create=definition, drop=f"DROP INDEX {name}"))
        else:
            on = f"ALTER TABLE {_quoted(table)}"
            indexes.append(
                _Index(
                    create=f'{on} ADD CONSTRAINT "{constraint}" {constraint_def}',
                    drop=f'{on} DROP CONSTRAINT "{constraint}"',
                )
            )
    return indexes


def _may_skip_triggers(session: Session, table: Table, provenance: dict[str, Any]) -> bool:
    """Check and lock every parent row the loaded rows point to; whether the role may
    then turn the per-row triggers off (False: they stay on, nothing is lost)."""
    connection = session.connection()
    if any(key.parent.name not in provenance for key in table.foreign_keys):
        return False  # a value that changes per row: keep the trigger
    check(session, table, provenance)
    if _has_user_triggers(connection, table):
        return False
    try:
        with connection.begin_nested():
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
            connection.exec_driver_sql("SET LOCAL session_replication_role = origin")
    except DBAPIError:  # not permitted for this role: the triggers stay on
        return False
    return True


def _has_user_triggers(connection: Connection, table: Table) -> bool:
    """Triggers other than the foreign keys' own (they must keep running)."""
    found = connection.exec_driver_sql(
        "SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass(%(table)s) AND NOT tgisinternal",
        {"table": _quoted(table)},
    ).first()
    return found is not None
