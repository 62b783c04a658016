"""Agreements for tests, written straight with the models (the agreement service is
built in parallel): an organisation, an agreement, one version and its datasets."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.store.models import Agreement, AgreementDataset, AgreementVersion, Organisation

DEFAULT_DATASETS: dict[tuple[str, str], dict[str, str]] = {
    ("workers", "to_partner"): {"full_name": "clear", "nik": "masked"},
}


def organisation(session: Session, code: str, kind: str = "agency") -> Organisation:
    found = session.scalars(select(Organisation).where(Organisation.code == code)).first()
    if found is not None:
        return found
    org = Organisation(code=code, name=f"Organisation {code}", kind=kind)
    session.add(org)
    session.flush()
    return org


def make_agreement(
    session: Session,
    number: str,
    partner_code: str,
    purposes: Sequence[str],
    datasets: Mapping[tuple[str, str], Mapping[str, str]] | None = None,
    region_codes: Sequence[str] = (),
    valid_from: date = date(2025, 1, 1),
    valid_to: date = date(2099, 12, 31),
    status: str = "active",
) -> Agreement:
    """An agreement with one version; its hash is a placeholder over the terms."""
    partner = organisation(session, partner_code)
    agreement = Agreement(number=number, kind="pks", partner_id=partner.id, status=status)
    session.add(agreement)
    session.flush()
    flows = dict(DEFAULT_DATASETS if datasets is None else datasets)
    terms = {
        "number": number,
        "purposes": list(purposes),
        "regions": list(region_codes),
        "valid": [valid_from.isoformat(), valid_to.isoformat()],
        "datasets": {f"{d}/{direction}": dict(f) for (d, direction), f in flows.items()},
    }
    digest = hashlib.sha256(json.dumps(terms, sort_keys=True).encode()).hexdigest()
    version = AgreementVersion(
        agreement_id=agreement.id,
        version_no=1,
        title=f"PKS {number}",
        signed_on=valid_from,
        valid_from=valid_from,
        valid_to=valid_to,
        purposes=list(purposes),
        lawful_basis="UU 27/2022 Pasal 20 ayat 2 huruf e",
        region_codes=list(region_codes),
        fetch_mode="api",
        frequency="on_demand",
        retention_days=365,
        document_sha256="0" * 64,
        previous_hash=None,
        hash=digest,
        created_by="test",
    )
    session.add(version)
    session.flush()
    for (dataset, direction), fields in flows.items():
        session.add(
            AgreementDataset(
                version_id=version.id, dataset=dataset, direction=direction, fields=dict(fields)
            )
        )
    session.flush()
    return agreement
