"""``lindung workers show`` and ``lindung placements transition`` through the real
entry point: reads through the gate as the named account, refusals explained."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lindung.demo.logins import create_demo_users
from lindung.store.database import Database
from lindung.store.models import AuditEntry, Placement
from support.cli import RunCli
from support.placements import ON, Placements


@pytest.fixture
def built(db: Database) -> tuple[int, int]:
    create_demo_users(db)
    with db.session() as s:
        placement = Placements(s).placement(documents=("passport",))
    return placement.worker_id, placement.placement_id


def test_workers_show_reads_through_the_gate_as_the_account(
    run_cli: RunCli, cli_env: dict[str, str], db: Database, built: tuple[int, int]
) -> None:
    worker_id, _placement_id = built
    shown = run_cli("workers", "show", str(worker_id), "--as", "jember", env=cli_env)
    assert shown.code == 0, shown.err
    assert "Pekerja Kebijakan" in shown.out
    assert "timeline" in shown.out
    refused = run_cli("workers", "show", str(worker_id), "--as", "flotim", env=cli_env)
    assert refused.code == 1
    assert "outside your regional scope" in refused.err
    unknown = run_cli("workers", "show", str(worker_id), "--as", "nobody", env=cli_env)
    assert unknown.code == 1
    assert "--as" in unknown.err
    with db.session() as s:
        actors = {(e.actor, e.decision) for e in s.scalars(select(AuditEntry))}
    assert ("jember", "allowed") in actors
    assert ("flotim", "refused") in actors


def test_placements_transition_prints_the_failed_rules(
    run_cli: RunCli, cli_env: dict[str, str], db: Database, built: tuple[int, int]
) -> None:
    _, placement_id = built
    args = ("placements", "transition", str(placement_id), "departed", "--on", ON.isoformat())
    refused = run_cli(*args, "--as", "admin", env=cli_env)
    assert refused.code == 1
    assert "rule:documents.pasal13" in refused.err
    assert "UU 18/2017" in refused.err
    no_reason = run_cli(*args[:3], "withdrawn", "--on", "2025-06-02", "--as", "admin", env=cli_env)
    assert no_reason.code == 1
    assert "reason" in no_reason.err
    withdrawn = run_cli(
        "placements", "transition", str(placement_id), "withdrawn", "--on", ON.isoformat(),
        "--reason", "memilih bekerja di dalam negeri", "--as", "admin", env=cli_env,
    )  # fmt: skip
    assert withdrawn.code == 0, withdrawn.err
    with db.session() as s:
        placement = s.get(Placement, placement_id)
        assert placement is not None
        assert placement.status == "withdrawn"
