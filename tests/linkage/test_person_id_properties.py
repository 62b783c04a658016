"""Properties of the person id rule on random link graphs (hypothesis).

Each example builds a fresh in-memory SQLite store (the linkage tables only need
SQLAlchemy's schema), links records, reclusters, adds links, reclusters again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, insert, select
from sqlalchemy.orm import Session

from lindung.linkage import persons
from lindung.store.models import Base, LinkageRun, PersonRecord, RecordLink

RECORDS = [("registry", k) for k in range(1, 7)] + [("border_crossings", k) for k in range(1, 7)]
edge = st.tuples(st.sampled_from(RECORDS), st.sampled_from(RECORDS)).filter(lambda e: e[0] != e[1])


@contextmanager
def store() -> Iterator[Session]:
    engine = create_engine("sqlite://")
    tables = ("linkage_runs", "record_links", "review_decisions", "persons", "person_records")
    Base.metadata.create_all(engine, tables=[Base.metadata.tables[name] for name in tables])
    with Session(engine) as session:
        session.add(
            LinkageRun(
                id=1,
                pairing="registry-imigrasi",
                kind="full",
                status="finished",
                model_version=1,
                model_sha256="0" * 64,
                link_threshold=0.9,
                review_low=0.5,
                review_high=0.95,
                actor="tester",
            )
        )
        session.flush()
        yield session
    engine.dispose()


def link(session: Session, edges: list[tuple[tuple[str, int], tuple[str, int]]]) -> None:
    if not edges:
        return
    rows = [
        {
            "run_id": 1,
            "pairing": "registry-imigrasi",
            "left_source": a[0],
            "left_key": a[1],
            "right_source": b[0],
            "right_key": b[1],
            "match_probability": 0.99,
            "match_weight": 10.0,
            "explanation": {},
            "state": "linked",
            "model_accepts": True,
            "current": True,
        }
        for a, b in edges
    ]
    session.execute(insert(RecordLink), rows)


def mapping(session: Session) -> dict[tuple[str, int], int]:
    rows = session.execute(
        select(PersonRecord.source, PersonRecord.record_key, PersonRecord.person_id)
    )
    return {(s, k): p for s, k, p in rows}


@settings(max_examples=40, deadline=None)
@given(first=st.lists(edge, max_size=8), more=st.lists(edge, max_size=5))
def test_added_links_only_merge_and_a_merge_keeps_the_smallest_id(
    first: list[tuple[tuple[str, int], tuple[str, int]]],
    more: list[tuple[tuple[str, int], tuple[str, int]]],
) -> None:
    with store() as session:
        link(session, first)
        persons.recluster(session, RECORDS)
        before = mapping(session)
        persons.recluster(session)
        assert mapping(session) == before  # nothing changed: nothing moves
        link(session, more)
        persons.recluster(session)
        after = mapping(session)
        # every new person is a union of old persons, and carries the smallest of their ids
        members: dict[int, set[int]] = defaultdict(set)
        for record, person in after.items():
            members[person].add(before[record])
        for person, old_ids in members.items():
            assert person == min(old_ids)
        # records linked together share a person
        for a, b in first + more:
            assert after[a] == after[b]
        # ids given out earlier still resolve to where their records are now
        for record, old in before.items():
            assert persons.resolve(session, old) == after[record]
