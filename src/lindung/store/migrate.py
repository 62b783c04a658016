"""Schema migrations (Alembic) and the loading of shipped reference data."""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from lindung.store.reference_loader import ReferenceLoadReport, load_reference_data


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("lindung.store") / "migrations"))
    return config


def upgrade(engine: Engine, revision: str = "heads") -> ReferenceLoadReport:
    """Migrate the schema to ``revision`` and (re)load reference data that changed."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return load_reference_data(engine)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return ", ".join(sorted(heads)) or None


def head_revision() -> str:
    return ", ".join(sorted(ScriptDirectory.from_config(alembic_config()).get_heads()))
