"""The status workflow on both backends: moves, reasons, who may change what, bulk
all-or-nothing, events and the audit entry."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lindung.errors import ValidationError
from lindung.exchange.gate import AccessGate
from lindung.exchange.principal import Principal
from lindung.settings import Settings
from lindung.signals import service
from lindung.store.database import Database
from lindung.store.models import AuditEntry, AuditSubject, Signal, SignalEvent
from signals.factories import KOMNAS, SignalWorld, build_world

ADMIN = Principal(kind="user", name="admin", role="national_admin")
JEMBER = Principal(kind="user", name="jember", role="regional_officer", region_code="35.09")


@pytest.fixture
def gate(settings: Settings) -> AccessGate:
    return AccessGate(settings)


@pytest.fixture
def world(db: Database) -> SignalWorld:
    return build_world(db)


def statuses(db: Database, *ids: int) -> list[str]:
    with db.session() as s:
        return [s.get(Signal, i).status for i in ids]  # type: ignore[union-attr]


def change(db: Database, gate: AccessGate, principal: Principal, ids: list[int], to: str,
           reason: str = "", purpose: str | None = None) -> service.StatusChange:  # fmt: skip
    with db.session() as s:
        return service.change_status(s, gate, principal, ids, to, reason, purpose)


def problems(error: pytest.ExceptionInfo[ValidationError]) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in error.value.problems}


def test_a_move_writes_an_event_and_an_audit_entry(
    db: Database, gate: AccessGate, world: SignalWorld
) -> None:
    done = change(db, gate, ADMIN, [world.underage], "in_review")
    assert done.moves == ((world.underage, "new", "in_review"),)
    done = change(db, gate, ADMIN, [world.underage], "confirmed", "  checked the passport  ")
    assert statuses(db, world.underage) == ["confirmed"]
    with db.session() as s:
        events = s.scalars(select(SignalEvent).order_by(SignalEvent.id)).all()
        assert [(e.kind, e.from_status, e.to_status) for e in events] == [
            ("status", "new", "in_review"),
            ("status", "in_review", "confirmed"),
        ]
        assert events[1].reason == "checked the passport"
        assert events[1].actor == "user:admin"
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "change").order_by(AuditEntry.id.desc())
        ).first()
        assert entry is not None
        assert entry.details["object"] == "signal"
        assert entry.details["to"] == "confirmed"
        assert "checked" not in str(entry.details)  # free text stays out of the audit log
        subjects = s.scalars(select(AuditSubject).where(AuditSubject.audit_id == entry.id)).all()
        assert [(x.subject_kind, x.subject_id) for x in subjects] == [
            ("signal", str(world.underage))
        ]


def test_a_reason_is_required_to_confirm_or_dismiss(
    db: Database, gate: AccessGate, world: SignalWorld
) -> None:
    for target in ("confirmed", "dismissed"):
        with pytest.raises(ValidationError) as refused:
            change(db, gate, ADMIN, [world.underage], target, "   ")
        assert problems(refused) == {("reason", "reason.required")}
        assert refused.value.problems[0].message_id != refused.value.problems[0].message_en
    assert statuses(db, world.underage) == ["new"]


def test_moves_outside_the_workflow_are_refused(
    db: Database, gate: AccessGate, world: SignalWorld
) -> None:
    change(db, gate, ADMIN, [world.underage], "dismissed", "duplicate record")
    with pytest.raises(ValidationError) as refused:
        change(db, gate, ADMIN, [world.underage], "confirmed", "x")
    assert problems(refused) == {("to_status", "status.move_not_allowed")}
    with pytest.raises(ValidationError) as refused:
        change(db, gate, ADMIN, [world.underage], "closed")
    assert problems(refused) == {("to_status", "status.unknown")}
    change(db, gate, ADMIN, [world.underage], "in_review", "re-opening")
    assert statuses(db, world.underage) == ["in_review"]


def test_bulk_is_all_or_nothing(db: Database, gate: AccessGate, world: SignalWorld) -> None:
    change(db, gate, ADMIN, [world.clb], "dismissed", "known family")
    with pytest.raises(ValidationError) as refused:
        change(db, gate, ADMIN, [world.underage, world.voter, world.clb], "confirmed", "seen")
    assert problems(refused) == {("to_status", "status.move_not_allowed")}
    assert statuses(db, world.underage, world.voter, world.clb) == ["new", "new", "dismissed"]
    with db.session() as s:
        assert len(s.scalars(select(SignalEvent)).all()) == 1
    done = change(db, gate, ADMIN, [world.underage, world.voter], "confirmed", "seen")
    assert done.signal_ids == [world.underage, world.voter]
    assert statuses(db, world.underage, world.voter) == ["confirmed", "confirmed"]


def test_a_regional_officer_changes_only_their_subtree(
    db: Database, gate: AccessGate, world: SignalWorld
) -> None:
    change(db, gate, JEMBER, [world.underage], "in_review")
    with pytest.raises(ValidationError) as refused:
        change(db, gate, JEMBER, [world.voter, world.clb], "in_review")
    assert problems(refused) == {("signal_ids", "signals.not_visible")}
    assert statuses(db, world.voter, world.clb) == ["new", "new"]


def refused_changes(db: Database) -> list[AuditEntry]:
    with db.session() as s:
        return list(
            s.scalars(
                select(AuditEntry)
                .where(AuditEntry.action == "change", AuditEntry.decision == "refused")
                .order_by(AuditEntry.id)
            )
        )


def test_a_refused_change_is_audited_with_the_read_that_decided_it(
    db: Database, gate: AccessGate, world: SignalWorld
) -> None:
    with pytest.raises(ValidationError):
        change(db, gate, JEMBER, [world.voter, world.clb], "in_review")
    [entry] = refused_changes(db)
    assert entry.actor == "jember"
    assert entry.reason == "signals.not_visible"
    assert entry.details["to"] == "in_review"
    with db.session() as s:
        subjects = s.scalars(select(AuditSubject).where(AuditSubject.audit_id == entry.id)).all()
        assert sorted(x.subject_id for x in subjects) == sorted([str(world.voter), str(world.clb)])
        reads = s.scalars(
            select(AuditEntry).where(AuditEntry.action != "change", AuditEntry.id < entry.id)
        ).all()
        assert any(r.details.get("for") == "status_change" for r in reads)
        assert s.scalars(select(SignalEvent)).all() == []
    assert statuses(db, world.voter, world.clb) == ["new", "new"]
    change(db, gate, ADMIN, [world.clb], "dismissed", "known family")
    with pytest.raises(ValidationError):
        change(db, gate, ADMIN, [world.clb], "confirmed", "seen")
    assert [e.reason for e in refused_changes(db)] == [
        "signals.not_visible",
        "status.move_not_allowed",
    ]
    with pytest.raises(ValidationError):  # bad input: refused before any read, not audited
        change(db, gate, ADMIN, [world.clb], "closed")
    assert len(refused_changes(db)) == 2


def test_a_partner_changes_only_signals_routed_to_it_for_its_purpose(
    db: Database, gate: AccessGate, world: SignalWorld
) -> None:
    komnas_user = Principal(
        kind="user", name="mitra", role="partner_user", organisation_id=world.komnas_org
    )
    komnas_client = Principal(kind="client", name="client-1", agreement_number=KOMNAS)
    change(db, gate, komnas_user, [world.underage], "in_review", purpose="child_protection")
    change(db, gate, komnas_client, [world.clb], "in_review", purpose="child_protection")
    for ids, purpose in (([world.voter], "child_protection"), ([world.clb], "oversight")):
        with pytest.raises(ValidationError) as refused:
            change(db, gate, komnas_client, ids, "in_review", purpose=purpose)
        assert problems(refused) == {("signal_ids", "signals.not_visible")}
    assert statuses(db, world.voter) == ["new"]


def test_unknown_ids_and_empty_selections_are_refused(
    db: Database, gate: AccessGate, world: SignalWorld
) -> None:
    with pytest.raises(ValidationError) as refused:
        change(db, gate, ADMIN, [999_999], "in_review")
    assert problems(refused) == {("signal_ids", "signals.not_visible")}
    with pytest.raises(ValidationError) as refused:
        change(db, gate, ADMIN, [], "dismissed")
    assert problems(refused) == {("signal_ids", "signals.none"), ("reason", "reason.required")}
    assert world.all
