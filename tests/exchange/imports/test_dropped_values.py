"""An invalid optional NIK: the row is stored without it, with a warning naming the
field, the reason and the rows; an update keeps the NIK an earlier import stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from exchange.imports.csvfiles import read_rows, write_rows
from lindung.exchange.datasets import FieldSpec
from lindung.exchange.imports import run_import
from lindung.store.database import Database
from lindung.store.models import DptLnEntry, ImportQuarantine

#: a Kemendagri district code no district has (digits 1 to 6)
UNKNOWN_DISTRICT = "9999990812840001"


@pytest.fixture
def voters(partner_files: Path) -> list[dict[str, str]]:
    rows = [r for r in read_rows(partner_files / "dpt_ln.csv") if r["nik"]]
    return rows[:30]


def _stored(db: Database) -> dict[str, DptLnEntry]:
    with db.session() as session:
        found = session.scalars(select(DptLnEntry)).all()
        session.expunge_all()
        return {row.record_id: row for row in found}


@pytest.mark.parametrize("fast", [True, False])
def test_invalid_nik_is_dropped_and_the_row_stored(
    db: Database, voters: list[dict[str, str]], tmp_path: Path, fast: bool
) -> None:
    rows = [dict(r) for r in voters]
    rows[4]["nik"] = UNKNOWN_DISTRICT
    rows[9]["nik"] = "52020208128"  # too short
    rows[17]["nik"] = UNKNOWN_DISTRICT
    report = run_import(db, "dpt_ln", write_rows(tmp_path / "dpt.csv", rows), fast=fast)
    assert (report.inserted, report.quarantined) == (30, 0)
    assert report.reconciled
    assert report.quarantine_counts == []
    assert report.dropped_counts == [
        {"field": "nik", "code": "nik.district_unknown", "count": 2, "stored": True},
        {"field": "nik", "code": "nik.length", "count": 1, "stored": True},
    ]
    stored = _stored(db)
    for index, row in enumerate(rows):
        entry = stored[row["record_id"]]
        assert entry.name == row["name"]  # the rest of the row is all there
        assert entry.nik == (None if index in (4, 9, 17) else row["nik"])
    warnings = {(w.field, w.code): w for w in report.warnings}
    assert set(warnings) == {("nik", "nik.district_unknown"), ("nik", "nik.length")}
    district = warnings[("nik", "nik.district_unknown")]
    assert "2 rows stored without nik (rows 6, 19)" in district.message_en  # header: row 1
    assert "2 baris disimpan tanpa nik (baris 6, 19)" in district.message_id
    assert UNKNOWN_DISTRICT not in district.message_en + district.message_id
    assert "1 rows stored without nik (rows 11)" in warnings[("nik", "nik.length")].message_en


def test_an_update_keeps_the_stored_nik(
    db: Database, voters: list[dict[str, str]], tmp_path: Path
) -> None:
    first = run_import(db, "dpt_ln", write_rows(tmp_path / "a.csv", voters))
    assert first.inserted == 30
    rows = [dict(r) for r in voters]
    rows[2].update(nik=UNKNOWN_DISTRICT, address="Jalan Baru No. 1")
    rows[3].update(nik="")  # left empty on purpose: the partner erased it
    second = run_import(db, "dpt_ln", write_rows(tmp_path / "b.csv", rows))
    assert (second.updated, second.unchanged, second.quarantined) == (2, 28, 0)
    stored = _stored(db)
    kept = stored[rows[2]["record_id"]]
    assert (kept.nik, kept.address) == (voters[2]["nik"], "Jalan Baru No. 1")
    assert stored[rows[3]["record_id"]].nik is None
    assert [w.code for w in second.warnings] == ["nik.district_unknown"]


def test_a_row_with_another_problem_is_quarantined_with_both(
    db: Database, voters: list[dict[str, str]], tmp_path: Path
) -> None:
    rows = [dict(r) for r in voters]
    rows[5].update(nik=UNKNOWN_DISTRICT, sex="X")
    report = run_import(db, "dpt_ln", write_rows(tmp_path / "dpt.csv", rows))
    assert (report.inserted, report.quarantined) == (29, 1)
    assert report.dropped_counts == []
    assert {(c["field"], c["code"]) for c in report.problem_counts} == {
        ("nik", "nik.district_unknown"),
        ("sex", "sex.unknown"),
    }
    assert report.warnings == []  # the NIK is reported with the quarantined row
    with db.session() as session:
        reasons = session.scalars(select(ImportQuarantine.reasons)).one()
    assert sorted(r["field"] for r in reasons) == ["nik", "sex"]


def test_many_rows_are_counted_and_the_first_named(
    db: Database, partner_files: Path, tmp_path: Path
) -> None:
    rows = [dict(r) for r in read_rows(partner_files / "dpt_ln.csv")]
    assert len(rows) > 25
    for row in rows[:25]:
        row["nik"] = UNKNOWN_DISTRICT
    report = run_import(db, "dpt_ln", write_rows(tmp_path / "dpt.csv", rows))
    assert (report.inserted, report.quarantined) == (len(rows), 0)
    (warning,) = report.warnings
    named = ", ".join(str(n) for n in range(2, 22))  # the first twenty rows
    assert f"25 rows stored without nik (rows {named} …)" in warning.message_en


def test_a_required_or_key_field_cannot_be_dropped() -> None:
    with pytest.raises(ValueError, match="required"):
        FieldSpec("nik", "nik", "NIK", "NIK", required=True, drop_invalid=True)
