"""Reading an agreement's terms as they stand on a date.

The one place that answers "which version of agreement N applies, is it in force
today, and which datasets and fields flow under it". The access gate, imports,
exports and the agreement pages all ask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.errors import NotFound
from lindung.store.models import Agreement, AgreementDataset, AgreementVersion, Organisation


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    TERMINATED = "terminated"


class Direction(StrEnum):
    TO_PARTNER = "to_partner"
    FROM_PARTNER = "from_partner"


class FieldTreatment(StrEnum):
    CLEAR = "clear"
    MASKED = "masked"
    PSEUDONYM = "pseudonym"


@dataclass(frozen=True)
class Terms:
    """An agreement with its current version and the datasets flowing under it."""

    agreement: Agreement
    version: AgreementVersion
    partner: Organisation
    datasets: dict[tuple[str, Direction], dict[str, FieldTreatment]]

    @property
    def number(self) -> str:
        return self.agreement.number

    def status_on(self, day: date) -> AgreementStatus:
        """The status that applies on ``day``: a stored status, or expired/not yet valid."""
        stored = AgreementStatus(self.agreement.status)
        if stored is not AgreementStatus.ACTIVE:
            return stored
        if day > self.version.valid_to:
            return AgreementStatus.EXPIRED
        if day < self.version.valid_from:
            return AgreementStatus.DRAFT
        return AgreementStatus.ACTIVE

    def fields(self, dataset: str, direction: Direction) -> dict[str, FieldTreatment] | None:
        """The fields of ``dataset`` flowing in ``direction`` with their treatment, or None."""
        return self.datasets.get((dataset, direction))

    def allows_purpose(self, purpose: str) -> bool:
        return purpose in self.version.purposes

    @property
    def region_codes(self) -> list[str]:
        return list(self.version.region_codes)


def current_version(session: Session, agreement_id: int) -> AgreementVersion:
    version = session.scalars(
        select(AgreementVersion)
        .where(AgreementVersion.agreement_id == agreement_id)
        .order_by(AgreementVersion.version_no.desc())
        .limit(1)
    ).first()
    if version is None:
        raise NotFound(f"agreement {agreement_id} has no version")
    return version


def _datasets(
    session: Session, version_id: int
) -> dict[tuple[str, Direction], dict[str, FieldTreatment]]:
    rows = session.scalars(
        select(AgreementDataset).where(AgreementDataset.version_id == version_id)
    ).all()
    return {
        (row.dataset, Direction(row.direction)): {
            name: FieldTreatment(treatment) for name, treatment in _as_dict(row.fields).items()
        }
        for row in rows
    }


def _as_dict(fields: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in dict(fields).items()}


def terms_of(session: Session, agreement: Agreement) -> Terms:
    version = current_version(session, agreement.id)
    partner = session.get(Organisation, agreement.partner_id)
    assert partner is not None
    return Terms(agreement, version, partner, _datasets(session, version.id))


def find_terms(session: Session, number: str) -> Terms:
    """The terms of agreement ``number``; :class:`NotFound` if there is none."""
    agreement = session.scalars(select(Agreement).where(Agreement.number == number)).first()
    if agreement is None:
        raise NotFound(f"no agreement numbered {number!r}")
    return terms_of(session, agreement)


def terms_for_partner(session: Session, organisation_id: int) -> list[Terms]:
    """Every agreement with a partner, newest first."""
    agreements = session.scalars(
        select(Agreement)
        .where(Agreement.partner_id == organisation_id)
        .order_by(Agreement.id.desc())
    ).all()
    return [terms_of(session, agreement) for agreement in agreements]
