"""``lindung export``: a dataset as an agreement's partner may have it, with a manifest."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer

from lindung.cli.output import console, fail
from lindung.cli.store import open_store
from lindung.settings import load_settings


def export(
    agreement: str = typer.Option(..., help="The agreement the export is made under."),
    dataset: str = typer.Option(..., help="The dataset, e.g. workers."),
    purpose: str = typer.Option(..., help="The purpose, one the agreement allows."),
    fmt: str = typer.Option("csv", "--format", help="csv, xlsx or parquet."),
    out: Path = typer.Option(Path("exports"), help="The folder to write into."),
) -> None:
    """Export through the access gate, decided as the agreement's partner; every batch and
    the export itself are audited, and a refusal is audited before the error is shown."""
    from lindung.exchange.decision import AccessRefused
    from lindung.exchange.exports import export as run_export
    from lindung.exchange.gate import AccessGate
    from lindung.exchange.principal import Principal

    settings = load_settings()
    principal = Principal(kind="cli", name=getpass.getuser())
    refused: AccessRefused | None = None
    with open_store(settings, migrate=False) as database, database.session() as session:
        try:
            manifest = run_export(
                session, AccessGate(settings), principal, agreement, dataset, purpose, fmt, out
            )
        except AccessRefused as exc:
            refused = exc  # leave the block normally so the refusal's audit entry commits
    if refused is not None:
        fail(refused)
    console.print(
        f"{manifest.row_count:,} rows -> {out / manifest.file} (sha256 {manifest.sha256[:16]}...)"
    )
