"""``lindung linkage run|pairings`` and ``lindung linkage review list|show|decide|accuracy|labels``.

Thin over :mod:`lindung.linkage.platform` (runs) and :mod:`lindung.linkage.review`
(the queue). Showing a pair reads personal data, so it is done as a Lindung user
(``--user``) through the access gate, and audited; lists print ids only.
"""

from __future__ import annotations

import csv
import getpass
from pathlib import Path

import typer
from rich.table import Table

from lindung.cli.output import console, fail, progress_bar
from lindung.cli.store import open_store
from lindung.errors import LindungError, NotFound
from lindung.linkage.labels import MIN_MATCH_LABELS, LabelUse
from lindung.settings import load_settings

app = typer.Typer(
    help="Linkage runs over the store, stable person ids, and the clerical review queue.",
    no_args_is_help=True,
)
review_app = typer.Typer(help="The clerical review queue.", no_args_is_help=True)
app.add_typer(review_app, name="review")

USER_HELP = "The Lindung user you act as (the access gate decides by their role)."


def _actor_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@app.command("run")
def run(
    pairing: str = typer.Argument(..., help="The pairing, e.g. registry-imigrasi."),
    retrain: bool = typer.Option(
        False, "--retrain", help="Train a new model version (see --labels)."
    ),
    labels: bool = typer.Option(
        True,
        "--labels/--no-labels",
        help=(
            "When training, let the reviewers' match labels move the model's m "
            f"probabilities (used from {MIN_MATCH_LABELS} match labels on; "
            "see docs/linkage.md). --no-labels trains without them."
        ),
    ),
    threshold: float | None = typer.Option(
        None, "--threshold", help="Link threshold for this run (default: the pairing's)."
    ),
    incremental: bool = typer.Option(
        False, "--incremental", help="Link only records with no person yet, with the saved model."
    ),
) -> None:
    """Link a pairing's records in the store; store links, review queue and persons."""
    from lindung.exchange.audit import Actor
    from lindung.linkage.platform import RunOptions, run_pairing

    settings = load_settings()
    options = RunOptions(
        retrain=retrain, threshold=threshold, incremental=incremental, labels=labels
    )
    try:
        with open_store(settings, migrate=False) as database, progress_bar() as progress:
            summary = run_pairing(
                database, settings, pairing, options, Actor("cli", _actor_name()), progress
            )
    except LindungError as exc:
        fail(exc)
    table = Table("run", str(summary.run_id))
    for label, value in (
        ("pairing", summary.pairing),
        ("kind", summary.kind),
        ("model", f"v{summary.model_version} ({'trained now' if summary.retrained else 'saved'})"),
        ("model sha256", summary.model_sha256[:16] + "..."),
        ("records", f"{summary.left_rows:,} left, {summary.right_rows:,} right"),
        ("new records", f"{summary.new_records:,}"),
        ("pairs scored", f"{summary.pairs:,}"),
        ("linked", f"{summary.linked:,}"),
        ("to review", f"{summary.review:,}"),
        ("rejected", f"{summary.rejected:,}"),
        ("persons", f"{summary.persons:,}"),
    ):
        table.add_row(label, value)
    console.print(table)
    if summary.labels is not None:
        for line in _labels_text(summary.labels):
            console.print(line, soft_wrap=True)


def _labels_text(use: LabelUse) -> list[str]:
    """The reviewers' labels a training saw, counted per class, and whether it used them
    (Bahasa Indonesia first)."""
    counts = (
        f"Label peninjau / reviewers' labels: {use.match} cocok / match, "
        f"{use.non_match} tidak cocok / non-match, {use.missing} dilewati karena rekamannya "
        "sudah tidak ada / skipped, record gone"
    )
    if use.used:
        return [counts, f"Dipakai untuk m / used for m: {', '.join(use.comparisons)}"]
    return [counts, f"Tidak dipakai / not used: {use.why()}"]


@app.command("pairings")
def pairings() -> None:
    """The pairings, their sources and thresholds."""
    from lindung.linkage.pairings import PAIRINGS

    table = Table("pairing", "left", "right", "columns compared", "link at", "review band")
    for p in PAIRINGS.values():
        right = p.right.name if p.right is not None else "(duplicates)"
        shared = [c for c in p.columns(p.left) if c in p.columns(p.right_source)]
        table.add_row(
            p.name,
            p.left.name,
            right,
            ", ".join(shared),
            f"{p.link_threshold}",
            f"{p.review_low}-{p.review_high}",
        )
    console.print(table)


@review_app.command("list")
def review_list(
    pairing: str | None = typer.Option(None, help="Only this pairing."),
    state: str = typer.Option("review", help="review (the queue), linked or rejected."),
    limit: int = typer.Option(50, min=1, max=10_000),
) -> None:
    """Pairs awaiting review, most uncertain first (ids only, no personal data)."""
    from lindung.linkage.review import queue

    settings = load_settings()
    try:
        with open_store(settings, migrate=False) as database, database.session() as session:
            items = queue(session, pairing, state, limit)
    except LindungError as exc:
        fail(exc)
    table = Table("id", "pairing", "probability", "left", "right", "state")
    for item in items:
        table.add_row(
            str(item.link_id),
            item.pairing,
            f"{item.match_probability:.4f}",
            f"{item.left_source}:{item.left_key}",
            f"{item.right_source}:{item.right_key}",
            item.state,
        )
    console.print(table)
    console.print(f"{len(items)} pairs")


def _principal(session: object, username: str) -> object:
    from sqlalchemy.orm import Session

    from lindung.exchange.gate import principal_for_user
    from lindung.store.users import find_user

    assert isinstance(session, Session)
    user = find_user(session, username)
    if user is None or not user.is_active:
        raise NotFound("no active user with that username")
    return principal_for_user(user)


@review_app.command("show")
def review_show(
    link_id: int = typer.Argument(..., help="The pair's id (from review list)."),
    user: str = typer.Option(..., "--user", help=USER_HELP),
) -> None:
    """Both records side by side with the explanation (read through the access gate)."""
    from lindung.exchange.gate import AccessGate
    from lindung.exchange.principal import Principal
    from lindung.linkage.review import show
    from lindung.linkage.sources import SHAPE
    from lindung.linkage.words import sentence

    settings = load_settings()
    try:
        with open_store(settings, migrate=False) as database, database.session() as session:
            principal = _principal(session, user)
            assert isinstance(principal, Principal)
            view = show(session, AccessGate(settings), principal, link_id)
    except LindungError as exc:
        fail(exc)
    try:
        view.gated.require()
    except LindungError as exc:
        fail(exc)
    if not view.gated.rows:
        fail(NotFound(f"no link {link_id} in your scope"))
    link = view.link
    console.print(
        f"pair {link.id} · {link.pairing} · probability {link.match_probability:.4f} "
        f"· state {link.state}"
    )
    left, right = view.record("left"), view.record("right")
    table = Table("", "left", "right")
    for name in ("source", "key", *SHAPE):
        table.add_row(name, _text(left.get(name)), _text(right.get(name)))
    console.print(table)
    for part in view.explanation:
        console.print(sentence(part.comparison, part.level, part.weight, "en"))
    for decision in view.decisions:
        console.print(f"decision {decision.decision} by {decision.decided_by}")


def _text(value: object) -> str:
    return "" if value is None else str(value)


@review_app.command("decide")
def review_decide(
    link_id: int = typer.Argument(..., help="The pair's id."),
    decision: str = typer.Argument(..., help="match, non-match or unsure."),
    reason: str = typer.Option(..., "--reason", help="Why (kept with the decision)."),
    user: str = typer.Option(..., "--user", help=USER_HELP),
) -> None:
    """Decide a pair: it overrides the model, is audited and kept as a label."""
    from lindung.exchange.principal import Principal
    from lindung.linkage.review import decide

    settings = load_settings()
    try:
        with open_store(settings, migrate=False) as database, database.session() as session:
            principal = _principal(session, user)
            assert isinstance(principal, Principal)
            row = decide(session, principal, link_id, decision, reason)
            decision_id = row.id
    except LindungError as exc:
        fail(exc)
    console.print(f"decision {decision_id}: pair {link_id} {decision}")


@review_app.command("accuracy")
def review_accuracy(pairing: str | None = typer.Option(None, help="Only this pairing.")) -> None:
    """Precision and recall of the model against reviewers' decisions."""
    from lindung.linkage.review import accuracy

    settings = load_settings()
    with open_store(settings, migrate=False) as database, database.session() as session:
        result = accuracy(session, pairing)

    def ratio(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    console.print(
        f"labels {result.labels}: precision {ratio(result.precision)}, "
        f"recall {ratio(result.recall)} (TP {result.true_positives}, "
        f"FP {result.false_positives}, FN {result.false_negatives}, TN {result.true_negatives})"
    )


@review_app.command("labels")
def review_labels(
    out: Path = typer.Option(..., help="The CSV file to write."),
    pairing: str | None = typer.Option(None, help="Only this pairing."),
) -> None:
    """Export the decisions as Splink training labels (keys only, no personal data)."""
    from lindung.linkage.review import LABEL_COLUMNS, label_rows

    settings = load_settings()
    with open_store(settings, migrate=False) as database, database.session() as session:
        rows = label_rows(session, pairing)
    with out.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(LABEL_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    console.print(f"{len(rows)} labels -> {out}")
