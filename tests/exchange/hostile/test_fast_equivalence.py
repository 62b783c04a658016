"""The fast CSV path (Arrow batches, vectorised accept) stores exactly what the per-row
path stores: the same rows in the same order, the same counts, the same quarantine
with the same reasons, the same warnings. Checked on every hostile file, on the
generated immigration file, and on that file spoiled at random in many ways."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DateTime, delete, select

from exchange.hostile.files import BUILDERS, build
from lindung.exchange.imports import ImportRefused, run_import
from lindung.exchange.imports.intake import Intake
from lindung.store.database import Database
from lindung.store.models import BorderCrossing, Import, ImportQuarantine

Rows = list[dict[str, str]]
_SKIP = {"id", "import_id"}
#: Hostile CSV files the fast path reads by Arrow batches (at least in part).
_ARROW_READ = {"utf8_bom", "semicolons", "tabs", "extra_columns", "indonesian_headers"}


def _snapshot(db: Database, path: Path, fast: bool, chunk_size: int) -> dict[str, Any]:
    try:
        report = run_import(db, "border_crossings", path, fast=fast, chunk_size=chunk_size)
    except ImportRefused as refused:
        outcome: Any = ("refused", [(p.field, p.code) for p in refused.problems])
    else:
        outcome = (
            report.rows_received,
            report.inserted,
            report.updated,
            report.unchanged,
            report.quarantined,
            report.problem_counts,
            [(w.field, w.code, w.message_en) for w in report.warnings],
        )
    table = BorderCrossing.__table__
    kept = [c for c in table.c if c.name not in _SKIP and not isinstance(c.type, DateTime)]
    with db.session() as session:
        rows = [tuple(r) for r in session.execute(select(*kept).order_by(table.c.id))]
        quarantine = [
            (q.row_number, q.raw, q.reasons)
            for q in session.scalars(select(ImportQuarantine).order_by(ImportQuarantine.id))
        ]
        session.execute(delete(ImportQuarantine))
        session.execute(delete(BorderCrossing))
        session.execute(delete(Import))
    return {"outcome": outcome, "rows": rows, "quarantine": quarantine}


def _same_either_way(
    db: Database, path: Path, monkeypatch: pytest.MonkeyPatch, chunk_size: int = 7
) -> dict[str, Any]:
    batches: list[int] = []
    real = Intake.batch

    def counted(self: Intake, part: Any) -> None:
        batches.append(part.stop - part.start)
        real(self, part)

    monkeypatch.setattr(Intake, "batch", counted)
    slow = _snapshot(db, path, fast=False, chunk_size=chunk_size)
    assert not batches
    fast = _snapshot(db, path, fast=True, chunk_size=chunk_size)
    assert fast == slow
    fast["batches"] = batches
    return fast


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_hostile_file_gives_the_same_result(
    db: Database, clean_rows: Rows, tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _same_either_way(db, build(name, clean_rows, tmp_path), monkeypatch)
    if name in _ARROW_READ:
        assert found["batches"]


def test_the_generated_immigration_file(
    db: Database, generated_crossings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _same_either_way(db, generated_crossings, monkeypatch, chunk_size=5_000)
    assert found["rows"]
    assert not found["quarantine"]
    assert sum(found["batches"]) == len(found["rows"])


_SPOILERS: list[tuple[str, list[str]]] = [
    ("passport_number", ["b3094328", " B3094328", "B30-94328", "", "A1"]),
    ("name", [" ANDI", "ANDI ", "'=cmd", "=cmd", "JOSÉ\u00a0", "\u200bX", "Ä" * 81, "", "a'b"]),
    ("birth_date", ["1977-02-30", "09/11/1977", "9 Agustus 1977", "0000-01-01", "1977-1-9"]),
    ("birth_date", ["", "11/25/1977", "1977-11-09T10:00", "١٩٧٧-11-09", " 1977-11-09"]),
    ("sex", ["m", "L", "P", "laki-laki", "X", "", " F", "PEREMPUAN"]),
    ("nationality", ["idn", "ID", "Indonesia", "XXX", "", " IDN"]),
    ("nik", ["3215230911770000", "3215 2309 1177 0001", "321523091177000", "9999999999999999"]),
    ("nik", ["3215232902000001", "3215232902770001", "3215233002770001", "3215237102770001"]),
    ("nik", ["3215236902000001", "3215234912770001", "3215230013770001", "3215234012770001"]),
    ("direction", ["Departure", "ARRIVAL", "out", ""]),
    ("checkpoint", ["", "  ", "x" * 81, "Soekarno\nHatta", '"quoted"']),
    ("record_id", ["IMG-DUP", "IMG-DUP", ""]),
]


def _spoiled(source: Path, out: Path, seed: int) -> Path:
    """The generated file with some fields of some rows replaced by hostile values."""
    with source.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    chance = random.Random(seed)
    for row in rows:
        if chance.random() < 0.3:
            field, values = chance.choice(_SPOILERS)
            row[field] = chance.choice(values)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    out.write_text(buffer.getvalue(), encoding="utf-8")
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_spoiled_immigration_file(
    db: Database,
    generated_crossings: Path,
    tmp_path: Path,
    seed: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _spoiled(generated_crossings, tmp_path / f"spoiled_{seed}.csv", seed)
    found = _same_either_way(db, path, monkeypatch, chunk_size=50)
    assert found["rows"]
    assert found["quarantine"]
    assert found["batches"]
