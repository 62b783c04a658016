"""Bulk writes: Arrow columns into a table, without ORM objects or per-row binding.

The counterpart of :mod:`lindung.store.bulk_read`, for runs that write hundreds of
thousands of rows in the caller's transaction (the signals run). Values vary per row
and come as an Arrow table whose column names are the target's; ``constants`` are
values every row shares (a run id, a timestamp, a flag), bound once through the
column's SQLAlchemy type, so they are stored exactly as the ORM would store them.

- :func:`insert`: **SQLite** one ``executemany`` of a prepared ``INSERT`` (the
  constants appended to every row after the dialect's bind processing);
  **PostgreSQL** ``COPY`` as CSV (written by Arrow) into a temporary table shaped
  like the target, then one ``INSERT ... SELECT`` adding the constants.
- :func:`update`: the rows (an ``id`` column and the new values) loaded the same
  way into a temporary table, then one ``UPDATE ... FROM`` by ``id``.

Column values must be Arrow ``int64``, ``float64``, ``string`` (JSON columns take
their JSON text as is) or ``bool``. Statements go through SQLAlchemy where the
engine's listeners should see them; the loads themselves use the driver directly.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from itertools import count, repeat
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
from sqlalchemy import Table, bindparam, text
from sqlalchemy.orm import Session

_SUPPORTED = (pa.int64(), pa.float64(), pa.string(), pa.large_string(), pa.bool_())
_stages = count(1)


def insert(
    session: Session, table: Table, data: pa.Table, constants: Mapping[str, Any] | None = None
) -> int:
    """Insert ``data``'s rows (plus ``constants``) into ``table``; returns the rows."""
    constants = dict(constants or {})
    _check(table, data, constants)
    if data.num_rows == 0:
        return 0
    if _postgres(session):
        with _staged(session, table, data) as stage:
            names = [*data.column_names, *constants]
            chosen = [*(_quote(n) for n in data.column_names), *(f":c_{n}" for n in constants)]
            statement = text(
                f"INSERT INTO {table.name} ({', '.join(map(_quote, names))}) "  # noqa: S608
                f"SELECT {', '.join(chosen)} FROM {stage}"
            ).bindparams(*_binds(table, constants))
            session.execute(statement, {f"c_{n}": v for n, v in constants.items()})
    else:
        _executemany(session, table.name, data, _processed(session, table, constants))
    return int(data.num_rows)


def update(
    session: Session, table: Table, data: pa.Table, constants: Mapping[str, Any] | None = None
) -> int:
    """Set, for each row of ``data`` (an ``id`` column and the new values), those
    values and ``constants`` on the row of ``table`` with that id; returns the rows."""
    constants = dict(constants or {})
    _check(table, data, constants)
    if "id" not in data.column_names:
        raise ValueError("bulk update: data needs an id column")
    if data.num_rows == 0:
        return 0
    with _staged(session, table, data) as stage:
        sets = [f"{_quote(n)} = {stage}.{_quote(n)}" for n in data.column_names if n != "id"]
        sets += [f"{_quote(n)} = :c_{n}" for n in constants]
        statement = text(
            f"UPDATE {table.name} SET {', '.join(sets)} FROM {stage} "  # noqa: S608
            f"WHERE {table.name}.id = {stage}.id"
        ).bindparams(*_binds(table, constants))
        session.execute(statement, {f"c_{n}": v for n, v in constants.items()})
    return int(data.num_rows)


def _check(table: Table, data: pa.Table, constants: Mapping[str, Any]) -> None:
    unknown = [n for n in [*data.column_names, *constants] if n not in table.c]
    if unknown:
        raise ValueError(f"bulk write: {table.name} has no column {', '.join(unknown)}")
    unsupported = [f.name for f in data.schema if f.type not in _SUPPORTED]
    if unsupported:
        raise ValueError(f"bulk write: unsupported column types for {', '.join(unsupported)}")


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _quote(name: str) -> str:
    return f'"{name}"'


def _binds(table: Table, constants: Mapping[str, Any]) -> list[Any]:
    return [bindparam(f"c_{name}", type_=table.c[name].type) for name in constants]


def _processed(session: Session, table: Table, constants: Mapping[str, Any]) -> dict[str, Any]:
    """The constants as the dialect stores them (SQLite: datetimes as text, booleans 0/1)."""
    dialect = session.get_bind().dialect
    values = {}
    for name, value in constants.items():
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        values[name] = process(value) if process is not None and value is not None else value
    return values


def _driver(session: Session) -> Any:
    driver = session.connection().connection.driver_connection
    assert driver is not None  # a checked-out connection
    return driver


def _executemany(
    session: Session, target: str, data: pa.Table, constants: Mapping[str, Any]
) -> None:
    """SQLite: one prepared INSERT over the rows (columns as Python lists)."""
    names = ", ".join(_quote(n) for n in [*data.column_names, *constants])
    marks = ", ".join("?" for _ in range(data.num_columns + len(constants)))
    sql = f"INSERT INTO {target} ({names}) VALUES ({marks})"  # noqa: S608
    driver = _driver(session)
    for batch in data.to_batches(max_chunksize=50_000):
        lists = [column.to_pylist() for column in batch.columns]
        shared = [repeat(value, batch.num_rows) for value in constants.values()]
        driver.executemany(sql, zip(*lists, *shared, strict=True))


@contextmanager
def _staged(session: Session, table: Table, data: pa.Table) -> Iterator[str]:
    """A temporary table with ``data``'s columns typed as ``table``'s, holding its rows."""
    stage = f"bulk_stage_{next(_stages)}"
    columns = ", ".join(_quote(n) for n in data.column_names)
    conn = session.connection()
    conn.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {stage} AS SELECT {columns} FROM {table.name} WHERE 1 = 0"  # noqa: S608
    )
    if _postgres(session):
        _copy(session, stage, data)
    else:
        _executemany(session, stage, data, {})
    yield stage
    # not in a ``finally``: after an error the transaction rolls back, and the table
    # with it (PostgreSQL would refuse any statement in the failed transaction)
    conn.exec_driver_sql(f"DROP TABLE {stage}")


def _copy(session: Session, target: str, data: pa.Table) -> None:
    """PostgreSQL: the rows as CSV (Arrow's writer: NULL unquoted empty, text quoted)."""
    columns = ", ".join(_quote(n) for n in data.column_names)
    sql = f"COPY {target} ({columns}) FROM STDIN (FORMAT csv)"
    with _driver(session).cursor() as cursor, cursor.copy(sql) as copy:
        for batch in data.to_batches(max_chunksize=100_000):
            buffer = io.BytesIO()
            options = pa_csv.WriteOptions(include_header=False)
            pa_csv.write_csv(pa.Table.from_batches([batch]), buffer, options)
            copy.write(buffer.getvalue())
