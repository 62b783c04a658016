"""Declarations of the registry datasets (see lindung.exchange.datasets).

``workers`` reads the ``workers`` table directly. ``placements`` is a read-only view
joining each placement to its job order (destination, job, agency, employer) and to
its worker (the NIK a partner may need to join on, and the origin village that
scopes rows by region). The gate reads any declared dataset the same way: a field's
name is a column of ``model`` (a mapped class or a selectable).

The per-person records (passports, family, health checks, competence certificates,
social security) and the per-placement records (Pasal 13 documents, events,
orientation, reintegration) are views joined to the worker for the origin village,
so a regional officer sees exactly the records of the workers from their region;
every row's subject is the worker. They serve the officer pages and API of the
registry (worker profile, timeline, placement page) and may flow to a partner only
under an agreement that names them.

Which fields are personal follows UU 27/2022 Pasal 4 (data pribadi): identity
numbers, names, birth dates and places, phone numbers, and the internal worker
reference that links a placement to a person.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, select

from lindung.exchange.datasets import DatasetSpec, FieldSpec
from lindung.store.models import (
    Agency,
    CompetenceCertificate,
    Employer,
    FamilyMember,
    HealthCheck,
    JobOrder,
    Orientation,
    Passport,
    Placement,
    PlacementDocument,
    PlacementEvent,
    Reintegration,
    SocialSecurityMembership,
    Worker,
    WorkerCorrection,
)

WORKERS = DatasetSpec(
    name="workers",
    title_id="Pekerja migran terdaftar",
    title_en="Registered migrant workers",
    fields=(
        FieldSpec("id", "int", "ID pekerja (internal)", "Worker id (internal)"),
        FieldSpec("nik", "nik", "NIK", "NIK", personal=True, required=True, mask="nik"),
        FieldSpec("full_name", "text", "Nama lengkap", "Full name", personal=True, mask="name"),
        FieldSpec("sex", "sex", "Jenis kelamin", "Sex", choices=("M", "F")),
        FieldSpec("birth_date", "date", "Tanggal lahir", "Birth date", personal=True, mask="date"),
        FieldSpec("birth_place", "text", "Tempat lahir", "Birth place", personal=True, mask="text"),
        FieldSpec("origin_village_code", "region_code", "Desa/kelurahan asal", "Village of origin"),
        FieldSpec("marital_status", "enum", "Status perkawinan", "Marital status"),
        FieldSpec("education", "enum", "Pendidikan", "Education"),
        FieldSpec("phone", "phone", "Nomor telepon", "Phone number", personal=True, mask="phone"),
        FieldSpec("address", "text", "Alamat", "Address", personal=True, mask="text"),
        FieldSpec("email", "text", "Surel", "Email", personal=True, mask="text"),
    ),
    natural_key=("nik",),
    model=Worker,
    region_field="origin_village_code",
    subject_kind="worker",
    subject_field="id",
)

#: Placements with their destination and the worker's NIK and origin, as one selectable.
PLACEMENTS_VIEW = (
    select(
        Placement.id.label("id"),
        Placement.worker_id.label("worker_id"),
        Worker.nik.label("worker_nik"),
        Worker.origin_village_code.label("origin_village_code"),
        JobOrder.country_code.label("destination_country"),
        JobOrder.job_type.label("job_type"),
        JobOrder.sector.label("sector"),
        Placement.status.label("status"),
        Placement.registered_on.label("registered_on"),
        Placement.departed_on.label("departed_on"),
        Placement.returned_on.label("returned_on"),
        Placement.job_order_id.label("job_order_id"),
        JobOrder.code.label("job_order_code"),
        JobOrder.position.label("position"),
        JobOrder.city.label("destination_city"),
        JobOrder.agency_id.label("agency_id"),
        Agency.name.label("agency_name"),
        Agency.licence_no.label("agency_licence_no"),
        Employer.name.label("employer_name"),
        Employer.kind.label("employer_kind"),
        Placement.arrived_on.label("arrived_on"),
        Placement.contract_ends_on.label("contract_ends_on"),
    )
    .join(Worker, Worker.id == Placement.worker_id)
    .join(JobOrder, JobOrder.id == Placement.job_order_id)
    .join(Agency, Agency.id == JobOrder.agency_id)
    .join(Employer, Employer.id == JobOrder.employer_id)
    .subquery("placements_view")
)

PLACEMENTS = DatasetSpec(
    name="placements",
    title_id="Penempatan pekerja migran",
    title_en="Placements of migrant workers",
    fields=(
        FieldSpec("id", "int", "ID penempatan", "Placement id"),
        FieldSpec("worker_id", "int", "ID pekerja", "Worker id", personal=True, mask="text"),
        FieldSpec("worker_nik", "nik", "NIK pekerja", "Worker's NIK", personal=True, mask="nik"),
        FieldSpec("origin_village_code", "region_code", "Desa/kelurahan asal", "Village of origin"),
        FieldSpec("destination_country", "country", "Negara tujuan", "Destination country"),
        FieldSpec("job_type", "text", "Jenis pekerjaan", "Job type"),
        FieldSpec("sector", "enum", "Sektor", "Sector", choices=("formal", "informal")),
        FieldSpec("status", "enum", "Status penempatan", "Placement status"),
        FieldSpec("registered_on", "date", "Tanggal pendaftaran", "Registered on"),
        FieldSpec("departed_on", "date", "Tanggal berangkat", "Departed on"),
        FieldSpec("returned_on", "date", "Tanggal kembali", "Returned on"),
        FieldSpec("job_order_id", "int", "ID job order", "Job order id"),
        FieldSpec("job_order_code", "text", "Kode job order", "Job order code"),
        FieldSpec("position", "text", "Jabatan", "Position"),
        FieldSpec("destination_city", "text", "Kota tujuan", "Destination city"),
        FieldSpec("agency_id", "int", "ID P3MI", "Agency id"),
        FieldSpec("agency_name", "text", "Nama P3MI", "Agency name"),
        FieldSpec("agency_licence_no", "text", "Nomor izin P3MI (SIP3MI)", "Agency licence no."),
        FieldSpec("employer_name", "text", "Pemberi kerja", "Employer"),
        FieldSpec("employer_kind", "enum", "Jenis pemberi kerja", "Employer kind"),
        FieldSpec("arrived_on", "date", "Tanggal tiba", "Arrived on"),
        FieldSpec("contract_ends_on", "date", "Kontrak berakhir", "Contract ends on"),
    ),
    natural_key=("id",),
    model=PLACEMENTS_VIEW,
    region_field="origin_village_code",
    subject_kind="worker",
    subject_field="worker_id",
)

_ORIGIN = FieldSpec(
    "origin_village_code", "region_code", "Desa/kelurahan asal", "Village of origin"
)
_WORKER_ID = FieldSpec("worker_id", "int", "ID pekerja", "Worker id", personal=True, mask="text")
_PLACEMENT_ID = FieldSpec("placement_id", "int", "ID penempatan", "Placement id")


def _person_view(name: str, model: Any) -> Any:
    """Every column of a per-person table, with the worker's origin village."""
    return (
        select(*model.__table__.c, Worker.origin_village_code.label("origin_village_code"))
        .join(Worker, Worker.id == model.worker_id)
        .subquery(name)
    )


def _placement_view(name: str, model: Any) -> Any:
    """Every column of a per-placement table, with the worker and their origin village."""
    return (
        select(
            *model.__table__.c,
            Placement.worker_id.label("worker_id"),
            Worker.origin_village_code.label("origin_village_code"),
        )
        .join(Placement, Placement.id == model.placement_id)
        .join(Worker, Worker.id == Placement.worker_id)
        .subquery(name)
    )


def _record_dataset(
    name: str, titles: tuple[str, str], model: Any, fields: tuple[FieldSpec, ...]
) -> DatasetSpec:
    """A dataset of records about a worker, scoped by their origin, subject the worker."""
    return DatasetSpec(
        name=name,
        title_id=titles[0],
        title_en=titles[1],
        fields=(FieldSpec("id", "int", "ID", "Id"), *fields, _ORIGIN),
        natural_key=("id",),
        model=model,
        region_field="origin_village_code",
        subject_kind="worker",
        subject_field="worker_id",
    )


PASSPORTS = _record_dataset(
    "passports",
    ("Paspor pekerja", "Workers' passports"),
    _person_view("passports_view", Passport),
    (
        _WORKER_ID,
        FieldSpec("number", "passport_number", "Nomor paspor", "Passport number", personal=True),
        FieldSpec("issued_on", "date", "Tanggal terbit", "Issued on"),
        FieldSpec("expires_on", "date", "Berlaku sampai", "Expires on"),
        FieldSpec("issuing_office", "text", "Kantor imigrasi penerbit", "Issuing office"),
        FieldSpec("mrz", "text", "MRZ", "MRZ", personal=True),
    ),
)

FAMILY_MEMBERS = _record_dataset(
    "family_members",
    ("Keluarga pekerja", "Workers' families"),
    _person_view("family_members_view", FamilyMember),
    (
        _WORKER_ID,
        FieldSpec("relation", "enum", "Hubungan", "Relation", choices=("spouse", "child")),
        FieldSpec("full_name", "text", "Nama lengkap", "Full name", personal=True, mask="name"),
        FieldSpec("nik", "nik", "NIK", "NIK", personal=True, mask="nik"),
        FieldSpec("sex", "sex", "Jenis kelamin", "Sex", choices=("M", "F")),
        FieldSpec("birth_date", "date", "Tanggal lahir", "Birth date", personal=True, mask="date"),
        FieldSpec("spouse_worker_id", "int", "ID pekerja pasangan", "Spouse's worker id"),
        FieldSpec(
            "caregiver_name",
            "text",
            "Nama pengasuh",
            "Caregiver's name",
            personal=True,
            mask="name",
        ),
        FieldSpec("caregiver_relation", "enum", "Hubungan pengasuh", "Caregiver's relation"),
        FieldSpec("village_code", "region_code", "Desa/kelurahan", "Village"),
    ),
)

HEALTH_CHECKS = _record_dataset(
    "health_checks",
    ("Pemeriksaan kesehatan dan psikologi", "Medical and psychological checks"),
    _person_view("health_checks_view", HealthCheck),
    (
        _WORKER_ID,
        FieldSpec("kind", "enum", "Jenis", "Kind", choices=("medical", "psychological")),
        # health data is specific personal data (UU 27/2022 Pasal 4 ayat 2 huruf a)
        FieldSpec("result", "enum", "Hasil", "Result", personal=True, choices=("fit", "unfit")),
        FieldSpec("examined_on", "date", "Tanggal pemeriksaan", "Examined on"),
        FieldSpec("valid_until", "date", "Berlaku sampai", "Valid until"),
        FieldSpec("facility", "text", "Sarana kesehatan", "Facility"),
        FieldSpec("certificate_no", "text", "Nomor surat keterangan", "Certificate no."),
    ),
)

COMPETENCE_CERTIFICATES = _record_dataset(
    "competence_certificates",
    ("Sertifikat kompetensi", "Competence certificates"),
    _person_view("competence_certificates_view", CompetenceCertificate),
    (
        _WORKER_ID,
        FieldSpec("scheme", "text", "Skema", "Scheme"),
        FieldSpec("certifying_body", "text", "Lembaga sertifikasi (LSP)", "Certifying body"),
        FieldSpec("number", "text", "Nomor sertifikat", "Certificate number"),
        FieldSpec("issued_on", "date", "Tanggal terbit", "Issued on"),
        FieldSpec("valid_until", "date", "Berlaku sampai", "Valid until"),
    ),
)

SOCIAL_SECURITY = _record_dataset(
    "social_security_memberships",
    ("Kepesertaan jaminan sosial", "Social-security memberships"),
    _person_view("social_security_view", SocialSecurityMembership),
    (
        _WORKER_ID,
        FieldSpec("programme", "enum", "Program", "Programme"),
        FieldSpec("membership_no", "text", "Nomor kepesertaan", "Membership no.", personal=True),
        FieldSpec("valid_from", "date", "Berlaku dari", "Valid from"),
        FieldSpec("valid_to", "date", "Berlaku sampai", "Valid to"),
    ),
)

PLACEMENT_DOCUMENTS = _record_dataset(
    "placement_documents",
    ("Dokumen penempatan (Pasal 13)", "Placement documents (Pasal 13)"),
    _placement_view("placement_documents_view", PlacementDocument),
    (
        _PLACEMENT_ID,
        _WORKER_ID,
        FieldSpec("kind", "enum", "Jenis dokumen", "Document kind"),
        FieldSpec("subtype", "enum", "Subjenis", "Subtype"),
        FieldSpec("number", "text", "Nomor dokumen", "Document number", personal=True),
        FieldSpec("issued_on", "date", "Tanggal terbit", "Issued on"),
        FieldSpec("expires_on", "date", "Berlaku sampai", "Expires on"),
        FieldSpec("verified_by", "text", "Diverifikasi oleh", "Verified by"),
        FieldSpec("verified_on", "date", "Tanggal verifikasi", "Verified on"),
    ),
)

PLACEMENT_EVENTS = _record_dataset(
    "placement_events",
    ("Riwayat penempatan", "Placement history"),
    _placement_view("placement_events_view", PlacementEvent),
    (
        _PLACEMENT_ID,
        _WORKER_ID,
        FieldSpec("kind", "enum", "Jenis peristiwa", "Event kind"),
        FieldSpec("from_status", "enum", "Dari status", "From status"),
        FieldSpec("to_status", "enum", "Ke status", "To status"),
        FieldSpec("occurred_on", "date", "Tanggal kejadian", "Occurred on"),
        FieldSpec("recorded_at", "datetime", "Dicatat pada", "Recorded at"),
        FieldSpec("recorded_by", "text", "Dicatat oleh", "Recorded by"),
        FieldSpec("source", "text", "Sumber", "Source"),
        FieldSpec("details", "json", "Rincian", "Details"),
    ),
)

ORIENTATIONS = _record_dataset(
    "orientations",
    ("Orientasi pra pemberangkatan (OPP)", "Pre-departure orientation (OPP)"),
    _placement_view("orientations_view", Orientation),
    (
        _PLACEMENT_ID,
        _WORKER_ID,
        FieldSpec("held_on", "date", "Tanggal OPP", "Held on"),
        FieldSpec("region_code", "region_code", "Wilayah penyelenggara", "Region"),
        FieldSpec("certificate_no", "text", "Nomor sertifikat OPP", "Certificate no."),
    ),
)

REINTEGRATIONS = _record_dataset(
    "reintegrations",
    ("Reintegrasi purna PMI", "Reintegration after return"),
    _placement_view("reintegrations_view", Reintegration),
    (
        _PLACEMENT_ID,
        _WORKER_ID,
        FieldSpec("recorded_on", "date", "Tanggal dicatat", "Recorded on"),
        FieldSpec("programme", "enum", "Program", "Programme"),
        FieldSpec("status", "enum", "Status", "Status"),
        FieldSpec("region_code", "region_code", "Wilayah", "Region"),
        FieldSpec("notes", "text", "Catatan", "Notes", personal=True),
    ),
)

#: How a corrected worker field's old and new values are shown: grouped by the
#: field's mask in WORKERS (``plain``: not personal), one column per group, so that
#: the gate masks an old value exactly as it masks the field itself.
CORRECTION_MASKS = ("nik", "name", "date", "phone", "text")


def _correction_groups() -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {how: [] for how in (*CORRECTION_MASKS, "plain")}
    for spec in WORKERS.fields:
        groups[spec.mask if spec.personal else "plain"].append(spec.name)
    return {how: tuple(names) for how, names in groups.items()}


def _corrections_view() -> Any:
    table = WorkerCorrection.__table__.c
    values = []
    for how, names in _correction_groups().items():
        for side in ("old", "new"):
            column = table[f"{side}_value"]
            values.append(case((table.field.in_(names), column)).label(f"{side}_{how}"))
    return (
        select(
            table.id,
            table.worker_id,
            table.field,
            *values,
            table.corrected_by,
            table.corrected_at,
            table.reason,
            Worker.origin_village_code.label("origin_village_code"),
        )
        .join(Worker, Worker.id == table.worker_id)
        .subquery("worker_corrections_view")
    )


def _correction_value_fields() -> tuple[FieldSpec, ...]:
    fields = []
    for how in (*CORRECTION_MASKS, "plain"):
        for side, title_id, title_en in (
            ("old", "Nilai lama", "Old value"),
            ("new", "Nilai baru", "New value"),
        ):
            fields.append(
                FieldSpec(
                    f"{side}_{how}",
                    "date" if how == "date" else "text",
                    title_id,
                    title_en,
                    personal=how != "plain",
                    mask=how if how != "plain" else "text",
                )
            )
    return tuple(fields)


WORKER_CORRECTIONS = _record_dataset(
    "worker_corrections",
    ("Riwayat koreksi data pekerja", "Worker corrections history"),
    _corrections_view(),
    (
        _WORKER_ID,
        FieldSpec("field", "enum", "Data yang dikoreksi", "Field corrected"),
        *_correction_value_fields(),
        FieldSpec("corrected_by", "text", "Dikoreksi oleh", "Corrected by"),
        FieldSpec("corrected_at", "datetime", "Dikoreksi pada", "Corrected at"),
        # a reason may name the person ("nama sesuai akta kelahiran ..."): masked
        FieldSpec("reason", "text", "Alasan", "Reason", personal=True),
    ),
)

DATASETS: tuple[DatasetSpec, ...] = (
    WORKERS,
    PLACEMENTS,
    PASSPORTS,
    FAMILY_MEMBERS,
    HEALTH_CHECKS,
    COMPETENCE_CERTIFICATES,
    SOCIAL_SECURITY,
    PLACEMENT_DOCUMENTS,
    PLACEMENT_EVENTS,
    ORIENTATIONS,
    REINTEGRATIONS,
    WORKER_CORRECTIONS,
)
