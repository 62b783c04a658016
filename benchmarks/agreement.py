"""The one partner agreement a benchmark needs: an organisation, an active PKS with one
version (valid from 2026-01-01) and one dataset flowing to the partner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from lindung.store.models import Agreement, AgreementDataset, AgreementVersion, Organisation


@dataclass(frozen=True)
class BenchAgreement:
    org_code: str
    org_name: str
    number: str
    purpose: str
    dataset: str
    fields: dict[str, str]
    valid_to: date
    frequency: str
    version_hash: str


def add_agreement(session: Session, spec: BenchAgreement) -> int:
    """Add ``spec`` to the store (flushed); returns the organisation's id."""
    org = Organisation(code=spec.org_code, name=spec.org_name, kind="agency")
    session.add(org)
    session.flush()
    agreement = Agreement(number=spec.number, kind="pks", partner_id=org.id, status="active")
    session.add(agreement)
    session.flush()
    version = AgreementVersion(
        agreement_id=agreement.id,
        version_no=1,
        title="Benchmark PKS",
        signed_on=date(2026, 1, 1),
        valid_from=date(2026, 1, 1),
        valid_to=spec.valid_to,
        purposes=[spec.purpose],
        lawful_basis="UU 27/2022 Pasal 20 ayat 2",
        region_codes=[],
        fetch_mode="api",
        frequency=spec.frequency,
        retention_days=365,
        document_sha256="0" * 64,
        previous_hash=None,
        hash=spec.version_hash,
        created_by="bench",
    )
    session.add(version)
    session.flush()
    session.add(
        AgreementDataset(
            version_id=version.id, dataset=spec.dataset, direction="to_partner", fields=spec.fields
        )
    )
    session.flush()
    return org.id
