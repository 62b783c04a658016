"""A signals run over the store: identity, re-runs (unchanged, updated, closed,
reopened, suppressed), partial data, reproducibility for a date, audit, routing."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, select, update

from lindung.domain.lifecycle import PlacementStatus as S
from lindung.store.database import Database
from lindung.store.models import (
    AuditEntry,
    FamilyMember,
    LinkageRun,
    Signal,
    SignalEvent,
    SignalRoute,
    SignalRun,
    Worker,
)
from support.agreements import make_agreement, organisation
from support.signals import RunSignals, World, signals_of

CHILD = "children_left_behind"


def _family(w: World) -> dict[str, int]:
    mother = w.worker()
    w.placement(mother, S.WORKING, registered_on=date(2025, 1, 1))
    child = w.child(mother, date(2018, 5, 1))
    return {"mother": mother.id, "child": child.id}


def _events(db: Database, signal_id: int) -> list[tuple[str, str | None, str | None]]:
    with db.session() as session:
        rows = session.scalars(
            select(SignalEvent).where(SignalEvent.signal_id == signal_id).order_by(SignalEvent.id)
        )
        return [(e.kind, e.from_status, e.to_status) for e in rows]


def _set_caregiver(db: Database, child: int, relation: str | None) -> None:
    with db.session() as session:
        session.execute(
            update(FamilyMember).where(FamilyMember.id == child).values(caregiver_relation=relation)
        )


def _set_status(db: Database, signal_id: int, status: str) -> None:
    with db.session() as session:
        session.execute(update(Signal).where(Signal.id == signal_id).values(status=status))


def test_rerun_unchanged_then_updated_closed_and_reopened(
    db: Database, build: Any, run: RunSignals
) -> None:
    rows = build(_family)
    first = run()
    assert first.counts[CHILD]["raised"] == 1
    second = run()
    assert second.counts[CHILD] == {
        "raised": 0, "updated": 0, "unchanged": 1, "reopened": 0, "closed": 0, "suppressed": 0,
    }  # fmt: skip
    [signal] = signals_of(db, CHILD)
    assert signal.first_run_id == first.run_id
    assert signal.last_run_id == second.run_id
    before = signal.evidence_hash

    def father_abroad(w: World) -> None:
        mother = w.session.get(Worker, rows["mother"])
        assert mother is not None
        father = w.worker(sex="M")
        w.placement(father, S.WORKING, registered_on=date(2025, 1, 1), country="SA")
        w.spouse(mother, father)

    build(father_abroad)
    assert run().counts[CHILD]["updated"] == 1
    [signal] = signals_of(db, CHILD)
    assert signal.evidence_hash != before
    assert signal.evidence["facts"]["other_parent_abroad"]

    _set_caregiver(db, rows["child"], "grandparent")  # cared for, but both parents abroad
    assert run().counts[CHILD]["updated"] == 1
    _set_caregiver(db, rows["child"], "grandparent")
    with db.session() as session:  # the father comes home: no longer a signal
        session.execute(update(FamilyMember).where(FamilyMember.relation == "spouse").values(
            spouse_worker_id=None))  # fmt: skip
    assert run().counts[CHILD]["closed"] == 1
    [signal] = signals_of(db, CHILD)
    assert signal.current is False
    assert signal.status == "new"

    _set_caregiver(db, rows["child"], None)
    assert run().counts[CHILD]["reopened"] == 1
    [signal] = signals_of(db, CHILD)
    assert signal.current is True
    assert [kind for kind, _, _ in _events(db, signal.id)] == [
        "raised", "updated", "updated", "closed", "reopened",
    ]  # fmt: skip


def test_dismissed_stays_dismissed_for_the_same_evidence(
    db: Database, build: Any, run: RunSignals
) -> None:
    rows = build(_family)
    run()
    [signal] = signals_of(db, CHILD)
    _set_status(db, signal.id, "dismissed")
    again = run()
    assert again.counts[CHILD]["suppressed"] == 1
    [signal] = signals_of(db, CHILD)
    assert signal.status == "dismissed"

    _set_caregiver(db, rows["child"], None)  # nothing changed: still suppressed
    assert run().counts[CHILD]["suppressed"] == 1

    def father_abroad(w: World) -> None:
        mother = w.session.get(Worker, rows["mother"])
        assert mother is not None
        father = w.worker(sex="M")
        w.placement(father, S.WORKING, registered_on=date(2025, 1, 1))
        w.spouse(mother, father)

    build(father_abroad)  # new evidence: back to new, the dismissal kept in the history
    assert run().counts[CHILD]["reopened"] == 1
    [signal] = signals_of(db, CHILD)
    assert signal.status == "new"
    assert _events(db, signal.id)[-1] == ("reopened", "dismissed", "new")


def test_partial_data_is_not_computed_and_leaves_stored_signals(
    db: Database, build: Any, run: RunSignals
) -> None:
    rows = build(_family)
    run()
    with db.session() as session:
        session.execute(delete(FamilyMember))
    summary = run()
    assert summary.not_computed[CHILD] == {"reason": "input_missing", "missing": ["family_members"]}
    assert CHILD not in summary.counts
    # no crossings, no linkage: the departure and unreported-return types are not computed
    assert set(summary.not_computed) >= {"irregular_departure", "unreported_return"}
    [signal] = signals_of(db, CHILD)
    assert signal.current is True
    with db.session() as session:
        stored = session.get(SignalRun, summary.run_id)
        assert stored is not None
        assert stored.status == "finished"
        assert stored.not_computed[CHILD]["missing"] == ["family_members"]
    del rows


def test_reproducible_for_a_date(db: Database, build: Any, run: RunSignals) -> None:
    build(_family)
    run(as_of=date(2026, 1, 1))
    first = {s.subject_key: s.evidence_hash for s in signals_of(db, CHILD)}
    run(as_of=date(2026, 6, 1))  # older child: other evidence
    assert {s.subject_key: s.evidence_hash for s in signals_of(db, CHILD)} != first
    run(as_of=date(2026, 1, 1))
    assert {s.subject_key: s.evidence_hash for s in signals_of(db, CHILD)} == first


def test_one_audit_entry_per_run(db: Database, build: Any, run: RunSignals) -> None:
    build(_family)
    summary = run()
    with db.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "signals.run")
        ).all()
        assert len(entries) == 1
        assert entries[0].details["run_id"] == summary.run_id
        assert entries[0].details["counts"][CHILD]["raised"] == 1


def _routed(w: World) -> dict[str, int]:
    _family(w)  # a child left behind in Flores Timur
    girl = w.worker(birth=date(2003, 1, 1), nik_birth=date(2009, 5, 5))
    w.placement(girl, S.REGISTERED, registered_on=date(2025, 6, 1))  # under age
    jember = w.worker(village=_village(w, "35.09"))
    w.placement(jember, S.WORKING, registered_on=date(2025, 1, 1))
    w.child(jember, date(2019, 1, 1))  # a child left behind in Jember
    signals = {("signals", "to_partner"): {"subject_key": "clear"}}
    komnas = make_agreement(w.session, "PKS/KA/1", "komnas-anak", ["child_protection"], signals)
    flotim = make_agreement(
        w.session, "PKS/FT/1", "flotim", ["regional_protection"], signals, region_codes=["53.06"]
    )
    make_agreement(w.session, "PKS/OLD/1", "old", ["child_protection"], signals,
                   valid_to=date(2026, 1, 1))  # fmt: skip
    make_agreement(w.session, "PKS/NOSIG/1", "nosig", ["child_protection"])
    return {
        "komnas": organisation(w.session, "komnas-anak").id,
        "flotim": organisation(w.session, "flotim").id,
        "komnas_agreement": komnas.id,
        "flotim_agreement": flotim.id,
    }


def _village(w: World, region: str) -> str:
    from support.registry import first_village

    return first_village(w.session, region)


def test_routing_by_purpose_and_region(db: Database, build: Any, run: RunSignals) -> None:
    rows = build(_routed)
    summary = run()
    with db.session() as session:
        routes = session.execute(
            select(SignalRoute.organisation_id, SignalRoute.purpose, Signal.signal_type,
                   Signal.region_code, SignalRoute.agreement_id)
            .join(Signal, Signal.id == SignalRoute.signal_id)
        ).all()  # fmt: skip
    komnas = [r for r in routes if r.organisation_id == rows["komnas"]]
    flotim = [r for r in routes if r.organisation_id == rows["flotim"]]
    assert {r.signal_type for r in komnas} == {CHILD, "underage", "age_discrepancy"}
    assert {r.purpose for r in komnas} == {"child_protection"}
    assert len([r for r in komnas if r.signal_type == CHILD]) == 2  # both regions
    assert flotim
    assert all(r.region_code.startswith("53.06.") for r in flotim)
    assert {r.signal_type for r in flotim} == {CHILD}
    assert {r.organisation_id for r in routes} == {rows["komnas"], rows["flotim"]}
    assert summary.routes == len(routes)
    # after the regional agreement ends, its routes go at the next run
    run(as_of=date(2100, 1, 1))
    with db.session() as session:
        left = session.scalars(select(SignalRoute.organisation_id).distinct()).all()
    assert rows["flotim"] not in left


def test_a_failing_run_writes_no_signals_and_records_the_failure(
    db: Database, build: Any, run: RunSignals
) -> None:
    import pytest

    from lindung.domain.signals import SignalType
    from lindung.signals.detector import Detector
    from lindung.signals.detectors import all_detectors

    build(_family)
    broken = dict(all_detectors())
    broken[SignalType.UNDERAGE] = Detector(
        SignalType.UNDERAGE, needs=(), query=lambda _ctx: "SELECT no_such_column FROM workers"
    )
    with pytest.raises(Exception, match="no_such_column"):
        run(detectors=broken)
    assert signals_of(db, CHILD) == []
    with db.session() as session:
        [failed] = session.scalars(select(SignalRun)).all()
        assert failed.status == "failed"
        assert failed.error == "BinderException"
    assert run().counts[CHILD]["raised"] == 1


def test_every_reason_written_has_bilingual_labels(
    db: Database, build: Any, run: RunSignals
) -> None:
    from lindung.signals.detectors import reason_labels

    def world(w: World) -> None:
        _routed(w)
        early = w.worker()
        w.placement(early, S.VISA_ISSUED, registered_on=date(2025, 12, 1))
        exit_ = w.crossing(date(2026, 3, 1), birth=date(2006, 1, 1))
        w.person(("registry", early.id), ("border_crossings", exit_.id))
        back = w.worker()
        w.placement(back, S.RETURNED, registered_on=date(2024, 1, 1), returned_on=date(2026, 3, 1))

    build(world)
    run()
    labels = reason_labels()
    with db.session() as session:
        written = session.scalars(select(Signal)).all()
        reasons = [(s.signal_type, r) for s in written for r in s.risk_reasons]
    assert {t for t, _ in reasons} >= {
        CHILD, "underage", "age_discrepancy", "agency_risk", "irregular_departure",
        "reintegration_due",
    }  # fmt: skip
    for _signal_type, reason in reasons:
        indonesian, english = labels[reason["code"]]
        assert indonesian.format(**reason["params"])
        assert english.format(**reason["params"])


def _unlinked_exit(w: World) -> dict[str, int]:
    worker = w.worker()
    w.placement(worker, S.WORKING, registered_on=date(2025, 1, 1))
    w.person(("registry", worker.id))
    return {"crossing": w.crossing(date(2026, 3, 1)).id}


def test_departures_wait_for_the_registry_immigration_linkage(
    db: Database, build: Any, run: RunSignals
) -> None:
    """Without a finished registry <-> immigration run every exit would look unregistered:
    the departure types are not computed, and the run says which linkage is missing."""
    build(_unlinked_exit)
    assert "irregular_departure" not in run().not_computed
    with db.session() as session:
        session.execute(
            update(LinkageRun)
            .where(LinkageRun.pairing == "registry-imigrasi")
            .values(status="failed")
        )
    summary = run()
    for signal_type in ("irregular_departure", "unreported_return"):
        assert summary.not_computed[signal_type] == {
            "reason": "input_missing",
            "missing": ["linkage:registry-imigrasi"],
        }
