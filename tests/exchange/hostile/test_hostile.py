"""Each hostile file gives a clean import or a clear, complete report: never a crash,
never a silently dropped row (rows received = rows stored + rows quarantined)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from exchange.hostile.files import PAYLOADS, build
from lindung.exchange.imports import ImportRefused, ImportReport, run_import, write_quarantine_csv
from lindung.store.database import Database
from lindung.store.models import BorderCrossing, Import, ImportQuarantine

Rows = list[dict[str, str]]


def _import(db: Database, name: str, rows: Rows, tmp_path: Path) -> ImportReport:
    report = run_import(db, "border_crossings", build(name, rows, tmp_path))
    assert report.reconciled
    with db.session() as session:
        stored = session.scalar(select(func.count()).select_from(BorderCrossing))
        quarantined = session.scalar(
            select(func.count())
            .select_from(ImportQuarantine)
            .where(ImportQuarantine.import_id == report.import_id)
        )
    assert stored == report.inserted
    assert quarantined == report.quarantined
    return report


def _refused(db: Database, name: str, rows: Rows, tmp_path: Path) -> list[tuple[str, str]]:
    with pytest.raises(ImportRefused) as refused:
        run_import(db, "border_crossings", build(name, rows, tmp_path))
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(BorderCrossing)) == 0
        failed = session.scalars(select(Import)).one()
        assert failed.status == "failed"
        assert {p["code"] for p in failed.problems} >= {p.code for p in refused.value.problems}
    return [(p.field, p.code) for p in refused.value.problems]


def _codes(report: ImportReport) -> dict[tuple[str, str], int]:
    return {(c["field"], c["code"]): c["count"] for c in report.problem_counts}


def _column(db: Database, column: str) -> list[object]:
    with db.session() as session:
        attribute = getattr(BorderCrossing, column)
        return list(session.scalars(select(attribute).order_by(BorderCrossing.record_id)))


@pytest.mark.parametrize(
    ("name", "warning"),
    [
        ("windows_1252", "file.encoding_cp1252"),
        ("utf8_bom", None),
        ("semicolons", "file.delimiter"),
        ("tabs", "file.delimiter"),
        ("extra_columns", "header.unknown"),
        ("indonesian_headers", None),
    ],
)
def test_clean_imports(
    db: Database, clean_rows: Rows, tmp_path: Path, name: str, warning: str | None
) -> None:
    report = _import(db, name, clean_rows, tmp_path)
    assert (report.inserted, report.quarantined) == (len(clean_rows), 0)
    assert [w.code for w in report.warnings] == ([warning] if warning else [])


def test_windows_1252_text_is_read_right(db: Database, clean_rows: Rows, tmp_path: Path) -> None:
    _import(db, "windows_1252", clean_rows, tmp_path)
    assert "JOSÉ MARÍA GONÇALVES" in _column(db, "name")
    assert "Soekarno–Hatta" in _column(db, "checkpoint")


@pytest.mark.parametrize(
    ("name", "problems"),
    [
        ("undecodable", [("file", "file.encoding")]),
        ("empty", [("file", "file.empty")]),
        (
            "missing_columns",
            [("passport_number", "header.missing"), ("checkpoint", "header.missing")],
        ),
        ("duplicated_header", [("name", "header.duplicate")]),
    ],
)
def test_refused_files_say_every_reason(
    db: Database, clean_rows: Rows, tmp_path: Path, name: str, problems: list[tuple[str, str]]
) -> None:
    assert _refused(db, name, clean_rows, tmp_path) == problems


def test_header_only_is_a_clean_empty_import(
    db: Database, clean_rows: Rows, tmp_path: Path
) -> None:
    report = _import(db, "header_only", clean_rows, tmp_path)
    assert report.rows_received == 0


def test_truncated_last_line_is_quarantined(db: Database, clean_rows: Rows, tmp_path: Path) -> None:
    report = _import(db, "truncated_last_line", clean_rows, tmp_path)
    assert (report.inserted, report.quarantined) == (len(clean_rows) - 1, 1)
    assert _codes(report)[("row", "row.truncated")] == 1
    with db.session() as session:
        bad = session.scalars(select(ImportQuarantine)).one()
        assert bad.row_number == len(clean_rows) + 1


def test_injection_payloads_are_stored_and_neutralised_on_output(
    db: Database, clean_rows: Rows, tmp_path: Path
) -> None:
    report = _import(db, "injections", clean_rows, tmp_path)
    assert (report.inserted, report.quarantined) == (len(clean_rows) - 1, 1)
    assert set(PAYLOADS[1:]) <= set(_column(db, "name"))
    out = io.StringIO()
    with db.session() as session:
        write_quarantine_csv(session, report.import_id or 0, out)
    assert "'" + PAYLOADS[0] in out.getvalue()
    assert "," + PAYLOADS[0] not in out.getvalue()


def test_dates_in_three_formats(db: Database, clean_rows: Rows, tmp_path: Path) -> None:
    report = _import(db, "three_date_formats", clean_rows, tmp_path)
    assert _codes(report) == {("birth_date", "date.invalid"): 1, ("birth_date", "date.format"): 1}
    stored = dict(zip(_column(db, "record_id"), _column(db, "birth_date"), strict=True))
    for row in clean_rows[:4]:
        assert stored[row["record_id"]] == date.fromisoformat(row["birth_date"])


def test_niks_with_spaces(db: Database, clean_rows: Rows, tmp_path: Path) -> None:
    report = _import(db, "nik_with_spaces", clean_rows, tmp_path)
    assert (report.inserted, report.quarantined) == (5, 0)
    assert sorted(_column(db, "nik")) == sorted(r["nik"] for r in clean_rows if r["nik"])


def test_ten_thousand_character_fields_are_errors_not_truncated(
    db: Database, clean_rows: Rows, tmp_path: Path
) -> None:
    report = _import(db, "long_fields", clean_rows, tmp_path)
    assert report.quarantined == 2
    assert _codes(report) == {
        ("name", "text.too_long"): 1,
        ("checkpoint", "text.too_long"): 1,
        ("record_id", "text.too_long"): 1,
    }
    with db.session() as session:
        raws = session.scalars(select(ImportQuarantine.raw).order_by(ImportQuarantine.id)).all()
    assert len(raws[0]["name"]) == 10_000


def test_nul_bytes_are_a_field_error(db: Database, clean_rows: Rows, tmp_path: Path) -> None:
    report = _import(db, "nul_bytes", clean_rows, tmp_path)
    assert (report.inserted, report.quarantined) == (len(clean_rows) - 1, 1)
    assert _codes(report) == {("name", "text.nul"): 1}


def test_every_problem_of_a_row_is_reported(db: Database, clean_rows: Rows, tmp_path: Path) -> None:
    report = _import(db, "every_problem", clean_rows, tmp_path)
    assert report.quarantined == 1
    with db.session() as session:
        reasons = session.scalars(select(ImportQuarantine.reasons)).one()
    assert {(r["field"], r["code"]) for r in reasons} == {
        ("passport_number", "required"),
        ("sex", "sex.unknown"),
        ("birth_date", "date.format"),
        ("nationality", "country.unknown"),
        ("direction", "enum.unknown"),
    }
    assert all(r["message_id"] and r["message_en"] for r in reasons)


def test_sex_codes(db: Database, clean_rows: Rows, tmp_path: Path) -> None:
    _import(db, "sex_codes", clean_rows, tmp_path)
    assert _column(db, "sex")[:6] == ["M", "F", "M", "F", "M", "F"]


def test_a_key_twice_in_one_file_quarantines_the_repeat(
    db: Database, clean_rows: Rows, tmp_path: Path
) -> None:
    report = _import(db, "duplicate_keys", clean_rows, tmp_path)
    assert (report.rows_received, report.inserted) == (len(clean_rows) + 1, len(clean_rows))
    assert _codes(report) == {("record_id", "row.duplicate_key"): 1}


def test_broken_json_lines(db: Database, clean_rows: Rows, tmp_path: Path) -> None:
    report = _import(db, "broken_jsonl", clean_rows, tmp_path)
    assert report.inserted == len(clean_rows)
    assert _codes(report) == {("row", "row.json"): 2, ("row", "row.too_many_fields"): 1}


def test_xlsx_with_several_sheets_and_merged_cells(
    db: Database, clean_rows: Rows, tmp_path: Path
) -> None:
    report = _import(db, "xlsx_sheets_and_merges", clean_rows, tmp_path)
    assert (report.inserted, report.quarantined) == (len(clean_rows), 0)
    assert {w.code for w in report.warnings} == {"xlsx.other_sheets", "xlsx.merged_cells"}
    assert _column(db, "checkpoint")[:3] == ["Nunukan"] * 3


def test_generated_file_plus_hostile_file_reconcile_to_the_row(
    db: Database, generated_crossings: Path, clean_rows: Rows, tmp_path: Path
) -> None:
    first = run_import(db, "border_crossings", generated_crossings)
    hostile = [dict(r, record_id=r["record_id"].replace("IMG", "HOS")) for r in clean_rows]
    second = _import_more(db, hostile, tmp_path)
    with db.session() as session:
        stored = session.scalar(select(func.count()).select_from(BorderCrossing))
        quarantined = session.scalar(select(func.count()).select_from(ImportQuarantine))
    received = first.rows_received + second.rows_received
    assert received == stored + quarantined
    assert first.reconciled
    assert second.reconciled


def _import_more(db: Database, rows: Rows, tmp_path: Path) -> ImportReport:
    report = run_import(db, "border_crossings", build("every_problem", rows, tmp_path))
    assert report.quarantined == 1
    return report
