"""The access policy's rules: role x region scope x agreement x field treatment.

Pure decisions over what the store says about the principal and its agreements;
no personal data is read here. :class:`~lindung.exchange.gate.AccessGate` calls
:func:`decide` and then reads.

- National roles (``national_admin``, ``national_analyst``) read every region in
  clear, for KP2MI's own ``oversight``.
- A regional officer reads its region's subtree in clear, for ``regional_protection``
  or ``oversight`` (UU 18/2017 Pasal 40-41: the regency's duties to workers from it).
- A partner user acts under its organisation's agreements; an API client (and an
  export made for a partner) under exactly its agreement. The agreement must be in
  force on the day, allow the purpose, carry the dataset ``to_partner`` and allow
  every requested field; its regional restriction narrows the rows (UU 27/2022
  Pasal 16 ayat 2: purpose limitation and minimisation).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from lindung.errors import NotFound
from lindung.exchange.datasets import DatasetSpec
from lindung.exchange.decision import Decision, Reason
from lindung.exchange.principal import Principal
from lindung.exchange.purposes import Purpose
from lindung.exchange.scope import in_subtree
from lindung.exchange.terms import (
    AgreementStatus,
    Direction,
    FieldTreatment,
    Terms,
    find_terms,
    terms_for_partner,
)

NATIONAL_ROLES = frozenset({"national_admin", "national_analyst"})
ROLE_PURPOSES: dict[str, frozenset[str]] = {
    "national_admin": frozenset({Purpose.OVERSIGHT}),
    "national_analyst": frozenset({Purpose.OVERSIGHT}),
    "regional_officer": frozenset({Purpose.REGIONAL_PROTECTION, Purpose.OVERSIGHT}),
}
#: Partners' aggregate cells below this are suppressed.
PARTNER_SMALL_CELL = 5

#: The order agreement checks run in: a later refusal got further (see :func:`_best`).
_ORDER = [
    Reason.NO_AGREEMENT,
    Reason.AGREEMENT_NOT_IN_FORCE,
    Reason.AGREEMENT_EXPIRED,
    Reason.AGREEMENT_SUSPENDED,
    Reason.PURPOSE_NOT_ALLOWED,
    Reason.DATASET_NOT_ALLOWED,
    Reason.FIELD_NOT_ALLOWED,
    Reason.OUT_OF_REGION,
]


@dataclass(frozen=True)
class Request:
    dataset: str
    purpose: str
    fields: Sequence[str] | None
    on: date
    region: str | None = None


def refuse(
    request: Request,
    reason: Reason,
    agreement_number: str | None = None,
    refused_fields: Sequence[str] = (),
) -> Decision:
    return Decision(
        allowed=False,
        dataset=request.dataset,
        purpose=request.purpose,
        reason=reason,
        agreement_number=agreement_number,
        refused_fields=tuple(refused_fields),
    )


def decide(session: Session, principal: Principal, spec: DatasetSpec, request: Request) -> Decision:
    """The decision for ``principal`` (see the module docstring)."""
    if principal.agreement_number:
        try:
            terms = find_terms(session, principal.agreement_number)
        except NotFound:
            return refuse(request, Reason.NO_AGREEMENT, principal.agreement_number)
        return decide_under(terms, spec, request)
    if principal.kind != "user" or principal.role is None:
        return refuse(request, Reason.ROLE_NOT_ALLOWED)
    if principal.role == "partner_user":
        return _partner_user(session, principal, spec, request)
    return _role(principal, spec, request)


def _role(principal: Principal, spec: DatasetSpec, request: Request) -> Decision:
    purposes = ROLE_PURPOSES.get(principal.role or "")
    if purposes is None:
        return refuse(request, Reason.ROLE_NOT_ALLOWED)
    if request.purpose not in purposes:
        return refuse(request, Reason.PURPOSE_NOT_ALLOWED)
    unknown = _unknown_fields(spec, request.fields)
    if unknown:
        return refuse(request, Reason.FIELD_NOT_ALLOWED, refused_fields=unknown)
    codes: tuple[str, ...] | None = None
    if principal.role not in NATIONAL_ROLES:
        if not principal.region_code:
            return refuse(request, Reason.ROLE_NOT_ALLOWED)
        codes = (principal.region_code,)
    codes = _narrow(codes, request.region, spec)
    if codes == ():
        return refuse(request, Reason.OUT_OF_REGION)
    names = spec.field_names if request.fields is None else tuple(request.fields)
    return Decision(
        allowed=True,
        dataset=request.dataset,
        purpose=request.purpose,
        treatments=dict.fromkeys(names, FieldTreatment.CLEAR),
        region_codes=codes,
    )


def _partner_user(
    session: Session, principal: Principal, spec: DatasetSpec, request: Request
) -> Decision:
    if principal.organisation_id is None:
        return refuse(request, Reason.ROLE_NOT_ALLOWED)
    decisions = [
        decide_under(terms, spec, request)
        for terms in terms_for_partner(session, principal.organisation_id)
    ]
    for decision in decisions:
        if decision.allowed:
            return decision
    return _best(decisions) or refuse(request, Reason.NO_AGREEMENT)


def _best(decisions: list[Decision]) -> Decision | None:
    """The refusal that got furthest through the checks: the most useful reason."""
    if not decisions:
        return None
    return max(decisions, key=lambda d: _ORDER.index(d.reason) if d.reason in _ORDER else -1)


STATUS_REASONS = {
    AgreementStatus.EXPIRED: Reason.AGREEMENT_EXPIRED,
    AgreementStatus.SUSPENDED: Reason.AGREEMENT_SUSPENDED,
}


def decide_under(terms: Terms, spec: DatasetSpec, request: Request) -> Decision:
    """The decision under one agreement's terms on ``request.on``."""
    number = terms.number
    status = terms.status_on(request.on)
    if status is not AgreementStatus.ACTIVE:
        reason = STATUS_REASONS.get(status, Reason.AGREEMENT_NOT_IN_FORCE)
        return refuse(request, reason, number)
    if request.purpose not in terms.version.purposes:
        return refuse(request, Reason.PURPOSE_NOT_ALLOWED, number)
    allowed = terms.fields(spec.name, Direction.TO_PARTNER)
    if allowed is None:
        return refuse(request, Reason.DATASET_NOT_ALLOWED, number)
    known = [name for name in spec.field_names if name in allowed]
    requested = known if request.fields is None else list(request.fields)
    refused = [name for name in requested if name not in known]
    if refused:
        return refuse(request, Reason.FIELD_NOT_ALLOWED, number, refused)
    codes = tuple(terms.region_codes) or None
    if codes is not None and spec.region_field is None:
        return refuse(request, Reason.OUT_OF_REGION, number)
    codes = _narrow(codes, request.region, spec)
    if codes == ():
        return refuse(request, Reason.OUT_OF_REGION, number)
    return Decision(
        allowed=True,
        dataset=request.dataset,
        purpose=request.purpose,
        agreement_number=number,
        treatments={name: allowed[name] for name in requested},
        region_codes=codes,
        suppress_below=PARTNER_SMALL_CELL,
    )


def _narrow(
    codes: tuple[str, ...] | None, region: str | None, spec: DatasetSpec
) -> tuple[str, ...] | None:
    """Narrow ``codes`` to a requested ``region``; () when it lies outside them."""
    if region is None:
        return codes
    if spec.region_field is None:
        return ()
    if codes is None or any(in_subtree(region, code) for code in codes):
        return (region,)
    return ()


def _unknown_fields(spec: DatasetSpec, fields: Sequence[str] | None) -> list[str]:
    if fields is None:
        return []
    return [name for name in fields if name not in spec.field_names]
