"""The import service on the generated immigration file: reconciliation, idempotence,
updates by natural key, provenance, agreements and the audit entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from exchange.imports.csvfiles import read_rows, write_rows
from lindung.exchange.audit import Actor
from lindung.exchange.imports import ImportRefused, run_import
from lindung.store.database import Database
from lindung.store.models import AuditEntry, BorderCrossing, Import

ADMIN = Actor("user", "admin")


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_generated_crossings_import_and_reconcile(db: Database, crossings: Path) -> None:
    expected = len(read_rows(crossings))
    report = run_import(db, "border_crossings", crossings, actor=ADMIN, chunk_size=100)
    assert report.status == "committed"
    assert report.rows_received == expected
    assert report.inserted == expected
    assert report.quarantined == 0
    assert report.reconciled
    assert _count(db, BorderCrossing) == expected
    with db.session() as session:
        first = session.scalars(
            select(BorderCrossing).where(BorderCrossing.record_id == "IMG-000000001")
        ).one()
        assert first.import_id == report.import_id
        assert first.row_number == 2  # the header is row 1
        assert first.file_sha256 == report.file_sha256
        assert first.agreement_id is None
        assert first.nationality == "ID"  # alpha-3 in the file, alpha-2 stored
        stored = session.get(Import, report.import_id)
        assert stored is not None
        assert stored.rows_received == expected


def test_the_same_file_again_stores_nothing(db: Database, crossings: Path) -> None:
    first = run_import(db, "border_crossings", crossings)
    again = run_import(db, "border_crossings", crossings)
    assert again.already_imported
    assert again.import_id == first.import_id
    assert (again.inserted, again.rows_received) == (first.inserted, first.rows_received)
    assert _count(db, BorderCrossing) == first.inserted
    assert _count(db, Import) == 1


def test_an_updated_file_updates_by_natural_key(
    db: Database, crossings: Path, tmp_path: Path
) -> None:
    first = run_import(db, "border_crossings", crossings)
    rows = read_rows(crossings)
    rows[0]["checkpoint"] = "Juanda"
    rows[1]["checkpoint"] = "Kualanamu"
    added = dict(rows[2], record_id="IMG-999999999")
    changed = write_rows(tmp_path / "crossings_v2.csv", [*rows, added])
    second = run_import(db, "border_crossings", changed)
    assert not second.already_imported
    assert (second.inserted, second.updated) == (1, 2)
    assert second.unchanged == len(rows) - 2
    assert second.reconciled
    assert _count(db, BorderCrossing) == first.inserted + 1
    with db.session() as session:
        row = session.scalars(
            select(BorderCrossing).where(BorderCrossing.record_id == rows[0]["record_id"])
        ).one()
        assert row.checkpoint == "Juanda"
        assert row.import_id == second.import_id  # provenance follows the update
        untouched = session.scalars(
            select(BorderCrossing).where(BorderCrossing.record_id == rows[5]["record_id"])
        ).one()
        assert untouched.import_id == first.import_id


def test_agreement_is_recorded_in_provenance_and_audit(
    db: Database, crossings: Path, make_agreement: object
) -> None:
    assert callable(make_agreement)
    number = make_agreement()
    report = run_import(db, "border_crossings", crossings, number, actor=ADMIN)
    assert report.agreement_number == number
    with db.session() as session:
        row = session.scalars(select(BorderCrossing).limit(1)).one()
        assert row.agreement_id is not None
        assert row.source_organisation_id is not None
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
        assert entry.agreement_number == number
        assert entry.row_count == report.rows_received
        assert entry.details["inserted"] == report.inserted
        assert entry.details["file_sha256"] == report.file_sha256
        assert crossings.name not in str(entry.details)  # file names may name people


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"expired": True}, "agreement.expired"),
        ({"status": "suspended"}, "agreement.suspended"),
        ({"datasets": ("dpt_ln",)}, "agreement.dataset_not_allowed"),
        ({"direction": "to_partner"}, "agreement.dataset_not_allowed"),
    ],
)
def test_an_agreement_that_does_not_allow_the_import_is_refused(
    db: Database, crossings: Path, make_agreement: object, kwargs: dict[str, object], code: str
) -> None:
    assert callable(make_agreement)
    number = make_agreement(**kwargs)
    with pytest.raises(ImportRefused) as refused:
        run_import(db, "border_crossings", crossings, number)
    assert [p.code for p in refused.value.problems] == [code]
    assert _count(db, BorderCrossing) == 0
    with db.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
        assert (entry.decision, entry.reason, entry.agreement_number) == ("refused", code, number)
        failed = session.get(Import, entry.details["import_id"])
        assert failed is not None
        assert failed.status == "failed"


def test_an_unknown_agreement_or_dataset_is_refused(db: Database, crossings: Path) -> None:
    with pytest.raises(ImportRefused) as refused:
        run_import(db, "border_crossings", crossings, "PKS.99/NOPE")
    assert refused.value.problems[0].code == "agreement.unknown"
    with pytest.raises(ImportRefused) as refused:
        run_import(db, "workers", crossings)
    assert refused.value.problems[0].code == "dataset.unknown"


def test_progress_is_reported_in_bytes_while_rows_stream(db: Database, crossings: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    run_import(
        db, "border_crossings", crossings, progress=lambda *a: calls.append(a), chunk_size=50
    )
    size = crossings.stat().st_size
    assert len(calls) > 3
    assert all(stage == "import border_crossings" and total == size for stage, _, total in calls)
    done = [d for _, d, _ in calls]
    assert done == sorted(done)
    assert done[-1] == size
