"""``lindung agencies``: the risk ranking and the sanctions ledger from the terminal.

Commands read as a national analyst named ``cli`` (KP2MI's own operators: counts
over all regions) and write sanctions as the actor ``cli``; both are audited.
"""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table

from lindung.cli.output import console
from lindung.cli.store import open_store
from lindung.domain.dates import parse_iso_date
from lindung.exchange.audit import Actor
from lindung.exchange.principal import Principal
from lindung.settings import load_settings

app = typer.Typer(
    help="Placement agencies (P3MI): risk ranking and sanctions.", no_args_is_help=True
)

#: Who the commands read and write as.
CLI_PRINCIPAL = Principal(kind="user", name="cli", role="national_analyst")
CLI_ACTOR = Actor("user", "cli")


@app.command("rank")
def rank(
    on: str | None = typer.Option(None, "--on", help="Rank as of this day (YYYY-MM-DD)."),
    limit: int = typer.Option(20, min=1, help="How many agencies to show."),
    lang: str = typer.Option("en", help="Language of the reasons: id or en."),
) -> None:
    """Agencies by risk score, highest first, with the reasons of each score."""
    from lindung.registry.risk import rank_agencies

    day = parse_iso_date(on, "--on") if on else date.today()
    with open_store(load_settings(), migrate=False) as database, database.session() as session:
        ranked = rank_agencies(session, CLI_PRINCIPAL, day, limit)
    table = Table("#", "id", "agency", "licence", "status", "placements", "score", "reasons")
    for index, row in enumerate(ranked, start=1):
        reasons = "; ".join(r.message(lang) for r in row.reasons) or "-"
        table.add_row(
            str(index),
            str(row.agency_id),
            row.name,
            row.licence_no,
            row.status,
            f"{row.placements:,}",
            f"{row.score:.1f}",
            reasons,
        )
    console.print(table)


@app.command("sanction")
def sanction(
    agency_id: int = typer.Argument(help="The agency's id (see `lindung agencies rank`)."),
    kind: str = typer.Argument(help="warning | suspension | revocation | deposit_draw"),
    reason: str = typer.Option(..., "--reason", help="Why (kept in the ledger)."),
    on: str = typer.Option(..., "--on", help="Date of the decision (YYYY-MM-DD)."),
    effective_from: str | None = typer.Option(None, "--from", help="In force from (default --on)."),
    effective_to: str | None = typer.Option(None, "--to", help="In force until (suspensions)."),
    decree: str | None = typer.Option(None, "--decree", help="Decree number."),
    amount: str | None = typer.Option(None, "--amount", help="Deposit draw amount (IDR)."),
) -> None:
    """Record a sanction; a suspension or revocation also changes the licence status."""
    from lindung.registry.agencies import licence_status_on
    from lindung.registry.sanctions import SanctionDraft, record_sanction

    draft = SanctionDraft(
        kind=kind,
        decided_on=parse_iso_date(on, "--on"),
        reason=reason,
        effective_from=parse_iso_date(effective_from, "--from") if effective_from else None,
        effective_to=parse_iso_date(effective_to, "--to") if effective_to else None,
        decree_no=decree,
        amount=amount,
    )
    with open_store(load_settings(), migrate=False) as database, database.session() as session:
        row = record_sanction(session, CLI_ACTOR, agency_id, draft)
        status = licence_status_on(session, agency_id, date.today())
        console.print(f"sanction {row.id} recorded: {row.kind} from {row.effective_from}")
        console.print(f"licence status today: {status}")
