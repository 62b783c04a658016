"""Signals and the PPLN coverage table as CSV or XLSX, with a manifest, through the gate.

The same machinery as :mod:`lindung.exchange.exports`: rows come in batches from
:meth:`AccessGate.read` (each batch audited with its subjects) as the principal
may have them (an officer's scope, or a partner's agreement, purpose and
treatments), spreadsheet cells are neutralised against formula injection, the file
is hashed and ``<file>.manifest.json`` records agreement, purpose, dataset, fields,
row count and SHA-256; one ``export`` audit entry records the whole. The PPLN
coverage table holds aggregates only (no personal data): it is not read through the
gate, but its export is audited the same way.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy.orm import Session

from lindung.errors import Problem, ValidationError
from lindung.exchange.audit import AuditEvent, append
from lindung.exchange.canonical import sha256_of
from lindung.exchange.exports import Manifest, file_sha256, neutralise
from lindung.exchange.gate import AccessGate, GatedRows
from lindung.exchange.principal import Principal
from lindung.signals.inbox import PPLN_COLUMNS, Filters, list_signals, ppln_coverage

FORMATS = ("csv", "xlsx")
BATCH_ROWS = 5_000
#: Written in the manifest when KP2MI's own officers export (no agreement).
NO_AGREEMENT = "-"


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValidationError(
            [Problem("format", "export.format", "Format: csv atau xlsx.", "Format: csv or xlsx.")]
        )


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return neutralise(value)


class _Sheet:
    """A CSV or XLSX file written row by row."""

    def __init__(self, fmt: str, path: Path, fields: list[str]) -> None:
        self.fmt, self.path, self.fields = fmt, path, fields
        if fmt == "csv":
            self._stream = path.open("w", newline="", encoding="utf-8")
            self._csv = csv.writer(self._stream)
            self._csv.writerow(fields)
        else:
            self._book = Workbook(write_only=True)
            self._ws = self._book.create_sheet("data")
            self._ws.append(fields)

    def write(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            cells = [_cell(row.get(name)) for name in self.fields]
            if self.fmt == "csv":
                self._csv.writerow(cells)
            else:
                self._ws.append(cells)

    def close(self) -> None:
        if self.fmt == "csv":
            self._stream.close()
        else:
            self._book.save(self.path)


def _path(out_dir: Path, dataset: str, label: str, fmt: str, at: datetime) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-") or "kp2mi"
    return out_dir / f"{dataset}-{safe}-{at:%Y%m%dT%H%M%S%fZ}.{fmt}"


def _batches(
    session: Session,
    gate: AccessGate,
    principal: Principal,
    purpose: str,
    filters: Filters,
) -> Iterator[GatedRows]:
    offset = 0
    while True:
        batch = list_signals(
            session,
            gate,
            principal,
            purpose,
            filters,
            limit=BATCH_ROWS,
            offset=offset,
            fields=None,
            details={"export": True},
        )
        batch.require()  # a refusal raises after its audit entry was written
        yield batch
        if len(batch.rows) < BATCH_ROWS:
            return
        offset += BATCH_ROWS


def export_signals(
    session: Session,
    gate: AccessGate,
    principal: Principal,
    purpose: str,
    filters: Filters,
    fmt: str,
    out_dir: Path,
) -> tuple[Path, Manifest]:
    """The signals ``principal`` may see (filtered), as a file and its manifest."""
    _check_format(fmt)
    batches = _batches(session, gate, principal, purpose, filters)
    first = next(batches)
    agreement = first.decision.agreement_number or NO_AGREEMENT
    created = datetime.now(UTC)
    path = _path(out_dir, "signals", agreement, fmt, created)
    sheet = _Sheet(fmt, path, first.fields)
    count = 0
    try:
        for batch in (first, *batches):
            sheet.write(batch.rows)
            count += len(batch.rows)
    finally:
        sheet.close()
    return path, _finish(
        session, principal, path, fmt, agreement, purpose, "signals", first.fields, count, created
    )


def export_ppln_coverage(
    session: Session, principal: Principal, purpose: str, fmt: str, out_dir: Path
) -> tuple[Path, Manifest]:
    """The latest run's per-PPLN coverage table (aggregates), as a file and its manifest.

    The caller decides who may have it (national roles, Bawaslu's voter-list oversight).
    """
    _check_format(fmt)
    coverage = ppln_coverage(session)
    created = datetime.now(UTC)
    agreement = principal.agreement_number or NO_AGREEMENT
    path = _path(out_dir, "ppln_coverage", agreement, fmt, created)
    fields = list(PPLN_COLUMNS)
    sheet = _Sheet(fmt, path, fields)
    try:
        sheet.write(coverage.rows)
    finally:
        sheet.close()
    return path, _finish(
        session,
        principal,
        path,
        fmt,
        agreement,
        purpose,
        "ppln_coverage",
        fields,
        len(coverage.rows),
        created,
    )


def _finish(
    session: Session,
    principal: Principal,
    path: Path,
    fmt: str,
    agreement: str,
    purpose: str,
    dataset: str,
    fields: list[str],
    count: int,
    created: datetime,
) -> Manifest:
    manifest = Manifest(
        file=path.name,
        format=fmt,
        agreement=agreement,
        purpose=purpose,
        dataset=dataset,
        fields=fields,
        row_count=count,
        sha256=file_sha256(path),
        created_at=created.isoformat(timespec="seconds"),
        created_by=principal.name,
    )
    manifest.write(path.with_name(path.name + ".manifest.json"))
    request = {"agreement": agreement, "dataset": dataset, "purpose": purpose, "format": fmt}
    append(
        session,
        AuditEvent(
            actor=principal.actor,
            action="export",
            dataset=dataset,
            purpose=purpose,
            agreement_number=None if agreement == NO_AGREEMENT else agreement,
            fields=fields,
            decision="allowed",
            row_count=count,
            request_hash=sha256_of(request),
            details={"file": path.name, "format": fmt, "sha256": manifest.sha256},
        ),
    )
    return manifest
