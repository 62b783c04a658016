"""What a valid agreement is: the vocabularies and every check, reported all at once.

An agreement is the legal ground of every exchange of personal data (UU 27/2022
tentang Pelindungan Data Pribadi, Pasal 20 ayat 2: a processing needs a lawful
basis; Pasal 16 ayat 2 huruf a-b: it must be limited to a specific purpose and to
the data that purpose needs). The checks here make sure a stored agreement says, in
terms the software can enforce, who the parties are, for which purposes, which
datasets and fields flow in which direction and how each field is treated, where
(regions) and for how long (validity, retention).

Dates: an agreement may start after it is signed, never before (no retroactive
processing: the lawful basis must exist when processing starts), and ``valid_from``
is on or before ``valid_to``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.domain.regions import normalise_code, region_directory
from lindung.errors import InvalidRegionCode, Problem
from lindung.exchange.agreement_vocabulary import (
    FETCH_MODES,
    FREQUENCIES,
    KINDS,
    dataset_fields,
    partner_dataset_names,
    registry_dataset_names,
)
from lindung.exchange.purposes import Purpose
from lindung.exchange.terms import Direction, FieldTreatment
from lindung.store.models import Agreement, Organisation

__all__ = [
    "FETCH_MODES",
    "FREQUENCIES",
    "KINDS",
    "AgreementDraft",
    "DatasetTerms",
    "check_draft",
    "dataset_fields",
    "dataset_problems",
    "partner_dataset_names",
    "region_problems",
    "registry_dataset_names",
]

SHA256 = re.compile(r"[0-9a-f]{64}")
NUMBER_MAX = 80
TITLE_MAX = 300


@dataclass(frozen=True)
class DatasetTerms:
    """One dataset flowing under an agreement: its direction and each field's treatment."""

    dataset: str
    direction: str
    fields: dict[str, str]


@dataclass(frozen=True)
class AgreementDraft:
    """Everything an agreement states, as submitted (not yet checked).

    ``partner`` and ``implements`` are an organisation code and an MoU number;
    ``status`` is where a new agreement starts: ``draft`` or ``active``.
    """

    number: str
    kind: str
    partner: str
    title: str
    signed_on: date | None
    valid_from: date | None
    valid_to: date | None
    purposes: Sequence[str]
    lawful_basis: str
    fetch_mode: str
    frequency: str
    retention_days: int | None
    document_sha256: str
    region_codes: Sequence[str] = ()
    datasets: Sequence[DatasetTerms] = field(default_factory=tuple)
    implements: str | None = None
    status: str = "draft"


def problem(name: str, code: str, indonesian: str, english: str) -> Problem:
    return Problem(name, "agreement." + code, indonesian, english)


def check_draft(session: Session, draft: AgreementDraft, revising: bool = False) -> list[Problem]:
    """Every problem with ``draft`` (empty when it is valid).

    ``revising``: the draft revises the stored agreement of the same number, so the
    number must exist rather than be new, and a start status is not checked.
    """
    problems = _identity_problems(session, draft, revising)
    problems += _date_problems(draft)
    problems += _purpose_problems(draft.purposes)
    if not draft.lawful_basis.strip():
        problems.append(
            problem(
                "lawful_basis",
                "lawful_basis_required",
                "dasar pemrosesan yang sah wajib diisi (UU 27/2022 Pasal 20 ayat 2)",
                "a lawful basis is required (UU 27/2022 Article 20(2))",
            )
        )
    problems += region_problems(draft.region_codes)
    problems += _delivery_problems(draft)
    problems += dataset_problems(draft.datasets)
    return problems


def _identity_problems(session: Session, draft: AgreementDraft, revising: bool) -> list[Problem]:
    problems: list[Problem] = []
    number = draft.number.strip()
    if not number or len(number) > NUMBER_MAX:
        problems.append(
            problem(
                "number",
                "number_required",
                f"nomor perjanjian wajib diisi, maksimal {NUMBER_MAX} karakter",
                f"the agreement number is required, at most {NUMBER_MAX} characters",
            )
        )
    elif not revising and _agreement(session, number) is not None:
        problems.append(
            problem(
                "number",
                "number_taken",
                "nomor perjanjian sudah dipakai",
                "this agreement number is already used",
            )
        )
    if draft.kind not in KINDS:
        problems.append(
            problem("kind", "kind_unknown", "jenis harus MoU atau PKS", "kind must be MoU or PKS")
        )
    partner = session.scalar(select(Organisation).where(Organisation.code == draft.partner))
    if partner is None:
        problems.append(
            problem(
                "partner",
                "partner_unknown",
                "mitra tidak terdaftar",
                "no such partner organisation",
            )
        )
    problems += _implements_problems(session, draft, partner)
    title = draft.title.strip()
    if not title or len(title) > TITLE_MAX:
        problems.append(
            problem(
                "title",
                "title_required",
                f"judul wajib diisi, maksimal {TITLE_MAX} karakter",
                f"the title is required, at most {TITLE_MAX} characters",
            )
        )
    if not revising and draft.status not in ("draft", "active"):
        problems.append(
            problem(
                "status",
                "start_status",
                "perjanjian baru berstatus draf atau aktif",
                "a new agreement starts as draft or active",
            )
        )
    return problems


def _implements_problems(
    session: Session, draft: AgreementDraft, partner: Organisation | None
) -> list[Problem]:
    implements = (draft.implements or "").strip()
    if not implements:
        return []
    if draft.kind != "pks":
        return [
            problem(
                "implements",
                "implements_mou_only",
                "hanya PKS yang dapat melaksanakan sebuah MoU",
                "only a PKS can implement an MoU",
            )
        ]
    mou = _agreement(session, implements)
    if mou is None or mou.kind != "mou" or (partner is not None and mou.partner_id != partner.id):
        return [
            problem(
                "implements",
                "implements_unknown",
                "PKS harus melaksanakan MoU yang ada dengan mitra yang sama",
                "a PKS must implement an existing MoU with the same partner",
            )
        ]
    return []


def _date_problems(draft: AgreementDraft) -> list[Problem]:
    problems: list[Problem] = []
    for name, value in (
        ("signed_on", draft.signed_on),
        ("valid_from", draft.valid_from),
        ("valid_to", draft.valid_to),
    ):
        if value is None:
            problems.append(
                problem(
                    name,
                    "date_required",
                    "tanggal wajib diisi (YYYY-MM-DD)",
                    "a date is required (YYYY-MM-DD)",
                )
            )
    if draft.valid_from and draft.valid_to and draft.valid_from > draft.valid_to:
        problems.append(
            problem(
                "valid_to",
                "validity_order",
                "tanggal berakhir tidak boleh sebelum tanggal mulai berlaku",
                "the end of validity cannot be before its start",
            )
        )
    if draft.signed_on and draft.valid_from and draft.valid_from < draft.signed_on:
        problems.append(
            problem(
                "valid_from",
                "retroactive",
                "perjanjian tidak dapat berlaku sebelum ditandatangani",
                "an agreement cannot take effect before it is signed",
            )
        )
    return problems


def _purpose_problems(purposes: Sequence[str]) -> list[Problem]:
    known = {purpose.value for purpose in Purpose}
    if not purposes:
        return [
            problem(
                "purposes",
                "purposes_required",
                "pilih sedikitnya satu tujuan pemrosesan",
                "choose at least one purpose",
            )
        ]
    if any(purpose not in known for purpose in purposes):
        return [
            problem(
                "purposes",
                "purpose_unknown",
                "tujuan tidak dikenal",
                "unknown purpose",
            )
        ]
    return []


def region_problems(codes: Sequence[str]) -> list[Problem]:
    """Problems with a regional restriction: each code must be a Kemendagri region."""
    directory = region_directory()
    for code in codes:
        try:
            known = directory.get(normalise_code(code, "region_codes"))
        except InvalidRegionCode:
            known = None
        if known is None:
            return [
                problem(
                    "region_codes",
                    "region_unknown",
                    "kode wilayah tidak terdaftar di Kemendagri",
                    "no Kemendagri region has this code",
                )
            ]
    return []


def _delivery_problems(draft: AgreementDraft) -> list[Problem]:
    problems: list[Problem] = []
    if draft.fetch_mode not in FETCH_MODES:
        problems.append(
            problem(
                "fetch_mode",
                "fetch_mode_unknown",
                "cara pertukaran harus api, file_push atau file_pull",
                "the fetch mode must be api, file_push or file_pull",
            )
        )
    if draft.frequency not in FREQUENCIES:
        problems.append(
            problem(
                "frequency",
                "frequency_unknown",
                "frekuensi tidak dikenal",
                "unknown frequency",
            )
        )
    if draft.retention_days is None or draft.retention_days <= 0:
        problems.append(
            problem(
                "retention_days",
                "retention_positive",
                "masa retensi harus bilangan hari lebih dari 0",
                "the retention period must be a number of days above 0",
            )
        )
    if not SHA256.fullmatch(draft.document_sha256.strip().lower()):
        problems.append(
            problem(
                "document_sha256",
                "document_hash",
                "SHA-256 dokumen harus 64 karakter heksadesimal",
                "the document's SHA-256 must be 64 hexadecimal characters",
            )
        )
    return problems


def dataset_problems(datasets: Sequence[DatasetTerms]) -> list[Problem]:
    """Problems with the datasets: known names, the right direction, known fields.

    Each problem names ``datasets.<dataset>``.
    """
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for terms in datasets:
        name = f"datasets.{terms.dataset}"
        problems += _one_dataset_problems(name, terms)
        if (terms.dataset, terms.direction) in seen:
            problems.append(
                problem(
                    name,
                    "dataset_twice",
                    "dataset yang sama dicantumkan dua kali untuk arah yang sama",
                    "the same dataset is listed twice for the same direction",
                )
            )
        seen.add((terms.dataset, terms.direction))
    return problems


def _one_dataset_problems(name: str, terms: DatasetTerms) -> list[Problem]:
    known = dataset_fields(terms.dataset)
    if known is None:
        return [problem(name, "dataset_unknown", "dataset tidak dikenal", "unknown dataset")]
    problems: list[Problem] = []
    directions = {d.value for d in Direction}
    expected = (
        Direction.TO_PARTNER
        if terms.dataset in registry_dataset_names()
        else Direction.FROM_PARTNER
    )
    if terms.direction not in directions or terms.direction != expected:
        problems.append(
            problem(
                name,
                "direction",
                "data registri hanya mengalir ke mitra, data mitra hanya dari mitra",
                "registry data flows only to partners, partner data only from them",
            )
        )
    if not terms.fields:
        problems.append(
            problem(name, "fields_required", "pilih sedikitnya satu kolom", "choose a field")
        )
    if any(field not in known for field in terms.fields):
        problems.append(problem(name, "field_unknown", "kolom tidak dikenal", "unknown field"))
    treatments = {t.value for t in FieldTreatment}
    if any(treatment not in treatments for treatment in terms.fields.values()):
        problems.append(
            problem(
                name,
                "treatment_unknown",
                "perlakuan kolom harus clear, masked atau pseudonym",
                "a field's treatment must be clear, masked or pseudonym",
            )
        )
    return problems


def _agreement(session: Session, number: str) -> Agreement | None:
    return session.scalar(select(Agreement).where(Agreement.number == number))


def as_json_value(value: Any) -> Any:
    """Dates as ISO strings, sequences as lists: the canonical form of a term."""
    if isinstance(value, date):
        return value.isoformat()
    return value
