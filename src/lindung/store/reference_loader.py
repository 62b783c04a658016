"""Load the shipped reference data (regions with population, countries) into the store.

Idempotent: each dataset is recorded with the SHA-256 of what was loaded, and is
loaded again only when the shipped data changed. Rows are inserted or updated by
code, never deleted, because workers and users refer to them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, bindparam, insert, select, update

from lindung.domain.countries import all_countries
from lindung.domain.regions import data_file, population, region_directory
from lindung.store.models import Country, ReferenceDataset, Region
from lindung.store.models.base import utcnow

CHUNK = 5000


@dataclass
class ReferenceLoadReport:
    loaded: dict[str, int] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)


def _sha256(*paths: str) -> str:
    digest = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as stream:
            digest.update(stream.read())
    return digest.hexdigest()


def _region_rows() -> list[dict[str, Any]]:
    people = population()
    rows = []
    for region in sorted(region_directory(), key=lambda r: (r.level, r.code)):
        counted = people.get(region.code)
        rows.append(
            {
                "code": region.code,
                "name": region.name,
                "level": region.level,
                "kind": region.kind,
                "parent_code": region.parent_code,
                "search_name": region.search_name,
                "population_male": counted.male if counted else None,
                "population_female": counted.female if counted else None,
                "population_total": counted.total if counted else None,
            }
        )
    return rows


def _country_rows() -> list[dict[str, Any]]:
    return [
        {
            "alpha2": c.alpha2,
            "alpha3": c.alpha3,
            "name_en": c.name_en,
            "name_id": c.name_id,
            "is_destination": c.is_destination,
        }
        for c in all_countries().values()
    ]


def _chunks(rows: Sequence[dict[str, Any]]) -> Iterable[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def _upsert(conn: Connection, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows whose key is new; update the others in place."""
    existing = set(conn.scalars(select(table.c[key])))
    new = [r for r in rows if r[key] not in existing]
    old = [{**r, "_key": r[key]} for r in rows if r[key] in existing]
    for chunk in _chunks(new):
        conn.execute(insert(table), chunk)
    if old:
        statement = (
            update(table)
            .where(table.c[key] == bindparam("_key"))
            .values({c: bindparam(c) for c in rows[0] if c != key})
        )
        for chunk in _chunks(old):
            conn.execute(statement, chunk)


def _record(conn: Connection, name: str, sha256: str, rows: int) -> None:
    table = cast(Table, ReferenceDataset.__table__)
    values = {"sha256": sha256, "rows": rows, "loaded_at": utcnow()}
    done = conn.execute(update(table).where(table.c.name == name).values(values))
    if done.rowcount == 0:
        conn.execute(insert(table).values(name=name, **values))


def load_reference_data(engine: Engine) -> ReferenceLoadReport:
    """Load every reference dataset whose shipped version differs from the stored one."""
    report = ReferenceLoadReport()
    datasets = {
        "regions": (
            _sha256(data_file("wilayah/kode_wilayah.csv"), data_file("wilayah/penduduk.csv")),
            Region.__table__,
            "code",
            _region_rows,
        ),
        "countries": (
            hashlib.sha256(repr(sorted(_country_rows(), key=str)).encode()).hexdigest(),
            Country.__table__,
            "alpha2",
            _country_rows,
        ),
    }
    with engine.begin() as conn:
        stored = dict(conn.execute(select(ReferenceDataset.name, ReferenceDataset.sha256)).all())
        for name, (sha256, table, key, build_rows) in datasets.items():
            if stored.get(name) == sha256:
                report.unchanged.append(name)
                continue
            rows = build_rows()
            _upsert(conn, table, key, rows)  # type: ignore[arg-type]
            _record(conn, name, sha256, len(rows))
            report.loaded[name] = len(rows)
    return report
