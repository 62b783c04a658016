"""Signal exports on both backends: CSV/XLSX as the principal may have them, a manifest
with agreement, purpose, row count and SHA-256, formula cells neutralised, refusals
audited and nothing written."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from lindung.exchange.decision import AccessRefused
from lindung.exchange.gate import AccessGate
from lindung.exchange.principal import Principal
from lindung.settings import Settings
from lindung.signals.exports import export_ppln_coverage, export_signals
from lindung.signals.inbox import Filters
from lindung.store.database import Database
from lindung.store.models import AuditEntry, Signal, SignalRun
from signals.factories import KOMNAS, build_world

ADMIN = Principal(kind="user", name="admin", role="national_admin")


@pytest.fixture
def gate(settings: Settings) -> AccessGate:
    return AccessGate(settings)


def test_xlsx_export_with_manifest(db: Database, gate: AccessGate, tmp_path: Path) -> None:
    world = build_world(db)
    with db.session() as s:
        signal = s.get(Signal, world.voter)
        assert signal is not None
        signal.ppln = "=HYPERLINK(1)"
    komnas = Principal(kind="client", name="client-1", agreement_number=KOMNAS)
    with db.session() as s:
        path, manifest = export_signals(
            s, gate, komnas, "child_protection", Filters(), "xlsx", tmp_path
        )
    assert manifest.agreement == KOMNAS
    assert manifest.row_count == 2
    assert manifest.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    written = json.loads(path.with_name(path.name + ".manifest.json").read_text())
    assert written["purpose"] == "child_protection"
    assert written["dataset"] == "signals"
    rows = list(load_workbook(path).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    header = rows[0]
    ids = {row[header.index("id")] for row in rows[1:]}
    assert ids == {world.underage, world.clb}
    with db.session() as s:
        export = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
        assert export.row_count == 2
        assert export.agreement_number == KOMNAS
    with db.session() as s:
        path, _ = export_signals(s, gate, ADMIN, "oversight", Filters(ppln="=HYPERLINK(1)"),
                                 "csv", tmp_path)  # fmt: skip
    assert "'=HYPERLINK(1)" in path.read_text()


def test_refused_export_writes_nothing(db: Database, gate: AccessGate, tmp_path: Path) -> None:
    build_world(db)
    komnas = Principal(kind="client", name="client-1", agreement_number=KOMNAS)
    with db.session() as s:
        with pytest.raises(AccessRefused):
            export_signals(s, gate, komnas, "oversight", Filters(), "csv", tmp_path / "x")
        refused = s.scalars(select(AuditEntry).where(AuditEntry.action == "refused")).one()
        assert refused.dataset == "signals"
    assert not (tmp_path / "x").exists()


def test_ppln_coverage_export(db: Database, tmp_path: Path) -> None:
    world = build_world(db)
    with db.session() as s:
        run = s.get(SignalRun, world.run_id)
        assert run is not None
        run.tables = {"ppln_coverage": [{"ppln": "HONG KONG", "country_code": "HK", "missing": 3}]}
    with db.session() as s:
        path, manifest = export_ppln_coverage(s, ADMIN, "oversight", "csv", tmp_path)
    lines = path.read_text().splitlines()
    assert lines[0].startswith("ppln,country_code,workers_abroad")
    assert lines[1].startswith("HONG KONG,HK,,,3")
    assert manifest.row_count == 1
    assert manifest.dataset == "ppln_coverage"
