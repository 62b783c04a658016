"""The founding agreements of the demo: the MoU and PKS signed on 2 December 2025.

On 2 December 2025 KP2MI signed MoUs and PKS with Bawaslu, Perpukadesi, Komnas
Anak, the city of Bontang, the regencies of Flores Timur, Probolinggo and Jember,
the vocational-training associations HIPKI and PELITA Indonesia, and a PKS with
Ditjen Imigrasi on data and placement services (detikNews, 2 Dec 2025). The parties
and the date are real; the numbers, validity periods, field lists and document
hashes below are illustrative (see docs/exchange.md).

Field sets follow data minimisation (UU 27/2022 Pasal 16 ayat 2 huruf b): each
partner gets only the fields its purpose needs, masked or pseudonymised where a
clear value is not needed. Two extra agreements show the other states: an expired
2024 pilot with Jember and a suspended PKS with Probolinggo.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from lindung.exchange.agreements import (
    AgreementDraft,
    DatasetTerms,
    create_agreement,
    expire_due,
    set_status,
)
from lindung.exchange.audit import Actor
from lindung.exchange.organisations import ensure_organisation
from lindung.store.database import Database
from lindung.store.models import Agreement, Organisation, User

SIGNED = date(2025, 12, 2)
MOU_END = date(2030, 12, 1)
PKS_END = date(2027, 12, 1)
ACTOR = Actor("system", "demo")
#: demo partner users and the organisation each works for
PARTNER_LOGINS: tuple[tuple[str, str], ...] = (
    ("mitra", "IMIGRASI"),
    ("bawaslu", "BAWASLU"),
    ("komnasanak", "KOMNAS-ANAK"),
)

PUBLIC_TASK = (
    "UU 27/2022 Pasal 20 ayat (2) huruf e: pelaksanaan tugas dalam rangka kepentingan umum "
    "dan kewenangan berdasarkan UU 18/2017 tentang Pelindungan Pekerja Migran Indonesia"
)
VITAL_INTEREST = (
    "UU 27/2022 Pasal 20 ayat (2) huruf d dan e: pelindungan kepentingan vital anak dan "
    "pelaksanaan tugas kepentingan umum (UU 35/2014 tentang Perlindungan Anak; UU 18/2017)"
)
ELECTORAL = (
    "UU 27/2022 Pasal 20 ayat (2) huruf c dan e: kewajiban hukum dan tugas pengawasan "
    "pemilu (UU 7/2017 tentang Pemilihan Umum; UU 18/2017)"
)

#: (code, name, kind, region code)
ORGANISATIONS: tuple[tuple[str, str, str, str | None], ...] = (
    ("KP2MI", "Kementerian Pelindungan Pekerja Migran Indonesia", "ministry", None),
    ("IMIGRASI", "Direktorat Jenderal Imigrasi", "agency", None),
    ("BAWASLU", "Badan Pengawas Pemilihan Umum (Bawaslu)", "agency", None),
    ("KOMNAS-ANAK", "Komisi Nasional Perlindungan Anak (Komnas Anak)", "civil_society", None),
    (
        "PERPUKADESI",
        "Perkumpulan Purnabakti Kepala Daerah Seluruh Indonesia (Perpukadesi)",
        "volunteer_network",
        None,
    ),
    ("KOTA-BONTANG", "Pemerintah Kota Bontang", "regional_government", "64.74"),
    ("KAB-FLOTIM", "Pemerintah Kabupaten Flores Timur", "regional_government", "53.06"),
    ("KAB-PROBOLINGGO", "Pemerintah Kabupaten Probolinggo", "regional_government", "35.13"),
    ("KAB-JEMBER", "Pemerintah Kabupaten Jember", "regional_government", "35.09"),
    ("HIPKI", "Himpunan Penyelenggara Pelatihan dan Kursus Indonesia (HIPKI)", "association", None),
    ("PELITA", "PELITA Indonesia (asosiasi pendidikan vokasi)", "association", None),
)


@dataclass(frozen=True)
class Founding:
    """One demo agreement; ``then`` is the status it is moved to after creation."""

    number: str
    kind: str
    partner: str
    title: str
    purposes: tuple[str, ...]
    lawful_basis: str = PUBLIC_TASK
    datasets: tuple[DatasetTerms, ...] = ()
    regions: tuple[str, ...] = ()
    implements: str | None = None
    fetch_mode: str = "file_pull"
    frequency: str = "monthly"
    retention_days: int = 1825
    signed_on: date = SIGNED
    valid_to: date | None = None
    then: tuple[str, str] | None = None


def _to(dataset: str, **fields: str) -> DatasetTerms:
    return DatasetTerms(dataset, "to_partner", fields)


def _from(dataset: str, *names: str) -> DatasetTerms:
    return DatasetTerms(dataset, "from_partner", dict.fromkeys(names, "clear"))


def _signals(name: str) -> DatasetTerms:
    """The ``signals`` dataset to a partner; ``name`` the subject name's treatment.

    Minimisation (UU 27/2022 Pasal 16 ayat 2 huruf b): the signal itself (type,
    severity, status, region, country, PPLN, risk, evidence, which holds no personal
    data) in clear; the subject's NIK and birth date always masked (enough to tell
    two people apart, and the partner's own records hold the full values); the name
    in clear where the purpose is to act on one person (Imigrasi checks a traveller,
    Bawaslu has an entry struck or added, Komnas Anak and the regency follow up a
    child or a worker), masked under an MoU without a PKS (Bontang).
    """
    return _to(
        "signals",
        id="clear",
        signal_type="clear",
        severity="clear",
        status="clear",
        region_code="clear",
        country_code="clear",
        ppln="clear",
        risk_score="clear",
        evidence="clear",
        subject_kind="clear",
        first_seen="clear",
        last_seen="clear",
        subject_name=name,
        subject_nik="masked",
        subject_birth_date="masked",
    )


def _regional(
    code: str, partner: str, n: int, region: str, name: str, signals: bool = False
) -> Founding:
    """The MoU with a city or regency: protection of the workers from its region only
    (with masked signals where no PKS implements it)."""
    return Founding(
        f"MoU.{n:02d}/KP2MI-{code}/XII/2025",
        "mou",
        partner,
        f"Nota Kesepahaman Pelindungan PMI Asal {name}",
        ("regional_protection", "outreach"),
        datasets=(_signals("masked"),) if signals else (),
        regions=(region,),
        frequency="quarterly",
    )


REGIONAL_DATA = (
    _to(
        "workers",
        nik="masked",
        full_name="clear",
        sex="clear",
        birth_date="masked",
        origin_village_code="clear",
        phone="clear",
    ),
    _to(
        "placements",
        destination_country="clear",
        status="clear",
        departed_on="clear",
        returned_on="clear",
    ),
    _from("civil_registry", "nik", "name", "birth_date", "sex", "village_code"),
    _signals("clear"),
)

FOUNDING: tuple[Founding, ...] = (
    Founding(
        "PKS.01/KP2MI-IMI/XII/2025",
        "pks",
        "IMIGRASI",
        "Perjanjian Kerja Sama Pemanfaatan Data dan Layanan Penempatan PMI",
        ("irregular_departure_prevention", "placement_services"),
        datasets=(
            _from(
                "border_crossings",
                "passport_number",
                "name",
                "birth_date",
                "sex",
                "nik",
                "direction",
                "crossing_date",
                "checkpoint",
                "origin_country",
                "destination_country",
            ),
            _to(
                "workers",
                nik="pseudonym",
                full_name="clear",
                sex="clear",
                birth_date="clear",
            ),
            _to(
                "placements",
                id="clear",
                status="clear",
                destination_country="clear",
                departed_on="clear",
            ),
            _signals("clear"),
        ),
        fetch_mode="api",
        frequency="daily",
        retention_days=730,
        valid_to=PKS_END,
    ),
    Founding(
        "MoU.02/KP2MI-BAWASLU/XII/2025",
        "mou",
        "BAWASLU",
        "Nota Kesepahaman Pengawasan Hak Pilih PMI pada Pemilu 2029",
        ("voter_list_oversight", "outreach"),
        lawful_basis=ELECTORAL,
    ),
    Founding(
        "PKS.03/KP2MI-BAWASLU/XII/2025",
        "pks",
        "BAWASLU",
        "Perjanjian Kerja Sama Pengawasan Daftar Pemilih Luar Negeri",
        ("voter_list_oversight",),
        lawful_basis=ELECTORAL,
        implements="MoU.02/KP2MI-BAWASLU/XII/2025",
        datasets=(
            _to("workers", nik="masked", full_name="clear", sex="clear", birth_date="masked"),
            _to("placements", destination_country="clear", status="clear"),
            _from("dpt_ln", "ppln", "method", "nik", "name", "birth_date", "sex"),
            _signals("clear"),
        ),
        retention_days=1095,
        valid_to=date(2029, 12, 31),
    ),
    Founding(
        "MoU.04/KP2MI-KOMNASANAK/XII/2025",
        "mou",
        "KOMNAS-ANAK",
        "Nota Kesepahaman Pencegahan Penempatan Anak sebagai Pekerja Migran",
        ("child_protection",),
        lawful_basis=VITAL_INTEREST,
    ),
    Founding(
        "PKS.05/KP2MI-KOMNASANAK/XII/2025",
        "pks",
        "KOMNAS-ANAK",
        "Perjanjian Kerja Sama Penanganan Dugaan Pemalsuan Usia Calon PMI",
        ("child_protection",),
        lawful_basis=VITAL_INTEREST,
        implements="MoU.04/KP2MI-KOMNASANAK/XII/2025",
        datasets=(
            _to(
                "workers",
                nik="masked",
                full_name="clear",
                sex="clear",
                birth_date="clear",
                origin_village_code="clear",
            ),
            _to(
                "placements",
                status="clear",
                destination_country="clear",
                registered_on="clear",
                job_type="clear",
            ),
            _signals("clear"),
        ),
        fetch_mode="api",
        frequency="on_request",
        retention_days=365,
        valid_to=PKS_END,
    ),
    Founding(
        "MoU.06/KP2MI-PERPUKADESI/XII/2025",
        "mou",
        "PERPUKADESI",
        "Nota Kesepahaman Sosialisasi Migrasi Aman (data agregat saja)",
        ("outreach",),
        frequency="quarterly",
        retention_days=365,
    ),
    _regional("BONTANG", "KOTA-BONTANG", 7, "64.74", "Kota Bontang", signals=True),
    _regional("FLOTIM", "KAB-FLOTIM", 8, "53.06", "Kabupaten Flores Timur"),
    Founding(
        "PKS.09/KP2MI-FLOTIM/XII/2025",
        "pks",
        "KAB-FLOTIM",
        "Perjanjian Kerja Sama Data PMI Asal Kabupaten Flores Timur",
        ("regional_protection",),
        implements="MoU.08/KP2MI-FLOTIM/XII/2025",
        datasets=REGIONAL_DATA,
        regions=("53.06",),
        valid_to=PKS_END,
    ),
    _regional("PROBOLINGGO", "KAB-PROBOLINGGO", 10, "35.13", "Kabupaten Probolinggo"),
    Founding(
        "PKS.11/KP2MI-PROBOLINGGO/XII/2025",
        "pks",
        "KAB-PROBOLINGGO",
        "Perjanjian Kerja Sama Data PMI Asal Kabupaten Probolinggo",
        ("regional_protection",),
        implements="MoU.10/KP2MI-PROBOLINGGO/XII/2025",
        datasets=REGIONAL_DATA,
        regions=("35.13",),
        valid_to=PKS_END,
        then=("suspended", "Menunggu pembaruan penilaian dampak pelindungan data (DPIA)"),
    ),
    _regional("JEMBER", "KAB-JEMBER", 12, "35.09", "Kabupaten Jember"),
    Founding(
        "PKS.13/KP2MI-JEMBER/XII/2025",
        "pks",
        "KAB-JEMBER",
        "Perjanjian Kerja Sama Data PMI Asal Kabupaten Jember",
        ("regional_protection",),
        implements="MoU.12/KP2MI-JEMBER/XII/2025",
        datasets=REGIONAL_DATA,
        regions=("35.09",),
        valid_to=PKS_END,
    ),
    Founding(
        "MoU.14/KP2MI-HIPKI/XII/2025",
        "mou",
        "HIPKI",
        "Nota Kesepahaman Peningkatan Kompetensi Calon PMI melalui Pendidikan Vokasi",
        ("training_certification",),
    ),
    Founding(
        "PKS.15/KP2MI-HIPKI/XII/2025",
        "pks",
        "HIPKI",
        "Perjanjian Kerja Sama Pertukaran Data Sertifikat Kompetensi",
        ("training_certification",),
        implements="MoU.14/KP2MI-HIPKI/XII/2025",
        datasets=(
            _from(
                "training_certificates",
                "certificate_number",
                "scheme_code",
                "certification_body",
                "training_institution",
                "holder_name",
                "holder_nik",
                "issued_on",
                "valid_until",
            ),
        ),
        fetch_mode="file_push",
        valid_to=PKS_END,
    ),
    Founding(
        "MoU.16/KP2MI-PELITA/XII/2025",
        "mou",
        "PELITA",
        "Nota Kesepahaman Pendidikan Vokasi bagi Calon PMI",
        ("training_certification",),
        datasets=(
            _from(
                "training_certificates",
                "certificate_number",
                "scheme_code",
                "holder_name",
                "holder_nik",
                "issued_on",
                "valid_until",
            ),
        ),
        fetch_mode="file_push",
    ),
    Founding(
        "PKS.07/BP2MI-JBR/III/2024",
        "pks",
        "KAB-JEMBER",
        "Perjanjian Kerja Sama Uji Coba Pendataan PMI Asal Jember (BP2MI, 2024)",
        ("regional_protection",),
        datasets=(_to("workers", full_name="clear", origin_village_code="clear"),),
        regions=("35.09",),
        signed_on=date(2024, 3, 1),
        valid_to=date(2025, 11, 30),
        retention_days=365,
    ),
)


def document_hash(number: str) -> str:
    """An illustrative SHA-256 standing in for the hash of the signed PDF."""
    return hashlib.sha256(f"lindung demo signed document {number}".encode()).hexdigest()


def _draft(founding: Founding) -> AgreementDraft:
    return AgreementDraft(
        number=founding.number,
        kind=founding.kind,
        partner=founding.partner,
        title=founding.title,
        signed_on=founding.signed_on,
        valid_from=founding.signed_on,
        valid_to=founding.valid_to or MOU_END,
        purposes=founding.purposes,
        lawful_basis=founding.lawful_basis,
        fetch_mode=founding.fetch_mode,
        frequency=founding.frequency,
        retention_days=founding.retention_days,
        document_sha256=document_hash(founding.number),
        region_codes=founding.regions,
        datasets=founding.datasets,
        implements=founding.implements,
        status="active",
    )


def seed_founding_agreements(database: Database, today: date | None = None) -> list[str]:
    """Create the demo organisations and agreements that do not exist yet; return the
    numbers created. Idempotent. Also binds the demo partner users to their
    organisations (``mitra`` Ditjen Imigrasi, ``bawaslu``, ``komnasanak``)."""
    today = today or date.today()
    created: list[str] = []
    with database.session() as session:
        for code, name, kind, region in ORGANISATIONS:
            ensure_organisation(session, code, name, kind, region)
        for founding in FOUNDING:
            if session.scalar(select(Agreement.id).where(Agreement.number == founding.number)):
                continue
            create_agreement(session, ACTOR, _draft(founding))
            if founding.then is not None:
                status, reason = founding.then
                set_status(session, ACTOR, founding.number, status, reason, today=today)
            created.append(founding.number)
        expire_due(session, today, ACTOR)
        _bind_partner_users(session)
    return created


def _bind_partner_users(session: Session) -> None:
    for username, code in PARTNER_LOGINS:
        organisation_id = session.scalar(select(Organisation.id).where(Organisation.code == code))
        session.execute(
            update(User)
            .where(User.username == username, User.organisation_id.is_(None))
            .values(organisation_id=organisation_id)
        )
