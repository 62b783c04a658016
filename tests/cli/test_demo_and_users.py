from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import func, select

from lindung.settings import load_settings
from lindung.store.database import Database
from lindung.store.models import Placement, PolicyRun, SignalRun, User, Worker
from lindung.store.users import authenticate
from support.cli import RunCli


def _count(url: str, model: type) -> int:
    database = Database(load_settings(demo_mode=True, database_url=url))
    with database.session() as session:
        count = session.scalar(select(func.count()).select_from(model)) or 0
    database.dispose()
    return count


def test_demo_prepares_data_and_logins_without_serving(
    run_cli: RunCli, cli_env: dict[str, str], database_url: str, tmp_path: Path
) -> None:
    first = run_cli("demo", "--workers", "300", "--no-serve", env=cli_env)
    assert first.code == 0, first.err
    assert "http://127.0.0.1:8000" in first.out
    assert "admin" in first.out
    workers = _count(database_url, Worker)
    assert workers >= 300
    assert _count(database_url, Placement) >= 300
    assert (tmp_path / "demo" / "partners" / "dpt_ln.csv").exists()
    # a first policy run, so that agency scorecards and rankings have findings
    assert re.search(r"policy check: [\d,]+ placements, [\d,]+ findings", first.out)
    assert _count(database_url, PolicyRun) == 1
    # then the partner files, the linkage pairings and a first signals run
    assert re.search(r"import dpt_ln: [\d,]+ rows stored", first.out)
    assert re.search(r"linkage registry-dpt-ln: [\d,]+ pairs", first.out)
    assert _count(database_url, SignalRun) == 1
    second = run_cli("demo", "--no-serve", env=cli_env)
    assert second.code == 0, second.err
    assert "not generating again" in second.out
    assert _count(database_url, Worker) == workers
    assert _count(database_url, User) == 7
    assert _count(database_url, PolicyRun) == 1  # not run again without new data
    assert _count(database_url, SignalRun) == 1


def test_seed_refuses_a_loaded_store_before_generating(
    run_cli: RunCli, cli_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "seeded"
    assert run_cli("seed", "--workers", "200", "--out", str(out), env=cli_env).code == 0
    assert (out / "manifest.json").exists()
    again_out = tmp_path / "again"
    again = run_cli("seed", "--workers", "200", "--out", str(again_out), env=cli_env)
    assert again.code == 1
    assert "already holds registry data" in again.err
    assert not again_out.exists()


def test_seed_without_loading_writes_files_only(
    run_cli: RunCli, cli_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "files"
    result = run_cli(
        "seed",
        "--workers",
        "150",
        "--out",
        str(out),
        "--no-load",
        "--as-of",
        "2026-06-30",
        env=cli_env,
    )
    assert result.code == 0, result.err
    assert (out / "registry" / "workers.parquet").exists()
    bad = run_cli("seed", "--as-of", "30/06/2026", "--no-load", env=cli_env)
    assert bad.code == 1
    assert "--as-of" in bad.err


def test_users_create_reads_the_password_from_stdin(
    run_cli: RunCli, cli_env: dict[str, str], database_url: str
) -> None:
    result = run_cli(
        "users",
        "create",
        "petugas.jember",
        "--role",
        "regional_officer",
        "--name",
        "Petugas Jember",
        "--region",
        "3509",
        "--password-stdin",
        env=cli_env,
        stdin="kata-sandi-panjang\n",
    )
    assert result.code == 0, result.err
    database = Database(load_settings(demo_mode=True, database_url=database_url))
    with database.session() as session:
        user = authenticate(session, "petugas.jember", "kata-sandi-panjang")
        assert user.region_code == "35.09"
    database.dispose()


def test_users_create_reports_every_problem(run_cli: RunCli, cli_env: dict[str, str]) -> None:
    result = run_cli(
        "users",
        "create",
        "x y",
        "--role",
        "regional_officer",
        "--name",
        "X",
        "--password-stdin",
        env=cli_env,
        stdin="short\n",
    )
    assert result.code == 1
    assert "username" in result.err
    assert "password" in result.err
    assert "region" in result.err
    assert "short" not in result.err
