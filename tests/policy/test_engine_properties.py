"""The engine's date arithmetic against Python's, over DuckDB relations built in memory;
and the guard: the engine's store reads are marked, so they pass a guarded engine."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from lindung.domain.lifecycle import PlacementStatus
from lindung.domain.policy import load_rules
from lindung.exchange.guard import install
from lindung.policy.engine import add_transition_subjects, evaluate
from lindung.policy.relations import BY_NAME, RELATIONS
from lindung.policy.service import connect, to_findings
from lindung.registry.lifecycle import allowed_next_steps, evaluate_placement, transition
from lindung.store.database import Database
from support.placements import ON, Placements

ROWS = {
    "placements": [{"id": 1, "worker_id": 1, "job_order_id": 1, "status": "medically_fit"}],
    "job_orders": [{"id": 1, "agency_id": 1, "employer_id": 1, "country_code": "TW"}],
    "employers": [{"id": 1, "country_code": "TW", "kind": "company"}],
}


def _age_findings(birth: date, on: date) -> list[int]:
    rule = load_rules().get("age.minimum", date(2026, 1, 1))
    with connect() as con:
        for relation in RELATIONS:
            rows = ROWS.get(relation.name, [])
            if relation.name == "workers":
                rows = [{"id": 1, "birth_date": birth}]
            con.register(relation.name, pa.Table.from_pylist(rows, schema=relation.schema))
        add_transition_subjects(con, [(1, on, [PlacementStatus.CONTRACTS_SIGNED])])
        return [f.evidence["age"] for f in to_findings(evaluate(con, [rule]), [rule])]


@settings(max_examples=40, deadline=None)
@given(
    birth=st.dates(date(1950, 1, 1), date(2015, 12, 31)),
    on=st.dates(date(2018, 1, 1), date(2035, 12, 31)),
)
def test_age_in_whole_years_matches_the_calendar(birth: date, on: date) -> None:
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    assert _age_findings(birth, on) == ([age] if age < 18 else [])


def test_a_birthday_on_29_february_counts_from_1_march() -> None:
    assert _age_findings(date(2008, 2, 29), date(2026, 2, 28)) == [17]
    assert _age_findings(date(2008, 2, 29), date(2026, 3, 1)) == []


def test_relations_are_named_as_the_store() -> None:
    for relation in RELATIONS:
        table = relation.model.__table__
        assert table.name == relation.name
        assert set(BY_NAME[relation.name].schema.names) <= set(table.columns.keys())


def test_the_engine_passes_a_guarded_store(db: Database) -> None:
    with db.session() as session:
        built = Placements(session).placement()
    guard = install(db.engine)
    try:
        assert evaluate_placement(db, built.placement_id, ON) == []
        assert allowed_next_steps(db, built.placement_id, ON)[0].allowed
        transition(db, built.placement_id, "departed", ON, "officer1", "web")
    finally:
        guard.remove()
    assert guard.violations == []
