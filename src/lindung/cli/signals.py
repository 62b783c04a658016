"""``lindung signals run | runs``: compute the protection signals as of a date, and the
history of runs (docs/signals.md)."""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table

from lindung.cli.output import console, progress_bar
from lindung.cli.store import open_store
from lindung.settings import load_settings

app = typer.Typer(help="Protection signals: runs of the detectors.", no_args_is_help=True)


def _date(value: str | None) -> date:
    from lindung.domain.dates import parse_iso_date

    return date.today() if value is None else parse_iso_date(value, "as_of")


@app.command("run")
def run(
    as_of: str | None = typer.Option(None, "--as-of", help="YYYY-MM-DD (default: today)."),
) -> None:
    """Run every detector over what was known on a date; store and route the signals."""
    from lindung.exchange.audit import Actor
    from lindung.signals.diff import OUTCOMES
    from lindung.signals.runs import run_signals

    day = _date(as_of)
    settings = load_settings()
    with open_store(settings, migrate=False) as database, progress_bar() as progress:
        summary = run_signals(
            database, day, Actor("cli", "signals"), progress, election_day=settings.election_day
        )
    table = Table("type", *OUTCOMES)
    for signal_type, counts in sorted(summary.counts.items()):
        table.add_row(signal_type, *(str(counts.get(c, 0)) for c in OUTCOMES))
    console.print(table)
    for signal_type, why in sorted(summary.not_computed.items()):
        missing = ", ".join(why.get("missing", []))
        console.print(
            f"not computed: {signal_type} ({why.get('reason')}: no rows in {missing}) / "
            f"tidak dihitung: {signal_type} (tidak ada data: {missing})"
        )
    console.print(
        f"run {summary.run_id} as of {day.isoformat()}: "
        f"{sum(summary.current(t) for t in summary.counts)} current signals, "
        f"{summary.routes} routes"
    )


@app.command("runs")
def runs(
    limit: int = typer.Option(20, "--limit", min=1, help="How many recent runs to list."),
) -> None:
    """The most recent runs: date, status, signals found and types not computed."""
    from sqlalchemy import select

    from lindung.store.models import SignalRun

    with open_store(load_settings(), migrate=False) as database, database.session() as session:
        rows = session.scalars(select(SignalRun).order_by(SignalRun.id.desc()).limit(limit)).all()
        table = Table("run", "as of", "status", "raised", "current", "closed", "not computed",
                      "actor", "finished")  # fmt: skip
        for row in rows:
            counts = row.counts or {}
            raised = sum(c.get("raised", 0) for c in counts.values())
            closed = sum(c.get("closed", 0) for c in counts.values())
            current = sum(n for c in counts.values() for k, n in c.items() if k != "closed")
            table.add_row(
                str(row.id),
                row.as_of.isoformat(),
                row.status,
                str(raised),
                str(current),
                str(closed),
                ", ".join(sorted(row.not_computed or {})) or "-",
                row.actor,
                row.finished_at.isoformat(timespec="seconds") if row.finished_at else "-",
            )
    console.print(table)
    if not rows:
        console.print("no signal runs yet / belum ada run sinyal")
