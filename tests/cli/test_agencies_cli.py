"""``lindung agencies rank | sanction`` and ``lindung job-orders candidates``."""

from __future__ import annotations

from datetime import date

from lindung.settings import load_settings
from lindung.store.database import Database
from lindung.store.models import HealthCheck
from support.cli import RunCli
from support.oversight import agency, approved_order
from support.registry import Registry, first_village


def _world(database_url: str) -> dict[str, str]:
    database = Database(load_settings(demo_mode=True, database_url=database_url))
    with database.session() as s:
        owner = agency(s, name="PT Amanah Migran")
        order = approved_order(
            s, owner.id, skill_scheme=None, language=None, valid_to=date(2099, 12, 31)
        )
        worker = Registry(s).worker(first_village(s, "35.09"))
        for kind in ("medical", "psychological"):
            s.add(
                HealthCheck(
                    worker_id=worker.id,
                    kind=kind,
                    result="fit",
                    examined_on=date(2026, 1, 1),
                    valid_until=date(2099, 1, 1),
                    facility="Klinik",
                )
            )
        ids = {"agency": str(owner.id), "code": order.code}
    database.dispose()
    return ids


def test_rank_sanction_and_candidates(
    run_cli: RunCli, cli_env: dict[str, str], database_url: str
) -> None:
    world = _world(database_url)
    bad = run_cli(
        "agencies", "sanction", world["agency"], "closure", "--reason", " ", "--on", "2026-02-30",
        env=cli_env,
    )  # fmt: skip
    assert bad.code == 1
    assert "--on" in bad.err
    refused = run_cli(
        "agencies", "sanction", world["agency"], "closure", "--reason", " ", "--on", "2026-05-01",
        env=cli_env,
    )  # fmt: skip
    assert refused.code == 1
    assert "kind" in refused.err
    assert "reason" in refused.err
    done = run_cli(
        "agencies", "sanction", world["agency"], "suspension", "--reason", "illegal fees",
        "--on", "2026-05-01", "--decree", "KEP.1/2026", env=cli_env,
    )  # fmt: skip
    assert done.code == 0, done.err
    assert "suspension" in done.out
    ranked = run_cli("agencies", "rank", "--on", "2026-06-01", env=cli_env)
    assert ranked.code == 0, ranked.err
    assert "PT Amanah Migran" in ranked.out
    assert "licence suspended" in ranked.out
    found = run_cli("job-orders", "candidates", world["code"].lower(), env=cli_env)
    assert found.code == 0, found.err
    assert "Pekerja Uji" in found.out
    assert "1 candidates" in found.out
    missing = run_cli("job-orders", "candidates", "JO-NONE-404", env=cli_env)
    assert missing.code == 1
