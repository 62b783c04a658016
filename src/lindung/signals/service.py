"""The status workflow of protection signals: who may move a signal, where to, and why.

Moves follow :data:`lindung.domain.signals.STATUS_MOVES` (``new -> in_review ->
confirmed | dismissed``, ``in_review -> new``, ``confirmed | dismissed ->
in_review``); ``confirmed`` and ``dismissed`` need a reason. A change, single or in
bulk, is one transaction (the caller's session): every signal is checked first and
any problem refuses the whole change, nothing written. Each moved signal gets an
append-only ``signal_events`` row (kind ``status``, from, to, actor, reason) and the
change one audit entry (``change``, object ``signal``) naming the signals. A change
refused for signals out of the caller's reach or for a move the workflow forbids is
audited too (decision ``refused``, the problem codes as the reason), with the access
gate's entry for the read that decided it; bad input (an unknown status, a missing
reason) is refused before anything is read and is not.

Who may change a signal is who may read it through the access gate (dataset
``signals``): national roles any signal, a regional officer those of their region's
subtree, a partner (partner user or API client) only signals routed to its
organisation of a type the stated purpose serves, under an agreement in force that
allows that purpose. See docs/signals.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.domain.signals import SignalStatus, can_move
from lindung.errors import Problem, ValidationError
from lindung.exchange.audit import AuditEvent, append
from lindung.exchange.gate import AccessGate, default_purpose
from lindung.exchange.principal import Principal
from lindung.exchange.sources import Match
from lindung.store.models import Signal, SignalEvent

#: Reasons are free text kept in the history; bounded so a page can show them.
MAX_REASON = 2000
#: Signals one bulk change may move.
MAX_BULK = 500
REASON_REQUIRED = frozenset({SignalStatus.CONFIRMED, SignalStatus.DISMISSED})


@dataclass(frozen=True)
class StatusChange:
    """What one change did: each signal's id with its old and new status."""

    moves: tuple[tuple[int, str, str], ...]
    to_status: str
    reason: str | None

    @property
    def signal_ids(self) -> list[int]:
        return [signal_id for signal_id, _, _ in self.moves]


def _problem(field: str, code: str, indonesian: str, english: str) -> Problem:
    return Problem(field, code, indonesian, english)


def _target(to_status: str) -> tuple[SignalStatus | None, list[Problem]]:
    try:
        return SignalStatus(to_status), []
    except ValueError:
        return None, [
            _problem(
                "to_status",
                "status.unknown",
                "status tujuan tidak dikenal (new, in_review, confirmed, dismissed)",
                "unknown target status (new, in_review, confirmed, dismissed)",
            )
        ]


def _reason_problems(target: SignalStatus | None, reason: str) -> list[Problem]:
    if len(reason) > MAX_REASON:
        return [
            _problem(
                "reason",
                "reason.too_long",
                f"alasan paling banyak {MAX_REASON} karakter",
                f"the reason may hold at most {MAX_REASON} characters",
            )
        ]
    if target in REASON_REQUIRED and not reason:
        return [
            _problem(
                "reason",
                "reason.required",
                "alasan wajib diisi untuk mengonfirmasi atau menolak sinyal",
                "a reason is required to confirm or dismiss a signal",
            )
        ]
    return []


def _id_problems(signal_ids: Sequence[int]) -> list[Problem]:
    if not signal_ids:
        return [
            _problem(
                "signal_ids", "signals.none", "pilih sedikitnya satu sinyal", "choose a signal"
            )
        ]
    if len(signal_ids) > MAX_BULK:
        return [
            _problem(
                "signal_ids",
                "signals.too_many",
                f"paling banyak {MAX_BULK} sinyal sekaligus",
                f"at most {MAX_BULK} signals at once",
            )
        ]
    return []


def visible_ids(
    session: Session,
    gate: AccessGate,
    principal: Principal,
    signal_ids: Sequence[int],
    purpose: str,
) -> set[int]:
    """Which of ``signal_ids`` the principal may read (and so change) for ``purpose``."""
    result = gate.read(
        session,
        principal,
        "signals",
        purpose,
        ["id"],
        limit=max(len(signal_ids), 1),
        where=[Match("id", list(signal_ids), "in")],
        details={"for": "status_change"},
    )
    return {row["id"] for row in result.rows} if result.allowed else set()


def change_status(
    session: Session,
    gate: AccessGate,
    principal: Principal,
    signal_ids: Sequence[int],
    to_status: str,
    reason: str = "",
    purpose: str | None = None,
) -> StatusChange:
    """Move every signal in ``signal_ids`` to ``to_status``: all of them or none.

    Raises :class:`ValidationError` naming the field and the reason (every problem
    at once); nothing is written then.
    """
    reason = reason.strip()
    ids = list(dict.fromkeys(int(i) for i in signal_ids))
    target, problems = _target(to_status)
    problems += _reason_problems(target, reason) + _id_problems(ids)
    if problems:
        raise ValidationError(problems)
    assert target is not None
    asked = purpose or default_purpose(principal)
    allowed = visible_ids(session, gate, principal, ids, asked)
    signals = {
        s.id: s for s in session.scalars(select(Signal).where(Signal.id.in_(ids)).with_for_update())
    }
    hidden = [i for i in ids if i not in allowed or i not in signals]
    if hidden:
        problems.append(
            _problem(
                "signal_ids",
                "signals.not_visible",
                "sinyal tidak ditemukan atau di luar kewenangan Anda",
                "signal not found or outside your access",
            )
        )
    stuck = [
        i
        for i in ids
        if i in allowed and i in signals and not can_move(SignalStatus(signals[i].status), target)
    ]
    if stuck:
        problems.append(
            _problem(
                "to_status",
                "status.move_not_allowed",
                f"perubahan status ke '{target.value}' tidak diizinkan dari status saat ini "
                f"(sinyal {', '.join(map(str, stuck))})",
                f"moving to '{target.value}' is not allowed from the current status "
                f"(signals {', '.join(map(str, stuck))})",
            )
        )
    if problems:
        _refuse(session, principal, ids, target, asked, problems)
        raise ValidationError(problems)
    return _apply(session, principal, [signals[i] for i in ids], target, reason or None, asked)


def _refuse(
    session: Session,
    principal: Principal,
    ids: list[int],
    target: SignalStatus,
    purpose: str,
    problems: list[Problem],
) -> None:
    """Record a refused change (signals out of reach, or a move the workflow does not
    allow) and commit it with the gate's entries for the reads that decided it, so the
    audit log keeps the attempt although the change itself writes nothing. Nothing but
    audit entries is in the session at this point (the change is checked before any
    write)."""
    _audit_change(
        session, principal, purpose, ids, "refused",
        {"to": target.value, "asked": len(ids)},
        reason=", ".join(sorted({p.code for p in problems})),
    )  # fmt: skip
    session.commit()


def _audit_change(
    session: Session,
    principal: Principal,
    purpose: str,
    ids: Sequence[int],
    decision: str,
    details: dict[str, object],
    reason: str | None = None,
) -> None:
    """The ``change`` audit entry of a status change (object ``signal``), naming the
    signals; ``row_count`` is the signals moved (none when refused)."""
    append(
        session,
        AuditEvent(
            actor=principal.actor,
            action="change",
            dataset="signals",
            purpose=purpose,
            agreement_number=principal.agreement_number,
            decision=decision,
            reason=reason,
            row_count=len(ids) if decision == "allowed" else 0,
            details={"object": "signal", "op": "status", **details},
            subjects=[("signal", str(signal_id)) for signal_id in ids],
        ),
    )


def _apply(
    session: Session,
    principal: Principal,
    signals: list[Signal],
    target: SignalStatus,
    reason: str | None,
    purpose: str,
) -> StatusChange:
    now = datetime.now(UTC)
    moves = []
    for signal in signals:
        moves.append((signal.id, signal.status, target.value))
        session.add(
            SignalEvent(
                signal_id=signal.id,
                kind="status",
                from_status=signal.status,
                to_status=target.value,
                evidence_hash=signal.evidence_hash,
                actor=f"{principal.kind}:{principal.name}"[:80],
                reason=reason,
                at=now,
            )
        )
        signal.status = target.value
        signal.updated_at = now
    session.flush()
    change = StatusChange(tuple(moves), target.value, reason)
    _audit_change(
        session, principal, purpose, change.signal_ids, "allowed",
        {"to": target.value, "from": sorted({old for _, old, _ in moves}),
         "reason_given": reason is not None},
    )  # fmt: skip
    return change


def history(session: Session, signal_id: int) -> list[SignalEvent]:
    """A signal's events, oldest first (call only after the gate allowed the signal)."""
    return list(
        session.scalars(
            select(SignalEvent)
            .where(SignalEvent.signal_id == signal_id)
            .order_by(SignalEvent.at, SignalEvent.id)
        )
    )
