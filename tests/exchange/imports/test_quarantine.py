"""Quarantined rows download as CSV with their reasons; corrected, they import again."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import func, select

from exchange.imports.csvfiles import read_rows, write_rows
from lindung.exchange.imports import run_import, write_quarantine_csv
from lindung.store.database import Database
from lindung.store.models import BorderCrossing, ImportQuarantine

PAYLOAD = "=cmd|' /C calc'!A0"


def test_download_fix_and_resubmit(db: Database, crossings: Path, tmp_path: Path) -> None:
    rows = read_rows(crossings)[:40]
    good = {k: dict(rows[k]) for k in (3, 7, 11)}
    rows[3]["sex"] = "X"
    rows[7]["crossing_date"] = "31/02/2024"
    rows[11].update(passport_number="C-12#", checkpoint="", name=PAYLOAD)
    first = run_import(db, "border_crossings", write_rows(tmp_path / "bad.csv", rows))
    assert (first.inserted, first.quarantined) == (37, 3)
    assert {(c["field"], c["code"]) for c in first.problem_counts} == {
        ("sex", "sex.unknown"),
        ("crossing_date", "date.invalid"),
        ("passport_number", "passport_number.characters"),
        ("passport_number", "passport_number.length"),
        ("checkpoint", "required"),
    }
    with db.session() as session:
        reasons = session.scalars(
            select(ImportQuarantine.reasons).where(ImportQuarantine.row_number == 13)
        ).one()
        assert len(reasons) == 3  # every problem of the row, not the first
        out = io.StringIO()
        assert write_quarantine_csv(session, first.import_id or 0, out, "en") == 3
    downloaded = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(downloaded[0])[:2] == ["reasons", "record_id"]
    assert "[sex.unknown]" in downloaded[0]["reasons"]
    assert downloaded[2]["name"] == "'" + PAYLOAD  # neutralised for spreadsheets
    for row in downloaded:  # the operator corrects every row
        row.update(good[int(row["record_id"][-9:]) - 1])
    fixed = write_rows(tmp_path / "fixed.csv", downloaded)
    second = run_import(db, "border_crossings", fixed)
    assert (second.inserted, second.quarantined) == (3, 0)
    assert [w.code for w in second.warnings] == ["header.unknown"]  # the reasons column
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(BorderCrossing)) == 40


def test_injection_payload_is_stored_as_text_and_not_unquoted(
    db: Database, crossings: Path, tmp_path: Path
) -> None:
    rows = read_rows(crossings)[:2]
    rows[0]["name"] = PAYLOAD
    rows[1]["name"] = "'" + PAYLOAD  # as our own download writes it: read back as the payload
    report = run_import(db, "border_crossings", write_rows(tmp_path / "inj.csv", rows))
    assert report.inserted == 2
    with db.session() as session:
        names = session.scalars(select(BorderCrossing.name)).all()
    assert names == [PAYLOAD, PAYLOAD]
