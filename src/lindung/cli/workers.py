"""``lindung workers show ID``: one worker's record and timeline, through the access gate.

The command reads as a Lindung account (``--as``, default ``LINDUNG_CLI_USER`` or the
operating-system user), with that account's role and region scope: an operator
sees what they would see on the profile page, and the read is audited under
their name. Personal data is printed to the operator's terminal only.
"""

from __future__ import annotations

import getpass

import typer
from rich.table import Table

from lindung.cli.output import console, fail
from lindung.cli.store import open_store
from lindung.errors import AuthenticationError, LindungError, Problem
from lindung.exchange.principal import Principal
from lindung.settings import load_settings
from lindung.store.database import Database

app = typer.Typer(
    help="Registered migrant workers (through the access gate).", no_args_is_help=True
)

AS_OPTION = typer.Option(
    None,
    "--as",
    envvar="LINDUNG_CLI_USER",
    help="The Lindung account to act as (default: the operating-system user).",
)


def principal_of(database: Database, username: str | None) -> Principal:
    """The principal of the named active account; a one-line error otherwise."""
    from lindung.exchange.gate import principal_for_user
    from lindung.store.users import find_user

    name = username or getpass.getuser()
    with database.session() as session:
        user = find_user(session, name)
        if user is None or not user.is_active:
            raise AuthenticationError(
                "no such account",
                [
                    Problem(
                        "--as",
                        "account.unknown",
                        "tidak ada akun Lindung aktif dengan nama itu; pakai --as NAMA",
                        "no active Lindung account by that name; pass --as USERNAME",
                    )
                ],
            )
        return principal_for_user(user)


@app.command("show")
def show(
    worker_id: int = typer.Argument(help="The worker's internal id."),
    as_user: str | None = AS_OPTION,
    language: str = typer.Option("id", "--lang", help="id or en."),
) -> None:
    """A worker's identity, placements and timeline across the three phases."""
    from lindung.exchange.gate import AccessGate
    from lindung.registry.reads import RegistryReader
    from lindung.registry.timeline import worker_timeline

    settings = load_settings()
    try:
        with open_store(settings, migrate=False) as database:
            principal = principal_of(database, as_user)
            reader = RegistryReader(database, AccessGate(settings), principal)
            profile = reader.worker_profile(worker_id).require()
    except LindungError as exc:
        fail(exc)
    worker = profile.worker
    console.print(f"[bold]{worker.get('full_name')}[/] (worker {worker_id})")
    for name in ("nik", "sex", "birth_date", "birth_place", "origin_village_code"):
        console.print(f"  {name}: {worker.get(name) or '-'}")
    placements = Table("placement", "job order", "country", "agency", "status", "registered")
    for row in profile.placements:
        placements.add_row(
            str(row["id"]),
            str(row.get("job_order_code")),
            str(row.get("destination_country")),
            str(row.get("agency_name")),
            str(row.get("status")),
            str(row.get("registered_on")),
        )
    console.print(placements)
    timeline = Table("date", "phase", "what", "detail", "placement", title="timeline")
    for entry in worker_timeline(profile, language):
        timeline.add_row(
            entry.on.isoformat(),
            entry.phase_label(language),
            entry.title,
            entry.detail,
            str(entry.placement_id or ""),
        )
    console.print(timeline)
