"""Who may write to the registry, for which workers, and how a write is audited.

National administrators write for every region; a regional officer writes for the
workers whose origin village lies in their region's subtree (UU 18/2017 Pasal 40-41:
the regency's duties to the workers from it), decided by the access gate's own
policy so that reading and writing follow one scope. Analysts and partners only
read. Every accepted write appends one ``change`` entry to the audit log, in the
write's own transaction, naming the object, the operation and the fields touched,
never their values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from lindung.errors import LindungError, Problem
from lindung.exchange import policy
from lindung.exchange.audit import AuditEvent, append
from lindung.exchange.datasets import get_dataset
from lindung.exchange.decision import AccessRefused
from lindung.exchange.gate import default_purpose, today
from lindung.exchange.principal import Principal

WRITER_ROLES = frozenset({"national_admin", "regional_officer"})


class WriteRefused(LindungError):
    """The principal may not write to the registry (its role only reads)."""

    def __init__(self) -> None:
        super().__init__(
            "registry write refused",
            [
                Problem(
                    "access",
                    "role_not_allowed",
                    "Peran Anda hanya dapat membaca data registri, tidak mengubahnya.",
                    "Your role may read the registry but not change it.",
                )
            ],
        )


def can_write(principal: Principal) -> bool:
    return principal.kind == "user" and principal.role in WRITER_ROLES


def require_writer(principal: Principal) -> None:
    if not can_write(principal):
        raise WriteRefused()


def require_region(session: Session, principal: Principal, origin_village_code: str) -> None:
    """Refuse (:class:`AccessRefused`) a write about a worker from outside the
    principal's region; the same decision the gate makes for reads."""
    require_writer(principal)
    purpose = default_purpose(principal)
    request = policy.Request("workers", purpose, ["id"], today(), origin_village_code)
    decision = policy.decide(session, principal, get_dataset("workers"), request)
    if not decision.allowed:
        raise AccessRefused(decision)


def audit_change(
    session: Session,
    principal: Principal,
    obj: str,
    op: str,
    worker_id: int,
    fields: Sequence[str],
    extra: dict[str, Any] | None = None,
    subjects: Iterable[tuple[str, str]] = (),
) -> None:
    """One ``change`` audit entry for an accepted write about worker ``worker_id``."""
    details: dict[str, Any] = {"object": obj, "op": op, **(extra or {})}
    append(
        session,
        AuditEvent(
            actor=principal.actor,
            action="change",
            dataset=obj,
            fields=sorted(fields),
            decision="allowed",
            row_count=1,
            details=details,
            subjects=[("worker", str(worker_id)), *subjects],
        ),
    )
