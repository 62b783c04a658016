"""The access gate: the one component that reads personal data for an interface.

Pages, the partner API, exports and the CLI ask the gate; nothing else in an
interface reads a personal-data table (:mod:`lindung.exchange.guard` enforces it).
For every request the gate decides from the principal's role and region scope, or
from the agreement it acts under (status and validity on the day, purpose,
dataset, fields, regions), what may be returned and how each field is treated;
then it runs the query with the region restriction in SQL, applies the
treatments and writes one audit entry, allowed or refused.

Legal basis: UU 27/2022 (Pelindungan Data Pribadi) Pasal 16 ayat 2 (purpose
limitation, minimisation, processing only with a lawful basis) and Pasal 20 ayat 2
(the agreements' lawful bases); the audit entries serve Pasal 31 (the controller
records its processing).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from lindung.errors import NotFound
from lindung.exchange import policy
from lindung.exchange.audit import AuditEvent, append
from lindung.exchange.datasets import DatasetSpec, get_dataset
from lindung.exchange.decision import AccessRefused, Decision, Reason
from lindung.exchange.guard import gate_context
from lindung.exchange.masking import pseudonym_key, treat
from lindung.exchange.principal import Principal
from lindung.exchange.purposes import Purpose
from lindung.exchange.scope import NATIONAL, NOTHING, RegionScope, ScopeKind
from lindung.exchange.sources import Match, rows_query, run_counts
from lindung.exchange.terms import FieldTreatment
from lindung.settings import Settings
from lindung.store.models import Region, User

#: Aggregate cells smaller than this are suppressed for partners (re-identification).
SMALL_CELL = 5


@dataclass(frozen=True)
class GatedRows:
    """What a read returned: the decision, the treated rows and the key to page on.

    A refused read has no rows; :meth:`require` raises :class:`AccessRefused` for it.
    Callers commit their session before raising, so that the refusal's audit entry
    is kept.
    """

    decision: Decision
    rows: list[dict[str, Any]] = field(default_factory=list)
    next_after: Any = None
    audit_id: int | None = None

    @property
    def allowed(self) -> bool:
        return self.decision.allowed

    @property
    def fields(self) -> list[str]:
        return self.decision.fields

    def require(self) -> GatedRows:
        if not self.decision.allowed:
            raise AccessRefused(self.decision)
        return self


UNKNOWN = "(unknown)"


def sanitised(decision: Decision, spec: DatasetSpec | None) -> Decision:
    """The decision with every caller-supplied name that is not a declared one replaced.

    A refusal's explanation, the error sent back and the audit entry echo the
    dataset, purpose and field names; a caller could type anything there (a NIK,
    a name), so only names Lindung declares are echoed (invariant 3).
    """
    known_purposes = {p.value for p in Purpose}
    names = set(spec.field_names) if spec else set()
    return replace(
        decision,
        dataset=decision.dataset if spec is not None else UNKNOWN,
        purpose=decision.purpose if decision.purpose in known_purposes else UNKNOWN,
        refused_fields=tuple(f if f in names else UNKNOWN for f in decision.refused_fields),
    )


def principal_for_user(user: User) -> Principal:
    """The principal a signed-in user reads as."""
    return Principal(
        kind="user",
        name=user.username,
        role=user.role,
        region_code=user.region_code,
        organisation_id=user.organisation_id,
    )


def today() -> date:
    return datetime.now(UTC).date()


def default_purpose(principal: Principal) -> str:
    """The purpose a user's own pages read for: a regency's protection duty, else oversight."""
    if principal.role == "regional_officer":
        return Purpose.REGIONAL_PROTECTION.value
    return Purpose.OVERSIGHT.value


def region_scope(session: Session, principal: Principal, purpose: str | None = None) -> RegionScope:
    """The region scope the policy gives ``principal`` over workers (dashboards).

    Needs no secret, so reports can ask without an :class:`AccessGate`.
    """
    request = policy.Request("workers", purpose or default_purpose(principal), [], today())
    decision = policy.decide(session, principal, get_dataset("workers"), request)
    if not decision.allowed:
        return NOTHING
    if decision.region_codes is None:
        return NATIONAL
    if len(decision.region_codes) != 1:
        return NOTHING  # a dashboard shows one region's subtree
    code = decision.region_codes[0]
    region = session.get(Region, code)
    if region is None:
        return NOTHING
    return RegionScope(ScopeKind.REGION, code, region.name)


def scoped_counts(
    session: Session,
    scope: RegionScope,
    dataset: str,
    group_by: str | None = None,
    prefix: int | None = None,
    count_distinct: str | None = None,
) -> dict[str | None, int]:
    """Counts of ``dataset``'s rows inside a scope the gate gave (no personal data).

    For the reports: ``scope`` comes from :func:`region_scope`; grouping by a
    personal field is refused.
    """
    spec = get_dataset(dataset)
    if group_by and spec.field(group_by).personal:
        raise ValueError(f"cannot group by personal field {group_by}")
    if scope.kind is ScopeKind.NONE:
        return {}
    return run_counts(session, spec, scope.codes, group_by, prefix, count_distinct)


def _check_where(decision: Decision, where: Sequence[Match]) -> Decision:
    """Refuse a read that narrows rows by a field the principal may not see in clear
    (matching would reveal values it cannot read)."""
    if not decision.allowed or not where:
        return decision
    hidden = sorted(
        {m.field for m in where if decision.treatments.get(m.field) is not FieldTreatment.CLEAR}
    )
    if not hidden:
        return decision
    return replace(
        decision,
        allowed=False,
        reason=Reason.FIELD_NOT_ALLOWED,
        refused_fields=tuple(hidden),
        treatments={},
        region_codes=None,
    )


def row_condition(
    session: Session, spec: DatasetSpec, principal: Principal, decision: Decision
) -> Any:
    """The dataset's own narrowing of an allowed decision's rows (None: none)."""
    if spec.row_filter is None:
        return None
    return spec.row_filter(session, principal, decision)


class AccessGate:
    """Decides, reads and aggregates personal data for every interface."""

    def __init__(self, settings: Settings) -> None:
        self._secret = settings.secret_key

    def decide(
        self,
        session: Session,
        principal: Principal,
        dataset: str,
        purpose: str,
        fields: Sequence[str] | None = None,
        on: date | None = None,
        region: str | None = None,
    ) -> Decision:
        """Whether ``principal`` may read ``fields`` (None: all it may) of ``dataset``
        for ``purpose`` on day ``on`` (today), optionally only rows of ``region``."""
        request = policy.Request(dataset, purpose, fields, on or today(), region)
        try:
            spec = get_dataset(dataset)
        except NotFound:
            return sanitised(policy.refuse(request, Reason.DATASET_NOT_ALLOWED), None)
        return sanitised(policy.decide(session, principal, spec, request), spec)

    def read(
        self,
        session: Session,
        principal: Principal,
        dataset: str,
        purpose: str,
        fields: Sequence[str] | None = None,
        filters: Mapping[str, str] | None = None,
        limit: int = 100,
        offset: int = 0,
        after: Any = None,
        request_hash: str | None = None,
        details: Mapping[str, Any] | None = None,
        on: date | None = None,
        where: Sequence[Match] = (),
        order_by: Sequence[str] = (),
    ) -> GatedRows:
        """Decide, then return the rows in scope with each field treated; one audit
        entry either way. ``filters`` may hold ``region`` (a Kemendagri code);
        ``where`` narrows the rows by fields the principal may see in clear (the
        audit entry names those fields, never the values); ``order_by`` sorts by
        such fields (``-name`` descending; page with ``offset`` then, not ``after``).
        The dataset's own ``row_filter`` narrows the rows further."""
        if limit < 1:
            raise ValueError("limit must be at least 1")
        region = (filters or {}).get("region")
        decision = self.decide(session, principal, dataset, purpose, fields, on, region)
        sorted_by = [Match(name.lstrip("-"), None) for name in order_by]
        decision = _check_where(decision, [*where, *sorted_by])
        extra = dict(details or {})
        if where:
            extra["where"] = sorted({match.field for match in where})
        if not decision.allowed:
            declared = (
                set(get_dataset(dataset).field_names) if decision.dataset != UNKNOWN else set()
            )
            extra["requested_fields"] = (
                [f if f in declared else UNKNOWN for f in fields] if fields is not None else None
            )
            entry = self._audit(session, principal, decision, 0, request_hash, extra, [])
            return GatedRows(decision, audit_id=entry)
        spec = get_dataset(dataset)
        with gate_context("read"):
            condition = row_condition(session, spec, principal, decision)
            statement = rows_query(
                spec,
                decision.fields,
                decision.region_codes,
                after,
                limit,
                offset,
                where,
                condition,
                order_by,
            )
            result = session.execute(statement).all()
        rows = self._treat(spec, decision, result)
        subjects = (
            [(spec.subject_kind or spec.name, str(row._mapping["_subject"])) for row in result]
            if spec.subject_field
            else []
        )
        next_after = result[-1]._mapping["_key"] if len(result) == limit else None
        entry = self._audit(session, principal, decision, len(rows), request_hash, extra, subjects)
        return GatedRows(decision, rows, next_after, entry)

    def aggregate(
        self,
        session: Session,
        principal: Principal,
        dataset: str,
        group_by: str | None,
        purpose: str,
        prefix: int | None = None,
        count_distinct: str | None = None,
        region: str | None = None,
    ) -> dict[str | None, int]:
        """Counts of rows in the principal's scope (only ``region``'s subtree when given),
        by ``group_by`` (no personal data).

        Grouping by a personal field is refused; for partners, cells below
        :data:`SMALL_CELL` are left out. Raises :class:`AccessRefused` when refused.
        """
        # the grouping field must itself be one the principal may receive
        fields = [group_by] if group_by else []
        decision = self.decide(session, principal, dataset, purpose, fields, region=region)
        spec = get_dataset(dataset) if decision.allowed else None
        if spec is not None and group_by and spec.field(group_by).personal:
            decision = replace(
                decision,
                allowed=False,
                reason=Reason.FIELD_NOT_ALLOWED,
                refused_fields=(group_by,),
            )
        if spec is None or not decision.allowed:
            raise AccessRefused(decision)
        with gate_context("aggregate"):
            condition = row_condition(session, spec, principal, decision)
        counts = run_counts(
            session, spec, decision.region_codes, group_by, prefix, count_distinct, condition
        )
        if decision.suppress_below:
            counts = {k: n for k, n in counts.items() if n >= decision.suppress_below}
        return counts

    def region_scope(
        self, session: Session, principal: Principal, purpose: str | None = None
    ) -> RegionScope:
        """The region scope of ``principal``'s aggregates over workers (dashboards)."""
        return region_scope(session, principal, purpose)

    def pseudonym_key(self, agreement_number: str) -> bytes:
        return pseudonym_key(self._secret, agreement_number)

    def _treat(
        self, spec: DatasetSpec, decision: Decision, result: Sequence[Any]
    ) -> list[dict[str, Any]]:
        needs_key = FieldTreatment.PSEUDONYM in decision.treatments.values()
        key = self.pseudonym_key(decision.agreement_number or "") if needs_key else None
        plan = [
            (name, treatment, spec.field(name).mask)
            for name, treatment in decision.treatments.items()
        ]
        return [
            {name: treat(row._mapping[name], treatment, how, key) for name, treatment, how in plan}
            for row in result
        ]

    def _audit(
        self,
        session: Session,
        principal: Principal,
        decision: Decision,
        row_count: int,
        request_hash: str | None,
        details: dict[str, Any],
        subjects: list[tuple[str, str]],
    ) -> int:
        details = {
            **details,
            "principal": principal.kind,
            "role": principal.role,
            "region_codes": list(decision.region_codes)
            if decision.region_codes is not None
            else None,
            "treatments": {k: v.value for k, v in decision.treatments.items()},
        }
        if decision.refused_fields:
            details["refused_fields"] = list(decision.refused_fields)
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
                row_count=row_count,
                request_hash=request_hash,
                details=details,
                subjects=subjects,
            ),
        )
        return entry.id
