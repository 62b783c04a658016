"""Exports per agreement (CSV, XLSX, Parquet), through the access gate, with a manifest.

An export is made *for* a partner, so it is decided as that agreement's partner:
the same datasets, fields, treatments, regions and purposes as its API client.
Rows stream in batches through :meth:`AccessGate.read` (each batch one audit entry
with its subjects); the file is hashed when written, and ``<file>.manifest.json``
records the agreement, purpose, dataset, fields, row count, SHA-256, time and
who made it; one more audit entry (action ``export``) records the whole.

Spreadsheet cells that begin with ``= + - @`` (or a tab or carriage return) are
prefixed with a single quote so that no partner's spreadsheet runs them as a
formula (CSV/formula injection).

A refusal raises :class:`~lindung.exchange.decision.AccessRefused` after its
audit entry was written in the caller's session: commit the session before
letting the error end the transaction (the CLI does).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook
from sqlalchemy.orm import Session

from lindung.errors import Problem, ValidationError
from lindung.exchange.audit import AuditEvent, append
from lindung.exchange.canonical import sha256_of
from lindung.exchange.datasets import get_dataset
from lindung.exchange.gate import AccessGate, GatedRows
from lindung.exchange.principal import Principal
from lindung.exchange.terms import FieldTreatment

FORMATS = ("csv", "xlsx", "parquet")
BATCH_ROWS = 5_000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Manifest:
    """What an export holds; written next to the file as ``<file>.manifest.json``."""

    file: str
    format: str
    agreement: str
    purpose: str
    dataset: str
    fields: list[str]
    row_count: int
    sha256: str
    created_at: str
    created_by: str

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n", "utf-8")


def neutralise(value: Any) -> Any:
    """A spreadsheet-safe cell: text that a spreadsheet would run gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _batches(
    session: Session, gate: AccessGate, principal: Principal, dataset: str, purpose: str
) -> Iterator[GatedRows]:
    after: Any = None
    while True:
        result = gate.read(
            session,
            principal,
            dataset,
            purpose,
            limit=BATCH_ROWS,
            after=after,
            details={"export": True},
        )
        result.require()
        yield result
        if result.next_after is None:
            return
        after = result.next_after


class _Writer:
    """Writes rows of one format; ``close`` finishes the file."""

    def __init__(self, fmt: str, path: Path, fields: list[str], types: dict[str, pa.DataType]):
        self.fmt, self.path, self.fields = fmt, path, fields
        if fmt == "csv":
            self._stream = path.open("w", newline="", encoding="utf-8")
            self._csv = csv.writer(self._stream)
            self._csv.writerow(fields)
        elif fmt == "xlsx":
            self._book = Workbook(write_only=True)
            self._sheet = self._book.create_sheet("data")
            self._sheet.append(fields)
        else:
            self._schema = pa.schema([(name, types[name]) for name in fields])
            self._parquet = pq.ParquetWriter(path, self._schema)

    def write(self, rows: list[dict[str, Any]]) -> None:
        if self.fmt == "csv":
            self._csv.writerows([[neutralise(r[f]) for f in self.fields] for r in rows])
        elif self.fmt == "xlsx":
            for row in rows:
                self._sheet.append([neutralise(row[f]) for f in self.fields])
        elif rows:
            self._parquet.write_table(pa.Table.from_pylist(rows, schema=self._schema))

    def close(self) -> None:
        if self.fmt == "csv":
            self._stream.close()
        elif self.fmt == "xlsx":
            self._book.save(self.path)
        else:
            self._parquet.close()


def _types(dataset: str, treatments: dict[str, FieldTreatment]) -> dict[str, pa.DataType]:
    spec = get_dataset(dataset)
    return {
        name: pa.int64()
        if spec.field(name).kind == "int" and treatment is FieldTreatment.CLEAR
        else pa.string()
        for name, treatment in treatments.items()
    }


def export(
    session: Session,
    gate: AccessGate,
    principal: Principal,
    agreement_number: str,
    dataset: str,
    purpose: str,
    fmt: str,
    out_dir: Path,
) -> Manifest:
    """Export ``dataset`` as agreement ``agreement_number``'s partner may have it."""
    if fmt not in FORMATS:
        message = "Format: csv, xlsx, parquet."
        raise ValidationError([Problem("format", "export.format", message, message)])
    partner = Principal(kind=principal.kind, name=principal.name, agreement_number=agreement_number)
    batches = _batches(session, gate, partner, dataset, purpose)
    first = next(batches)  # raises AccessRefused, audited, when refused
    created = datetime.now(UTC)
    safe = re.sub(r"[^A-Za-z0-9]+", "-", agreement_number).strip("-")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{dataset}-{safe}-{created:%Y%m%dT%H%M%SZ}.{fmt}"
    writer = _Writer(fmt, path, first.fields, _types(dataset, first.decision.treatments))
    count = 0
    try:
        for batch in _chain(first, batches):
            writer.write(batch.rows)
            count += len(batch.rows)
    finally:
        writer.close()
    manifest = Manifest(
        file=path.name,
        format=fmt,
        agreement=agreement_number,
        purpose=purpose,
        dataset=dataset,
        fields=first.fields,
        row_count=count,
        sha256=file_sha256(path),
        created_at=created.isoformat(timespec="seconds"),
        created_by=principal.name,
    )
    manifest.write(path.with_name(path.name + ".manifest.json"))
    _audit_export(session, principal, manifest)
    return manifest


def _audit_export(session: Session, principal: Principal, manifest: Manifest) -> None:
    request = {
        "agreement": manifest.agreement,
        "dataset": manifest.dataset,
        "purpose": manifest.purpose,
        "format": manifest.format,
    }
    append(
        session,
        AuditEvent(
            actor=principal.actor,
            action="export",
            dataset=manifest.dataset,
            purpose=manifest.purpose,
            agreement_number=manifest.agreement,
            fields=manifest.fields,
            decision="allowed",
            row_count=manifest.row_count,
            request_hash=sha256_of(request),
            details={"file": manifest.file, "format": manifest.format, "sha256": manifest.sha256},
        ),
    )


def _chain(first: GatedRows, rest: Iterator[GatedRows]) -> Iterator[GatedRows]:
    yield first
    yield from rest
