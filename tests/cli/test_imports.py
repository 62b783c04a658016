"""``lindung import`` and ``lindung imports list|quarantine`` through the real entry point."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lindung.demo import DemoConfig, generate
from support.cli import RunCli


@pytest.fixture(scope="module")
def voter_list(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli-demo")
    generate(DemoConfig(workers=100, seed=3, out_dir=out))
    path = out / "partners" / "dpt_ln.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    rows[0]["sex"] = "X"
    spoiled = out / "dpt_ln_spoiled.csv"
    with spoiled.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return spoiled


def test_import_prints_the_reconciliation(
    run_cli: RunCli, cli_env: dict[str, str], voter_list: Path, tmp_path: Path
) -> None:
    run = run_cli("import", "dpt_ln", str(voter_list), env=cli_env)
    assert run.code == 0, run.err
    assert "reconciliation" in run.out
    assert "OK" in run.out
    assert "sex sex.unknown: 1 rows" in run.out
    again = run_cli("imports", "run", "dpt_ln", str(voter_list), env=cli_env)
    assert again.code == 0
    assert "already imported" in again.out
    listed = run_cli("imports", "list", env=cli_env)
    assert "dpt_ln" in listed.out
    out = tmp_path / "bad.csv"
    quarantine = run_cli("imports", "quarantine", "1", "--out", str(out), env=cli_env)
    assert quarantine.code == 0, quarantine.err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("reasons,record_id")
    assert "[sex.unknown]" in "\n".join(lines[1:])


def test_errors_are_one_clear_line(
    run_cli: RunCli, cli_env: dict[str, str], voter_list: Path, tmp_path: Path
) -> None:
    run = run_cli("import", "border_crossings", str(voter_list), env=cli_env)
    assert run.code == 1
    assert "required column 'passport_number' is missing" in run.err
    assert "Traceback" not in run.err
    missing = run_cli("import", "dpt_ln", str(tmp_path / "nope.csv"), env=cli_env)
    assert missing.code == 1
    assert "no such file" in missing.err
    unknown = run_cli("import", "dpt_ln", str(voter_list), "--agreement", "PKS.9/NONE", env=cli_env)
    assert "agreement not found" in unknown.err
