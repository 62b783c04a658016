"""``lindung policy``: the rules in force on a date, and a check of every placement."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from lindung.cli.output import console, progress_bar
from lindung.cli.store import open_store
from lindung.settings import load_settings

app = typer.Typer(help="Policy rules (as data) and checks of placements.", no_args_is_help=True)

_RULES_DIR = typer.Option(
    None,
    "--rules-dir",
    help="A directory of rule files to use instead of the package's (e.g. a draft change).",
    file_okay=False,
)


def _date(value: str | None) -> date:
    from lindung.domain.dates import parse_iso_date

    return date.today() if value is None else parse_iso_date(value, "as_of")


@app.command("rules")
def rules(
    as_of: str | None = typer.Option(None, "--as-of", help="YYYY-MM-DD (default: today)."),
    rules_dir: Path | None = _RULES_DIR,
) -> None:
    """List the rules in force on a date with their legal basis."""
    from lindung.domain.policy import load_rules

    day = _date(as_of)
    ruleset = load_rules(rules_dir)
    table = Table("id", "title", "legal basis", "in force", "severity", "gates")
    in_force = ruleset.in_force(day)
    for rule in in_force:
        period = f"{rule.in_force_from.isoformat()} - {rule.in_force_to or ''}"
        gates = ", ".join(stage.value for stage in rule.gates)
        table.add_row(rule.id, rule.title_id, rule.legal_basis, period, rule.severity, gates)
    console.print(table)
    console.print(f"{len(in_force)} rules in force on {day.isoformat()}; version {ruleset.version}")


@app.command("check")
def check(
    as_of: str | None = typer.Option(None, "--as-of", help="YYYY-MM-DD (default: today)."),
    placement: int | None = typer.Option(None, "--placement", help="Check one placement id."),
    rules_dir: Path | None = _RULES_DIR,
) -> None:
    """Evaluate every placement (or one) as of a date; store the run and its findings."""
    from lindung.domain.policy import load_rules
    from lindung.exchange.audit import Actor
    from lindung.policy.runs import run_check

    day = _date(as_of)
    ruleset = load_rules(rules_dir)
    with open_store(load_settings(), migrate=False) as database, progress_bar() as progress:
        summary = run_check(database, day, Actor("cli", "policy"), placement, ruleset, progress)
    table = Table("rule", "findings", "blockers")
    for rule_id, count in summary.by_rule.items():
        table.add_row(rule_id, str(count), str(summary.blockers_by_rule.get(rule_id, 0)))
    console.print(table)
    console.print(
        f"run {summary.run_id}: {summary.placements_checked} placements checked as of "
        f"{day.isoformat()}, {summary.findings} findings (rules {summary.rules_version[:12]}), "
        f"{summary.blockers} blockers of the next stage"
    )
