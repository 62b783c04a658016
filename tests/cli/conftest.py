from __future__ import annotations

import sys

import pytest

from lindung.cli import main
from lindung.domain.regions import region_directory
from support.cli import Run, RunCli


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> RunCli:
    """Run ``lindung ARGS`` in-process through the real entry point (``main``)."""

    def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> Run:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        monkeypatch.setattr(sys, "argv", ["lindung", *args])
        if stdin is not None:
            import io

            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0) if not isinstance(exc.code, str) else 1
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    region_directory()  # warm the cache outside any timing-sensitive test
    return run


@pytest.fixture
def cli_env(database_url: str, tmp_path: object) -> dict[str, str]:
    return {
        "LINDUNG_DATABASE_URL": database_url,
        "LINDUNG_SECRET_KEY": "a-test-secret-of-enough-length",
        "LINDUNG_DATA_DIR": str(tmp_path),
        "COLUMNS": "200",
    }
