"""Declarations of the partner datasets (see lindung.exchange.datasets).

Five datasets come in from partners: Imigrasi border crossings, the overseas voter
list (DPT LN), Dukcapil civil-registry extracts, training and competence
certificates, and consular registrations of citizens abroad (lapor diri).

Natural keys. Every partner file we receive carries the source's own record id
(Imigrasi's crossing id, the DPT LN row id, Dukcapil's extract row id, the
certificate's record id), so the natural key is that id: a corrected row sent
again under the same id updates the stored row. Consular registrations are keyed
by the mission's registration number (``registration_number``), the id a
perwakilan gives a registration.

Header aliases. Partners name their columns in Indonesian or English, in upper or
lower case, with spaces or underscores; :data:`HEADER_ALIASES` lists the common
names per field, and :func:`header_key` folds a header name for matching.
"""

from __future__ import annotations

import re

from lindung.exchange.datasets import DatasetSpec, FieldSpec
from lindung.store.models.partner_data import (
    BorderCrossing,
    CivilRegistryRecord,
    ConsularRegistration,
    DptLnEntry,
    TrainingCertificate,
)

F = FieldSpec

_SEX = ("M", "F")


def _record_id(prefix_en: str) -> FieldSpec:
    return F(
        "record_id",
        "text",
        "ID rekaman sumber",
        f"{prefix_en} record id",
        required=True,
        max_length=40,
    )


def _name(name: str = "name") -> FieldSpec:
    return F(
        name, "text", "Nama", "Name", personal=True, required=True, mask="name", max_length=160
    )


def _nik(name: str = "nik", required: bool = False) -> FieldSpec:
    """A NIK; an optional one that fails its check is dropped, the row kept (the row
    stands without it, as when the partner left it empty)."""
    return F(
        name,
        "nik",
        "NIK",
        "NIK",
        personal=True,
        required=required,
        mask="nik",
        drop_invalid=not required,
    )


def _birth_date() -> FieldSpec:
    return F("birth_date", "date", "Tanggal lahir", "Birth date", personal=True, mask="date")


def _birth_place() -> FieldSpec:
    return F("birth_place", "text", "Tempat lahir", "Birth place", personal=True, max_length=80)


def _sex() -> FieldSpec:
    return F("sex", "sex", "Jenis kelamin", "Sex", personal=True, choices=_SEX)


def _address() -> FieldSpec:
    return F("address", "text", "Alamat", "Address", personal=True, max_length=300)


BORDER_CROSSINGS = DatasetSpec(
    name="border_crossings",
    title_id="Perlintasan perbatasan (Imigrasi)",
    title_en="Border crossings (Immigration)",
    fields=(
        _record_id("crossing"),
        F(
            "passport_number",
            "passport_number",
            "Nomor paspor",
            "Passport number",
            personal=True,
            required=True,
        ),
        _name(),
        _birth_date(),
        _sex(),
        F("nationality", "country", "Kewarganegaraan", "Nationality"),
        _nik(),
        F(
            "direction",
            "enum",
            "Arah",
            "Direction",
            required=True,
            choices=("departure", "arrival"),
        ),
        F("crossing_date", "date", "Tanggal perlintasan", "Crossing date", required=True),
        F("checkpoint", "text", "TPI", "Checkpoint", required=True, max_length=80),
        F("origin_country", "country", "Negara asal", "Origin country"),
        F("destination_country", "country", "Negara tujuan", "Destination country"),
    ),
    natural_key=("record_id",),
    model=BorderCrossing,
    subject_kind="traveller",
    subject_field="passport_number",
    importable=True,
)

DPT_LN = DatasetSpec(
    name="dpt_ln",
    title_id="Daftar Pemilih Tetap Luar Negeri (DPT LN)",
    title_en="Overseas voter list (DPT LN)",
    fields=(
        _record_id("voter list"),
        F("ppln", "text", "PPLN", "Overseas election committee", required=True, max_length=80),
        F("method", "enum", "Metode", "Voting method", choices=("TPSLN", "KSK", "POS")),
        _nik(),
        _name(),
        _birth_place(),
        _birth_date(),
        _sex(),
        F("marital_status", "enum", "Status kawin", "Marital status", choices=("B", "S", "P")),
        _address(),
    ),
    natural_key=("record_id",),
    model=DptLnEntry,
    subject_kind="voter",
    subject_field="nik",
    importable=True,
)

CIVIL_REGISTRY = DatasetSpec(
    name="civil_registry",
    title_id="Data kependudukan (Dukcapil)",
    title_en="Civil registry (Dukcapil)",
    fields=(
        _record_id("civil registry"),
        _nik(required=True),
        _name(),
        _birth_place(),
        _birth_date(),
        _sex(),
        F(
            "marital_status",
            "enum",
            "Status kawin",
            "Marital status",
            choices=("BELUM KAWIN", "KAWIN", "CERAI HIDUP", "CERAI MATI"),
        ),
        F(
            "family_card_number",
            "digits16",
            "Nomor KK",
            "Family card number",
            personal=True,
            mask="nik",
        ),
        F(
            "family_relationship",
            "enum",
            "Hubungan keluarga",
            "Family relationship",
            choices=("KEPALA KELUARGA", "ISTRI", "SUAMI", "ANAK", "LAINNYA"),
        ),
        F("village_code", "region_code", "Kode desa/kelurahan", "Village code"),
        _address(),
    ),
    natural_key=("record_id",),
    model=CivilRegistryRecord,
    region_field="village_code",
    subject_kind="resident",
    subject_field="nik",
    importable=True,
)

TRAINING_CERTIFICATES = DatasetSpec(
    name="training_certificates",
    title_id="Sertifikat pelatihan dan kompetensi",
    title_en="Training and competence certificates",
    fields=(
        _record_id("certificate"),
        F(
            "certificate_number",
            "text",
            "Nomor sertifikat",
            "Certificate number",
            required=True,
            max_length=60,
        ),
        F("scheme_code", "text", "Kode skema", "Scheme code", required=True, max_length=12),
        F("scheme", "text", "Skema", "Scheme", max_length=120),
        F("certification_body", "text", "LSP", "Certification body", max_length=120),
        F("training_institution", "text", "LPK/BLK", "Training institution", max_length=120),
        F("association", "text", "Asosiasi", "Association", max_length=40),
        _name("holder_name"),
        _nik("holder_nik"),
        F("issued_on", "date", "Tanggal terbit", "Issued on", required=True),
        F("valid_until", "date", "Berlaku sampai", "Valid until"),
    ),
    natural_key=("record_id",),
    model=TrainingCertificate,
    subject_kind="holder",
    subject_field="holder_nik",
    importable=True,
)

CONSULAR_REGISTRATIONS = DatasetSpec(
    name="consular_registrations",
    title_id="Lapor diri perwakilan RI",
    title_en="Consular registrations abroad",
    fields=(
        F(
            "registration_number",
            "text",
            "Nomor lapor diri",
            "Registration number",
            required=True,
            max_length=40,
        ),
        F("mission", "text", "Perwakilan RI", "Mission", required=True, max_length=80),
        F("country", "country", "Negara", "Country", required=True),
        _nik(),
        F(
            "passport_number",
            "passport_number",
            "Nomor paspor",
            "Passport number",
            personal=True,
        ),
        _name(),
        _birth_date(),
        _sex(),
        F("employer_name", "text", "Nama pemberi kerja", "Employer", max_length=160),
        F("job_type", "text", "Jabatan", "Job", max_length=60),
        _address(),
        F("phone", "phone", "Telepon", "Phone", personal=True),
        F("registered_on", "date", "Tanggal lapor", "Registered on", required=True),
    ),
    natural_key=("registration_number",),
    model=ConsularRegistration,
    subject_kind="worker_abroad",
    subject_field="nik",
    importable=True,
)

DATASETS: tuple[DatasetSpec, ...] = (
    BORDER_CROSSINGS,
    DPT_LN,
    CIVIL_REGISTRY,
    TRAINING_CERTIFICATES,
    CONSULAR_REGISTRATIONS,
)

#: Other names partners give a field's column (matched after :func:`header_key`).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "record_id": ("id", "record id", "id rekaman", "no record"),
    "passport_number": ("no paspor", "nomor paspor", "passport no", "paspor", "passport"),
    "name": ("nama", "nama lengkap", "full name", "nama pemilih"),
    "holder_name": ("nama", "nama pemegang", "nama peserta"),
    "birth_date": ("tgl lahir", "tanggal lahir", "date of birth", "dob"),
    "birth_place": ("tempat lahir", "tmp lahir", "place of birth"),
    "sex": ("jenis kelamin", "jk", "gender", "kelamin"),
    "nationality": ("kewarganegaraan", "warga negara"),
    "nik": ("no nik", "nomor nik", "nomor induk kependudukan"),
    "holder_nik": ("nik", "nik pemegang"),
    "direction": ("arah", "jenis perlintasan"),
    "crossing_date": ("tanggal perlintasan", "tgl perlintasan", "tanggal"),
    "checkpoint": ("tpi", "tempat pemeriksaan imigrasi", "pos lintas batas"),
    "origin_country": ("negara asal",),
    "destination_country": ("negara tujuan",),
    "marital_status": ("status kawin", "status perkawinan", "status"),
    "address": ("alamat",),
    "family_card_number": ("no kk", "nomor kk", "kk"),
    "family_relationship": ("hubungan keluarga", "shdk", "hubungan"),
    "village_code": ("kode desa", "kode kelurahan", "kode wilayah"),
    "method": ("metode",),
    "certificate_number": ("no sertifikat", "nomor sertifikat"),
    "scheme_code": ("kode skema",),
    "scheme": ("skema", "nama skema"),
    "certification_body": ("lsp",),
    "training_institution": ("lpk", "blk", "lembaga pelatihan"),
    "association": ("asosiasi",),
    "issued_on": ("tanggal terbit", "tgl terbit"),
    "valid_until": ("berlaku sampai", "masa berlaku"),
    "registration_number": ("no lapor diri", "nomor lapor diri", "nomor registrasi"),
    "mission": ("perwakilan", "perwakilan ri"),
    "country": ("negara",),
    "employer_name": ("pemberi kerja", "nama majikan", "majikan"),
    "job_type": ("jabatan", "pekerjaan"),
    "phone": ("telepon", "no hp", "no telepon"),
    "registered_on": ("tanggal lapor", "tgl lapor"),
}

_FOLD = re.compile(r"[^0-9a-z]+")


def header_key(name: str) -> str:
    """Fold a column name for matching: case, spaces, underscores and dots do not matter."""
    return " ".join(_FOLD.sub(" ", name.strip().lstrip("\ufeff").lower()).split())


def column_names(spec: DatasetSpec) -> dict[str, str]:
    """Folded header name -> field name, for every field and its aliases.

    A field's own name wins over another field's alias (``nik`` is the NIK of a
    voter, not the holder's NIK, except in the certificates where only
    ``holder_nik`` exists).
    """
    mapping: dict[str, str] = {}
    for field in spec.fields:
        for alias in HEADER_ALIASES.get(field.name, ()):
            mapping.setdefault(header_key(alias), field.name)
    for field in spec.fields:
        mapping[header_key(field.name)] = field.name
    return mapping


def importable_datasets() -> tuple[DatasetSpec, ...]:
    return DATASETS
