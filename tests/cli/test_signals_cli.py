"""``lindung signals run | runs`` end to end, on both databases."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from lindung.domain.lifecycle import PlacementStatus as S
from lindung.settings import load_settings
from lindung.store.database import Database
from lindung.store.models import SignalRun
from support.cli import RunCli
from support.signals import World


def test_run_prints_counts_and_what_was_not_computed(
    run_cli: RunCli, cli_env: dict[str, str], database_url: str
) -> None:
    database = Database(load_settings(demo_mode=True, database_url=database_url))
    with database.session() as session:
        w = World.build(session)
        mother = w.worker()
        w.placement(mother, S.WORKING, registered_on=date(2025, 1, 1))
        w.child(mother, date(2018, 5, 1))
    database.dispose()

    result = run_cli("signals", "run", "--as-of", "2026-06-01", env=cli_env)
    assert result.code == 0, result.err
    assert "children_left_behind" in result.out
    assert "not computed: irregular_departure" in result.out
    assert "border_crossings" in result.out
    assert "as of 2026-06-01" in result.out
    with database.session() as session:
        run = session.scalars(select(SignalRun)).one()
        counts, actor = run.counts, run.actor
    database.dispose()
    assert counts["children_left_behind"]["raised"] == 1
    assert actor == "signals"

    history = run_cli("signals", "runs", env=cli_env)
    assert history.code == 0, history.err
    assert "2026-06-01" in history.out
    assert "finished" in history.out


def test_a_bad_date_names_the_field(run_cli: RunCli, cli_env: dict[str, str]) -> None:
    bad = run_cli("signals", "run", "--as-of", "01/06/2026", env=cli_env)
    assert bad.code == 1
    assert "as_of" in bad.err


def test_no_runs_yet(run_cli: RunCli, cli_env: dict[str, str]) -> None:
    empty = run_cli("signals", "runs", env=cli_env)
    assert empty.code == 0, empty.err
    assert "no signal runs yet" in empty.out
