"""Placements, their documents, orientation, events and reintegration through the
services: impossible dates named at their fields, moves through the lifecycle,
every accepted write in the placement's history."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from lindung.errors import ValidationError
from lindung.exchange.decision import AccessRefused
from lindung.registry.events import move_placement, record_event
from lindung.registry.lifecycle import TransitionRefused
from lindung.registry.placements import (
    Source,
    add_document,
    create_placement,
    record_orientation,
    record_reintegration,
)
from lindung.store.database import Database
from lindung.store.models import Placement, PlacementDocument, PlacementEvent
from registry.conftest import ADMIN, FLOTIM, JEMBER, count
from support.placements import ON, Placements

WEB = Source(ADMIN, "web")


def codes(error: ValidationError) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in error.problems}


def events_of(db: Database, placement_id: int) -> list[PlacementEvent]:
    with db.session() as s:
        return list(
            s.scalars(
                select(PlacementEvent)
                .where(PlacementEvent.placement_id == placement_id)
                .order_by(PlacementEvent.id)
            )
        )


def test_a_placement_is_created_in_a_known_open_job_order(db: Database) -> None:
    with db.session() as s:
        built = Placements(s)
        worker = built.worker()
        open_order = built.job_order()
        cancelled = built.job_order(approval_status="cancelled")
        worker_id, code, closed = worker.id, open_order.code, cancelled.code
    with db.session() as s, pytest.raises(ValidationError) as raised:
        create_placement(s, WEB, worker_id, {"job_order_code": "JO-NOPE", "registered_on": "x"})
    assert codes(raised.value) == {
        ("job_order_code", "job_order.unknown"),
        ("registered_on", "date.format"),
    }
    with db.session() as s, pytest.raises(ValidationError) as raised:
        create_placement(
            s, WEB, worker_id, {"job_order_code": closed, "registered_on": "2025-01-05"}
        )
    assert codes(raised.value) == {("job_order_code", "job_order.closed")}
    with db.session() as s:
        saved = create_placement(
            s, WEB, worker_id, {"job_order_code": code.lower(), "registered_on": "2025-01-05"}
        )
    with db.session() as s:
        placement = s.get(Placement, saved.id)
        assert placement is not None
        assert placement.status == "registered"
    [event] = events_of(db, saved.id)
    assert (event.kind, event.to_status, event.source, event.recorded_by) == (
        "registration",
        "registered",
        "web",
        "admin",
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"expires_on": "2025-01-01"}, {("expires_on", "date.order")}),
        ({"kind": "visa"}, {("kind", "choice.unknown")}),
        ({"subtype": "work"}, {("subtype", "subtype.not_allowed")}),
        ({"verified_by": "Petugas BP3MI"}, {("verified_on", "required")}),
        (
            {"verified_by": "Petugas", "verified_on": "2025-01-01"},
            {("verified_on", "date.order")},
        ),
    ],
)
def test_a_bad_document_is_refused_with_its_fields(
    db: Database, changes: dict[str, str], expected: set[tuple[str, str]]
) -> None:
    with db.session() as s:
        built = Placements(s).placement(documents=())
    data: dict[str, Any] = {"kind": "passport", "number": "C1234567", "issued_on": "2025-02-01"}
    with db.session() as s, pytest.raises(ValidationError) as raised:
        add_document(s, WEB, built.placement_id, {**data, **changes})
    assert codes(raised.value) == expected
    with db.session() as s:
        assert count(s, PlacementDocument) == 0


def test_a_visa_defaults_to_a_work_visa_and_is_in_the_history(db: Database) -> None:
    with db.session() as s:
        built = Placements(s).placement(documents=())
    data = {"kind": "work_visa", "number": "V-9", "issued_on": "2025-02-01"}
    with db.session() as s:
        saved = add_document(s, WEB, built.placement_id, data)
    with db.session() as s:
        document = s.get(PlacementDocument, saved.id)
        assert document is not None
        assert document.subtype == "work"
    assert events_of(db, built.placement_id)[-1].details == {
        "document_id": saved.id,
        "document_kind": "work_visa",
    }


def test_orientation_and_reintegration_dates(db: Database) -> None:
    with db.session() as s:
        built = Placements(s).placement(registered_on=date(2025, 1, 10))
    with db.session() as s, pytest.raises(ValidationError) as raised:
        record_orientation(s, WEB, built.placement_id, {"held_on": "2025-01-09"})
    assert codes(raised.value) == {("held_on", "date.order")}
    with db.session() as s:
        record_orientation(s, WEB, built.placement_id, {"held_on": "2025-01-10"})
    reintegration = {"recorded_on": "2025-08-01", "programme": "training", "status": "planned"}
    with db.session() as s, pytest.raises(ValidationError) as raised:
        record_reintegration(s, WEB, built.placement_id, reintegration)
    assert codes(raised.value) == {("placement", "reintegration.not_returned")}


def test_departure_arrival_extension_and_return_go_through_the_lifecycle(db: Database) -> None:
    with db.session() as s:
        built = Placements(s).placement()
    pid = built.placement_id
    with db.session() as s, pytest.raises(ValidationError) as raised:
        record_event(s, WEB, pid, {"kind": "departure", "occurred_on": "2025-01-01"})
    assert codes(raised.value) == {("occurred_on", "date.order")}  # before registration
    steps = [
        {"kind": "departure", "occurred_on": ON.isoformat()},
        {"kind": "arrival", "occurred_on": "2025-06-02"},
        {"kind": "extension", "occurred_on": "2026-05-01", "contract_ends_on": "2028-05-01"},
        {"kind": "return", "occurred_on": "2026-06-01"},
    ]
    with db.session() as s:
        for step in steps:
            record_event(s, WEB, pid, step)
    with db.session() as s:
        placement = s.get(Placement, pid)
        assert placement is not None
        assert placement.status == "returned"
        assert (placement.departed_on, placement.arrived_on) == (ON, date(2025, 6, 2))
        assert placement.contract_ends_on == date(2028, 5, 1)
        assert placement.returned_on == date(2026, 6, 1)
    moves = [(e.from_status, e.to_status) for e in events_of(db, pid)]
    assert moves == [
        ("oriented", "departed"),
        ("departed", "working"),
        ("working", "extended"),
        ("extended", "returned"),
    ]
    reintegration = {"recorded_on": "2026-05-31", "programme": "training", "status": "planned"}
    with db.session() as s, pytest.raises(ValidationError) as raised:
        record_reintegration(s, WEB, pid, reintegration)
    assert codes(raised.value) == {("recorded_on", "date.order")}
    with db.session() as s:
        record_reintegration(s, WEB, pid, {**reintegration, "recorded_on": "2026-06-10"})


def test_a_move_refused_by_the_rules_writes_nothing(db: Database) -> None:
    with db.session() as s:
        built = Placements(s).placement(documents=("passport",))
    with db.session() as s, pytest.raises(TransitionRefused) as raised:
        record_event(s, WEB, built.placement_id, {"kind": "departure", "occurred_on": "2025-06-01"})
    assert "documents.pasal13" in {f.rule_id for f in raised.value.findings}
    assert events_of(db, built.placement_id) == []
    with db.session() as s, pytest.raises(ValidationError) as exit_without_reason:
        move_placement(
            s, WEB, built.placement_id, {"to_status": "withdrawn", "occurred_on": "2025-06-01"}
        )
    assert codes(exit_without_reason.value) == {("reason", "required")}


def test_only_officers_of_the_workers_region_write(db: Database) -> None:
    with db.session() as s:
        built = Placements(s).placement()
    data = {"held_on": "2025-02-01"}
    with db.session() as s, pytest.raises(AccessRefused):
        record_orientation(s, Source(FLOTIM, "web"), built.placement_id, data)
    with db.session() as s:
        record_orientation(s, Source(JEMBER, "web"), built.placement_id, data)
