"""Migration 0007i recomputes the stored content hashes (and its downgrade the old ones)."""

from __future__ import annotations

import importlib.util
from hashlib import blake2b
from importlib.resources import files
from pathlib import Path
from types import ModuleType
from typing import Any

from alembic import command
from sqlalchemy import select

from lindung.exchange.datasets import all_datasets
from lindung.exchange.imports import run_import
from lindung.exchange.imports.validate import content_hash
from lindung.store.database import Database
from lindung.store.migrate import alembic_config, current_revision, upgrade

FILES = {
    "border_crossings": "imigrasi_crossings.csv",
    "dpt_ln": "dpt_ln.csv",
    "civil_registry": "dukcapil.csv",
    "training_certificates": "training_certificates.csv",
}


def _revision() -> ModuleType:
    path = files("lindung.store") / "migrations" / "versions" / "0007i_content_hash.py"
    spec = importlib.util.spec_from_file_location("revision_0007i", str(path))
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_revision_knows_every_partner_table_and_its_fields() -> None:
    tables = _revision().TABLES
    datasets = [spec for spec in all_datasets().values() if spec.importable]
    assert set(tables) == {spec.model.__tablename__ for spec in datasets}
    for spec in datasets:
        fields, dates = tables[spec.model.__tablename__]
        assert fields == spec.field_names
        assert dates == {f.name for f in spec.fields if f.kind == "date"}


def _stored(db: Database) -> dict[str, list[tuple[tuple[Any, ...], str]]]:
    """Per dataset: each stored row's field values and its content hash."""
    found = {}
    with db.session() as session:
        for name in FILES:
            spec = all_datasets()[name]
            table = spec.model.__table__
            columns = [table.c[field] for field in spec.field_names]
            rows = session.execute(
                select(*columns, table.c.content_hash).order_by(table.c.id)
            ).all()
            found[name] = [(tuple(row[:-1]), row[-1]) for row in rows]
    return found


def _migrate(db: Database, revision: str) -> None:
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_hashes_recomputed_both_ways(db: Database, partner_files: Path) -> None:
    for name, file_name in FILES.items():
        assert run_import(db, name, partner_files / file_name).inserted > 0
    imported = _stored(db)
    for name, rows in imported.items():
        names = all_datasets()[name].field_names
        assert [h for _, h in rows] == [
            content_hash(dict(zip(names, values, strict=True)), names) for values, _ in rows
        ]

    _migrate(db, "0007s")
    assert current_revision(db.engine) == "0007s"
    for name, rows in _stored(db).items():
        assert [h for _, h in rows] == [
            blake2b(repr(list(values)).encode(), digest_size=16).hexdigest() for values, _ in rows
        ], name
        assert [v for v, _ in rows] == [v for v, _ in imported[name]]

    upgrade(db.engine)
    assert _stored(db) == imported
