"""The rows an import's provenance points to, checked once for the whole import.

Every row an import writes points to the same parents: the partner rows and the
quarantine to the import itself, the partner rows and the import row to the
agreement and the partner organisation. They are checked once, inside the import's
transaction and before its first write, instead of once per row:

- SQLite: the import's connection runs without the per-row foreign-key checks
  (``PRAGMA foreign_keys=OFF``, which SQLite ignores inside a transaction, so it is
  set before the transaction begins) and begins with ``BEGIN IMMEDIATE``: the
  import holds the write lock from the start, so no other writer can delete a
  parent it checked until it ends. The checks are back on when the connection goes
  back to the pool, after a failure too (:mod:`lindung.store.database`).
- PostgreSQL: the parents are locked ``FOR KEY SHARE`` (as the per-row trigger
  would lock them); a first load then skips the triggers (``first_load``).

Only for tables whose every foreign key is a provenance column; any other table
keeps its per-row checks.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.orm import Session

from lindung.errors import Problem
from lindung.exchange.imports.source import ImportRefused, refuse
from lindung.store.database import sqlite_foreign_keys_off

#: The provenance columns that are foreign keys (the same value on every row).
PROVENANCE_KEYS = ("import_id", "source_organisation_id", "agreement_id")


def only_provenance_keys(table: Table) -> bool:
    """Whether every foreign key of ``table`` is a provenance column."""
    return all(key.parent.name in PROVENANCE_KEYS for key in table.foreign_keys)


def begin(session: Session, table: Table) -> bool:
    """Begin the import's transaction; True when SQLite's per-row checks are off
    for it (``check`` must then be called before the first write)."""
    if not only_provenance_keys(table):
        return False
    return sqlite_foreign_keys_off(session)


def check(session: Session, table: Table, values: dict[str, Any]) -> None:
    """Refuse the import unless each parent named in ``values`` (provenance column ->
    id; None names none) exists; on PostgreSQL lock it until the import ends."""
    connection = session.connection()
    lock = " FOR KEY SHARE" if connection.dialect.name == "postgresql" else ""
    for key in table.foreign_keys:
        column = key.parent.name
        value = values.get(column)
        if value is None:
            continue
        parent = key.column.table.name
        sql = f'SELECT 1 FROM "{parent}" WHERE "{key.column.name}" = :value{lock}'  # noqa: S608
        found = connection.execute(text(sql), {"value": value}).first()
        if found is None:
            raise missing(column, value)


def missing(column: str, value: Any) -> ImportRefused:
    return refuse(
        Problem(
            column,
            "provenance.missing",
            f"{column} {value} tidak ada (dihapus selama impor?)",
            f"{column} {value} does not exist (deleted during the import?)",
        )
    )
