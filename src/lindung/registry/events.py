"""Events that move a placement: departure, arrival, extension, return, and any other
stage change an officer records, all through the lifecycle
(:func:`lindung.registry.lifecycle.transition`), which checks the move, its date and
the rules in force on that date, and writes the event and its audit entry.

This module adds what the lifecycle does not know: who may record it (the
officer's region), the dates an event carries (an extension's new contract end,
after the event and after the current end; an arrival on or after departure; a
departure on or after registration, the last caught here at the field) and the
reason an officer gives for an exit (kept in the event's details, read through
the gate like the rest of the placement's history).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from lindung.domain.lifecycle import PlacementStatus
from lindung.exchange.audit import Actor
from lindung.registry.checks import Checker
from lindung.registry.lifecycle import transition
from lindung.registry.placements import Source, placement_for_write
from lindung.registry.vocabulary import codes
from lindung.store.models import Placement

EVENT_TARGETS = {
    "departure": PlacementStatus.DEPARTED,
    "arrival": PlacementStatus.WORKING,
    "extension": PlacementStatus.EXTENDED,
    "return": PlacementStatus.RETURNED,
}


def record_event(
    session: Session,
    source: Source,
    placement_id: int,
    data: Mapping[str, Any],
    today: date | None = None,
) -> int:
    """Record a ``kind`` (departure, arrival, extension, return) event ``occurred_on``;
    the id of the placement event written. Raises ValidationError for bad input and
    :class:`~lindung.registry.lifecycle.TransitionRefused` when the lifecycle or a
    rule refuses; nothing is written then."""
    placement = placement_for_write(session, source.principal, placement_id)
    check = Checker(data, today)
    kind = check.choice("kind", codes("event_kind"))
    occurred = check.day("occurred_on")
    contract_end = _event_dates(check, placement, kind, occurred)
    check.done()
    assert kind is not None
    assert occurred is not None
    details: dict[str, Any] = {"event": kind}
    if contract_end is not None:
        details["contract_ends_on"] = contract_end.isoformat()
    event = transition(
        session,
        placement.id,
        EVENT_TARGETS[kind],
        occurred,
        Actor("user", source.recorded_by),
        source.interface,
        details,
    )
    if contract_end is not None:
        placement.contract_ends_on = contract_end
        session.flush()
    return event.id


def _event_dates(
    check: Checker, placement: Placement, kind: str | None, occurred: date | None
) -> date | None:
    """Check the dates an event carries; the new contract end of an extension."""
    if kind == "departure":
        check.order(("registered_on", placement.registered_on), ("occurred_on", occurred), False)
    elif kind in ("arrival", "return"):
        check.order(("departed_on", placement.departed_on), ("occurred_on", occurred), False)
    if kind != "extension":
        return None
    end = check.day("contract_ends_on", future_ok=True)
    check.order(("occurred_on", occurred), ("contract_ends_on", end), strict=True)
    check.order(
        ("current contract end", placement.contract_ends_on), ("contract_ends_on", end), True
    )
    return end


def move_placement(
    session: Session,
    source: Source,
    placement_id: int,
    data: Mapping[str, Any],
    today: date | None = None,
) -> int:
    """Move the placement to ``to_status`` on ``occurred_on`` (with an optional
    ``reason``, required for an exit); the id of the event written."""
    placement = placement_for_write(session, source.principal, placement_id)
    check = Checker(data, today)
    target = check.choice("to_status", [s.value for s in PlacementStatus])
    occurred = check.day("occurred_on")
    exit_ = target in EXITS
    reason = check.text("reason", 400, need=exit_)
    check.done()
    assert target is not None
    assert occurred is not None
    details = {"reason": reason} if reason else None
    event = transition(
        session,
        placement.id,
        target,
        occurred,
        Actor("user", source.recorded_by),
        source.interface,
        details,
    )
    return event.id


#: Stages that end a placement early: the officer says why.
EXITS = frozenset(
    {
        PlacementStatus.WITHDRAWN.value,
        PlacementStatus.FAILED_DEPARTURE.value,
        PlacementStatus.REPATRIATED.value,
        PlacementStatus.DECEASED.value,
    }
)
