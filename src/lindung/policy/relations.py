"""The relations the checks read, and how they get into DuckDB.

Each relation has the store's table name and the store's column names (only the
columns some check needs: no names, no NIKs). They are loaded into an in-memory
DuckDB database either

- from the store (:func:`load_from_store`), by bulk reads straight into Arrow
  tables registered as views (:mod:`lindung.store.bulk_read`: PostgreSQL ``COPY``
  as CSV, SQLite cursor tuples; no ORM rows, and no DuckDB extension: one would
  need a download),
  for every placement or for the rows one placement's checks need; or
- from a directory of Parquet files with the store's tables
  (:func:`load_from_parquet`; the demo generator writes them), for benchmarks and
  bulk runs over generated data. A missing file or column reads as empty / NULL.

The same SQL runs over both, so one placement and all placements are judged alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from sqlalchemy import Float, Select, cast, select
from sqlalchemy.orm import Session

from lindung.exchange.guard import store_context
from lindung.store.bulk_read import read_arrow
from lindung.store.models import (
    Agency,
    AgencyLicenceEvent,
    CompetenceCertificate,
    Employer,
    HealthCheck,
    JobOrder,
    JobOrderCost,
    Placement,
    PlacementDocument,
    PlacementEvent,
    SocialSecurityMembership,
    Worker,
)

CHUNK_ROWS = 50_000

_I = pa.int64()
_S = pa.string()
_D = pa.date32()
_F = pa.float64()


@dataclass(frozen=True)
class Relation:
    """A store table as the checks see it: name, model and typed columns."""

    name: str
    model: Any
    columns: tuple[tuple[str, pa.DataType], ...]
    #: SQL value of a column missing from a Parquet file (the store's server default)
    defaults: tuple[tuple[str, str], ...] = ()

    @property
    def schema(self) -> pa.Schema:
        return pa.schema(list(self.columns))

    def select(self) -> Select[Any]:
        cols = []
        for name, kind in self.columns:
            column = getattr(self.model, name)
            cols.append(cast(column, Float).label(name) if kind == _F else column)
        return select(*cols)


def columns(spec: str) -> tuple[tuple[str, pa.DataType], ...]:
    """Columns from 'name:type ...' (type: int, str, date, num)."""
    kinds = {"int": _I, "str": _S, "date": _D, "num": _F}
    return tuple((name, kinds[kind]) for name, kind in (c.split(":") for c in spec.split()))


RELATIONS: tuple[Relation, ...] = (
    Relation(
        "placements",
        Placement,
        columns(
            "id:int worker_id:int job_order_id:int status:str registered_on:date "
            "departed_on:date arrived_on:date returned_on:date"
        ),
    ),
    Relation("workers", Worker, columns("id:int birth_date:date marital_status:str")),
    Relation(
        "job_orders",
        JobOrder,
        columns(
            "id:int code:str agency_id:int employer_id:int country_code:str city:str sector:str "
            "job_type:str skill_scheme:str quota:int valid_from:date valid_to:date "
            "approval_status:str approved_on:date"
        ),
        defaults=(("approval_status", "'approved'"),),
    ),
    Relation(
        "job_order_costs",
        JobOrderCost,
        columns("id:int job_order_id:int item:str amount:num currency:str charged_to:str"),
    ),
    Relation(
        "agencies",
        Agency,
        columns(
            "id:int licence_no:str licence_status:str licence_valid_from:date licence_valid_to:date"
        ),
    ),
    Relation(
        "agency_licence_events",
        AgencyLicenceEvent,
        columns("id:int agency_id:int status:str effective_on:date"),
    ),
    Relation("employers", Employer, columns("id:int country_code:str city:str kind:str")),
    Relation(
        "placement_documents",
        PlacementDocument,
        columns(
            "id:int placement_id:int kind:str subtype:str number:str issued_on:date expires_on:date"
        ),
    ),
    Relation(
        "placement_events",
        PlacementEvent,
        columns("id:int placement_id:int kind:str to_status:str occurred_on:date"),
    ),
    Relation(
        "health_checks",
        HealthCheck,
        columns(
            "id:int worker_id:int kind:str result:str examined_on:date valid_until:date "
            "certificate_no:str"
        ),
    ),
    Relation(
        "competence_certificates",
        CompetenceCertificate,
        columns("id:int worker_id:int scheme:str number:str issued_on:date valid_until:date"),
    ),
    Relation(
        "social_security_memberships",
        SocialSecurityMembership,
        columns(
            "id:int worker_id:int programme:str membership_no:str valid_from:date valid_to:date"
        ),
    ),
)

BY_NAME = {relation.name: relation for relation in RELATIONS}


def _create(con: duckdb.DuckDBPyConnection, relation: Relation) -> None:
    con.register(relation.name, relation.schema.empty_table())


#: Restricts a relation's SELECT to the rows of some placements (or not at all).
Restriction = Callable[[Relation, Select[Any]], Select[Any]]


def load_from_store(
    con: duckdb.DuckDBPyConnection,
    session: Session,
    placement_ids: Iterable[int] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> None:
    """Snapshot the relations from the store into ``con`` (all rows, or the rows the
    checks of ``placement_ids`` read: those placements, their workers' records,
    their job orders with every placement of those job orders (for the quota),
    agencies, employers and costs)."""
    restrict = _all_rows if placement_ids is None else _for_placements(session, placement_ids)
    register_from_store(con, session, RELATIONS, restrict, "policy", progress)


def register_from_store(
    con: duckdb.DuckDBPyConnection,
    session: Session,
    relations: tuple[Relation, ...],
    restrict: Restriction | None = None,
    context: str = "policy",
    progress: Callable[[str, int, int], None] | None = None,
) -> None:
    """Read each relation from the store (restricted by ``restrict``) and register it
    in ``con`` as an Arrow table under its name (the policy engine's and the signals'
    snapshot). The reads run in ``context`` for the personal-data guard and go
    around ORM rows (:func:`lindung.store.bulk_read.read_arrow`)."""
    restrict = restrict or _all_rows
    with store_context(context):
        for done, relation in enumerate(relations):
            if progress is not None:
                progress("snapshot", done, len(relations))
            statement = restrict(relation, relation.select())
            table = read_arrow(session, statement, relation.schema, CHUNK_ROWS)
            con.register(relation.name, table)  # an Arrow view: DuckDB scans it in place
        if progress is not None:
            progress("snapshot", len(relations), len(relations))


def _all_rows(_relation: Relation, statement: Select[Any]) -> Select[Any]:
    return statement


def _for_placements(session: Session, placement_ids: Iterable[int]) -> Restriction:
    ids = sorted(set(placement_ids))
    with store_context("policy"):
        pairs = session.execute(
            select(Placement.worker_id, Placement.job_order_id).where(Placement.id.in_(ids))
        ).all()
        orders = sorted({order for _, order in pairs})
        owners = session.execute(
            select(JobOrder.agency_id, JobOrder.employer_id).where(JobOrder.id.in_(orders))
        ).all()
    workers = sorted({worker for worker, _ in pairs})
    agencies = sorted({agency for agency, _ in owners})
    employers = sorted({employer for _, employer in owners})
    keys: dict[str, tuple[Any, list[int]]] = {
        "placements": (Placement.job_order_id, orders),
        "workers": (Worker.id, workers),
        "job_orders": (JobOrder.id, orders),
        "job_order_costs": (JobOrderCost.job_order_id, orders),
        "agencies": (Agency.id, agencies),
        "agency_licence_events": (AgencyLicenceEvent.agency_id, agencies),
        "employers": (Employer.id, employers),
        "placement_documents": (PlacementDocument.placement_id, ids),
        "placement_events": (PlacementEvent.placement_id, ids),
        "health_checks": (HealthCheck.worker_id, workers),
        "competence_certificates": (CompetenceCertificate.worker_id, workers),
        "social_security_memberships": (SocialSecurityMembership.worker_id, workers),
    }

    def restrict(relation: Relation, statement: Select[Any]) -> Select[Any]:
        column, values = keys[relation.name]
        return statement.where(column.in_(values))

    return restrict


def load_from_parquet(con: duckdb.DuckDBPyConnection, directory: Path) -> None:
    """Load the relations from ``directory/<table>.parquet`` (the demo generator's
    registry output). Missing files read as empty tables, missing columns as NULL."""
    for relation in RELATIONS:
        path = directory / f"{relation.name}.parquet"
        if not path.is_file():
            _create(con, relation)
            continue
        present = set(duckdb.read_parquet(str(path), connection=con).columns)
        defaults = dict(relation.defaults)
        columns = ", ".join(
            f"CAST({name if name in present else defaults.get(name, 'NULL')} "
            f"AS {_duck_type(kind)}) AS {name}"
            for name, kind in relation.columns
        )
        con.execute(
            f"CREATE OR REPLACE TABLE {relation.name} AS "  # noqa: S608 (names are ours)
            f"SELECT {columns} FROM read_parquet(?)",
            [str(path)],
        )


def _duck_type(kind: pa.DataType) -> str:
    return {_I: "BIGINT", _S: "VARCHAR", _D: "DATE", _F: "DOUBLE"}[kind]
