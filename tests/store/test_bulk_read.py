"""The bulk snapshot path returns exactly what reading through SQLAlchemy rows did.

The reference here is the old path (``session.execute`` rows into ``pa.array`` with
the relation's types), kept in the test only; the product reads through
:func:`lindung.store.bulk_read.read_arrow` (PostgreSQL ``COPY`` as CSV, SQLite
cursor tuples). Both backends: NULLs, dates, floats, awkward text, restrictions,
the personal-data guard.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Select, select, text
from sqlalchemy.orm import Session

from lindung.exchange import guard
from lindung.exchange.guard import store_context
from lindung.policy import relations as policy_relations
from lindung.policy.relations import Relation, Restriction, register_from_store
from lindung.signals import inputs as signal_inputs
from lindung.store.bulk_read import read_arrow
from lindung.store.database import Database
from lindung.store.models import LinkageRun, RecordLink, Worker
from support.placements import ON, Placements
from support.policy_scenarios import SCENARIOS

AWKWARD_TEXT = ("", "NA", "null", 'say "hi", then\nleave\r\n', "a,b", "  ", "Ünïcødé ✓ 日本")


def _reference(session: Session, relation: Relation, restrict: Restriction | None) -> pa.Table:
    """The old path: ORM rows, then one Arrow array per column."""
    statement = (restrict or (lambda _r, s: s))(relation, relation.select())
    with store_context("test"):
        rows = session.execute(statement).all()
    arrays = [
        pa.array([row[i] for row in rows], type=kind)
        for i, (_, kind) in enumerate(relation.columns)
    ]
    return pa.Table.from_arrays(arrays, schema=relation.schema).sort_by("id")


def _fast(
    session: Session, relations: tuple[Relation, ...], restrict: Restriction | None
) -> dict[str, pa.Table]:
    con = duckdb.connect()
    register_from_store(con, session, relations, restrict, "test")
    return {
        r.name: con.sql(f"SELECT * FROM {r.name} ORDER BY id").to_arrow_table() for r in relations
    }


def _assert_same(
    session: Session, relations: tuple[Relation, ...], restrict: Restriction | None = None
) -> dict[str, int]:
    fast = _fast(session, relations, restrict)
    for relation in relations:
        expected = _reference(session, relation, restrict)
        assert fast[relation.name].schema.equals(relation.schema), relation.name
        assert fast[relation.name].equals(expected), relation.name
    return {name: table.num_rows for name, table in fast.items()}


def _linkage(session: Session, probabilities: Iterable[float], texts: Iterable[str]) -> None:
    run = LinkageRun(
        pairing="registry-dpt_ln",
        kind="full",
        status="finished",
        model_version=1,
        model_sha256="0" * 64,
        link_threshold=0.9,
        review_low=0.5,
        review_high=0.9,
        actor="test",
    )
    session.add(run)
    session.flush()
    for i, (probability, label) in enumerate(zip(probabilities, texts, strict=False)):
        session.add(
            RecordLink(
                run_id=run.id,
                # every other link of a pairing the signals' snapshot reads
                pairing=signal_inputs.LINKS_READ[0] if i % 4 < 2 else label[:40],
                left_source="registry",
                left_key=i,
                right_source=label[:40],
                right_key=-i,
                match_probability=probability,
                match_weight=0.0,
                explanation={},
                state="linked" if i % 2 else "review",
                model_accepts=True,
                current=i % 3 != 0,
            )
        )
    session.flush()


def _store(session: Session) -> list[int]:
    """Every policy scenario (NULL dates, costs, documents...) and some awkward rows."""
    builder = Placements(session)
    built = [scenario.build(builder) for scenario in SCENARIOS]
    for day in (date(1, 1, 1), date(1969, 12, 31), date(9999, 12, 31)):
        builder.placement(worker=builder.worker(day), departed_on=day, status="departed")
    floats = (0.0, -0.0, 1 / 3, 5e-324, 1.7976931348623157e308, float("inf"), -2.5e-10)
    _linkage(session, floats, AWKWARD_TEXT)
    return [b.placement_id for b in built]


def test_snapshots_match_the_row_path_with_and_without_restrictions(db: Database) -> None:
    with db.session() as session:
        placement_ids = _store(session)
        counts = _assert_same(session, policy_relations.RELATIONS)
        assert counts["placements"] >= len(placement_ids) + 3
        assert counts["job_order_costs"] > 0
        assert counts["placement_documents"] > 0
        # one placement's rows (the policy engine's restriction)
        some = placement_ids[:3]
        restricted = _assert_same(
            session,
            policy_relations.RELATIONS,
            policy_relations._for_placements(session, some),
        )
        assert 0 < restricted["placements"] < counts["placements"]
        assert restricted["placement_events"] == 0 or restricted["placement_documents"] > 0
        # the signals' snapshot as of a date (conditions on dates and booleans)
        everything = _assert_same(session, signal_inputs.RELATIONS)
        as_of = signal_inputs.as_of_restriction(ON, None)
        known = _assert_same(session, signal_inputs.RELATIONS, as_of)
        assert everything["record_links"] == len(AWKWARD_TEXT)
        assert 0 < known["record_links"] < everything["record_links"]
        assert known["policy_findings"] == 0
        assert known["linkage_runs"] == 1


@pytest.mark.parametrize("backend", ["postgresql"])
def test_postgres_output_settings_do_not_change_what_is_read(db: Database) -> None:
    with db.session() as session:
        _store(session)
        relations = (policy_relations.BY_NAME["placements"], signal_inputs.BY_NAME["record_links"])
        expected = {r.name: _reference(session, r, None) for r in relations}
        session.execute(text("SET LOCAL DateStyle = 'SQL, DMY'"))
        session.execute(text("SET LOCAL extra_float_digits = -5"))
        fast = _fast(session, relations, None)
        assert all(fast[name].equals(table) for name, table in expected.items())
        # only the bulk read's own transaction-local settings, and only as needed
        assert session.execute(text("SHOW DateStyle")).scalar() == "ISO, DMY"


text_values = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    probabilities=st.lists(st.floats(allow_nan=False), min_size=1, max_size=8),
    texts=st.lists(text_values, min_size=1, max_size=8),
    birth_dates=st.lists(st.dates(min_value=date(1, 1, 1)), max_size=4),
)
def test_any_text_float_and_date_reads_back_as_through_rows(
    db: Database, probabilities: list[float], texts: list[str], birth_dates: list[date]
) -> None:
    session = Session(db.engine)
    try:
        builder = Placements(session)
        for day in birth_dates:
            builder.worker(day)
        _linkage(session, probabilities, texts)
        relations = (signal_inputs.BY_NAME["record_links"], signal_inputs.BY_NAME["workers"])
        counts = _assert_same(session, relations)
        assert counts["record_links"] == min(len(probabilities), len(texts))
        assert counts["workers"] >= len(birth_dates)
    finally:
        session.rollback()
        session.close()


def _worker_ids(session: Session) -> pa.Table:
    statement: Select[Any] = select(Worker.id)
    return read_arrow(session, statement, pa.schema([("id", pa.int64())]))


def test_the_guard_sees_bulk_reads_of_personal_tables(db: Database) -> None:
    installed = guard.install(db.engine)
    try:
        with db.session() as session:
            Placements(session).worker()
            with pytest.raises(guard.PersonalReadOutsideGate):
                _worker_ids(session)
        with db.session() as session, store_context("test"):
            assert _worker_ids(session).num_rows == 1
        assert installed.violations == ["workers"]
    finally:
        installed.remove()


def test_a_schema_that_does_not_fit_the_select_is_refused(db: Database) -> None:
    with db.session() as session, store_context("test"):
        with pytest.raises(ValueError, match="timestamp"):
            read_arrow(session, select(Worker.id), pa.schema([("timestamp", pa.timestamp("s"))]))
        with pytest.raises(ValueError, match="1 columns selected, 2 in the schema"):
            read_arrow(
                session, select(Worker.id), pa.schema([("a", pa.int64()), ("b", pa.int64())])
            )
