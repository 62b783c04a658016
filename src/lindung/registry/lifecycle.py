"""Move placements through the lifecycle, checked against the law on the date.

- :func:`evaluate_placement`: the findings of one placement as of a date (the
  bulk run's date semantics, see :mod:`lindung.policy.engine`).
- :func:`allowed_next_steps`: every move the lifecycle has from the placement's
  stage, each with whether it is allowed on a date and the findings against it.
- :func:`transition`: make a move. Refused with :class:`TransitionRefused` when
  the move does not exist (:data:`lindung.domain.lifecycle.TRANSITIONS`), when the
  date is before the registration or the previous event, or when a rule in force
  on that date gating the target stage finds an error (a suspended or revoked
  agency cannot move a placement forward: rule ``agency.licence_active``). An
  accepted move appends one ``placement_events`` row, updates the placement's
  cached status (and departure, arrival or return date) and appends an audit
  entry, in one transaction: a refusal writes nothing.

``session_or_db`` is a SQLAlchemy session (the caller's transaction: the caller
commits) or a :class:`~lindung.store.database.Database` (one transaction here).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lindung.domain.lifecycle import TRANSITIONS, PlacementStatus, can_move, is_forward
from lindung.domain.policy import RuleSet, load_rules
from lindung.errors import NotFound, Problem, ValidationError
from lindung.exchange.audit import Actor, AuditEvent, append
from lindung.exchange.guard import store_context
from lindung.policy.findings import Finding
from lindung.policy.service import findings_for, findings_for_moves
from lindung.store.database import Database
from lindung.store.models import Placement, PlacementEvent

SessionOrDb = Session | Database
#: placement_events.source is at most this long (web | api | cli | import:<id> | demo)
SOURCE_MAX = 24


class TransitionRefused(ValidationError):
    """A lifecycle move was refused. ``problems`` say why (bilingual); ``findings``
    are the rule findings that refused it (empty when the move or date is wrong)."""

    def __init__(self, problems: list[Problem], findings: list[Finding] | None = None) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings or ())
        super().__init__(problems, "transition refused")

    def message(self, language: str = "id") -> str:
        head = "perpindahan tahap ditolak" if language != "en" else "transition refused"
        return f"{head}: " + "; ".join(p.message(language) for p in self.problems)


@dataclass(frozen=True)
class NextStep:
    """A move from the placement's stage: allowed or not on the date, and why."""

    status: PlacementStatus
    allowed: bool
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    def label(self, language: str = "id") -> str:
        return self.status.label(language)


@contextmanager
def _session(session_or_db: SessionOrDb) -> Iterator[Session]:
    if isinstance(session_or_db, Database):
        with session_or_db.session() as session, store_context("lifecycle"):
            yield session
    else:
        with nullcontext(session_or_db) as session, store_context("lifecycle"):
            yield session


def _placement(session: Session, placement_id: int, lock: bool = False) -> Placement:
    placement = session.get(Placement, placement_id, with_for_update=lock or None)
    if placement is None:
        raise NotFound(f"placement {placement_id} not found")
    return placement


def evaluate_placement(
    session_or_db: SessionOrDb, placement_id: int, as_of: date, rules: RuleSet | None = None
) -> list[Finding]:
    """The findings of one placement as of ``as_of`` (departed: on its departure date)."""
    with _session(session_or_db) as session:
        _placement(session, placement_id)
        return findings_for(session, [placement_id], as_of, rules)


def allowed_next_steps(
    session_or_db: SessionOrDb, placement_id: int, on: date, rules: RuleSet | None = None
) -> list[NextStep]:
    """Each move the lifecycle has from the placement's stage, judged on ``on``."""
    ruleset = rules or load_rules()
    with _session(session_or_db) as session:
        placement = _placement(session, placement_id)
        here = PlacementStatus(placement.status)
        targets = TRANSITIONS[here]
        dates = _date_problems(placement, on, _previous(session, placement_id))
        findings = findings_for_moves(session, placement_id, on, targets, ruleset)
    steps = []
    for there in targets:
        against = tuple(_gating(findings, ruleset, there, on))
        allowed = not any(f.blocking for f in against) and not dates
        steps.append(NextStep(there, allowed, against))
    return steps


def _previous(session: Session, placement_id: int) -> date | None:
    """The date of the placement's latest event."""
    return session.scalar(
        select(func.max(PlacementEvent.occurred_on)).where(
            PlacementEvent.placement_id == placement_id
        )
    )


def _gating(
    findings: list[Finding], ruleset: RuleSet, stage: PlacementStatus, on: date
) -> list[Finding]:
    gating = {rule.id for rule in ruleset.gating(stage, on)}
    return [f for f in findings if f.rule_id in gating]


def _date_problems(placement: Placement, on: date, previous: date | None = None) -> list[Problem]:
    problems = []
    if on < placement.registered_on:
        problems.append(
            Problem(
                "occurred_on",
                "placement.before_registration",
                f"tanggal sebelum tanggal pendaftaran ({placement.registered_on.isoformat()})",
                f"the date is before the registration ({placement.registered_on.isoformat()})",
            )
        )
    if previous is not None and on < previous:
        problems.append(
            Problem(
                "occurred_on",
                "placement.before_previous_event",
                f"tanggal sebelum peristiwa sebelumnya ({previous.isoformat()})",
                f"the date is before the previous event ({previous.isoformat()})",
            )
        )
    return problems


def _target(to_status: str | PlacementStatus) -> PlacementStatus:
    try:
        return PlacementStatus(to_status)
    except ValueError:
        raise TransitionRefused(
            [
                Problem(
                    "to_status",
                    "placement.unknown_status",
                    "tahap tidak dikenal",
                    "unknown stage",
                )
            ]
        ) from None


def _move_problem(here: PlacementStatus, there: PlacementStatus) -> Problem:
    allowed_id = ", ".join(s.label("id") for s in TRANSITIONS[here]) or "tidak ada"
    allowed_en = ", ".join(s.label("en") for s in TRANSITIONS[here]) or "none"
    return Problem(
        "to_status",
        "placement.no_such_move",
        f"dari tahap {here.label('id')} tidak dapat pindah ke {there.label('id')} "
        f"(yang mungkin: {allowed_id})",
        f"no move from {here.label('en')} to {there.label('en')} (possible: {allowed_en})",
    )


def _finding_problem(finding: Finding) -> Problem:
    return Problem(
        f"rule:{finding.rule_id}",
        f"policy.{finding.rule_id}",
        finding.message("id"),
        finding.message("en"),
    )


def _check_source(source: str) -> None:
    if not source.strip() or len(source) > SOURCE_MAX:
        raise TransitionRefused(
            [
                Problem(
                    "source",
                    "placement.source",
                    f"sumber wajib diisi, paling banyak {SOURCE_MAX} karakter",
                    f"the source is required, at most {SOURCE_MAX} characters",
                )
            ]
        )


def _actor(actor: str | Actor) -> Actor:
    return actor if isinstance(actor, Actor) else Actor("user", actor)


def transition(
    session_or_db: SessionOrDb,
    placement_id: int,
    to_status: str | PlacementStatus,
    occurred_on: date,
    actor: str | Actor,
    source: str,
    details: dict[str, Any] | None = None,
    rules: RuleSet | None = None,
) -> PlacementEvent:
    """Move the placement to ``to_status`` on ``occurred_on``; the event written.

    Raises :class:`TransitionRefused` (nothing written) or :class:`NotFound`."""
    ruleset = rules or load_rules()
    there = _target(to_status)
    who = _actor(actor)
    _check_source(source)
    with _session(session_or_db) as session:
        placement = _placement(session, placement_id, lock=True)
        here = PlacementStatus(placement.status)
        if not can_move(here, there):
            raise TransitionRefused([_move_problem(here, there)])
        dates = _date_problems(placement, occurred_on, _previous(session, placement_id))
        if dates:
            raise TransitionRefused(dates)
        findings = findings_for_moves(session, placement_id, occurred_on, [there], ruleset)
        blocking = [f for f in findings if f.blocking]
        if blocking:
            raise TransitionRefused([_finding_problem(f) for f in blocking], blocking)
        return _record(
            session, placement, here, there, occurred_on, who, source, details, findings, ruleset
        )


def _record(
    session: Session,
    placement: Placement,
    here: PlacementStatus,
    there: PlacementStatus,
    occurred_on: date,
    who: Actor,
    source: str,
    details: dict[str, Any] | None,
    warnings: list[Finding],
    ruleset: RuleSet,
) -> PlacementEvent:
    event = PlacementEvent(
        placement_id=placement.id,
        kind="transition",
        from_status=here.value,
        to_status=there.value,
        occurred_on=occurred_on,
        recorded_by=who.name,
        source=source,
        details=details,
    )
    session.add(event)
    placement.status = there.value
    if there is PlacementStatus.DEPARTED:
        placement.departed_on = occurred_on
    elif there is PlacementStatus.WORKING and placement.arrived_on is None:
        placement.arrived_on = occurred_on
    elif there in (PlacementStatus.RETURNED, PlacementStatus.REPATRIATED):
        placement.returned_on = occurred_on
    session.flush()
    append(
        session,
        AuditEvent(
            actor=who,
            action="placement.transition",
            dataset="placements",
            decision="accepted",
            details={
                "placement_id": placement.id,
                "event_id": event.id,
                "from": here.value,
                "to": there.value,
                "occurred_on": occurred_on.isoformat(),
                "source": source,
                "forward": is_forward(here, there),
                "rules_version": ruleset.version,
                "warnings": sorted({f.rule_id for f in warnings}),
            },
            subjects=[("placement", str(placement.id))],
        ),
    )
    return event
