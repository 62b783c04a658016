"""``lindung audit verify | show`` and ``lindung agreements list | show | expire``."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from lindung.demo.agreements import FOUNDING, seed_founding_agreements
from lindung.exchange.audit import Actor, AuditEvent, append
from lindung.settings import load_settings
from lindung.store.database import Database
from support.cli import RunCli


@pytest.fixture
def seeded(database_url: str) -> Database:
    database = Database(load_settings(demo_mode=True, database_url=database_url))
    seed_founding_agreements(database, today=date(2026, 6, 1))
    with database.session() as session:
        append(
            session,
            AuditEvent(
                actor=Actor("user", "admin"),
                action="read",
                dataset="workers",
                purpose="oversight",
                decision="allowed",
                subjects=[("worker", "42")],
            ),
        )
    return database


def test_verify_passes_then_names_the_altered_entry(
    run_cli: RunCli, cli_env: dict[str, str], seeded: Database
) -> None:
    ok = run_cli("audit", "verify", env=cli_env)
    assert ok.code == 0, ok.err
    assert ok.out.startswith("OK: ")
    count = int(ok.out.split()[1])
    assert count > len(FOUNDING)
    with seeded.session() as session:
        session.execute(text("UPDATE audit_log SET actor = 'demO' WHERE id = 2"))
    seeded.dispose()
    bad = run_cli("audit", "verify", env=cli_env)
    assert bad.code == 1
    assert "entry 2" in bad.err
    assert "content was changed" in bad.err


def test_show_lists_who_looked_at_a_worker(
    run_cli: RunCli, cli_env: dict[str, str], seeded: Database
) -> None:
    seeded.dispose()
    shown = run_cli("audit", "show", "--subject", "worker:42", env=cli_env)
    assert shown.code == 0, shown.err
    assert "user:admin" in shown.out
    assert "oversight" in shown.out
    assert "1 entries" in shown.out
    wrong = run_cli("audit", "show", "--subject", "42", env=cli_env)
    assert wrong.code == 1
    assert "KIND:ID" in wrong.err


def test_agreements_list_show_and_expire(
    run_cli: RunCli, cli_env: dict[str, str], seeded: Database
) -> None:
    seeded.dispose()
    listed = run_cli("agreements", "list", env=cli_env)
    assert listed.code == 0, listed.err
    assert "PKS.01/KP2MI-IMI/XII/2025" in listed.out
    assert "suspended" in listed.out
    assert "expired" in listed.out
    shown = run_cli("agreements", "show", "PKS.01/KP2MI-IMI/XII/2025", env=cli_env)
    assert shown.code == 0, shown.err
    assert "border_crossings from_partner" in shown.out
    assert "nik=pseudonym" in shown.out
    assert "version chain: OK" in shown.out
    missing = run_cli("agreements", "show", "MoU.404", env=cli_env)
    assert missing.code == 1
    assert "no agreement" in missing.err
    expired = run_cli("agreements", "expire", env=cli_env)
    assert expired.code == 0, expired.err
    assert "0 agreements expired" in expired.out


def test_the_demo_has_the_founding_agreements_and_a_verified_log(
    run_cli: RunCli, cli_env: dict[str, str]
) -> None:
    demo = run_cli("demo", "--workers", "200", "--no-serve", env=cli_env)
    assert demo.code == 0, demo.err
    listed = run_cli("agreements", "list", env=cli_env)
    for founding in FOUNDING:
        assert founding.number in listed.out
    again = run_cli("demo", "--no-serve", env=cli_env)
    assert again.code == 0, again.err
    ok = run_cli("audit", "verify", env=cli_env)
    assert ok.code == 0, ok.err
    assert ok.out.startswith("OK: ")
