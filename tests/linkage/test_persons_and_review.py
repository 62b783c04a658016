"""Person ids under merges and splits, and reviewers' decisions (both backends).

Links are written by hand here so that each rule is tested on exactly the graph it
speaks of; tests/linkage/test_platform_runs.py covers runs that find links themselves.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from lindung.errors import ValidationError
from lindung.exchange.audit import verify
from lindung.exchange.principal import Principal
from lindung.linkage import persons, review
from lindung.store.database import Database
from lindung.store.models import AuditEntry, LinkageRun, Person, RecordLink, ReviewDecision

ADMIN = Principal("user", "admin", role="national_admin")
A, B, C, D = ("registry", 1), ("border_crossings", 1), ("border_crossings", 2), ("registry", 2)


def _run(session: Session) -> int:
    run = LinkageRun(
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
    session.add(run)
    session.flush()
    return run.id


def _link(
    session: Session, left: tuple[str, int], right: tuple[str, int], p: float, state: str = ""
) -> int:
    link = RecordLink(
        run_id=_run(session),
        pairing="registry-imigrasi",
        left_source=left[0],
        left_key=left[1],
        right_source=right[0],
        right_key=right[1],
        match_probability=p,
        match_weight=3.0,
        explanation={"name": {"level": "exact", "weight": 3.0}},
        state=state or ("linked" if p >= 0.95 else "review" if p >= 0.5 else "rejected"),
        model_accepts=p >= 0.9,
        current=True,
    )
    session.add(link)
    session.flush()
    return link.id


def _persons(session: Session) -> dict[tuple[str, int], int]:
    return {
        (s, k): p
        for s, k, p in session.execute(
            select(
                persons.PersonRecord.source,
                persons.PersonRecord.record_key,
                persons.PersonRecord.person_id,
            )
        )
    }


def test_records_joining_a_cluster_take_its_id_and_a_merge_keeps_the_smaller(
    db: Database,
) -> None:
    with db.session() as s:
        _link(s, A, B, 0.99)
        report = persons.recluster(s, [A, B, C, D])
        first = _persons(s)
    assert report.persons == 3
    assert first[A] == first[B]
    ab, c = first[A], first[C]
    with db.session() as s:  # C joins A's cluster through B: C's person merges into AB's
        _link(s, B, C, 0.97)
        persons.recluster(s)
        after = _persons(s)
        merged = s.get(Person, max(ab, c))
        assert merged is not None
        assert merged.merged_into == min(ab, c)
        assert persons.resolve(s, max(ab, c)) == min(ab, c)
    assert after[A] == after[B] == after[C] == min(ab, c)
    assert after[D] == first[D]  # untouched


def test_a_split_leaves_the_id_with_the_larger_part(db: Database) -> None:
    with db.session() as s:
        _link(s, A, B, 0.99)
        bc = _link(s, B, C, 0.96)
        _link(s, D, C, 0.99)
        persons.recluster(s, [A, B, C, D])
        before = _persons(s)
    assert len(set(before.values())) == 1
    with db.session() as s:  # a reviewer says B and C differ: {A, B} and {C, D}
        review.decide(s, ADMIN, bc, "non-match", "different fathers on the documents")
        after = _persons(s)
    assert after[A] == after[B]
    assert after[C] == after[D]
    assert after[A] != after[C]
    # equal halves: the part holding the smallest record (border_crossings, 1) = B's part
    assert after[B] == before[B]


def test_a_match_decision_joins_and_later_runs_keep_it(db: Database) -> None:
    with db.session() as s:
        link = _link(s, A, B, 0.6)  # in the band, below the link threshold
        persons.recluster(s, [A, B])
        assert _persons(s)[A] != _persons(s)[B]
    with db.session() as s:
        review.decide(s, ADMIN, link, "match", "same passport photo")
        joined = _persons(s)
        stored = s.get(RecordLink, link)
        assert stored is not None
        assert stored.state == "linked"
    assert joined[A] == joined[B]
    with db.session() as s:  # the pair is no longer scored at all: the decision still joins
        s.execute(RecordLink.__table__.update().values(current=False))
        persons.recluster(s)
        assert _persons(s) == joined


def test_decisions_are_audited_kept_as_labels_and_measured(db: Database) -> None:
    with db.session() as s:
        accepted_wrongly = _link(s, A, B, 0.93)
        refused_wrongly = _link(s, D, C, 0.6)
        unsure = _link(s, A, C, 0.55)
        persons.recluster(s, [A, B, C, D])
        review.decide(s, ADMIN, accepted_wrongly, "non-match", "born in another regency")
        review.decide(s, ADMIN, refused_wrongly, "match", "same NIK on the KTP copy")
        review.decide(s, ADMIN, unsure, "unsure", "photo unreadable")
    with db.session() as s:
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "change").order_by(AuditEntry.id)
        ).all()
        ops = [(e.details["object"], e.details["op"], e.details["link_id"]) for e in entries]
        assert ops == [
            ("review_decision", "non-match", accepted_wrongly),
            ("review_decision", "match", refused_wrongly),
            ("review_decision", "unsure", unsure),
        ]
        assert all("reason" not in e.details for e in entries)  # free text stays out
        assert verify(s).ok
        assert s.scalar(select(ReviewDecision.decided_by)) == "admin"
        result = review.accuracy(s)
        rows = review.label_rows(s)
    assert (result.labels, result.true_positives, result.false_positives) == (2, 0, 1)
    assert result.false_negatives == 1
    assert result.precision == 0.0
    assert result.recall == 0.0
    assert {(r["unique_id_l"], r["unique_id_r"], r["clerical_match_score"]) for r in rows} == {
        ("1", "1", 0),
        ("2", "2", 1),
    }


def test_a_bad_decision_or_a_role_without_rights_changes_nothing(db: Database) -> None:
    with db.session() as s:
        link = _link(s, A, B, 0.7)
    with db.session() as s:
        with pytest.raises(ValidationError) as problems:
            review.decide(s, ADMIN, link, "maybe", "  ")
        assert {p.field for p in problems.value.problems} == {"decision", "reason"}
        officer = Principal("user", "jember", role="regional_officer", region_code="35.09")
        with pytest.raises(review.ReviewNotAllowed):
            review.decide(s, officer, link, "match", "looks the same")
    with db.session() as s:
        assert s.scalars(select(ReviewDecision)).all() == []
        assert s.scalar(select(RecordLink.state)) == "review"


def test_the_queue_lists_undecided_pairs_most_uncertain_first(db: Database) -> None:
    with db.session() as s:
        near = _link(s, A, B, 0.52)
        far = _link(s, D, C, 0.9)
        _link(s, A, C, 0.99)
        queue = review.queue(s)
        assert [item.link_id for item in queue] == [near, far]
        review.decide(s, ADMIN, near, "match", "same person")
        assert [item.link_id for item in review.queue(s)] == [far]
        assert [item.link_id for item in review.queue(s, pairing="dpt-ln-dedupe")] == []
        with pytest.raises(ValidationError):
            review.queue(s, state="everything")


def _guarded_link(
    session: Session, pairing: str, left: tuple[str, int], right: tuple[str, int]
) -> int:
    link_id = _link(session, left, right, 0.9, "review")
    session.execute(update(RecordLink).where(RecordLink.id == link_id).values(pairing=pairing))
    return link_id


def test_the_queue_leaves_out_pairs_the_guard_refuses(db: Database) -> None:
    worker_exit, civil = ("border_crossings", 7), ("civil_registry", 5)
    stranger_exit, other_civil = ("border_crossings", 8), ("civil_registry", 6)
    with db.session() as s:
        _link(s, A, worker_exit, 0.99)  # a registered worker's own exit
        persons.recluster(s)
        refused = _guarded_link(s, "imigrasi-dukcapil", worker_exit, civil)
        kept = _guarded_link(s, "imigrasi-dukcapil", stranger_exit, other_civil)
        unguarded = _guarded_link(s, "registry-dukcapil", D, ("civil_registry", 9))
        listed = {item.link_id for item in review.queue(s)}
        assert listed == {kept, unguarded}
        assert {item.link_id for item in review.queue(s, pairing="imigrasi-dukcapil")} == {kept}
        # why: a reviewer's match on it changes nobody's person (the guard refuses it)
        review.decide(s, ADMIN, refused, "match", "same person")
        people = _persons(s)
        assert people.get(civil) != people[worker_exit]
        review.decide(s, ADMIN, kept, "match", "same person")
        assert _persons(s)[other_civil] == _persons(s)[stranger_exit]
