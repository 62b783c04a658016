"""Writing validated rows: upsert by natural key, in chunks, inside the import's transaction.

Per chunk: one query finds which keys exist and their content hash; new keys are
inserted (PostgreSQL: ``COPY ... FROM STDIN``; SQLite: one ``executemany``), keys
whose content changed are updated with the new values and provenance, the rest
are counted unchanged. Quarantined rows are inserted in bulk. An update keeps the
stored value of a field whose value the row was stored without (``DROPPED``: an
invalid optional NIK does not erase the one an earlier import stored).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
from psycopg.copy import QueuedLibpqWriter
from sqlalchemy import Date, String, Table, bindparam, case, insert, select, tuple_, update
from sqlalchemy.orm import Session

from lindung.exchange.datasets import DatasetSpec
from lindung.exchange.imports.background import Background
from lindung.exchange.imports.first_load import FirstLoad
from lindung.exchange.imports.sqlite_rows import ManyRows
from lindung.store.models import ImportQuarantine

#: A checked row's key naming the fields it is stored without (a frozenset; absent: none).
DROPPED = "_dropped"


@dataclass
class Counts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0


class ChunkWriter:
    """Upserts chunks of checked rows of one dataset for one import."""

    def __init__(self, session: Session, spec: DatasetSpec, provenance: dict[str, Any]) -> None:
        self.session = session
        self.spec = spec
        self.table: Table = spec.model.__table__
        self.provenance = provenance
        self.counts = Counts()
        self.columns = [*spec.field_names, *provenance, "row_number", "content_hash"]
        self._postgres = session.get_bind().dialect.name == "postgresql"
        self._date_fields = {f.name for f in spec.fields if f.kind == "date"}
        self._copying: ExitStack | None = None
        self._copy_stream: Any = None
        self._background = Background()
        # Provenance is the same on every row: written into the INSERT as literals
        # (fewer values to bind per row) when it is a number, NULL or a hex digest.
        self._literals: dict[str, str] = {}
        for name, value in provenance.items():
            literal = _literal(value)
            if literal is not None:
                self._literals[name] = literal
        self._bound = [name for name in self.columns if name not in self._literals]
        self._nullable_texts = {
            name
            for name in self._bound
            if self.table.c[name].nullable and isinstance(self.table.c[name].type, String | Date)
        }
        self._many_bound = ManyRows(
            self.table.name, self._bound, self._literals, self._nullable_texts
        )
        self._many_all = ManyRows(self.table.name, self.columns, {})
        # Into an empty table every key is new (repeats within the file are quarantined
        # before they get here), so the per-chunk lookup can be skipped, and the indexes
        # are built once at the end.
        self.first_load = FirstLoad.start(session, self.table, provenance)
        self._was_empty = self.first_load is not None
        if not self._postgres:
            # A larger page cache for this connection: index pages of a big import stay
            # in memory (128 MiB; SQLite's default is 2 MiB).
            session.connection().exec_driver_sql("PRAGMA cache_size = -131072")

    def write(self, rows: list[dict[str, Any]]) -> None:
        """Upsert ``rows`` (field values + row_number + content_hash)."""
        if not rows:
            return
        self.end_copy()
        existing = {} if self._was_empty else self._existing(rows)
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for row in rows:
            known = existing.get(self._key(row))
            if known is None:
                new.append({**row, **self.provenance})
            elif known != row["content_hash"]:
                changed.append({**row, **self.provenance})
            else:
                self.counts.unchanged += 1
        self._insert(new)
        self._update(changed)
        self.counts.inserted += len(new)
        self.counts.updated += len(changed)

    def write_columns(
        self, values: dict[str, pa.Array], numbers: list[int], hashes: Callable[[], list[str]]
    ) -> None:
        """Upsert a batch given by column (field values as Arrow arrays, in file order);
        ``hashes()`` gives the rows' content hashes (on SQLite, called by the background
        thread)."""
        if not numbers:
            return
        if self._was_empty and not self._postgres:
            self._executemany_columns(values, numbers, hashes)
            self.counts.inserted += len(numbers)
            return
        self._write_columns(values, numbers, hashes())

    def _write_columns(
        self, values: dict[str, pa.Array], numbers: list[int], hashes: list[str]
    ) -> None:
        if not self._was_empty:
            lists = {name: values[name].to_pylist() for name in self.spec.field_names}
            rows = [
                {**{name: lists[name][i] for name in lists}, "row_number": n, "content_hash": h}
                for i, (n, h) in enumerate(zip(numbers, hashes, strict=True))
            ]
            self.write(rows)
            return
        self._copy_columns(values, numbers, hashes)
        self.counts.inserted += len(numbers)

    def _column_lists(
        self, values: dict[str, pa.Array], numbers: list[int], hashes: list[str]
    ) -> list[list[Any]]:
        """The batch's bound columns in ``self._bound`` order (dates as ISO text)."""
        length = len(numbers)
        found: list[list[Any]] = []
        for name in self._bound:
            if name in values:
                column = values[name]
                if name in self._date_fields:
                    column = column.cast(pa.string())
                listed = column.to_pylist()
                if column.null_count and name in self._nullable_texts:  # see ManyRows
                    listed = [0 if value is None else value for value in listed]
                found.append(listed)
            elif name == "row_number":
                found.append(numbers)
            elif name == "content_hash":
                found.append(hashes)
            else:
                found.append([self.provenance[name]] * length)
        return found

    def _executemany_columns(
        self, values: dict[str, pa.Array], numbers: list[int], hashes: Callable[[], list[str]]
    ) -> None:
        """SQLite: the batch inserted by the background thread (see ``background``)."""
        driver = self.session.connection().connection.driver_connection
        assert driver is not None
        statement = self._many_bound

        def insert() -> None:
            statement.columns(driver, self._column_lists(values, numbers, hashes()))

        self._background.submit(insert, len(numbers))

    def _copy_columns(
        self, values: dict[str, pa.Array], numbers: list[int], hashes: list[str]
    ) -> None:
        """PostgreSQL: the batch as CSV written by Arrow, sent with one ``COPY``."""
        arrays: list[pa.Array] = []
        for name in self.columns:
            if name in values:
                arrays.append(values[name])
            elif name == "row_number":
                arrays.append(pa.array(numbers, pa.int64()))
            elif name == "content_hash":
                arrays.append(pa.array(hashes, pa.string()))
            elif self.provenance[name] is None:
                arrays.append(pa.nulls(len(numbers), pa.int64()))
            else:
                arrays.append(pa.array([self.provenance[name]] * len(numbers)))
        names = [f"c{i}" for i in range(len(arrays))]
        buffer = io.BytesIO()
        options = pacsv.WriteOptions(include_header=False)
        pacsv.write_csv(pa.Table.from_arrays(arrays, names=names), buffer, options)
        self._open_copy().write(buffer.getvalue())

    def _open_copy(self) -> Any:
        """The ``COPY`` the batches share, started at the first one.

        It stays open while the validator reads on (a writer thread sends the data, so
        the server inserts one batch while the next is checked) and ends before any
        other statement (:meth:`end_copy`).
        """
        if self._copying is None:
            driver = self.session.connection().connection.driver_connection
            assert driver is not None
            columns = ", ".join(f'"{name}"' for name in self.columns)
            sql = f"COPY {self.table.name} ({columns}) FROM STDIN (FORMAT csv)"
            self._triggers_off()
            stack = ExitStack()
            cursor = stack.enter_context(driver.cursor())
            self._copy_stream = stack.enter_context(
                cursor.copy(sql, writer=QueuedLibpqWriter(cursor))
            )
            self._copying = stack
        return self._copy_stream

    def end_copy(self, error: BaseException | None = None) -> None:
        """End the shared ``COPY`` (abort it on ``error``); nothing to do when none is open."""
        if error is None:
            self._background.drain()
        else:
            self._background.close()
        stack, self._copying, self._copy_stream = self._copying, None, None
        if stack is None:
            return
        if error is None:
            stack.close()
            self._triggers_on()
        else:
            stack.__exit__(type(error), error, error.__traceback__)

    def _triggers_off(self) -> None:
        if self.first_load is not None:
            self.first_load.triggers_off()

    def _triggers_on(self) -> None:
        if self.first_load is not None:
            self.first_load.triggers_on()

    def close(self) -> None:
        """Build the indexes of a first load; give the connection back as it was
        (SQLite's default page cache)."""
        self.end_copy()
        self._background.close()
        if self.first_load is not None:
            self.first_load.restore()
        if not self._postgres:
            self.session.connection().exec_driver_sql("PRAGMA cache_size = -2000")

    def quarantine(self, import_id: int, rows: list[tuple[int, dict[str, Any], list[Any]]]) -> None:
        if not rows:
            return
        self.end_copy()
        self.session.execute(
            insert(ImportQuarantine),
            [
                {"import_id": import_id, "row_number": number, "raw": raw, "reasons": reasons}
                for number, raw, reasons in rows
            ],
        )
        self.counts.quarantined += len(rows)

    def _key(self, row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(row[name] for name in self.spec.natural_key)

    def _existing(self, rows: list[dict[str, Any]]) -> dict[tuple[Any, ...], str]:
        key_columns = [self.table.c[name] for name in self.spec.natural_key]
        keys = [self._key(row) for row in rows]
        if len(key_columns) == 1:
            condition = key_columns[0].in_([key[0] for key in keys])
        else:
            condition = tuple_(*key_columns).in_(keys)
        found = self.session.execute(
            select(*key_columns, self.table.c.content_hash).where(condition)
        )
        return {tuple(row[:-1]): row[-1] for row in found}

    def _insert(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if self._postgres:
            self._copy(rows)
        else:
            self._executemany(rows)

    def _executemany(self, rows: list[dict[str, Any]]) -> None:
        """SQLite: the chunk by multi-row INSERTs (dates as ISO text, as SQLAlchemy stores
        them), skipping SQLAlchemy's per-row parameter processing."""
        driver = self.session.connection().connection.driver_connection
        assert driver is not None
        columns = self.columns
        dates = [i for i, name in enumerate(columns) if name in self._date_fields]
        values = []
        for row in rows:
            record = [row[name] for name in columns]
            for i in dates:
                if record[i] is not None:
                    record[i] = record[i].isoformat()
            values.append(record)
        self._many_all.records(driver, values)

    def _copy(self, rows: list[dict[str, Any]]) -> None:
        driver = self.session.connection().connection.driver_connection
        assert driver is not None
        names = ", ".join(f'"{name}"' for name in self.columns)
        sql = f"COPY {self.table.name} ({names}) FROM STDIN"
        self._triggers_off()
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row([row[name] for name in self.columns])
        self._triggers_on()

    def _update(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        key_params = {name: f"key_{name}" for name in self.spec.natural_key}
        statement = update(self.table)
        for name, param in key_params.items():
            statement = statement.where(self.table.c[name] == bindparam(param))
        values: dict[str, Any] = {
            name: bindparam(f"v_{name}") for name in self.columns if name not in key_params
        }
        droppable = [f.name for f in self.spec.fields if f.drop_invalid]
        for name in droppable:  # a dropped value keeps the stored one
            values[name] = case(
                (bindparam(f"d_{name}") == 1, self.table.c[name]), else_=values[name]
            )
        params = [
            {
                **{key_params[k]: row[k] for k in key_params},
                **{f"v_{n}": row[n] for n in self.columns if n not in key_params},
                **{f"d_{n}": int(n in row.get(DROPPED, ())) for n in droppable},
            }
            for row in rows
        ]
        self.session.connection().execute(statement.values(values), params)


def _literal(value: Any) -> str | None:
    """``value`` as an SQL literal, for the types that cannot carry anything else."""
    if value is None:
        return "NULL"
    if type(value) is int:
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value):
        return f"'{value}'"
    return None
