"""``lindung job-orders``: the candidates who qualify for a job order.

Reads through the access gate as the national analyst ``cli`` (audited, like
every read of personal data); names are shown as the gate returns them.
"""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table

from lindung.cli.agencies import CLI_PRINCIPAL
from lindung.cli.output import console
from lindung.cli.store import open_store
from lindung.domain.dates import parse_iso_date
from lindung.errors import NotFound
from lindung.settings import load_settings

app = typer.Typer(help="Job orders: qualifying candidates.", no_args_is_help=True)


@app.command("candidates")
def candidates(
    code: str = typer.Argument(help="The job order's code."),
    on: str | None = typer.Option(None, "--on", help="Qualify as of this day (YYYY-MM-DD)."),
    limit: int = typer.Option(50, min=1, max=1000, help="How many candidates to show."),
    lang: str = typer.Option("en", help="Language of the reasons: id or en."),
) -> None:
    """The workers who qualify for the job order, ranked, with the reasons."""
    from lindung.exchange.gate import AccessGate
    from lindung.registry.job_orders import find_by_code
    from lindung.registry.matching import candidates_for

    settings = load_settings()
    day = parse_iso_date(on, "--on") if on else date.today()
    with open_store(settings, migrate=False) as database, database.session() as session:
        order = find_by_code(session, code)
        if order is None:
            raise NotFound("no job order with this code")
        found = candidates_for(session, AccessGate(settings), CLI_PRINCIPAL, order.id, day, limit)
        rows = [(row, found.reasons(row, lang)) for row in found.rows.rows]
    console.print(
        f"{order.code}: {order.position}, {order.country_code}; minimum age {found.minimum_age}"
    )
    table = Table("worker id", "name", "origin", "reasons")
    for row, reasons in rows:
        table.add_row(
            str(row["worker_id"]),
            str(row["full_name"]),
            str(row["origin_village_code"]),
            "; ".join(reasons),
        )
    console.print(table)
    console.print(f"{len(rows)} candidates")
