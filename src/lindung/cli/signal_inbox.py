"""``lindung signals list | show | status | export | ppln``: the signals inbox from a terminal.

Reads go through the access gate as a user (``--user NAME``, default: a national
analyst named ``cli``), each audited; status changes need ``--user`` (who is
recorded in the history and the audit log). :func:`register` adds the commands to
the ``signals`` group (``lindung.cli.signals``, with ``signals run``); this module
also holds a group of its own (:data:`app`) for when that one is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from lindung.cli.output import console, fail
from lindung.cli.store import open_store
from lindung.errors import LindungError, NotFound
from lindung.exchange.principal import Principal
from lindung.settings import load_settings
from lindung.store.database import Database

#: Who reads when no --user is given (KP2MI's operators).
CLI_PRINCIPAL = Principal(kind="user", name="cli", role="national_analyst")

app = typer.Typer(help="Protection signals: inbox, details, status changes.", no_args_is_help=True)


def _principal(database: Database, username: str | None) -> Principal:
    if username is None:
        return CLI_PRINCIPAL
    from lindung.exchange.gate import principal_for_user
    from lindung.store.users import find_user

    with database.session() as session:
        user = find_user(session, username)
        if user is None:
            raise NotFound(f"no user named {username!r}")
        return principal_for_user(user)


def signals_list(
    signal_type: str = typer.Option("", "--type", help="A signal type, e.g. underage."),
    status: str = typer.Option("", help="new, in_review, confirmed or dismissed."),
    severity: str = typer.Option("", help="high, medium or low."),
    region: str = typer.Option("", help="Only this region's subtree (e.g. 35.09)."),
    country: str = typer.Option("", help="Destination country (ISO alpha-2)."),
    ppln: str = typer.Option("", help="A PPLN (overseas polling committee)."),
    sort: str = typer.Option("risk", help="risk or date."),
    purpose: str | None = typer.Option(None, help="Read for this purpose."),
    user: str | None = typer.Option(None, "--user", help="Read as this user."),
    limit: int = typer.Option(50, min=1, max=5000),
) -> None:
    """Signals you may see, highest risk (or newest) first."""
    from lindung.exchange.gate import AccessGate
    from lindung.signals.inbox import Filters, list_signals, purpose_or_default

    settings = load_settings()
    try:
        filters = Filters.parse(
            {"signal_type": signal_type, "status": status, "severity": severity,
             "region": region, "country": country, "ppln": ppln, "sort": sort}
        )  # fmt: skip
        with open_store(settings, migrate=False) as database:
            principal = _principal(database, user)
            with database.session() as session:
                asked = purpose_or_default(session, principal, purpose)
                result = list_signals(
                    session, AccessGate(settings), principal, asked, filters, limit
                )
    except LindungError as exc:
        fail(exc)
    if not result.allowed:
        fail(LindungError(result.decision.explanation("en")))
    table = Table(*result.fields)
    for row in result.rows:
        table.add_row(*("" if row[f] is None else str(row[f]) for f in result.fields))
    console.print(table)
    console.print(f"{len(result.rows)} signal(s)")


def signals_show(
    signal_id: int = typer.Argument(help="The signal's id."),
    purpose: str | None = typer.Option(None, help="Read for this purpose."),
    user: str | None = typer.Option(None, "--user", help="Read as this user."),
) -> None:
    """One signal: its fields as you may see them, its reasons and its history."""
    from lindung.exchange.gate import AccessGate
    from lindung.signals.inbox import (
        get_signal,
        purpose_or_default,
        reason_text,
        reasons_and_history,
    )

    settings = load_settings()
    try:
        with open_store(settings, migrate=False) as database:
            principal = _principal(database, user)
            with database.session() as session:
                asked = purpose_or_default(session, principal, purpose)
                result = get_signal(session, AccessGate(settings), principal, asked, signal_id)
                if result.allowed and result.rows:
                    reasons, events = reasons_and_history(session, signal_id)
                    history = [
                        (str(e.at)[:19], e.kind, e.from_status or "", e.to_status or "",
                         e.actor, e.reason or "")
                        for e in events
                    ]  # fmt: skip
    except LindungError as exc:
        fail(exc)
    if not result.allowed or not result.rows:
        fail(NotFound(f"signal {signal_id} not found or outside your access"))
    [row] = result.rows
    for name in result.fields:
        value = row[name]
        shown = json.dumps(value, ensure_ascii=False, indent=2) if name == "evidence" else value
        console.print(f"[bold]{name}[/]: {shown}")
    for reason in reasons:
        console.print(f"- {reason_text(reason.get('code', ''), reason.get('params'), 'en')}")
    for line in history:
        console.print("  ".join(line))


def signals_status(
    signal_ids: list[int] = typer.Argument(help="One or more signal ids."),
    to: str = typer.Option(..., "--to", help="new, in_review, confirmed or dismissed."),
    reason: str = typer.Option("", help="Why (required for confirmed and dismissed)."),
    user: str = typer.Option(..., "--user", help="Who makes the change (a username)."),
    purpose: str | None = typer.Option(None, help="Act for this purpose."),
) -> None:
    """Move signals to a status, all of them or none, recorded with who and why."""
    from lindung.exchange.gate import AccessGate
    from lindung.signals.inbox import purpose_or_default
    from lindung.signals.service import change_status

    settings = load_settings()
    try:
        with open_store(settings, migrate=False) as database:
            principal = _principal(database, user)
            with database.session() as session:
                asked = purpose_or_default(session, principal, purpose)
                done = change_status(
                    session, AccessGate(settings), principal, signal_ids, to, reason, asked
                )
    except LindungError as exc:
        fail(exc)
    for signal_id, old, new in done.moves:
        console.print(f"signal {signal_id}: {old} -> {new}")


def signals_export(
    fmt: str = typer.Option("csv", "--format", help="csv or xlsx."),
    out: Path = typer.Option(Path("exports"), help="The folder to write into."),
    signal_type: str = typer.Option("", "--type", help="Only this signal type."),
    status: str = typer.Option("", help="Only this status."),
    region: str = typer.Option("", help="Only this region's subtree."),
    purpose: str | None = typer.Option(None, help="Export for this purpose."),
    user: str | None = typer.Option(None, "--user", help="Export as this user."),
) -> None:
    """Signals you may see as CSV/XLSX with a manifest (agreement, purpose, rows, SHA-256)."""
    from lindung.exchange.gate import AccessGate
    from lindung.signals.exports import export_signals
    from lindung.signals.inbox import Filters, purpose_or_default

    settings = load_settings()
    refused: LindungError | None = None
    try:
        filters = Filters.parse({"signal_type": signal_type, "status": status, "region": region})
        with open_store(settings, migrate=False) as database:
            principal = _principal(database, user)
            with database.session() as session:
                asked = purpose_or_default(session, principal, purpose)
                try:
                    path, manifest = export_signals(
                        session, AccessGate(settings), principal, asked, filters, fmt, out
                    )
                except LindungError as exc:
                    refused = exc  # leave normally: a refusal's audit entry commits
    except LindungError as exc:
        fail(exc)
    if refused is not None:
        fail(refused)
    console.print(f"{manifest.row_count:,} rows -> {path} (sha256 {manifest.sha256[:16]}...)")


def signals_ppln(
    fmt: str | None = typer.Option(None, "--format", help="Write csv or xlsx instead of printing."),
    out: Path = typer.Option(Path("exports"), help="The folder to write into."),
    user: str | None = typer.Option(None, "--user", help="As this user."),
) -> None:
    """The latest run's per-PPLN coverage of workers abroad on the DPT LN."""
    from lindung.signals.exports import export_ppln_coverage
    from lindung.signals.inbox import PPLN_COLUMNS, may_see_ppln_coverage, ppln_coverage

    settings = load_settings()
    try:
        with open_store(settings, migrate=False) as database:
            principal = _principal(database, user)
            with database.session() as session:
                purpose = may_see_ppln_coverage(session, principal)
                if purpose is None:
                    raise LindungError("the PPLN coverage table is not available to this user")
                if fmt is not None:
                    path, manifest = export_ppln_coverage(session, principal, purpose, fmt, out)
                    console.print(f"{manifest.row_count:,} rows -> {path}")
                    return
                coverage = ppln_coverage(session)
    except LindungError as exc:
        fail(exc)
    table = Table(*PPLN_COLUMNS, title=f"run {coverage.run_id} as of {coverage.as_of}")
    for row in coverage.rows:
        table.add_row(*("" if row[c] is None else str(row[c]) for c in PPLN_COLUMNS))
    console.print(table)


def register(group: typer.Typer) -> None:
    """Add the inbox commands to the ``signals`` group."""
    group.command("list")(signals_list)
    group.command("show")(signals_show)
    group.command("status")(signals_status)
    group.command("export")(signals_export)
    group.command("ppln")(signals_ppln)


register(app)
