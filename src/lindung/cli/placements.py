"""``lindung placements transition ID STATUS --on DATE [--reason TEXT]``: move a
placement through the lifecycle, as a Lindung account (``--as``), with the same
checks as the placement page; a refusal prints each failed rule and why."""

from __future__ import annotations

import typer

from lindung.cli.output import console, errors, fail
from lindung.cli.store import open_store
from lindung.cli.workers import AS_OPTION, principal_of
from lindung.errors import LindungError
from lindung.settings import load_settings

app = typer.Typer(help="Placements and their lifecycle.", no_args_is_help=True)


@app.command("transition")
def transition(
    placement_id: int = typer.Argument(help="The placement's internal id."),
    status: str = typer.Argument(help="The stage to move to, e.g. departed."),
    on: str = typer.Option(..., "--on", help="The date it happened (YYYY-MM-DD)."),
    reason: str | None = typer.Option(None, help="Why (required for an exit)."),
    as_user: str | None = AS_OPTION,
    language: str = typer.Option("en", "--lang", help="Language of messages: id or en."),
) -> None:
    """Move a placement to STATUS on --on, checked against the rules in force then."""
    from lindung.registry.events import move_placement
    from lindung.registry.lifecycle import TransitionRefused
    from lindung.registry.placements import Source

    data = {"to_status": status, "occurred_on": on, "reason": reason or ""}
    try:
        with open_store(load_settings(), migrate=False) as database:
            principal = principal_of(database, as_user)
            with database.session() as session:
                event_id = move_placement(session, Source(principal, "cli"), placement_id, data)
    except TransitionRefused as exc:
        errors.print(f"[bold red]refused:[/] placement {placement_id} -> {status} on {on}")
        for problem in exc.problems:
            errors.print(f"  - {problem.field}: {problem.message(language)}", highlight=False)
        raise SystemExit(1) from None
    except LindungError as exc:
        fail(exc)
    console.print(f"placement {placement_id} moved to {status} on {on} (event {event_id})")
