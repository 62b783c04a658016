"""The version chain of an agreement: writing a version, hashing it, verifying the chain.

A version's ``hash`` is SHA-256 over the canonical JSON (sorted keys, no spaces,
UTF-8) of the agreement's identity (number, kind, partner code, the MoU a PKS
implements), the version number, every term of the version (lists sorted, dates
ISO), its datasets (sorted by dataset and direction, fields sorted) and
``previous_hash``. Versions are never edited, so recomputing the hashes proves the
stored history is the one that was written (UU 27/2022 Pasal 31: the record of
processing must be reliable).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.errors import NotFound
from lindung.exchange.agreement_rules import AgreementDraft, DatasetTerms, as_json_value
from lindung.exchange.audit import Actor
from lindung.exchange.canonical import sha256_of
from lindung.store.models import Agreement, AgreementDataset, AgreementVersion, Organisation

TERM_FIELDS = (
    "title",
    "signed_on",
    "valid_from",
    "valid_to",
    "purposes",
    "lawful_basis",
    "region_codes",
    "fetch_mode",
    "frequency",
    "retention_days",
    "document_sha256",
)


@dataclass(frozen=True)
class ChainReport:
    """The result of :func:`verify_versions`."""

    number: str
    versions: int
    ok: bool
    first_bad_version: int | None = None
    problem: str | None = None


def verify_versions(session: Session, number: str) -> ChainReport:
    """Recompute every version's hash of agreement ``number`` and check the links."""
    agreement = session.scalar(select(Agreement).where(Agreement.number == number))
    if agreement is None:
        raise NotFound(f"no agreement numbered {number!r}")
    previous: str | None = None
    versions = versions_of(session, agreement.id)
    for expected_no, version in enumerate(versions, start=1):
        bad = _chain_problem(session, agreement, version, expected_no, previous)
        if bad:
            return ChainReport(number, len(versions), False, version.version_no, bad)
        previous = version.hash
    return ChainReport(number, len(versions), True)


def _chain_problem(
    session: Session,
    agreement: Agreement,
    version: AgreementVersion,
    expected_no: int,
    previous: str | None,
) -> str | None:
    if version.version_no != expected_no:
        return f"version {expected_no} is missing"
    if version.previous_hash != previous:
        return "does not follow the version before it"
    rows = session.scalars(
        select(AgreementDataset).where(AgreementDataset.version_id == version.id)
    ).all()
    if version_hash(session, agreement, version, rows) != version.hash:
        return "terms were changed"
    return None


def versions_of(session: Session, agreement_id: int) -> list[AgreementVersion]:
    """Every version of an agreement, oldest first."""
    return list(
        session.scalars(
            select(AgreementVersion)
            .where(AgreementVersion.agreement_id == agreement_id)
            .order_by(AgreementVersion.version_no)
        ).all()
    )


def append_version(
    session: Session,
    actor: Actor,
    agreement: Agreement,
    draft: AgreementDraft,
    version_no: int,
    previous_hash: str | None,
) -> AgreementVersion:
    if draft.signed_on is None or draft.valid_from is None or draft.valid_to is None:
        raise ValueError("an unchecked draft")  # check_draft reports missing dates
    assert draft.retention_days is not None
    version = AgreementVersion(
        agreement_id=agreement.id,
        version_no=version_no,
        title=draft.title,
        signed_on=draft.signed_on,
        valid_from=draft.valid_from,
        valid_to=draft.valid_to,
        purposes=list(draft.purposes),
        lawful_basis=draft.lawful_basis,
        region_codes=list(draft.region_codes),
        fetch_mode=draft.fetch_mode,
        frequency=draft.frequency,
        retention_days=draft.retention_days,
        document_sha256=draft.document_sha256,
        previous_hash=previous_hash,
        created_by=f"{actor.kind}:{actor.name}"[:64],
    )
    rows = [
        AgreementDataset(dataset=d.dataset, direction=d.direction, fields=dict(d.fields))
        for d in draft.datasets
    ]
    version.hash = version_hash(session, agreement, version, rows)
    session.add(version)
    session.flush()
    for row in rows:
        row.version_id = version.id
        session.add(row)
    session.flush()
    return version


def version_hash(
    session: Session,
    agreement: Agreement,
    version: AgreementVersion,
    rows: Sequence[AgreementDataset],
) -> str:
    partner = session.get(Organisation, agreement.partner_id)
    implements = None
    if agreement.implements_id is not None:
        implements = session.get(Agreement, agreement.implements_id)
    content: dict[str, Any] = {
        "number": agreement.number,
        "kind": agreement.kind,
        "partner": partner.code if partner else None,
        "implements": implements.number if implements else None,
        "version_no": version.version_no,
        "previous_hash": version.previous_hash,
        "datasets": datasets_json(
            [DatasetTerms(r.dataset, r.direction, dict(r.fields)) for r in rows]
        ),
    }
    for name in TERM_FIELDS:
        value = getattr(version, name)
        content[name] = sorted(value) if isinstance(value, list) else as_json_value(value)
    return sha256_of(content)


def datasets_json(datasets: Sequence[DatasetTerms]) -> list[dict[str, Any]]:
    rows = [
        {"dataset": d.dataset, "direction": d.direction, "fields": dict(sorted(d.fields.items()))}
        for d in datasets
    ]
    return sorted(rows, key=lambda d: (d["dataset"], d["direction"]))
