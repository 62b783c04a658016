"""``lindung agreements``: list, show and expire MoU/PKS agreements."""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table

from lindung.cli.output import console
from lindung.cli.store import open_store
from lindung.settings import load_settings

app = typer.Typer(help="Agreements (MoU/PKS) with partners.", no_args_is_help=True)


@app.command("list")
def list_() -> None:
    """Every agreement: number, partner, kind, status today, validity."""
    from lindung.exchange.agreements import list_agreements

    today = date.today()
    with open_store(load_settings(), migrate=False) as database, database.session() as session:
        table = Table("number", "partner", "kind", "status", "valid from", "valid to", "version")
        for terms in list_agreements(session):
            table.add_row(
                terms.number,
                terms.partner.name,
                terms.agreement.kind.upper(),
                terms.status_on(today).value,
                terms.version.valid_from.isoformat(),
                terms.version.valid_to.isoformat(),
                str(terms.version.version_no),
            )
    console.print(table)


@app.command("show")
def show(number: str = typer.Argument(help="The agreement number.")) -> None:
    """An agreement's terms, datasets and fields, and its version chain."""
    from lindung.exchange.agreements import verify_versions, versions_of
    from lindung.exchange.terms import find_terms

    with open_store(load_settings(), migrate=False) as database, database.session() as session:
        terms = find_terms(session, number)
        version = terms.version
        console.print(f"[bold]{terms.number}[/] ({terms.agreement.kind.upper()}) {version.title}")
        console.print(f"partner: {terms.partner.name} ({terms.partner.code})")
        status = terms.status_on(date.today()).value
        console.print(f"status: {status} (stored {terms.agreement.status})")
        console.print(f"signed {version.signed_on}")
        console.print(f"valid {version.valid_from} to {version.valid_to}")
        console.print(f"purposes: {', '.join(version.purposes)}")
        console.print(f"lawful basis: {version.lawful_basis}")
        console.print(f"regions: {', '.join(version.region_codes) or 'national'}")
        console.print(
            f"exchange: {version.fetch_mode}, {version.frequency}; "
            f"retention {version.retention_days} days"
        )
        for (dataset, direction), fields in sorted(terms.datasets.items()):
            listed = ", ".join(f"{name}={treatment.value}" for name, treatment in fields.items())
            console.print(f"  {dataset} {direction.value}: {listed}")
        for row in versions_of(session, terms.agreement.id):
            console.print(f"  v{row.version_no} {row.hash} <- {row.previous_hash or '-'}")
        report = verify_versions(session, number)
    verdict = "OK" if report.ok else f"BROKEN at v{report.first_bad_version}: {report.problem}"
    console.print(f"version chain: {verdict}")


@app.command("expire")
def expire() -> None:
    """Mark every active agreement whose validity has ended as expired (audited)."""
    from lindung.exchange.agreements import expire_due
    from lindung.exchange.audit import Actor

    with open_store(load_settings(), migrate=False) as database, database.session() as session:
        expired = expire_due(session, date.today(), Actor("cli", "lindung"))
    for number in expired:
        console.print(f"expired {number}")
    console.print(f"{len(expired)} agreements expired")
