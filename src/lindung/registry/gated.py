"""How the oversight services read personal tables: through the access gate.

Scorecards, the ranking and matching need set-based SQL over placements, policy
findings, complaints, certificates and enrolments (personal tables) that the
gate's one-dataset ``read``/``aggregate`` cannot express (several keys, EXISTS
conditions). They follow the gate's own two paths instead, with its decisions:

- **Aggregates** (:func:`aggregate_scope`, :func:`run_aggregate`): the gate decides
  the principal's region scope (:func:`lindung.exchange.gate.region_scope`, as the
  dashboard does); the counting statement is restricted to it in SQL and run under
  the gate's ``aggregate`` mark. Counts hold no personal data and are not audited.
- **Rows about people** (:func:`read_people`): the gate decides the request on the
  ``workers`` dataset for the fields shown (role, region scope, purpose); the
  statement is restricted to the decided regions, run under the gate's ``read``
  mark, each personal field treated as decided, and one audit entry is written
  with the workers returned as subjects (or the refusal).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, true
from sqlalchemy.orm import Session

from lindung.exchange.audit import AuditEvent, append
from lindung.exchange.datasets import get_dataset
from lindung.exchange.gate import AccessGate, GatedRows, default_purpose, region_scope
from lindung.exchange.guard import gate_context
from lindung.exchange.masking import treat
from lindung.exchange.principal import Principal
from lindung.exchange.scope import RegionScope, ScopeKind, region_condition

AnySelect = Select[*tuple[Any, ...]]


def aggregate_scope(session: Session, principal: Principal) -> RegionScope:
    """The region scope the gate gives ``principal`` for counts about workers."""
    return region_scope(session, principal)


def scope_condition(scope: RegionScope, origin: Any) -> ColumnElement[bool]:
    """SQL restricting rows to the scope, on a worker's origin village column."""
    return scope.condition(origin)


def is_national(scope: RegionScope) -> bool:
    return scope.kind is ScopeKind.ALL


def run_aggregate(session: Session, statement: AnySelect) -> list[Any]:
    """Run a counting statement (already restricted to a gate scope) as the gate."""
    with gate_context("aggregate"):
        return list(session.execute(statement).all())


def read_people(
    session: Session,
    gate: AccessGate,
    principal: Principal,
    fields: Sequence[str],
    build: Callable[[ColumnElement[bool]], AnySelect],
    origin: Any,
    details: dict[str, Any] | None = None,
) -> GatedRows:
    """Rows about workers from ``build(condition)``, as the gate allows.

    ``fields`` are the ``workers`` dataset's fields the rows show (decided and
    treated); ``build`` makes the statement with the region condition on
    ``origin`` (always true for national roles); its rows must carry ``worker_id`` and may carry
    other, non-personal columns, passed through as they are.
    """
    purpose = default_purpose(principal)
    decision = gate.decide(session, principal, "workers", purpose, list(fields))
    extra = {**(details or {}), "principal": principal.kind, "role": principal.role}
    if not decision.allowed:
        entry = _audit(session, principal, decision, [], extra)
        return GatedRows(decision, audit_id=entry)
    codes = decision.region_codes
    condition = region_condition(origin, codes) if codes is not None else true()
    with gate_context("read"):
        result = session.execute(build(condition)).all()
    spec = get_dataset("workers")
    plan = [(name, t, spec.field(name).mask) for name, t in decision.treatments.items()]
    key = gate.pseudonym_key(decision.agreement_number or "")
    rows = []
    for row in result:
        values = dict(row._mapping)
        for name, treatment, how in plan:
            values[name] = treat(values[name], treatment, how, key)
        rows.append(values)
    subjects = [("worker", str(row["worker_id"])) for row in rows]
    entry = _audit(session, principal, decision, subjects, extra)
    return GatedRows(decision, rows, None, entry)


def _audit(
    session: Session,
    principal: Principal,
    decision: Any,
    subjects: list[tuple[str, str]],
    details: dict[str, Any],
) -> int:
    entry = append(
        session,
        AuditEvent(
            actor=principal.actor,
            action="read" if decision.allowed else "refused",
            dataset=decision.dataset,
            purpose=decision.purpose,
            agreement_number=decision.agreement_number,
            fields=decision.fields,
            decision="allowed" if decision.allowed else "refused",
            reason=decision.reason.value if decision.reason else None,
            row_count=len(subjects),
            details=details,
            subjects=subjects,
        ),
    )
    return entry.id
