"""Declarations of the registry datasets (see lindung.exchange.datasets).

``workers`` reads the ``workers`` table directly. ``placements`` is a read-only view
joining each placement to its job order (destination, job) and to its worker (the
NIK a partner may need to join on, and the origin village that scopes rows by
region). The gate reads any declared dataset the same way: a field's name is a
column of ``model`` (a mapped class or a selectable).

Which fields are personal follows UU 27/2022 Pasal 4 (data pribadi): identity
numbers, names, birth dates and places, phone numbers, and the internal worker
reference that links a placement to a person.
"""

from __future__ import annotations

from sqlalchemy import select

from lindung.exchange.datasets import DatasetSpec, FieldSpec
from lindung.store.models import JobOrder, Placement, Worker

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
    )
    .join(Worker, Worker.id == Placement.worker_id)
    .join(JobOrder, JobOrder.id == Placement.job_order_id)
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
    ),
    natural_key=("id",),
    model=PLACEMENTS_VIEW,
    region_field="origin_village_code",
    subject_kind="worker",
    subject_field="worker_id",
)

DATASETS: tuple[DatasetSpec, ...] = (WORKERS, PLACEMENTS)
