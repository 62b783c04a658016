"""``lindung import DATASET FILE`` and ``lindung imports run|list|quarantine``.

Partner files come in through one service (:func:`lindung.exchange.imports.run_import`):
a progress bar while rows stream in, then a summary table with the reconciliation.
"""

from __future__ import annotations

import getpass
from pathlib import Path

import typer
from rich.table import Table
from sqlalchemy import select

from lindung.cli.output import console, progress_bar
from lindung.cli.store import open_store
from lindung.errors import NotFound
from lindung.settings import load_settings

app = typer.Typer(help="Imports of partner files.", no_args_is_help=True)

DATASET_HELP = (
    "border_crossings, dpt_ln, civil_registry, training_certificates or consular_registrations."
)


def _actor() -> object:
    from lindung.exchange.audit import Actor

    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return Actor("cli", name)


def _summary(report: object) -> None:
    from lindung.exchange.imports import ImportReport

    assert isinstance(report, ImportReport)
    if report.already_imported:
        console.print(
            f"this file was already imported (import {report.import_id}); nothing new stored"
        )
    table = Table("import", str(report.import_id), show_header=True)
    for label, value in (
        ("dataset", report.dataset),
        ("received", f"{report.rows_received:,}"),
        ("inserted", f"{report.inserted:,}"),
        ("updated", f"{report.updated:,}"),
        ("unchanged", f"{report.unchanged:,}"),
        ("quarantined", f"{report.quarantined:,}"),
        ("reconciliation", "OK" if report.reconciled else "MISMATCH"),
    ):
        table.add_row(label, value)
    console.print(table)
    for warning in report.warnings:
        console.print(f"warning: {warning.field}: {warning.message_en} [{warning.code}]")
    for item in report.quarantine_counts:
        console.print(f"quarantined: {item['field']} {item['code']}: {item['count']:,} rows")
    for item in report.dropped_counts:
        console.print(f"stored without {item['field']}: {item['code']}: {item['count']:,} rows")
    if report.quarantined:
        console.print(
            f"download the bad rows: lindung imports quarantine {report.import_id} --out FILE"
        )


def run(
    dataset: str = typer.Argument(help=DATASET_HELP),
    file: Path = typer.Argument(help="CSV, XLSX, Parquet or JSON Lines file.", exists=False),
    agreement: str | None = typer.Option(
        None, "--agreement", help="Number of the agreement the file comes under."
    ),
    file_format: str | None = typer.Option(
        None, "--format", help="csv, xlsx, parquet or jsonl (default: from the file's suffix)."
    ),
) -> None:
    """Import a partner file: validate every row, store the good ones, quarantine the rest."""
    from lindung.exchange.audit import Actor
    from lindung.exchange.imports import run_import

    if not file.is_file():
        raise NotFound(f"no such file: {file}")
    actor = _actor()
    assert isinstance(actor, Actor)
    with open_store(load_settings()) as database, progress_bar() as progress:
        report = run_import(
            database, dataset, file, agreement, actor, progress, file_format=file_format
        )
    _summary(report)


@app.command("list")
def list_imports(limit: int = typer.Option(20, min=1, help="How many, newest first.")) -> None:
    """The latest imports with their reconciliation."""
    from lindung.store.models import Import

    with open_store(load_settings(), migrate=False) as database, database.session() as session:
        rows = session.scalars(select(Import).order_by(Import.id.desc()).limit(limit)).all()
        table = Table(
            "id", "dataset", "status", "received", "stored", "quarantined", "reconciled", "started"
        )
        for row in rows:
            stored = row.inserted + row.updated + row.unchanged
            table.add_row(
                str(row.id),
                row.dataset,
                row.status,
                f"{row.rows_received:,}",
                f"{stored:,}",
                f"{row.quarantined:,}",
                "yes" if row.rows_received == stored + row.quarantined else "NO",
                f"{row.started_at:%Y-%m-%d %H:%M}",
            )
        console.print(table)


@app.command("quarantine")
def quarantine(
    import_id: int = typer.Argument(help="The import's id (lindung imports list)."),
    out: Path = typer.Option(..., "--out", help="CSV file to write."),
    language: str = typer.Option("id", help="Language of the reasons: id or en."),
) -> None:
    """Write an import's quarantined rows, with their reasons, to a CSV file."""
    from lindung.exchange.imports import write_quarantine_csv

    with (
        open_store(load_settings(), migrate=False) as database,
        database.session() as session,
        out.open("w", encoding="utf-8", newline="") as stream,
    ):
        count = write_quarantine_csv(session, import_id, stream, language)
    console.print(f"{count:,} rows written")


app.command("run")(run)
