"""Command tree: ``lindung demo | serve | seed | import | imports | export | link | db |
users | regions | agreements | audit | clients | linkage | policy | workers | placements``."""

from __future__ import annotations

import typer

from lindung import __version__
from lindung.cli import agencies as agencies_command
from lindung.cli import agreements, audit, clients, db, demo, imports, link, regions, users
from lindung.cli import export as export_command
from lindung.cli import job_orders as job_orders_command
from lindung.cli import linkage as linkage_commands
from lindung.cli import placements as placements_command
from lindung.cli import policy as policy_command
from lindung.cli import signals as signals_command
from lindung.cli import workers as workers_command

app = typer.Typer(
    name="lindung",
    help=(
        "Lindung: shared data platform for the protection of Indonesian migrant workers "
        "(PMI). Settings come from LINDUNG_* environment variables or .env."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("demo")(demo.demo)
app.command("serve")(demo.serve)
app.command("seed")(demo.seed)
app.command("import")(imports.run)
app.add_typer(imports.app, name="imports")
app.command("link", short_help="Link person records across two files, or deduplicate one.")(
    link.link
)
app.add_typer(db.app, name="db")
app.add_typer(users.app, name="users")
app.add_typer(regions.app, name="regions")
app.add_typer(agreements.app, name="agreements")
app.add_typer(audit.app, name="audit")
app.add_typer(clients.app, name="clients")
app.command("export", short_help="Export a dataset for a partner through the access gate.")(
    export_command.export
)
app.add_typer(linkage_commands.app, name="linkage")
app.add_typer(policy_command.app, name="policy")
app.add_typer(workers_command.app, name="workers")
app.add_typer(placements_command.app, name="placements")
app.add_typer(agencies_command.app, name="agencies")
app.add_typer(job_orders_command.app, name="job-orders")
app.add_typer(signals_command.app, name="signals")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lindung {__version__}")
        raise typer.Exit


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", callback=_version, is_eager=True
    ),
) -> None:
    """Lindung command line."""
