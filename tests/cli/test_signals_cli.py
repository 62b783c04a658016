"""``lindung signals list | show | status | export | ppln`` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from lindung.demo.logins import create_demo_users
from lindung.settings import load_settings
from lindung.store.database import Database
from lindung.store.models import Signal, SignalRun
from signals.factories import SignalWorld, build_world
from support.cli import RunCli


def _world(database_url: str) -> SignalWorld:
    database = Database(load_settings(demo_mode=True, database_url=database_url))
    try:
        world = build_world(database)
        create_demo_users(database)
        with database.session() as s:
            run = s.get(SignalRun, world.run_id)
            assert run is not None
            run.tables = {
                "ppln_coverage": [
                    {"ppln": "KUALA LUMPUR", "country_code": "MY", "workers_abroad": 10,
                     "on_list": 7, "missing": 3, "coverage": 0.7, "dpt_rows": 8,
                     "duplicates": 1, "returned": 0, "ineligible": 0}
                ]
            }  # fmt: skip
        return world
    finally:
        database.dispose()


def _status(database_url: str, signal_id: int) -> str:
    database = Database(load_settings(demo_mode=True, database_url=database_url))
    try:
        with database.session() as s:
            return str(s.scalar(select(Signal.status).where(Signal.id == signal_id)))
    finally:
        database.dispose()


def test_list_show_and_status(run_cli: RunCli, cli_env: dict[str, str], database_url: str) -> None:
    world = _world(database_url)
    listed = run_cli("signals", "list", "--user", "jember", env=cli_env)
    assert listed.code == 0, listed.err
    assert "2 signal(s)" in listed.out
    assert "voter_missing" in listed.out
    assert "children_left_behind" not in listed.out
    bad = run_cli("signals", "list", "--status", "open", env=cli_env)
    assert bad.code == 1
    assert "status" in bad.err
    shown = run_cli("signals", "show", str(world.underage), env=cli_env)
    assert shown.code == 0, shown.err
    assert "age.minimum" in shown.out
    assert "Test reason" in shown.out
    hidden = run_cli("signals", "show", str(world.clb), "--user", "jember", env=cli_env)
    assert hidden.code == 1
    assert "not found or outside your access" in hidden.err
    refused = run_cli(
        "signals", "status", str(world.underage), str(world.voter), "--to", "dismissed",
        "--user", "admin", env=cli_env,
    )  # fmt: skip
    assert refused.code == 1
    assert "reason" in refused.err
    assert _status(database_url, world.underage) == "new"
    done = run_cli(
        "signals", "status", str(world.underage), str(world.voter), "--to", "dismissed",
        "--reason", "duplicate of an earlier case", "--user", "admin", env=cli_env,
    )  # fmt: skip
    assert done.code == 0, done.err
    assert f"signal {world.underage}: new -> dismissed" in done.out
    assert _status(database_url, world.voter) == "dismissed"
    shown = run_cli("signals", "show", str(world.underage), env=cli_env)
    assert "duplicate of an earlier case" in shown.out


def test_export_and_ppln(
    run_cli: RunCli, cli_env: dict[str, str], database_url: str, tmp_path: Path
) -> None:
    _world(database_url)
    out = tmp_path / "out"
    done = run_cli(
        "signals", "export", "--format", "csv", "--out", str(out), "--type", "underage",
        env=cli_env,
    )  # fmt: skip
    assert done.code == 0, done.err
    [manifest_path] = out.glob("signals-*.manifest.json")
    manifest = json.loads(manifest_path.read_text())
    assert manifest["row_count"] == 1
    assert manifest["purpose"] == "oversight"
    data = out / manifest["file"]
    assert data.read_text().splitlines()[0].startswith("id,signal_type")
    table = run_cli("signals", "ppln", env=cli_env)
    assert table.code == 0, table.err
    assert "KUALA LUMPUR" in table.out
    assert run_cli("signals", "ppln", "--user", "jember", env=cli_env).code == 1
    written = run_cli("signals", "ppln", "--format", "xlsx", "--out", str(out), env=cli_env)
    assert written.code == 0, written.err
    assert list(out.glob("ppln_coverage-*.xlsx"))
