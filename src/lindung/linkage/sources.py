"""Where the platform's person records come from, in the link-input shape.

Each :class:`RecordSource` says how one store table becomes rows of
``record_id, full_name, birth_date, sex, nik, passport_no, birth_place`` (the
shape :func:`lindung.linkage.prepare.prepare` reads): the registry is the
``workers`` table with the worker's latest passport number; partner sources are
the tables imports fill (:mod:`lindung.store.models.partner_data`). A record's
key is the stored row's integer id, stable across re-imports (an import updates
a row in place by its natural key).

Extraction is a batch job of the linkage service, not an interface read: it runs
under :func:`lindung.exchange.guard.store_context` and the run itself is
audited. Pages show records only through the access gate (the ``linkage_pairs``
dataset, :mod:`lindung.linkage.pair_view`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from sqlalchemy import func, null, select
from sqlalchemy.orm import Session

from lindung.exchange.guard import store_context
from lindung.store.models import (
    BorderCrossing,
    CivilRegistryRecord,
    ConsularRegistration,
    DptLnEntry,
    Passport,
    Worker,
)

#: The link-input columns after ``record_id``, in order.
SHAPE = ("full_name", "birth_date", "sex", "nik", "passport_no", "birth_place")

#: Keys per IN (...) list when extracting only some records.
KEY_CHUNK = 500


@dataclass(frozen=True)
class RecordSource:
    """One source of person records: its table and how its columns map to the shape.

    ``columns`` maps a shape column to the model attribute holding it (None: the
    source has no such column). ``region`` is the column that places a record in
    a Kemendagri region (None: the source has none).
    """

    name: str
    title_id: str
    title_en: str
    model: Any
    columns: dict[str, str | None]
    region: str | None = None

    def column(self, shape_column: str, entity: Any = None) -> Any:
        """The SQL expression for ``shape_column`` (None when the source lacks it), on
        ``entity`` (an alias of the model; the model itself when None)."""
        entity = self.model if entity is None else entity
        if self.name == "registry" and shape_column == "passport_no":
            return latest_passport(entity.id)
        attribute = self.columns.get(shape_column)
        return None if attribute is None else getattr(entity, attribute)


def latest_passport(worker_id: Any) -> Any:
    """The number of the worker's most recently issued passport (a scalar subquery)."""
    return (
        select(Passport.number)
        .where(Passport.worker_id == worker_id)
        .order_by(Passport.issued_on.desc(), Passport.id.desc())
        .limit(1)
        .scalar_subquery()
    )


REGISTRY = RecordSource(
    name="registry",
    title_id="Registri pekerja migran (KP2MI)",
    title_en="Migrant worker registry (KP2MI)",
    model=Worker,
    columns={
        "full_name": "full_name",
        "birth_date": "birth_date",
        "sex": "sex",
        "nik": "nik",
        "passport_no": None,  # from passports: see RecordSource.column
        "birth_place": "birth_place",
    },
    region="origin_village_code",
)
BORDER_CROSSINGS = RecordSource(
    name="border_crossings",
    title_id="Perlintasan perbatasan (Imigrasi)",
    title_en="Border crossings (Immigration)",
    model=BorderCrossing,
    columns={
        "full_name": "name",
        "birth_date": "birth_date",
        "sex": "sex",
        "nik": "nik",
        "passport_no": "passport_number",
        "birth_place": None,
    },
)
DPT_LN = RecordSource(
    name="dpt_ln",
    title_id="DPT Luar Negeri (KPU/Bawaslu)",
    title_en="Overseas voter list (KPU/Bawaslu)",
    model=DptLnEntry,
    columns={
        "full_name": "name",
        "birth_date": "birth_date",
        "sex": "sex",
        "nik": "nik",
        "passport_no": None,
        "birth_place": "birth_place",
    },
)
CIVIL_REGISTRY = RecordSource(
    name="civil_registry",
    title_id="Data kependudukan (Dukcapil)",
    title_en="Civil registry (Dukcapil)",
    model=CivilRegistryRecord,
    columns={
        "full_name": "name",
        "birth_date": "birth_date",
        "sex": "sex",
        "nik": "nik",
        "passport_no": None,
        "birth_place": "birth_place",
    },
    region="village_code",
)
#: The missions' lapor diri: the passport the citizen travelled with (sometimes left
#: empty), the NIK often missing; no birth place, and a foreign address (no region).
CONSULAR_REGISTRATIONS = RecordSource(
    name="consular_registrations",
    title_id="Lapor diri di perwakilan RI",
    title_en="Consular registrations (lapor diri)",
    model=ConsularRegistration,
    columns={
        "full_name": "name",
        "birth_date": "birth_date",
        "sex": "sex",
        "nik": "nik",
        "passport_no": "passport_number",
        "birth_place": None,
    },
)

SOURCES: dict[str, RecordSource] = {
    s.name: s for s in (REGISTRY, BORDER_CROSSINGS, DPT_LN, CIVIL_REGISTRY, CONSULAR_REGISTRATIONS)
}


def get_source(name: str) -> RecordSource:
    return SOURCES[name]


def _statement(source: RecordSource) -> Any:
    parts: list[Any] = [source.model.id.label("key")]
    for name in SHAPE:
        expression = source.column(name)
        parts.append((expression if expression is not None else null()).label(name))
    return select(*parts).order_by(source.model.id)


def extract(session: Session, source: RecordSource, keys: Iterable[int] | None = None) -> pa.Table:
    """The source's records in the link-input shape (``record_id`` = the key as text).

    ``keys``: only those records (None: all).
    """
    statement = _statement(source)
    rows: list[Any] = []
    with store_context("linkage extract"):
        if keys is None:
            rows = list(session.execute(statement))
        else:
            wanted = sorted(set(keys))
            for start in range(0, len(wanted), KEY_CHUNK):
                chunk = wanted[start : start + KEY_CHUNK]
                rows += list(session.execute(statement.where(source.model.id.in_(chunk))))
    return pa.table(
        {
            "record_id": pa.array([str(r.key) for r in rows], pa.string()),
            "full_name": pa.array([r.full_name for r in rows], pa.string()),
            "birth_date": pa.array([r.birth_date for r in rows], pa.date32()),
            "sex": pa.array([r.sex for r in rows], pa.string()),
            "nik": pa.array([r.nik for r in rows], pa.string()),
            "passport_no": pa.array([r.passport_no for r in rows], pa.string()),
            "birth_place": pa.array([r.birth_place for r in rows], pa.string()),
        }
    )


def all_keys(session: Session, source: RecordSource) -> list[int]:
    """Every key of the source (no personal data)."""
    with store_context("linkage keys"):
        return [int(k) for k in session.scalars(select(source.model.id).order_by(source.model.id))]


def count(session: Session, source: RecordSource) -> int:
    with store_context("linkage count"):
        return int(session.scalar(select(func.count(source.model.id))) or 0)
