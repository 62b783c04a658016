from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lindung import __version__
from lindung.store.migrate import head_revision
from support.cli import RunCli


def test_version(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"lindung {__version__}"


def test_every_command_has_help(run_cli: RunCli) -> None:
    for args in (
        [],
        ["demo"],
        ["serve"],
        ["seed"],
        ["db"],
        ["db", "upgrade"],
        ["users", "create"],
        ["regions", "search"],
    ):
        result = run_cli(*args, "--help")
        assert result.code == 0, args
        assert "Usage" in result.out


def test_db_upgrade_on_a_new_sqlite_file(run_cli: RunCli, tmp_path: Path) -> None:
    env = {
        "LINDUNG_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "LINDUNG_SECRET_KEY": "a-test-secret-of-enough-length",
        "COLUMNS": "200",
    }
    first = run_cli("db", "upgrade", env=env)
    assert first.code == 0, first.err
    assert "loaded regions: 91,599 rows" in first.out
    second = run_cli("db", "upgrade", env=env)
    assert "regions: up to date" in second.out
    current = run_cli("db", "current", env=env)
    found = dict(line.split(":", 1) for line in current.out.splitlines() if ":" in line)
    assert found["current"].strip() == found["head"].strip() == head_revision()


def test_db_upgrade_on_both_backends(run_cli: RunCli, cli_env: dict[str, str]) -> None:
    result = run_cli("db", "upgrade", env=cli_env)
    assert result.code == 0, result.err
    assert "up to date" in result.out


def test_bad_database_url_is_one_clear_line(run_cli: RunCli) -> None:
    result = run_cli(
        "db",
        "upgrade",
        env={"LINDUNG_DATABASE_URL": "mysql://x@y/z", "LINDUNG_DEMO_MODE": "1"},
    )
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert "LINDUNG_DATABASE_URL" in lines[0]
    assert "Traceback" not in result.err


def test_unreachable_database_is_one_clear_line(run_cli: RunCli) -> None:
    result = run_cli(
        "db",
        "upgrade",
        env={
            "LINDUNG_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none",
            "LINDUNG_DEMO_MODE": "1",
        },
    )
    assert result.code == 1
    assert result.err.startswith("error: database unavailable")
    assert len(result.err.strip().splitlines()) == 1


def test_default_secret_refused_outside_demo(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LINDUNG_SECRET_KEY", raising=False)
    monkeypatch.delenv("LINDUNG_DEMO_MODE", raising=False)
    result = run_cli("db", "current")
    assert result.code == 1
    assert "LINDUNG_SECRET_KEY" in result.err


def test_regions_show_and_search(run_cli: RunCli) -> None:
    shown = run_cli("regions", "show", "5306")
    assert shown.code == 0
    assert "Nusa Tenggara Timur > Kabupaten Flores Timur" in shown.out
    found = run_cli("regions", "search", "kab. jember")
    assert found.code == 0
    assert "35.09" in found.out
    missing = run_cli("regions", "search", "zzzz-nowhere")
    assert missing.code == 1
    bad = run_cli("regions", "show", "35-09")
    assert bad.code == 1
    assert "code:" in bad.err


def test_console_script_runs_as_a_real_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lindung", "regions", "search", "Bontang"],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"},
    )
    assert result.returncode == 0, result.stderr
    assert "64.74" in result.stdout
