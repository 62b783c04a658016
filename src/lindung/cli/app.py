"""Command tree: ``lindung demo | serve | seed | link | db ... | users ... | regions ...``."""

from __future__ import annotations

import typer

from lindung import __version__
from lindung.cli import db, demo, link, regions, users

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
app.command("link")(link.link)
app.add_typer(db.app, name="db")
app.add_typer(users.app, name="users")
app.add_typer(regions.app, name="regions")


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
