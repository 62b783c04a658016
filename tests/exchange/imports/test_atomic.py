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
from sqlalchemy import func, select

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


def test_a_killed_import_leaves_nothing_and_runs_again(
    db: Database, settings: Settings, crossings: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "marker"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_IMPORT, str(settings.database_url), str(crossings), marker],
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        with db.session() as session:  # the chunk is written, but not visible
            assert session.scalar(select(func.count()).select_from(BorderCrossing)) == 0
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert int(marker.read_text()) > 0
    assert _counts(db) == (0, 0, 0)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Import)) == 0
    report = run_import(db, "border_crossings", crossings)
    assert report.reconciled
    assert _counts(db)[0] == report.inserted
