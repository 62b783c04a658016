"""A first load (into an empty table) builds the table's indexes once at the end: they
come back exactly as they were, still enforce uniqueness, and a failure leaves them
untouched. On PostgreSQL a role that may not drop the indexes or turn the per-row
triggers off imports the same file the usual way."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from exchange.imports.csvfiles import read_rows
from lindung.exchange.imports import ImportFailed, run_import
from lindung.exchange.imports import intake as intake_module
from lindung.exchange.imports.sqlite_rows import ManyRows
from lindung.settings import load_settings
from lindung.store.database import Database
from lindung.store.models import BorderCrossing, Import

Indexes = list[tuple[str, ...]]


def _indexes(connection: Connection) -> Indexes:
    """Every index of border_crossings with its definition, as the database has it."""
    if connection.dialect.name == "sqlite":
        found = connection.execute(
            text(
                "SELECT name, coalesce(sql, '') FROM sqlite_master "
                "WHERE type = 'index' AND tbl_name = 'border_crossings' ORDER BY name"
            )
        )
    else:
        found = connection.execute(
            text(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'border_crossings' ORDER BY indexname"
            )
        )
    return [tuple(row) for row in found]


def _state(db: Database) -> tuple[Indexes, int]:
    with db.engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(BorderCrossing))
        return _indexes(connection), int(count or 0)


def test_the_indexes_come_back_as_they_were(db: Database, crossings: Path) -> None:
    before, _ = _state(db)
    assert any("passport_number" in "".join(index) for index in before)
    report = run_import(db, "border_crossings", crossings, chunk_size=40)
    after, count = _state(db)
    assert after == before
    assert count == report.inserted == len(read_rows(crossings))
    with db.engine.connect() as connection:  # record_id is still unique
        stored = connection.execute(select(BorderCrossing.__table__).limit(1)).one()
        again = {k: v for k, v in stored._asdict().items() if k != "id"}
        with pytest.raises(IntegrityError):
            connection.execute(insert(BorderCrossing.__table__), [again])


def test_a_failing_first_load_leaves_table_and_indexes_untouched(
    db: Database, crossings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The content hashes are made by the background thread on SQLite: its error, too,
    fails the import and rolls everything back."""
    before, _ = _state(db)

    def broken(*_: Any) -> list[str]:
        raise OSError("disk full")

    monkeypatch.setattr(intake_module, "batch_hashes", broken)
    with pytest.raises(ImportFailed):
        run_import(db, "border_crossings", crossings)
    assert _state(db) == (before, 0)
    with db.session() as session:
        failed = session.scalars(select(Import)).one()
        assert (failed.status, failed.error) == ("failed", "OSError")
    monkeypatch.undo()
    report = run_import(db, "border_crossings", crossings)
    assert report.reconciled
    assert _state(db) == (before, report.inserted)


@pytest.fixture
def plain_role(database_url: str, tmp_path: Path) -> Iterator[Database]:
    """PostgreSQL: the same database reached by a role that owns nothing and is no
    superuser (it may read and write the tables, nothing more)."""
    name = f"importer_{uuid.uuid4().hex[:8]}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE ROLE {name} LOGIN"))
        connection.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {name}"))
        connection.execute(text(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {name}"))
    admin.dispose()
    url = make_url(database_url).set(username=name)
    database = Database(
        load_settings(
            demo_mode=True,
            database_url=url.render_as_string(hide_password=False),
            data_dir=tmp_path / "data",
        )
    )
    yield database
    database.dispose()


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_role_without_those_rights_imports_the_usual_way(
    db: Database, plain_role: Database, crossings: Path
) -> None:
    before, _ = _state(db)
    report = run_import(plain_role, "border_crossings", crossings, chunk_size=40)
    assert report.reconciled
    assert _state(db) == (before, report.inserted)
    again = run_import(plain_role, "border_crossings", crossings)
    assert again.already_imported


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_an_insert_failing_on_the_insert_thread_fails_the_import_and_stops_the_inserts(
    db: Database, crossings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite inserts run on a second thread, many chunks queued ahead: one failing
    fails the import, rolls everything back, and the chunks queued after it are not run."""
    before, _ = _state(db)
    real = ManyRows.columns
    calls: list[int] = []

    def failing(self: ManyRows, driver: Any, columns: Any) -> None:
        calls.append(len(columns[0]))
        if len(calls) == 3:
            raise OSError("disk full")
        real(self, driver, columns)

    monkeypatch.setattr(ManyRows, "columns", failing)
    with pytest.raises(ImportFailed):
        run_import(db, "border_crossings", crossings, chunk_size=20)
    assert len(calls) == 3
    assert _state(db) == (before, 0)
    monkeypatch.undo()
    report = run_import(db, "border_crossings", crossings, chunk_size=20)
    assert _state(db) == (before, report.inserted)
