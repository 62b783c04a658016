from __future__ import annotations

import json
import re
from pathlib import Path

from lindung.settings import load_settings
from lindung.store.database import Database
from support.agreements import make_agreement
from support.cli import RunCli
from support.registry import Scenario

NUMBER = "PKS.07/KP2MI-BAWASLU/I/2026"


def _prepare(url: str) -> None:
    database = Database(load_settings(demo_mode=True, database_url=url))
    with database.session() as s:
        Scenario(s)
        make_agreement(s, NUMBER, "BAWASLU", ["voter_list_oversight"])
    database.dispose()


def test_clients_create_list_rotate_revoke(
    run_cli: RunCli, cli_env: dict[str, str], database_url: str
) -> None:
    _prepare(database_url)
    created = run_cli("clients", "create", "--agreement", NUMBER, "--name", "Bawaslu", env=cli_env)
    assert created.code == 0, created.err
    token = re.search(r"lnd_[a-z0-9]{8}_\S{43}", created.out)
    assert token is not None
    listed = run_cli("clients", "list", env=cli_env)
    assert "Bawaslu" in listed.out
    assert token.group(0) not in listed.out
    rotated = run_cli("clients", "rotate", "1", env=cli_env)
    assert rotated.code == 0, rotated.err
    assert "new client 2" in rotated.out
    assert run_cli("clients", "revoke", "2", env=cli_env).code == 0
    assert "revoked" in run_cli("clients", "list", "--all", env=cli_env).out
    missing = run_cli("clients", "create", "--agreement", "NOPE", "--name", "x", env=cli_env)
    assert missing.code == 1


def test_export_writes_file_and_manifest_or_refuses(
    run_cli: RunCli, cli_env: dict[str, str], database_url: str, tmp_path: Path
) -> None:
    _prepare(database_url)
    out = tmp_path / "out"
    args = ["export", "--agreement", NUMBER, "--dataset", "workers", "--out", str(out)]
    done = run_cli(*args, "--purpose", "voter_list_oversight", env=cli_env)
    assert done.code == 0, done.err
    [manifest] = out.glob("*.manifest.json")
    assert json.loads(manifest.read_text())["row_count"] == 6
    refused = run_cli(*args, "--purpose", "outreach", env=cli_env)
    assert refused.code == 1
    assert "not allowed" in refused.err
