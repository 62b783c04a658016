"""Load the generated registry tables into the store, fast and all at once.

``load_into_store`` reads ``out_dir/registry/*.parquet`` (written by
:func:`lindung.demo.generate.generate`, so the store and the partner files
agree) and inserts every table inside one transaction, parents before
children: on SQLite the driver's ``executemany`` with plain tuples in chunks of
:data:`CHUNK_ROWS` (dates, timestamps and JSON rendered by Arrow in the forms
SQLAlchemy itself writes, so the ORM reads them back as usual); on PostgreSQL
``COPY ... FROM STDIN`` (then the id sequences are moved past the loaded ids).

It is not idempotent on purpose: it refuses with :class:`DemoDataPresent` when
the store already holds rows in any table it loads, rather than mixing two
data sets or deleting data it did not write. Load the demo into a freshly
migrated store.
"""

from __future__ import annotations

import io
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from sqlalchemy import Connection, Table, func, select

from lindung.demo.config import DemoConfig, Progress
from lindung.demo.output import read_manifest
from lindung.errors import LindungError
from lindung.store.database import Database
from lindung.store.models import (
    Agency,
    AgencyBranch,
    AgencyLicenceEvent,
    AgencySanction,
    CompetenceCertificate,
    Complaint,
    Employer,
    Enrolment,
    FamilyMember,
    HealthCheck,
    JobOrder,
    JobOrderCost,
    Orientation,
    Passport,
    Placement,
    PlacementDocument,
    PlacementEvent,
    Reintegration,
    SocialSecurityMembership,
    TrainingProgramme,
    TrainingProvider,
    Worker,
)

CHUNK_ROWS = 50_000
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
MICROS_PER_DAY = 86_400_000_000

#: Store tables in load order (parents before children).
TABLES: tuple[tuple[str, Any], ...] = (
    ("agencies", Agency),
    ("employers", Employer),
    ("job_orders", JobOrder),
    ("job_order_costs", JobOrderCost),
    ("workers", Worker),
    ("passports", Passport),
    ("family_members", FamilyMember),
    ("placements", Placement),
    ("placement_documents", PlacementDocument),
    ("health_checks", HealthCheck),
    ("competence_certificates", CompetenceCertificate),
    ("social_security_memberships", SocialSecurityMembership),
    ("orientations", Orientation),
    ("placement_events", PlacementEvent),
    ("reintegrations", Reintegration),
    ("agency_sanctions", AgencySanction),
    ("agency_licence_events", AgencyLicenceEvent),
    ("agency_branches", AgencyBranch),
    ("complaints", Complaint),
    ("training_providers", TrainingProvider),
    ("training_programmes", TrainingProgramme),
    ("enrolments", Enrolment),
)


class DemoDataError(LindungError):
    """The demo data cannot be loaded."""


class DemoDataMissing(DemoDataError):
    """The registry files of the demo have not been generated (for this configuration)."""


class DemoDataPresent(DemoDataError):
    """The store already holds registry data; the demo is loaded into an empty store only."""


def _quiet(_stage: str, _done: int, _total: int) -> None:
    return None


def load_into_store(
    database: Database, config: DemoConfig, progress: Progress | None = None
) -> dict[str, int]:
    """Insert the generated registry into ``database``; returns rows loaded per table."""
    report = progress or _quiet
    files = _registry_files(config)
    total = sum(pq.ParquetFile(path).metadata.num_rows for path in files.values())
    loaded: dict[str, int] = {}
    done = 0
    report("load", 0, total)
    with database.engine.begin() as conn:
        _refuse_if_loaded(conn)
        postgres = conn.dialect.name == "postgresql"
        for name, model in TABLES:
            table: Table = model.__table__
            if not postgres:
                _drop_indexes(conn, table)
            batches = _batches(files[name]) if postgres else _converted(files[name])
            for batch in batches:
                if postgres:
                    _copy(conn, table, batch)
                else:
                    _insert(conn, table, batch)
                loaded[name] = loaded.get(name, 0) + batch.num_rows
                done += batch.num_rows
                report("load", done, total)
            loaded.setdefault(name, 0)
            if postgres:
                _move_sequence(conn, table)
            else:
                _create_indexes(conn, table)
    return loaded


def _drop_indexes(conn: Connection, table: Table) -> None:
    """SQLite: an index built once after the rows are in costs less than one kept up to
    date row by row; DDL is transactional there, so a failed load restores them."""
    for index in table.indexes:
        conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{index.name}"')


def _create_indexes(conn: Connection, table: Table) -> None:
    for index in sorted(table.indexes, key=lambda i: str(i.name)):
        index.create(conn, checkfirst=True)


def _registry_files(config: DemoConfig) -> dict[str, Any]:
    manifest = read_manifest(config)
    files = {name: config.registry_dir / f"{name}.parquet" for name, _ in TABLES}
    if manifest is None or not all(path.exists() for path in files.values()):
        raise DemoDataMissing(
            f"no generated demo data in {config.out_dir}; run the generator first "
            f"/ belum ada data demo di {config.out_dir}; jalankan generator lebih dulu"
        )
    if manifest.get("config") != config.describe():
        raise DemoDataMissing(
            f"the demo data in {config.out_dir} was generated with another configuration "
            f"({manifest.get('config')}); generate it again "
            f"/ data demo di {config.out_dir} dibuat dengan konfigurasi lain; buat ulang"
        )
    return files


def ensure_store_empty(database: Database) -> None:
    """Raise :class:`DemoDataPresent` unless the store's registry tables are empty."""
    with database.engine.connect() as conn:
        _refuse_if_loaded(conn)


def _refuse_if_loaded(conn: Connection) -> None:
    present = {
        name: count
        for name, model in TABLES
        if (count := conn.execute(select(func.count()).select_from(model.__table__)).scalar_one())
    }
    if present:
        listed = ", ".join(f"{name} ({count:,})" for name, count in present.items())
        raise DemoDataPresent(
            f"the store already holds registry data: {listed}; load the demo into an empty, "
            f"freshly migrated database / basis data sudah berisi data registri; "
            f"muat demo ke basis data baru yang kosong"
        )


def _batches(path: Any) -> Iterator[Any]:
    yield from pq.ParquetFile(path).iter_batches(batch_size=CHUNK_ROWS)


@dataclass(frozen=True)
class _Rows:
    """A batch as Python tuples, ready for the driver."""

    names: list[str]
    rows: list[tuple[Any, ...]]

    @property
    def num_rows(self) -> int:
        return len(self.rows)


def _converted(path: Any) -> Iterator[_Rows]:
    """Batches converted to tuples in a second thread while the previous batch is
    inserted: SQLite's insert runs without the GIL, so the two overlap on two cores.
    If loading stops early the converting thread stops too."""
    ready: queue.Queue[_Rows | BaseException | None] = queue.Queue(maxsize=2)
    stop = threading.Event()

    def put(item: _Rows | BaseException | None) -> None:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def produce() -> None:
        try:
            for batch in _batches(path):
                if stop.is_set():
                    return
                columns = [_sqlite_values(batch.column(i)) for i in range(batch.num_columns)]
                put(_Rows(batch.schema.names, list(zip(*columns, strict=True))))
            put(None)
        except BaseException as error:  # handed to the loading thread, which raises it
            put(error)

    worker = threading.Thread(target=produce, name="demo-load-convert", daemon=True)
    worker.start()
    try:
        while (item := ready.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


def _insert(conn: Connection, table: Table, batch: _Rows) -> None:
    """executemany with tuples, values in the forms SQLAlchemy writes on SQLite."""
    listed = ", ".join(f'"{name}"' for name in batch.names)
    marks = ", ".join("?" for _ in batch.names)
    statement = f'INSERT INTO "{table.name}" ({listed}) VALUES ({marks})'  # noqa: S608
    conn.exec_driver_sql(statement, batch.rows)


def _sqlite_values(column: Any) -> list[Any]:
    """Python values of a column, converted the cheapest way for its type: numbers
    through numpy, dates through a table of the days present, the rest by Arrow."""
    kind = column.type
    if pa.types.is_date(kind):
        return _iso_dates(column)
    if pa.types.is_timestamp(kind) and column.null_count == 0:
        return _timestamps(column)
    if pa.types.is_timestamp(kind):
        column = pc.strftime(column, format="%Y-%m-%d %H:%M:%S")
    elif (pa.types.is_integer(kind) or pa.types.is_floating(kind)) and column.null_count == 0:
        numbers: list[Any] = column.to_numpy().tolist()
        return numbers
    values: list[Any] = column.to_pylist()
    return values


def _timestamps(column: Any) -> list[Any]:
    """'YYYY-MM-DD HH:MM:SS.ffffff' (SQLAlchemy's SQLite form, in UTC) from a table of
    the days and one of the times of day present: a few thousand strings to format
    instead of one per row."""
    micros = column.cast(pa.timestamp("us", tz="UTC")).cast(pa.int64()).to_numpy()
    days, clock = np.divmod(micros, MICROS_PER_DAY)
    low = int(days.min()) if len(days) else 0
    first = date.fromordinal(EPOCH_ORDINAL + low)
    span = int(days.max()) - low + 1 if len(days) else 0
    dates = np.array([f"{(first + timedelta(days=d)).isoformat()} " for d in range(span)], object)
    times, position = np.unique(clock, return_inverse=True)
    text = np.array([_clock(int(t)) for t in times.tolist()], dtype=object)
    values: list[Any] = (dates[days - low] + text[position]).tolist()
    return values


def _clock(micros: int) -> str:
    seconds, fraction = divmod(micros, 1_000_000)
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}.{fraction:06d}"


def _iso_dates(column: Any) -> list[Any]:
    """ISO dates (what SQLAlchemy writes on SQLite) looked up by day number."""
    days = pc.fill_null(column.cast(pa.int32()), 0).to_numpy()
    valid = column.is_valid().to_numpy(zero_copy_only=False)
    if not valid.any():
        return [None] * len(column)
    low, high = int(days[valid].min()), int(days[valid].max())
    first = date.fromordinal(EPOCH_ORDINAL + low)
    text = [(first + timedelta(days=d)).isoformat() for d in range(high - low + 1)]
    table = np.array([*text, None], dtype=object)
    index = np.where(valid, days - low, len(text))
    values: list[Any] = table[index].tolist()
    return values


def _copy(conn: Connection, table: Table, batch: Any) -> None:
    """COPY a batch as CSV (nulls unquoted and empty, text quoted) on PostgreSQL."""
    buffer = io.BytesIO()
    pacsv.write_csv(batch, buffer, pacsv.WriteOptions(include_header=False, quoting_style="needed"))
    columns = ", ".join(f'"{name}"' for name in batch.schema.names)
    driver = conn.connection.driver_connection
    with driver.cursor() as cursor:  # type: ignore[union-attr]
        statement = f'COPY "{table.name}" ({columns}) FROM STDIN WITH (FORMAT csv)'
        with cursor.copy(statement) as copy:
            copy.write(buffer.getvalue())


def _move_sequence(conn: Connection, table: Table) -> None:
    """Make the id sequence continue after the loaded ids (COPY does not advance it)."""
    next_id = select(func.coalesce(func.max(table.c.id), 0) + 1).scalar_subquery()
    sequence = func.pg_get_serial_sequence(table.name, "id")
    conn.execute(select(func.setval(sequence, next_id, False)))
