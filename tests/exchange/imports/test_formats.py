"""The same rows as XLSX, Parquet and JSON Lines import like the CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from exchange.imports.csvfiles import read_rows
from lindung.exchange.imports import run_import
from lindung.store.database import Database


def _write(fmt: str, rows: list[dict[str, str]], path: Path) -> Path:
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as stream:
            for row in rows:
                stream.write(json.dumps({k: v or None for k, v in row.items()}) + "\n")
    elif fmt == "parquet":
        pq.write_table(
            pa.Table.from_pylist([{k: v or None for k, v in r.items()} for r in rows]), path
        )
    else:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(list(rows[0]))
        for row in rows:
            sheet.append([v or None for v in row.values()])
        book.save(path)
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "parquet", "jsonl"])
def test_other_formats_import_like_csv(
    db: Database, partner_files: Path, tmp_path: Path, fmt: str
) -> None:
    source = partner_files / "dpt_ln.csv"
    rows = read_rows(source)
    from_csv = run_import(db, "dpt_ln", source)
    path = _write(fmt, rows, tmp_path / f"dpt_ln.{fmt}")
    report = run_import(db, "dpt_ln", path)
    assert report.format == fmt
    assert report.rows_received == len(rows)
    assert report.reconciled
    # the same values: every stored row is unchanged, the same rows are quarantined
    assert (report.inserted, report.updated) == (0, 0)
    assert report.unchanged == from_csv.inserted
    assert report.problem_counts == from_csv.problem_counts


def test_xlsx_numbers_and_dates_are_read_as_values(db: Database, tmp_path: Path) -> None:
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["record_id", "ppln", "nik", "name", "birth_date", "sex"])
    sheet.append(["DPT-1", "Taipei", 3509014101900001, "SITI", datetime(1990, 1, 1), "P"])
    path = tmp_path / "numbers.xlsx"
    book.save(path)
    report = run_import(db, "dpt_ln", path)
    assert (report.inserted, report.quarantined) == (1, 0)
