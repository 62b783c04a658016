"""``lindung users``: accounts of the web app."""

from __future__ import annotations

import sys

import typer

from lindung.cli.output import console
from lindung.cli.store import open_store
from lindung.settings import load_settings
from lindung.store.models import Role

app = typer.Typer(help="User accounts.", no_args_is_help=True)


@app.command("create")
def create(
    username: str = typer.Argument(help="Login name (letters, digits, . _ -)."),
    role: Role = typer.Option(..., help="What the user is."),
    display_name: str = typer.Option(..., "--name", help="Full name shown in the app."),
    region: str | None = typer.Option(
        None, help="Region code a regional officer is bound to (e.g. 35.09)."
    ),
    language: str = typer.Option("id", help="Interface language: id or en."),
    password_stdin: bool = typer.Option(
        False, help="Read the password from standard input instead of prompting."
    ),
) -> None:
    """Add a user. The password is prompted for (never given on the command line)."""
    from lindung.store.users import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Kata sandi / password", hide_input=True, confirmation_prompt=True)
    with open_store(load_settings(), migrate=False) as database, database.session() as session:
        user = create_user(
            session,
            username=username,
            password=password,
            role=role,
            display_name=display_name,
            region_code=region,
            language=language,
        )
        console.print(f"created user {user.username} ({user.role})")
