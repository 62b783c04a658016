"""The rows every imported row points to (the import, the partner organisation, the
agreement) are checked once per import: an agreement gone by the time the import
starts is refused by name with nothing stored; on SQLite, where the import's
connection runs without per-row foreign-key checks, every pooled connection checks
them again afterwards, after a failed import too."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from exchange.imports.conftest import MakeAgreement
from lindung.exchange.imports import ImportFailed, ImportRefused, run_import
from lindung.exchange.imports import intake as intake_module
from lindung.exchange.imports import service as service_module
from lindung.exchange.terms import Terms
from lindung.store.database import Database
from lindung.store.models import (
    Agreement,
    AgreementDataset,
    AgreementVersion,
    AuditEntry,
    BorderCrossing,
    Import,
    ImportQuarantine,
)


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_an_agreement_deleted_after_its_check_is_refused_by_name_nothing_stored(
    db: Database, crossings: Path, make_agreement: MakeAgreement, monkeypatch: pytest.MonkeyPatch
) -> None:
    number = make_agreement()
    real_check = service_module.check_agreement

    def checked_then_deleted(session: Session, *args: Any) -> Terms:
        terms = real_check(session, *args)
        with db.session() as other:  # another user removes it before the import starts
            versions = select(AgreementVersion.id).where(
                AgreementVersion.agreement_id == terms.agreement.id
            )
            other.execute(delete(AgreementDataset).where(AgreementDataset.version_id.in_(versions)))
            other.execute(
                delete(AgreementVersion).where(AgreementVersion.agreement_id == terms.agreement.id)
            )
            other.execute(delete(Agreement).where(Agreement.id == terms.agreement.id))
        return terms

    monkeypatch.setattr(service_module, "check_agreement", checked_then_deleted)
    with pytest.raises(ImportRefused) as refused:
        run_import(db, "border_crossings", crossings, number)
    problem = refused.value.problems[0]
    assert (problem.field, problem.code) == ("agreement_id", "provenance.missing")
    assert (_count(db, BorderCrossing), _count(db, ImportQuarantine)) == (0, 0)
    with db.session() as session:  # the refusal is recorded, pointing to nothing missing
        failed = session.scalars(select(Import)).one()
        assert (failed.status, failed.agreement_id) == ("failed", None)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
        assert (entry.decision, entry.reason) == ("refused", "provenance.missing")
        assert entry.agreement_number == number


def _pooled_connections_check_foreign_keys(db: Database) -> list[int]:
    """``PRAGMA foreign_keys`` of every connection in the pool (all checked out at once)."""
    pool = db.engine.pool
    count = pool.checkedin()  # type: ignore[attr-defined]
    assert count >= 1
    connections = [db.engine.connect() for _ in range(count)]
    try:
        return [int(c.execute(text("PRAGMA foreign_keys")).scalar_one()) for c in connections]
    finally:
        for connection in connections:
            connection.close()


def _a_row_pointing_to_no_import_is_refused(db: Database) -> None:
    values = {
        "record_id": "IMG-NO-IMPORT",
        "passport_number": "A1234567",
        "name": "X",
        "direction": "departure",
        "crossing_date": date(2024, 1, 1),
        "checkpoint": "Nunukan",
        "import_id": 10**9,
        "file_sha256": "0" * 64,
        "row_number": 2,
        "content_hash": "0" * 32,
    }
    with pytest.raises(IntegrityError), db.session() as session:
        session.execute(insert(BorderCrossing), [values])


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_sqlite_checks_foreign_keys_again_after_a_failed_import_and_an_import(
    db: Database, crossings: Path, make_agreement: MakeAgreement, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any) -> list[str]:
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(intake_module, "batch_hashes", broken)
        with pytest.raises(ImportFailed):
            run_import(db, "border_crossings", crossings)
    assert set(_pooled_connections_check_foreign_keys(db)) == {1}
    _a_row_pointing_to_no_import_is_refused(db)

    report = run_import(db, "border_crossings", crossings, make_agreement(), chunk_size=70)
    assert report.inserted > 0
    assert set(_pooled_connections_check_foreign_keys(db)) == {1}
    _a_row_pointing_to_no_import_is_refused(db)
