"""load_into_store puts the generated registry into SQLite and PostgreSQL, once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sqlalchemy import func, inspect, select

from lindung.demo import (
    DemoConfig,
    DemoDataMissing,
    DemoDataPresent,
    DemoSummary,
    generate,
    load_into_store,
)
from lindung.demo.store_loader import TABLES as LOADED
from lindung.store.database import Database
from lindung.store.models import (
    Agency,
    AgencyLicenceEvent,
    HealthCheck,
    JobOrderCost,
    Placement,
    PlacementDocument,
    PlacementEvent,
    Worker,
)

TABLES = [name for name, _ in LOADED]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> DemoSummary:
    out = tmp_path_factory.mktemp("small")
    return generate(DemoConfig(workers=300, seed=11, out_dir=out))


def test_loads_every_registry_table_with_matching_counts(db: Database, small: DemoSummary) -> None:
    stages: list[tuple[str, int, int]] = []
    loaded = load_into_store(db, small.config, progress=lambda *a: stages.append(a))
    expected = {name: pq.read_metadata(small.path("registry", name)).num_rows for name in TABLES}
    assert loaded == expected
    assert stages[-1] == ("load", sum(expected.values()), sum(expected.values()))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Worker)) == small.config.workers
        statuses = set(s.scalars(select(Placement.status).distinct()))
        assert "working" in statuses
        first = s.get(Worker, 1)
        assert first is not None
        assert isinstance(first.birth_date, date)
        assert first.nik == pq.read_table(small.path("registry", "workers"))["nik"][0].as_py()


def test_new_registry_tables_read_back_through_the_models(db: Database, small: DemoSummary) -> None:
    """Dates, timestamps, amounts and JSON details come back as the ORM types."""
    load_into_store(db, small.config)
    with db.session() as s:
        departure = s.scalars(
            select(PlacementEvent).where(PlacementEvent.kind == "departure").limit(1)
        ).one()
        assert isinstance(departure.occurred_on, date)
        assert isinstance(departure.details, dict)
        assert len(departure.details["country"]) == 2
        written = pq.read_table(small.path("registry", "placement_events")).to_pylist()
        row = written[departure.id - 1]
        assert row["id"] == departure.id
        assert departure.occurred_on == row["occurred_on"]
        assert departure.recorded_at.replace(tzinfo=None) == row["recorded_at"].replace(tzinfo=None)
        document = s.scalars(select(PlacementDocument).limit(1)).one()
        assert isinstance(document.issued_on, date)
        check = s.scalars(select(HealthCheck).limit(1)).one()
        assert check.valid_until > check.examined_on
        cost = s.scalars(select(JobOrderCost).limit(1)).one()
        assert float(cost.amount) > 0
        event = s.scalars(select(AgencyLicenceEvent).limit(1)).one()
        assert event.status == "active"
        placement = s.scalars(
            select(Placement).where(Placement.departed_on.is_not(None)).limit(1)
        ).one()
        assert placement.arrived_on is not None
        assert placement.arrived_on >= placement.departed_on


def test_ids_continue_after_the_loaded_ones(db: Database, small: DemoSummary) -> None:
    load_into_store(db, small.config)
    with db.session() as s:
        agency = Agency(
            licence_no="KEP.TEST/2026",
            name="PT Uji Coba",
            licence_status="active",
            licence_valid_from=date(2026, 1, 1),
            licence_valid_to=date(2031, 1, 1),
            head_office_region_code="31.71.01.1001",
        )
        s.add(agency)
        s.flush()
        assert agency.id == pq.read_metadata(small.path("registry", "agencies")).num_rows + 1


def test_refuses_a_store_that_already_holds_registry_data(db: Database, small: DemoSummary) -> None:
    load_into_store(db, small.config)
    with pytest.raises(DemoDataPresent, match="already holds registry data"):
        load_into_store(db, small.config)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Worker)) == small.config.workers


def test_refuses_files_that_were_not_generated_for_the_configuration(
    db: Database, small: DemoSummary, tmp_path: Path
) -> None:
    with pytest.raises(DemoDataMissing, match="no generated demo data"):
        load_into_store(db, DemoConfig(workers=300, seed=11, out_dir=tmp_path))
    other = DemoConfig(workers=301, seed=11, out_dir=small.config.out_dir)
    with pytest.raises(DemoDataMissing, match="another configuration"):
        load_into_store(db, other)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Worker)) == 0


def test_a_load_that_fails_midway_leaves_nothing_behind(
    db: Database, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """One transaction: a broken late file rolls back every table (and, on SQLite, the
    indexes dropped for the load come back)."""
    out = tmp_path_factory.mktemp("broken")
    summary = generate(DemoConfig(workers=120, seed=5, out_dir=out))
    enrolments = summary.path("registry", "enrolments")
    table = pq.read_table(enrolments)
    broken = table.set_column(
        table.schema.get_field_index("programme_id"),
        "programme_id",
        pa.array([10**9] * table.num_rows, type=pa.int64()),
    )
    pq.write_table(
        broken.append_column("unknown_column", pa.array([1] * table.num_rows)), enrolments
    )
    with pytest.raises(Exception):  # noqa: B017, PT011 - the driver's own error
        load_into_store(db, summary.config)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Worker)) == 0
        assert s.scalar(select(func.count()).select_from(PlacementEvent)) == 0
    indexes = {index.name for index in PlacementEvent.__table__.indexes}
    with db.engine.connect() as conn:
        present = {index["name"] for index in inspect(conn).get_indexes("placement_events")}
    assert indexes <= present
