"""``lindung clients``: partner API clients (one agreement each; tokens shown once)."""

from __future__ import annotations

import getpass

import typer
from rich.table import Table

from lindung.cli.output import console
from lindung.cli.store import open_store
from lindung.settings import load_settings

app = typer.Typer(help="Partner API clients and their tokens.", no_args_is_help=True)

SHOWN_ONCE = (
    "Simpan token ini sekarang; token tidak akan ditampilkan lagi. "
    "/ Store this token now; it will not be shown again."
)


@app.command("create")
def create(
    agreement: str = typer.Option(..., help="The agreement number the client reads under."),
    name: str = typer.Option(..., help="The client's name, e.g. the partner system."),
    expires_days: int | None = typer.Option(None, min=1, help="Days until the token expires."),
    rate_limit: int = typer.Option(60, min=1, help="Requests per minute (per process)."),
) -> None:
    """Create a client bound to an agreement and print its token (once)."""
    from lindung.exchange.clients import create_client

    with open_store(load_settings(), migrate=False) as database, database.session() as session:
        issued = create_client(
            session, agreement, name, getpass.getuser(), expires_days, rate_limit
        )
        console.print(f"client {issued.client.id} ({name}) under {agreement}")
    typer.echo(issued.token)
    console.print(SHOWN_ONCE)


@app.command("rotate")
def rotate(client_id: int = typer.Argument(help="The client to rotate.")) -> None:
    """Revoke a client's token and issue a new client with the same terms."""
    from lindung.exchange.clients import rotate_client

    with open_store(load_settings(), migrate=False) as database, database.session() as session:
        issued = rotate_client(session, client_id, getpass.getuser())
        console.print(f"client {client_id} revoked; new client {issued.client.id}")
    typer.echo(issued.token)
    console.print(SHOWN_ONCE)


@app.command("revoke")
def revoke(client_id: int = typer.Argument(help="The client to revoke.")) -> None:
    """Revoke a client's token now."""
    from lindung.exchange.clients import revoke_client

    with open_store(load_settings(), migrate=False) as database, database.session() as session:
        revoke_client(session, client_id, getpass.getuser())
    console.print(f"client {client_id} revoked")


@app.command("list")
def list_(
    show_all: bool = typer.Option(False, "--all", help="Include revoked and expired clients."),
) -> None:
    """Clients, their agreements and status (tokens are never shown again)."""
    from lindung.exchange.clients import client_status, list_clients

    table = Table("id", "name", "agreement", "prefix", "status", "rate/min", "expires", "last used")
    with open_store(load_settings(), migrate=False) as database, database.session() as session:
        for client, number in list_clients(session):
            status = client_status(client)
            if status != "active" and not show_all:
                continue
            expires = client.expires_at.date().isoformat() if client.expires_at else "-"
            used = client.last_used_at
            last_used = used.strftime("%Y-%m-%d %H:%M") if used else "-"
            table.add_row(
                str(client.id),
                client.name,
                number,
                client.token_prefix,
                status,
                str(client.rate_limit_per_minute),
                expires,
                last_used,
            )
    console.print(table)
