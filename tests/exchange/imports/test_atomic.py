"""A crash or a kill mid-import leaves nothing visible; running it again completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from exchange.imports.csvfiles import read_rows, write_rows
from lindung.exchange.imports import ImportFailed, run_import
from lindung.exchange.imports.writer import ChunkWriter
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.models import AuditEntry, BorderCrossing, Import, ImportQuarantine


def _counts(db: Database) -> tuple[int, int, int]:
    with db.session() as session:
        return (
            int(session.scalar(select(func.count()).select_from(BorderCrossing)) or 0),
            int(session.scalar(select(func.count()).select_from(ImportQuarantine)) or 0),
            int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0),
        )


def test_a_crash_after_some_chunks_rolls_everything_back(
    db: Database, crossings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = ChunkWriter.write
    calls = {"n": 0}

    def failing_write(self: ChunkWriter, rows: list[dict[str, Any]]) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real_write(self, rows)

    real_columns = ChunkWriter.write_columns

    def failing_columns(self: ChunkWriter, *args: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real_columns(self, *args)

    monkeypatch.setattr(ChunkWriter, "write", failing_write)
    monkeypatch.setattr(ChunkWriter, "write_columns", failing_columns)
    with pytest.raises(ImportFailed) as failed:
        run_import(db, "border_crossings", crossings, chunk_size=50)
    assert "nothing stored" in str(failed.value)
    assert _counts(db) == (0, 0, 1)  # no rows, no quarantine; the failure is audited
    with db.session() as session:
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.action, entry.decision, entry.details["error"]) == (
            "import",
            "failed",
            "OSError",
        )
    with db.session() as session:
        imports = session.scalars(select(Import)).all()
        assert [(i.status, i.rows_received, i.error) for i in imports] == [("failed", 0, "OSError")]
    monkeypatch.setattr(ChunkWriter, "write", real_write)
    monkeypatch.setattr(ChunkWriter, "write_columns", real_columns)
    report = run_import(db, "border_crossings", crossings, chunk_size=50)
    assert not report.already_imported
    assert report.reconciled
    assert _counts(db)[0] == report.inserted == report.rows_received


_KILLED_IMPORT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from lindung.settings import load_settings
    from lindung.store.database import Database
    from lindung.exchange.imports import run_import

    marker = Path(sys.argv[3])
    def progress(stage, done, total):
        marker.write_text(str(done))
        time.sleep(60)  # killed here, with chunks written inside the open transaction

    settings = load_settings(demo_mode=True, database_url=sys.argv[1])
    run_import(Database(settings), "border_crossings", Path(sys.argv[2]), progress=progress,
               chunk_size=100)
    """
)


def _visible_crossings(db: Database) -> int | None:
    """The crossings another session sees now; None when it is held off (it waits for
    the import: on PostgreSQL a first load into an empty table locks that table)."""
    with db.session() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SET LOCAL lock_timeout = '300ms'"))
        try:
            return int(session.scalar(select(func.count()).select_from(BorderCrossing)) or 0)
        except OperationalError:
            session.rollback()
            return None


def _kill_mid_import(db: Database, settings: Settings, path: Path, marker: Path) -> int | None:
    """Start an import in a child process, kill it once chunks are written; what another
    session saw just before the kill."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_IMPORT, str(settings.database_url), str(path), marker],
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        return _visible_crossings(db)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()


def test_a_killed_import_leaves_nothing_and_runs_again(
    db: Database, settings: Settings, backend: str, crossings: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "marker"
    seen = _kill_mid_import(db, settings, crossings, marker)
    # The chunks are written but not visible: no rows (SQLite), or the reader waits.
    assert seen == (0 if backend == "sqlite" else None)
    assert int(marker.read_text()) > 0
    assert _counts(db) == (0, 0, 0)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Import)) == 0
    assert _visible_crossings(db) == 0  # nothing left locked either
    report = run_import(db, "border_crossings", crossings)
    assert report.reconciled
    assert _counts(db)[0] == report.inserted


def test_a_killed_import_into_a_table_with_rows_leaves_them_as_they_were(
    db: Database, settings: Settings, crossings: Path, tmp_path: Path
) -> None:
    rows = read_rows(crossings)
    earlier = run_import(db, "border_crossings", write_rows(tmp_path / "first.csv", rows[:30]))
    changed = [{**row, "checkpoint": "Pos Uji Atomik"} for row in rows]
    path = write_rows(tmp_path / "second.csv", changed)
    seen = _kill_mid_import(db, settings, path, tmp_path / "marker")
    assert seen == earlier.inserted == 30  # readers see the rows as they were, untouched
    assert _counts(db)[0] == 30
    with db.session() as session:
        kept = session.scalars(select(BorderCrossing.checkpoint)).all()
        assert "Pos Uji Atomik" not in kept
        assert session.scalar(select(func.count()).select_from(Import)) == 1
    report = run_import(db, "border_crossings", path)
    assert report.reconciled
    assert (report.inserted, report.updated) == (len(rows) - 30, 30)
