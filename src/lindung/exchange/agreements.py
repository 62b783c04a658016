"""Agreements (MoU/PKS): create, revise, change status, expire, verify the version chain.

An agreement between KP2MI and a partner is the lawful basis (UU 27/2022 tentang
Pelindungan Data Pribadi, Pasal 20 ayat 2) and the purpose limitation (Pasal 16
ayat 2) of every exchange of personal data with that partner. Its terms are kept in
immutable versions: each version's ``hash`` is SHA-256 over the canonical JSON of all
its terms, the agreement's identity (number, kind, partner, the MoU a PKS
implements) and ``previous_hash``, the hash of the version it revises. A revision
appends a version; no version is ever edited, so :func:`verify_versions` can prove
the history is the one that was written.

Status moves only along :data:`TRANSITIONS`; ``expired`` is reached only by
:func:`expire_due` once ``valid_to`` has passed. Every change appends an ``change``
entry to the audit log (in the same transaction) naming what changed, never
personal data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.domain.regions import normalise_code
from lindung.errors import NotFound, Problem, ValidationError
from lindung.exchange.agreement_rules import (
    AgreementDraft,
    DatasetTerms,
    check_draft,
    problem,
)
from lindung.exchange.agreement_versions import (
    TERM_FIELDS,
    ChainReport,
    append_version,
    datasets_json,
    verify_versions,
    versions_of,
)
from lindung.exchange.audit import Actor, AuditEvent, append
from lindung.exchange.terms import AgreementStatus, Terms, find_terms, terms_of
from lindung.store.models import Agreement, Organisation

__all__ = [
    "EXPIRY_REASON",
    "REVISABLE",
    "TRANSITIONS",
    "AgreementDraft",
    "ChainReport",
    "DatasetTerms",
    "create_agreement",
    "draft_of",
    "expire_due",
    "get_terms",
    "list_agreements",
    "revise_agreement",
    "set_status",
    "verify_versions",
    "versions_of",
]

S = AgreementStatus
#: Allowed manual status changes. ``expired`` is set by :func:`expire_due` only.
TRANSITIONS: dict[AgreementStatus, frozenset[AgreementStatus]] = {
    S.DRAFT: frozenset({S.ACTIVE}),
    S.ACTIVE: frozenset({S.SUSPENDED, S.TERMINATED}),
    S.SUSPENDED: frozenset({S.ACTIVE, S.TERMINATED}),
    S.EXPIRED: frozenset(),
    S.TERMINATED: frozenset(),
}
#: The stored reason of an automatic expiry (pages show it translated).
EXPIRY_REASON = "valid_to passed"
#: Terms a revision (addendum) may change; number, kind and parties are fixed.
REVISABLE = frozenset({*TERM_FIELDS, "datasets"})


def create_agreement(session: Session, actor: Actor, draft: AgreementDraft) -> Terms:
    """Store a new agreement with its first version; :class:`ValidationError` lists
    every problem with ``draft`` at once."""
    draft = _normalised(draft)
    problems = check_draft(session, draft)
    if problems:
        raise ValidationError(problems)
    partner = session.scalar(select(Organisation).where(Organisation.code == draft.partner))
    assert partner is not None
    implements = _find(session, draft.implements) if draft.implements else None
    agreement = Agreement(
        number=draft.number,
        kind=draft.kind,
        partner_id=partner.id,
        implements_id=implements.id if implements else None,
        status=draft.status,
        status_changed_at=_now(),
    )
    session.add(agreement)
    session.flush()
    version = append_version(session, actor, agreement, draft, 1, None)
    _audit(
        session,
        actor,
        agreement,
        {"op": "create", "version": 1, "hash": version.hash, "status": draft.status},
    )
    return terms_of(session, agreement)


def revise_agreement(
    session: Session, actor: Actor, number: str, changes: Mapping[str, Any]
) -> Terms:
    """Append a version with ``changes`` applied to the current terms (an addendum).

    The new version's ``previous_hash`` is the current version's hash; older
    versions are never touched. A terminated or expired agreement cannot be revised
    (a new agreement is needed), and a revision must change something.
    """
    terms = find_terms(session, number)
    problems = [
        problem(key, "not_revisable", "tidak dapat diubah lewat adendum", "cannot be revised")
        for key in changes
        if key not in REVISABLE
    ]
    if terms.agreement.status in (S.TERMINATED, S.EXPIRED):
        problems.append(_status_problem("revise_closed", terms.agreement.status))
    if problems:
        raise ValidationError(problems)
    current = draft_of(session, terms)
    draft = _normalised(replace(current, **changes))
    problems = check_draft(session, draft, revising=True)
    changed = [name for name in sorted(REVISABLE) if _differs(current, draft, name)]
    if not changed and not problems:
        problems.append(
            problem("changes", "unchanged", "tidak ada yang diubah", "nothing was changed")
        )
    if problems:
        raise ValidationError(problems)
    version_no = terms.version.version_no + 1
    version = append_version(session, actor, terms.agreement, draft, version_no, terms.version.hash)
    _audit(
        session,
        actor,
        terms.agreement,
        {
            "op": "revise",
            "version": version_no,
            "hash": version.hash,
            "previous_hash": terms.version.hash,
            "changed": changed,
        },
    )
    return terms_of(session, terms.agreement)


def set_status(
    session: Session,
    actor: Actor,
    number: str,
    status: AgreementStatus | str,
    reason: str,
    today: date | None = None,
) -> Terms:
    """Move agreement ``number`` to ``status`` along :data:`TRANSITIONS`, with a reason.

    A reason is required for every change except the activation of a draft. An
    agreement whose validity has ended is first marked expired (and audited), so it
    can be neither suspended nor resumed; activating needs a ``valid_to`` not yet past.
    """
    today = today or date.today()
    expire_due(session, today, actor, only=number)
    terms = find_terms(session, number)
    current = S(terms.agreement.status)
    target = _parse_status(status)
    reason = reason.strip()
    problems: list[Problem] = []
    if target is None or target not in TRANSITIONS[current]:
        problems.append(_status_problem("transition", current))
    if target is S.ACTIVE and terms.version.valid_to < today:
        problems.append(
            problem(
                "status",
                "ended",
                "masa berlaku perjanjian sudah berakhir",
                "the agreement's validity has ended",
            )
        )
    if not reason and not (current is S.DRAFT and target is S.ACTIVE):
        problems.append(
            problem("reason", "reason_required", "alasan wajib diisi", "a reason is required")
        )
    if problems:
        raise ValidationError(problems)
    assert target is not None
    _change_status(session, actor, terms.agreement, target, reason or None)
    return terms_of(session, terms.agreement)


def expire_due(
    session: Session, today: date, actor: Actor | None = None, only: str | None = None
) -> list[str]:
    """Persist ``expired`` for every active agreement whose ``valid_to`` is before
    ``today``; returns their numbers. Safe to run any number of times."""
    query = select(Agreement).where(Agreement.status == S.ACTIVE.value).order_by(Agreement.number)
    if only is not None:
        query = query.where(Agreement.number == only)
    expired: list[str] = []
    for agreement in session.scalars(query).all():
        terms = terms_of(session, agreement)
        if terms.status_on(today) is S.EXPIRED:
            _change_status(session, actor or Actor.system(), agreement, S.EXPIRED, EXPIRY_REASON)
            expired.append(agreement.number)
    return expired


def list_agreements(session: Session) -> list[Terms]:
    """Every agreement with its current terms, by partner then number."""
    agreements = session.scalars(
        select(Agreement)
        .join(Organisation, Organisation.id == Agreement.partner_id)
        .order_by(Organisation.name, Agreement.number)
    ).all()
    return [terms_of(session, agreement) for agreement in agreements]


def get_terms(session: Session, agreement_id: int) -> Terms:
    """The terms of the agreement with this id; :class:`NotFound` if there is none."""
    agreement = session.get(Agreement, agreement_id)
    if agreement is None:
        raise NotFound(f"no agreement with id {agreement_id}")
    return terms_of(session, agreement)


def draft_of(session: Session, terms: Terms) -> AgreementDraft:
    """The current terms as a draft (the starting point of a revision or its form)."""
    version = terms.version
    implements_id = terms.agreement.implements_id
    implements = session.get(Agreement, implements_id) if implements_id else None
    return AgreementDraft(
        number=terms.number,
        kind=terms.agreement.kind,
        partner=terms.partner.code,
        title=version.title,
        signed_on=version.signed_on,
        valid_from=version.valid_from,
        valid_to=version.valid_to,
        purposes=tuple(version.purposes),
        lawful_basis=version.lawful_basis,
        fetch_mode=version.fetch_mode,
        frequency=version.frequency,
        retention_days=version.retention_days,
        document_sha256=version.document_sha256,
        region_codes=tuple(version.region_codes),
        datasets=tuple(
            DatasetTerms(dataset, direction.value, {k: v.value for k, v in treatment.items()})
            for (dataset, direction), treatment in sorted(terms.datasets.items())
        ),
        implements=implements.number if implements is not None else None,
        status=terms.agreement.status,
    )


# -- internals ---------------------------------------------------------------------------


def _normalised(draft: AgreementDraft) -> AgreementDraft:
    regions: list[str] = []
    for code in draft.region_codes:
        try:
            regions.append(normalise_code(code.strip(), "region_codes"))
        except ValidationError:
            regions.append(code)  # reported by check_draft
    return replace(
        draft,
        number=draft.number.strip(),
        title=draft.title.strip(),
        lawful_basis=draft.lawful_basis.strip(),
        document_sha256=draft.document_sha256.strip().lower(),
        purposes=tuple(sorted(set(draft.purposes))),
        region_codes=tuple(sorted(set(regions))),
        datasets=tuple(sorted(draft.datasets, key=lambda d: (d.dataset, d.direction))),
        implements=(draft.implements or "").strip() or None,
    )


def _differs(before: AgreementDraft, after: AgreementDraft, name: str) -> bool:
    old, new = getattr(before, name), getattr(after, name)
    if name == "datasets":
        return datasets_json(old) != datasets_json(new)
    if isinstance(old, (tuple, list)):
        return sorted(old) != sorted(new)
    return bool(old != new)


def _change_status(
    session: Session,
    actor: Actor,
    agreement: Agreement,
    target: AgreementStatus,
    reason: str | None,
) -> None:
    before = agreement.status
    agreement.status = target.value
    agreement.status_reason = reason
    agreement.status_changed_at = _now()
    session.flush()
    details: dict[str, Any] = {"op": "status", "from": before, "to": target.value}
    if reason:
        details["reason"] = reason
    _audit(session, actor, agreement, details)


def _audit(session: Session, actor: Actor, agreement: Agreement, details: dict[str, Any]) -> None:
    append(
        session,
        AuditEvent(
            actor=actor,
            action="change",
            agreement_number=agreement.number,
            details={"object": "agreement", **details},
            subjects=[("agreement", str(agreement.id))],
        ),
    )


def _status_problem(code: str, current: str) -> Problem:
    return problem(
        "status",
        code,
        f"perubahan status tidak diizinkan dari status '{current}'",
        f"this status change is not allowed from status '{current}'",
    )


def _parse_status(status: AgreementStatus | str) -> AgreementStatus | None:
    try:
        return S(status)
    except ValueError:
        return None


def _find(session: Session, number: str | None) -> Agreement | None:
    if not number:
        return None
    return session.scalar(select(Agreement).where(Agreement.number == number))


def _now() -> datetime:
    return datetime.now(UTC)
