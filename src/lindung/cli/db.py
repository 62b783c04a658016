"""``lindung db``: schema migrations and reference data."""

from __future__ import annotations

import typer

from lindung.cli.output import console
from lindung.cli.store import open_store
from lindung.settings import load_settings
from lindung.store.migrate import current_revision, head_revision, upgrade

app = typer.Typer(help="Database schema and reference data.", no_args_is_help=True)


@app.command("upgrade")
def upgrade_command(
    revision: str = typer.Option("heads", help="Alembic revision to migrate to."),
) -> None:
    """Migrate the database to the latest schema and load reference data
    (Kemendagri regions with population, countries) when it changed."""
    with open_store(load_settings(), migrate=False) as database:
        report = upgrade(database.engine, revision)
        for name, rows in report.loaded.items():
            console.print(f"loaded {name}: {rows:,} rows")
        for name in report.unchanged:
            console.print(f"{name}: up to date")
        console.print(f"schema at revision {current_revision(database.engine)}")


@app.command("current")
def current_command() -> None:
    """Show the schema revision of the database and the newest one available."""
    with open_store(load_settings(), migrate=False) as database:
        current = current_revision(database.engine) or "(empty database)"
    console.print(f"current: {current}\nhead:    {head_revision()}")
