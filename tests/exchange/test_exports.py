"""Exports per agreement through the gate: files, manifests, formula neutralising."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from lindung.exchange import exports
from lindung.exchange.decision import AccessRefused
from lindung.exchange.exports import export, neutralise
from lindung.exchange.gate import AccessGate
from lindung.exchange.principal import Principal
from lindung.store.database import Database
from lindung.store.models import AuditEntry, Worker
from support.agreements import make_agreement
from support.registry import Scenario

NUMBER = "PKS.07/KP2MI-BAWASLU/I/2026"
VOTERS = "voter_list_oversight"
OPERATOR = Principal(kind="cli", name="operator")
FLOWS = {("workers", "to_partner"): {"id": "clear", "nik": "masked", "full_name": "clear"}}


@pytest.fixture
def agreement(db: Database, scenario: Scenario) -> None:
    with db.session() as s:
        make_agreement(s, NUMBER, "BAWASLU", [VOTERS], datasets=FLOWS)
        worker = s.scalars(select(Worker).order_by(Worker.id).limit(1)).one()
        worker.full_name = '=HYPERLINK("http://x")'


def run(db: Database, gate: AccessGate, fmt: str, out: Path) -> exports.Manifest:
    with db.session() as s:
        return export(s, gate, OPERATOR, NUMBER, "workers", VOTERS, fmt, out)


def test_csv_export_with_manifest_in_batches(
    db: Database, gate: AccessGate, agreement: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "BATCH_ROWS", 4)
    manifest = run(db, gate, "csv", tmp_path)
    path = tmp_path / manifest.file
    assert manifest.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    written = json.loads((tmp_path / (manifest.file + ".manifest.json")).read_text())
    assert written["sha256"] == manifest.sha256
    assert (written["agreement"], written["purpose"], written["row_count"]) == (NUMBER, VOTERS, 6)
    assert written["fields"] == ["id", "nik", "full_name"]
    with path.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 6
    assert rows[0]["full_name"] == '\'=HYPERLINK("http://x")'
    assert all("*" in row["nik"] for row in rows)
    with db.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["read", "read", "export"]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_xlsx_and_parquet_exports(
    db: Database, gate: AccessGate, agreement: None, tmp_path: Path
) -> None:
    xlsx = run(db, gate, "xlsx", tmp_path / "x")
    sheet = load_workbook(tmp_path / "x" / xlsx.file, read_only=True)["data"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("id", "nik", "full_name")
    assert len(values) == 7
    assert values[1][2] == '\'=HYPERLINK("http://x")'
    parquet = run(db, gate, "parquet", tmp_path / "p")
    table = pq.read_table(tmp_path / "p" / parquet.file)
    assert table.num_rows == 6
    assert str(table.schema.field("id").type) == "int64"
    assert (
        parquet.sha256 == hashlib.sha256((tmp_path / "p" / parquet.file).read_bytes()).hexdigest()
    )


def test_a_refused_export_writes_nothing_and_is_audited(
    db: Database, gate: AccessGate, agreement: None, tmp_path: Path
) -> None:
    with db.session() as s:
        with pytest.raises(AccessRefused) as refused:
            export(s, gate, OPERATOR, NUMBER, "workers", "outreach", "csv", tmp_path / "out")
        s.commit()
    assert refused.value.decision.reason.value == "purpose_not_allowed"  # type: ignore[union-attr]
    assert not (tmp_path / "out").exists()
    with db.session() as s:
        entry = s.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.reason, entry.actor_kind) == (
        "refused",
        "purpose_not_allowed",
        "cli",
    )


def test_neutralise_only_touches_formula_starts() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+62812") == "'+62812"
    assert neutralise("-x") == "'-x"
    assert neutralise("@SUM") == "'@SUM"
    assert neutralise("Siti") == "Siti"
    assert neutralise(-5) == -5
