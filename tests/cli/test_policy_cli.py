"""``lindung policy rules | check`` end to end, on both databases."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from lindung.domain.policy import default_rules_dir
from lindung.settings import load_settings
from lindung.store.database import Database
from lindung.store.models import AuditEntry, PolicyFinding, PolicyRun
from support.cli import RunCli
from support.placements import Placements


def test_rules_lists_the_rules_in_force_on_a_date(run_cli: RunCli, cli_env: dict[str, str]) -> None:
    now = run_cli("policy", "rules", "--as-of", "2026-01-01", env=cli_env)
    assert now.code == 0, now.err
    assert "destination.kepmenaker_260_2015" in now.out
    assert "Kepmenaker 260/2015" in now.out
    assert "cost.zero_placement_cost" in now.out
    before = run_cli("policy", "rules", "--as-of", "2015-06-30", env=cli_env)
    assert before.code == 0, before.err
    assert "destination.kepmenaker_260_2015" not in before.out
    assert "UU 39/2004" in before.out
    bad = run_cli("policy", "rules", "--as-of", "30/06/2015", env=cli_env)
    assert bad.code == 1
    assert "as_of" in bad.err


def test_check_writes_a_run_with_its_findings(
    run_cli: RunCli, cli_env: dict[str, str], database_url: str, tmp_path: Path
) -> None:
    database = Database(load_settings(demo_mode=True, database_url=database_url))
    with database.session() as session:
        b = Placements(session)
        b.placement()
        young = b.placement(worker=b.worker(date(2008, 1, 1)), status="contracts_signed")
        b.placement(social_security=False)
    database.dispose()
    result = run_cli("policy", "check", "--as-of", "2025-06-01", env=cli_env)
    assert result.code == 0, result.err
    assert "3 placements checked as of 2025-06-01, 2 findings" in result.out
    with database.session() as session:
        run = session.scalars(select(PolicyRun)).one()
        assert (run.scope, run.placements_checked, run.findings) == ("all", 3, 2)
        assert run.finished_at is not None
        rules = sorted(
            session.scalars(
                select(PolicyFinding.rule_id).where(PolicyFinding.kind == "violation")
            ).all()
        )
        assert rules == ["age.minimum", "social_security.membership"]
        # the placement without social security, waiting at 'oriented', is also
        # blocked from departing: a blocker, not counted in the run's findings
        blocked = session.scalars(
            select(PolicyFinding.rule_id).where(PolicyFinding.kind == "blocker")
        ).all()
        assert blocked == ["social_security.membership"]
        assert run.blockers == 1
        age = session.scalars(
            select(PolicyFinding).where(
                PolicyFinding.rule_id == "age.minimum", PolicyFinding.kind == "violation"
            )
        ).one()
        assert age.placement_id == young.placement_id
        assert age.agency_id == young.agency_id
        assert age.evidence == {"age": 17, "minimum": 18, "on": "2025-06-01"}
        audited = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "policy.check")
        )
        assert audited == 1
    database.dispose()
    one = run_cli(
        "policy",
        "check",
        "--as-of",
        "2025-06-01",
        "--placement",
        str(young.placement_id),
        env=cli_env,
    )
    assert one.code == 0, one.err
    assert "1 placements checked" in one.out
    missing = run_cli("policy", "check", "--placement", "999999", env=cli_env)
    assert missing.code == 1
    assert "placement 999999 not found" in missing.err
    # a draft rule file raising the minimum age to 40 finds every worker
    folder = tmp_path / "draft"
    shutil.copytree(default_rules_dir(), folder)
    path = folder / "eligibility.toml"
    path.write_text(
        path.read_text().replace("default_years = 18\noverrides", "default_years = 40\noverrides")
    )
    draft = run_cli(
        "policy", "check", "--as-of", "2025-06-01", "--rules-dir", str(folder), env=cli_env
    )
    assert draft.code == 0, draft.err
    assert "3 placements checked as of 2025-06-01, 4 findings" in draft.out
    with database.session() as session:
        scopes = session.scalars(select(PolicyRun.scope).order_by(PolicyRun.id)).all()
    assert scopes == ["all", f"placement:{young.placement_id}", "all"]
    database.dispose()
