"""Transitions: refused or accepted against the rules on the date, events and audit
written in one transaction, nothing written on refusal."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from lindung.domain.lifecycle import PlacementStatus
from lindung.errors import NotFound
from lindung.exchange.audit import verify
from lindung.registry.lifecycle import (
    TransitionRefused,
    allowed_next_steps,
    evaluate_placement,
    transition,
)
from lindung.store.database import Database
from lindung.store.models import AuditEntry, Placement, PlacementEvent
from support.placements import ON, Built, Placements

SUSPENDED = ((date(2022, 1, 1), "active"), (date(2025, 3, 1), "suspended"))


def _build(db: Database, **kwargs: object) -> Built:
    with db.session() as session:
        b = Placements(session)
        worker = kwargs.pop("birth", None)
        agency_events = kwargs.pop("agency_events", None)
        order_kwargs = kwargs.pop("order", {})
        agency = b.agency(events=agency_events) if agency_events else None  # type: ignore[arg-type]
        order = b.job_order(agency=agency, **order_kwargs)  # type: ignore[arg-type]
        person = b.worker(worker) if worker else None  # type: ignore[arg-type]
        return b.placement(job_order=order, worker=person, **kwargs)  # type: ignore[arg-type]


def _state(db: Database, placement_id: int) -> tuple[str, int, int]:
    with db.session() as session:
        status = session.get(Placement, placement_id).status  # type: ignore[union-attr]
        events = session.scalar(
            select(func.count()).where(PlacementEvent.placement_id == placement_id)
        )
        audits = session.scalar(select(func.count()).select_from(AuditEntry))
    return status, int(events or 0), int(audits or 0)


def test_a_compliant_placement_departs_works_and_returns(db: Database) -> None:
    built = _build(db)
    event = transition(db, built.placement_id, "departed", ON, "officer1", "web", {"note": "ok"})
    assert (event.from_status, event.to_status, event.occurred_on) == ("oriented", "departed", ON)
    assert event.recorded_by == "officer1"
    assert event.source == "web"
    transition(db, built.placement_id, PlacementStatus.WORKING, date(2025, 6, 3), "officer1", "web")
    transition(db, built.placement_id, "returned", date(2027, 6, 3), "officer1", "web")
    with db.session() as session:
        placement = session.get(Placement, built.placement_id)
        assert placement is not None
        assert (placement.status, placement.departed_on) == ("returned", ON)
        assert placement.arrived_on == date(2025, 6, 3)
        assert placement.returned_on == date(2027, 6, 3)
        kinds = session.scalars(
            select(PlacementEvent.to_status)
            .where(PlacementEvent.placement_id == built.placement_id)
            .order_by(PlacementEvent.id)
        ).all()
        assert kinds == ["departed", "working", "returned"]
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "placement.transition")
        ).all()
        assert [e.details["to"] for e in entries] == ["departed", "working", "returned"]
        assert entries[0].actor == "officer1"
        assert verify(session).ok


def test_an_under_age_worker_is_refused_and_nothing_is_written(db: Database) -> None:
    built = _build(db, birth=date(2008, 1, 1), status="medically_fit")
    before = _state(db, built.placement_id)
    with pytest.raises(TransitionRefused) as caught:
        transition(db, built.placement_id, "contracts_signed", ON, "officer1", "web")
    refused = caught.value
    assert [f.rule_id for f in refused.findings] == ["age.minimum"]
    assert refused.problems[0].field == "rule:age.minimum"
    assert "umur 17 tahun" in refused.message("id")
    assert "aged 17" in refused.message("en")
    assert _state(db, built.placement_id) == before
    # the exit is still open
    transition(db, built.placement_id, "withdrawn", ON, "officer1", "web")
    assert _state(db, built.placement_id)[0] == "withdrawn"


def test_a_housekeeper_for_a_saudi_household_is_refused(db: Database) -> None:
    order = {"country": "SA", "city": "Riyadh", "job_type": "housekeeper"}
    order |= {"employer_kind": "household", "skill_scheme": "PLRT"}
    built = _build(db, status="medically_fit", order=order)
    with pytest.raises(TransitionRefused) as caught:
        transition(db, built.placement_id, "contracts_signed", ON, "officer1", "web")
    assert [f.rule_id for f in caught.value.findings] == ["destination.kepmenaker_260_2015"]


def test_a_fee_on_an_exempt_job_is_refused(db: Database) -> None:
    order = {"job_type": "domestic_worker", "employer_kind": "household", "skill_scheme": "PLRT"}
    order["costs"] = (("agency_fee", 3_000_000.0, "IDR", "worker"),)
    built = _build(db, status="medically_fit", order=order)
    with pytest.raises(TransitionRefused) as caught:
        transition(db, built.placement_id, "contracts_signed", ON, "officer1", "web")
    [finding] = caught.value.findings
    assert finding.rule_id == "cost.zero_placement_cost"
    assert finding.evidence["item"] == "agency_fee"


def test_a_suspended_agency_cannot_move_forward_but_may_close(db: Database) -> None:
    built = _build(db, agency_events=SUSPENDED, status="documents_complete")
    with pytest.raises(TransitionRefused) as caught:
        transition(db, built.placement_id, "trained", ON, "officer1", "web")
    assert [f.rule_id for f in caught.value.findings] == ["agency.licence_active"]
    # before the suspension the same move was allowed
    transition(db, built.placement_id, "trained", date(2025, 2, 20), "officer1", "web")
    transition(db, built.placement_id, "withdrawn", ON, "officer1", "web")


def test_a_move_that_does_not_exist_is_refused(db: Database) -> None:
    built = _build(db)
    with pytest.raises(TransitionRefused) as caught:
        transition(db, built.placement_id, "returned", ON, "officer1", "web")
    problem = caught.value.problems[0]
    assert (problem.field, problem.code) == ("to_status", "placement.no_such_move")
    assert "Berangkat" in problem.message_id
    assert "Departed" in problem.message_en
    assert not caught.value.findings
    with pytest.raises(TransitionRefused) as unknown:
        transition(db, built.placement_id, "flying", ON, "officer1", "web")
    assert unknown.value.codes == {"placement.unknown_status"}
    with pytest.raises(NotFound):
        transition(db, 999_999, "departed", ON, "officer1", "web")


def test_dates_before_registration_or_the_previous_event_are_refused(db: Database) -> None:
    built = _build(db, status="visa_issued")
    with pytest.raises(TransitionRefused) as early:
        transition(db, built.placement_id, "oriented", date(2025, 1, 1), "officer1", "web")
    assert early.value.codes == {"placement.before_registration"}
    transition(db, built.placement_id, "oriented", date(2025, 5, 1), "officer1", "web")
    with pytest.raises(TransitionRefused) as back:
        transition(db, built.placement_id, "departed", date(2025, 4, 30), "officer1", "web")
    assert back.value.codes == {"placement.before_previous_event"}
    with pytest.raises(TransitionRefused) as source:
        transition(db, built.placement_id, "departed", ON, "officer1", " ")
    assert source.value.codes == {"placement.source"}
    assert _state(db, built.placement_id)[:2] == ("oriented", 1)


def test_in_the_callers_session_a_rollback_undoes_the_move(db: Database) -> None:
    built = _build(db)
    before = _state(db, built.placement_id)
    with db.engine.connect() as conn:
        from sqlalchemy.orm import Session

        with Session(conn) as session:
            event = transition(session, built.placement_id, "departed", ON, "officer1", "cli")
            assert event.id is not None
            session.rollback()
    assert _state(db, built.placement_id) == before


def test_allowed_next_steps_name_the_findings_of_each_move(db: Database) -> None:
    built = _build(db, birth=date(2008, 1, 1), status="medically_fit")
    steps = {step.status: step for step in allowed_next_steps(db, built.placement_id, ON)}
    assert set(steps) == {
        PlacementStatus.CONTRACTS_SIGNED,
        PlacementStatus.WITHDRAWN,
        PlacementStatus.FAILED_DEPARTURE,
    }
    signing = steps[PlacementStatus.CONTRACTS_SIGNED]
    assert not signing.allowed
    assert [f.rule_id for f in signing.findings] == ["age.minimum"]
    assert steps[PlacementStatus.WITHDRAWN].allowed
    assert signing.label("en") == "Contracts signed"
    # on a date when the worker is 18 the move is open
    later = {s.status: s for s in allowed_next_steps(db, built.placement_id, date(2026, 1, 1))}
    assert later[PlacementStatus.CONTRACTS_SIGNED].allowed
    assert not later[PlacementStatus.CONTRACTS_SIGNED].findings


def test_evaluate_placement_gives_the_findings_as_of_a_date(db: Database) -> None:
    built = _build(db, social_security=False)
    findings = evaluate_placement(db, built.placement_id, ON)
    # broken when the placement was oriented (a violation), and it would refuse the
    # departure today (a blocker)
    assert [(f.kind, f.rule_id) for f in findings] == [
        ("violation", "social_security.membership"),
        ("blocker", "social_security.membership"),
    ]
    assert (
        findings[0].as_dict("en")["detail"] == "no social-security membership valid on 2025-06-01"
    )
    assert evaluate_placement(db, built.placement_id, date(2025, 1, 9)) == []
