"""``lindung demo``, ``lindung serve`` and ``lindung seed``: the main job and its parts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from lindung.cli.output import console, progress_bar
from lindung.cli.store import open_store
from lindung.domain.dates import parse_iso_date
from lindung.exchange.gate import scoped_counts
from lindung.exchange.scope import NATIONAL
from lindung.settings import Settings, load_settings
from lindung.store.database import Database

DEFAULT_DEMO_WORKERS = 20_000


def _serve(settings: Settings, database: Database, host: str | None, port: int | None) -> None:
    import uvicorn

    from lindung.web.app import create_app

    app = create_app(settings, database)
    uvicorn.run(app, host=host or settings.host, port=port or settings.port, log_level="info")


def _seed(
    database: Database,
    out: Path,
    workers: int,
    seed: int,
    as_of: date | None,
    load: bool,
    voters: int | None = None,
) -> None:
    from lindung.demo import DemoConfig, ensure_store_empty, generate, load_into_store

    config = DemoConfig(workers=workers, seed=seed, out_dir=out, voters_abroad=voters)
    if as_of is not None:
        config = replace(config, as_of=as_of)
    if load:
        ensure_store_empty(database)  # refuse before spending minutes generating
    with progress_bar() as progress:
        summary = generate(config, progress=progress)
        loaded = load_into_store(database, config, progress=progress) if load else {}
    console.print(f"files written under [bold]{out}[/]")
    table = Table("file / table", "rows")
    for name, rows in {**summary.counts, **{f"store.{k}": v for k, v in loaded.items()}}.items():
        table.add_row(name, f"{rows:,}")
    console.print(table)


def _prepare(settings: Settings, database: Database, out: Path) -> None:
    """After the registry is loaded: partner files, linkage, policy check, signals."""
    from lindung.demo.pipeline import run_pipeline
    from lindung.exchange.gate import today

    run_pipeline(database, settings, out / "partners", today(), console.print)


def demo(
    workers: int = typer.Option(
        DEFAULT_DEMO_WORKERS, min=100, max=2_000_000, help="Workers to generate on first run."
    ),
    seed: int = typer.Option(2029, help="Random seed of the generated data."),
    host: str | None = typer.Option(None, help="Interface to listen on (default 127.0.0.1)."),
    port: int | None = typer.Option(None, help="Port to listen on (default 8000)."),
    serve: bool = typer.Option(True, help="Start the web app after preparing the data."),
) -> None:
    """The main job: prepare the demo database and data, then start the web app.

    Migrates the embedded database, generates the demo data set (first run only),
    creates the demo logins and the founding agreements, then (first run only)
    imports the partner files, links them, checks the policy rules and raises the
    signals, and serves the web app.
    """
    from lindung.demo.agreements import seed_founding_agreements
    from lindung.demo.logins import DEMO_LOGINS, create_demo_users

    settings = load_settings(demo_mode=True)
    with open_store(settings) as database:
        with database.session() as session:
            existing = scoped_counts(session, NATIONAL, "workers").get(None, 0)
        if existing:
            console.print(f"demo data present ({existing:,} workers); not generating again")
        else:
            _seed(database, settings.data_dir / "demo", workers, seed, None, load=True)
        create_demo_users(database)
        seed_founding_agreements(database)
        if not existing:
            _prepare(settings, database, settings.data_dir / "demo")
        table = Table("username", "password", "role / peran", "region", title="Demo logins")
        for login in DEMO_LOGINS:
            table.add_row(login.username, login.password, login.role, login.region_code or "")
        console.print(table)
        url = f"http://{host or settings.host}:{port or settings.port}"
        console.print(f"Lindung: [bold]{url}[/] (Ctrl+C to stop / berhenti)")
        if serve:
            _serve(settings, database, host, port)


def serve(
    host: str | None = typer.Option(None, help="Interface to listen on (LINDUNG_HOST)."),
    port: int | None = typer.Option(None, help="Port to listen on (LINDUNG_PORT)."),
) -> None:
    """Start the web app and the partner API on the configured database."""
    settings = load_settings()
    with open_store(settings, migrate=False) as database:
        console.print(f"Lindung at http://{host or settings.host}:{port or settings.port}")
        _serve(settings, database, host, port)


def seed(
    workers: int = typer.Option(20_000, min=100, max=2_000_000, help="Workers to generate."),
    seed: int = typer.Option(2029, help="Random seed; the same seed gives the same data."),
    out: Path | None = typer.Option(
        None, help="Directory for the generated files (default: DATA_DIR/demo)."
    ),
    as_of: str | None = typer.Option(None, help="Date the data describes (YYYY-MM-DD)."),
    load: bool = typer.Option(True, help="Load the registry part into the database."),
    voters: int | None = typer.Option(
        None,
        min=0,
        max=20_000_000,
        help="Citizens abroad who are not workers (most are on the DPT LN); default 0.15/worker.",
    ),
) -> None:
    """Generate the synthetic data set and load its registry into the database.

    Writes the registry tables, the partner files and their ground truth under --out
    (deterministic for --seed) and loads the registry part into the database.
    """
    settings = load_settings()
    reference = parse_iso_date(as_of, "--as-of") if as_of else None
    with open_store(settings, migrate=load) as database:
        _seed(database, out or settings.data_dir / "demo", workers, seed, reference, load, voters)
