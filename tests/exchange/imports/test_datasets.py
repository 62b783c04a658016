"""Every partner dataset imports from its own kind of file, with its own conventions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from exchange.imports.csvfiles import read_rows, write_rows
from lindung.exchange.datasets import all_datasets
from lindung.exchange.imports import run_import
from lindung.store.database import Database
from lindung.store.models import (
    CivilRegistryRecord,
    ConsularRegistration,
    DptLnEntry,
    TrainingCertificate,
)


def test_partner_datasets_are_declared_with_their_tables() -> None:
    datasets = {name: spec for name, spec in all_datasets().items() if spec.importable}
    assert set(datasets) == {
        "border_crossings",
        "dpt_ln",
        "civil_registry",
        "training_certificates",
        "consular_registrations",
    }
    for spec in datasets.values():
        columns = set(spec.model.__table__.columns.keys())
        assert set(spec.field_names) <= columns, spec.name
        assert {"import_id", "file_sha256", "row_number", "agreement_id"} <= columns
        assert all(spec.field(name).required for name in spec.natural_key)


def test_civil_registry_conventions(db: Database, partner_files: Path) -> None:
    source = partner_files / "dukcapil.csv"
    first = read_rows(source)[0]
    report = run_import(db, "civil_registry", source)
    assert report.reconciled
    assert report.inserted > 0
    with db.session() as session:
        row = session.scalars(
            select(CivilRegistryRecord).where(CivilRegistryRecord.record_id == first["record_id"])
        ).one()
    day, month, year = first["birth_date"].split("-")
    assert row.birth_date == date(int(year), int(month), int(day))  # DD-MM-YYYY
    assert row.sex == {"LAKI-LAKI": "M", "PEREMPUAN": "F"}[first["sex"]]
    assert row.village_code is not None
    assert row.village_code.replace(".", "") == first["village_code"]  # stored dotted


def test_voter_list_and_certificates(db: Database, partner_files: Path) -> None:
    voters = run_import(db, "dpt_ln", partner_files / "dpt_ln.csv")
    certificates = run_import(
        db, "training_certificates", partner_files / "training_certificates.csv"
    )
    assert voters.reconciled
    assert certificates.reconciled
    with db.session() as session:
        voter = session.scalars(select(DptLnEntry).limit(1)).one()
        certificate = session.scalars(select(TrainingCertificate).limit(1)).one()
    assert voter.sex in ("M", "F")  # L/P in the file
    assert certificate.issued_on < date.today()


def test_consular_registrations(db: Database, tmp_path: Path) -> None:
    rows = [
        {
            "No Lapor Diri": "KJRI-HK-2026-000001",
            "Perwakilan": "KJRI Hong Kong",
            "Negara": "HKG",
            "NIK": "",
            "No Paspor": "c 123-4567",
            "Nama": "SITI AMINAH",
            "Tgl Lahir": "9 Agustus 1995",
            "JK": "P",
            "Telepon": "+852 5123 4567",
            "Tanggal Lapor": "02/03/2026",
        },
        {
            "No Lapor Diri": "KJRI-HK-2026-000002",
            "Perwakilan": "KJRI Hong Kong",
            "Negara": "ZZ",
            "NIK": "",
            "No Paspor": "",
            "Nama": "",
            "Tgl Lahir": "",
            "JK": "",
            "Telepon": "12",
            "Tanggal Lapor": "",
        },
    ]
    report = run_import(db, "consular_registrations", write_rows(tmp_path / "lapor.csv", rows))
    assert (report.inserted, report.quarantined) == (1, 1)
    assert {c["field"] for c in report.problem_counts} == {
        "country",
        "name",
        "phone",
        "registered_on",
    }
    with db.session() as session:
        row = session.scalars(select(ConsularRegistration)).one()
    assert (row.country, row.passport_number, row.sex) == ("HK", "C1234567", "F")
    assert row.birth_date == date(1995, 8, 9)
    assert row.registered_on == date(2026, 3, 2)
    assert row.phone == "+85251234567"
