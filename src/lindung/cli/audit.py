"""``lindung audit``: verify the hash chain of the audit log; show a subject's accesses."""

from __future__ import annotations

import typer
from rich.table import Table

from lindung.cli.output import console, errors
from lindung.cli.store import open_store
from lindung.settings import load_settings

app = typer.Typer(help="The audit log (append-only, hash-chained).", no_args_is_help=True)


@app.command("verify")
def verify() -> None:
    """Walk the whole chain; exit 1 naming the first edited, deleted or reordered entry."""
    from lindung.exchange.audit import verify as verify_chain

    with open_store(load_settings(), migrate=False) as database, database.session() as session:
        report = verify_chain(session)
    if report.ok:
        console.print(f"OK: {report.entries} entries")
        return
    errors.print(
        f"FAILED: entry {report.first_bad_id}: {report.problem}", highlight=False, soft_wrap=True
    )
    raise SystemExit(1)


@app.command("show")
def show(
    subject: str = typer.Option(
        ..., help="The subject as KIND:ID, e.g. worker:123 (an internal id, never a NIK)."
    ),
) -> None:
    """Who read or was refused the record of one subject, when and why."""
    from lindung.errors import Problem, ValidationError
    from lindung.exchange.audit_search import subject_history

    kind, _, subject_id = subject.partition(":")
    if not kind or not subject_id:
        raise ValidationError(
            [
                Problem(
                    "subject",
                    "audit.subject_format",
                    "subjek ditulis JENIS:ID, misalnya worker:123",
                    "write the subject as KIND:ID, e.g. worker:123",
                )
            ]
        )
    with open_store(load_settings(), migrate=False) as database, database.session() as session:
        accesses = subject_history(session, kind, subject_id)
    columns = ("id", "at (UTC)", "actor", "action", "dataset", "purpose", "agreement", "decision")
    table = Table(*columns)
    for access in accesses:
        table.add_row(
            str(access.entry_id),
            access.at.strftime("%Y-%m-%d %H:%M:%S"),
            f"{access.actor_kind}:{access.actor}",
            access.action,
            access.dataset or "",
            access.purpose or access.role or "",
            access.agreement_number or "",
            access.decision or "",
        )
    console.print(table)
    console.print(f"{len(accesses)} entries")
