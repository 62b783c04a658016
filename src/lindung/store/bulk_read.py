"""Bulk reads: a SELECT's rows straight into an Arrow table, without ORM rows.

:func:`read_arrow` runs a SQLAlchemy ``Select`` on the session's connection (in its
transaction) and returns its rows as a ``pyarrow.Table`` of a given schema; the
columns are the select's, in order. Supported column types: ``int64``,
``float64``, ``string`` and ``date32``. It exists for the snapshots that copy whole
tables into DuckDB (policy engine, signals): through SQLAlchemy ``Row`` objects a
million-row table costs minutes, mostly per-row Python work.

- **PostgreSQL** (psycopg 3): ``COPY (<select>) TO STDOUT (FORMAT csv)`` on the raw
  connection, streamed into memory (never a file: the rows may be personal data)
  and parsed by Arrow's CSV reader in parallel with the schema's types. In
  PostgreSQL's CSV a NULL is an unquoted empty field and an empty string a quoted
  one (``""``), which the reader keeps apart;
  dates are written ISO and floats shortest-exact (the session's ``DateStyle`` and
  ``extra_float_digits`` are set for the transaction only when they would not be).
- **SQLite** (and any other driver): the DBAPI cursor's ``fetchmany`` tuples,
  transposed into column lists and made Arrow arrays; SQLite's dates arrive as ISO
  text and are cast by Arrow.

Either way the engine's ``before_cursor_execute`` listeners see the SELECT (the
personal-data guard of :mod:`lindung.exchange.guard` among them), as they would for
``session.execute``; the parameters are bound by the driver, never pasted in.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
from sqlalchemy import Connection, Select
from sqlalchemy.orm import Session

CHUNK_ROWS = 50_000

SUPPORTED_TYPES = (pa.int64(), pa.float64(), pa.string(), pa.date32())

#: PostgreSQL output settings the CSV parse relies on, and the value set when not met.
_PG_SETTINGS = {"DateStyle": "ISO", "extra_float_digits": "1"}


def read_arrow(
    session: Session, statement: Select[Any], schema: pa.Schema, chunk_rows: int = CHUNK_ROWS
) -> pa.Table:
    """The rows of ``statement`` as an Arrow table with ``schema`` (one field per
    selected column, same order)."""
    unsupported = [field.name for field in schema if field.type not in SUPPORTED_TYPES]
    if unsupported:
        raise ValueError(f"bulk read: unsupported column types for {', '.join(unsupported)}")
    if len(statement.selected_columns) != len(schema):
        raise ValueError(
            f"bulk read: {len(statement.selected_columns)} columns selected, "
            f"{len(schema)} in the schema"
        )
    conn = session.connection()
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        return _read_postgres_copy(conn, statement, schema)
    return _read_cursor(conn, statement, schema, chunk_rows)


# --- SQLite and any other DBAPI driver: fetchmany into column lists ---------------------


def _read_cursor(
    conn: Connection, statement: Select[Any], schema: pa.Schema, chunk_rows: int
) -> pa.Table:
    result = conn.execute(statement)  # events fire; rows are read below from the raw cursor
    try:
        cursor = result.cursor
        batches = []
        with _gc_paused():
            while rows := cursor.fetchmany(chunk_rows):
                batches.append(_batch(rows, schema))
    finally:
        result.close()
    return pa.Table.from_batches(batches, schema=schema)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while millions of row tuples come and go (they
    hold no cycles; the collector's passes over them cost a third of the read)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _batch(rows: Sequence[Any], schema: pa.Schema) -> pa.RecordBatch:
    columns = zip(*rows, strict=True)  # the rows' values, column by column
    arrays = [_array(values, field.type) for values, field in zip(columns, schema, strict=True)]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _array(values: Sequence[Any], kind: pa.DataType) -> pa.Array:
    if kind == pa.int64():
        return _int_array(values)
    if kind != pa.date32():
        return pa.array(values, type=kind)
    if any(isinstance(value, str) for value in values):  # SQLite: ISO text
        return pa.array(values, type=pa.string()).cast(kind)
    return pa.array(values, type=kind)


def _int_array(values: Sequence[Any]) -> pa.Array:
    """Integers inferred, not converted to a given type: pyarrow's typed conversion
    of Python ints is some 50 times slower (pyarrow 26)."""
    inferred = pa.array(values)
    if inferred.type == pa.int64():
        return inferred
    if inferred.type == pa.null():  # all NULL
        return inferred.cast(pa.int64())
    return pa.array(values, type=pa.int64())  # anything else converts (or fails) as typed


# --- PostgreSQL: COPY ... TO STDOUT (FORMAT csv) into Arrow's CSV reader ---------------


def _read_postgres_copy(conn: Connection, statement: Select[Any], schema: pa.Schema) -> pa.Table:
    compiled = statement.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    sql, params = str(compiled), dict(compiled.params)
    driver_conn = conn.connection.driver_connection
    assert driver_conn is not None  # a checked-out connection
    buffer = io.BytesIO()  # in memory: personal data is not written to disk
    with driver_conn.cursor() as cursor:
        _ensure_output_settings(cursor)
        sql, params = _before_execute(conn, cursor, sql, params)
        with cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)", params or None) as copy:
            for block in copy:
                buffer.write(block)
    if buffer.tell() == 0:
        return schema.empty_table()
    return _parse_csv(pa.BufferReader(pa.py_buffer(buffer.getbuffer())), schema)


def _ensure_output_settings(cursor: Any) -> None:
    """ISO dates and shortest-exact floats for this transaction (only if not already)."""
    cursor.execute(
        "SELECT current_setting('DateStyle') LIKE 'ISO%', "
        "current_setting('extra_float_digits')::int >= 1"
    )
    iso_dates, exact_floats = cursor.fetchone()
    if not iso_dates:
        cursor.execute("SELECT set_config('DateStyle', %s, true)", [_PG_SETTINGS["DateStyle"]])
    if not exact_floats:
        cursor.execute(
            "SELECT set_config('extra_float_digits', %s, true)",
            [_PG_SETTINGS["extra_float_digits"]],
        )


def _before_execute(
    conn: Connection, cursor: Any, sql: str, params: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """Let the engine's ``before_cursor_execute`` listeners see the SELECT, as
    ``Connection.execute`` would (the COPY itself goes around SQLAlchemy)."""
    for listener in conn.dispatch.before_cursor_execute:
        sql, params = listener(conn, cursor, sql, params, None, False)
    return sql, params


def _parse_csv(source: pa.BufferReader, schema: pa.Schema) -> pa.Table:
    table = pa_csv.read_csv(
        source,
        read_options=pa_csv.ReadOptions(column_names=schema.names, block_size=8 << 20),
        parse_options=pa_csv.ParseOptions(newlines_in_values=True),
        convert_options=pa_csv.ConvertOptions(
            column_types={field.name: field.type for field in schema},
            null_values=[""],  # only an unquoted empty field is NULL (not "NA", "null"...)
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,  # "" is the empty string
        ),
    )
    return table.cast(schema)
