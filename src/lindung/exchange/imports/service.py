"""``run_import``: one partner file into one dataset, atomically, reconciled to the row.

1. Hash the file (streamed); the same file already committed for the same dataset
   returns that import's report and stores nothing.
2. Check the agreement, when one is named: in force today, carrying the dataset
   from the partner.
3. Open the file and check its header in full (refused with every problem).
4. In ONE transaction: the import row, the rows streamed in chunks (validated,
   upserted by natural key, or quarantined with every reason; an invalid optional
   NIK is dropped and its row stored, with a warning naming the field, the reason
   and the rows), the reconciliation check, the audit entry. Any failure rolls it
   all back; a ``failed`` import row, without data, is written afterwards in its
   own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.errors import LindungError, NotFound, Problem
from lindung.exchange.audit import Actor, AuditEvent, append
from lindung.exchange.datasets import DatasetSpec, get_dataset
from lindung.exchange.imports import parents
from lindung.exchange.imports.binary_readers import ParquetSource, XlsxSource
from lindung.exchange.imports.fast_accept import prepare_in_background
from lindung.exchange.imports.fast_csv import ArrowCsv, arrow_readable
from lindung.exchange.imports.intake import Intake
from lindung.exchange.imports.report import ImportReport, problems_as_json, report_of
from lindung.exchange.imports.source import (
    FileFacts,
    ImportRefused,
    RawRow,
    Source,
    detect_format,
    file_problem,
    inspect_file,
    refuse,
    undecodable,
)
from lindung.exchange.imports.text_readers import CsvSource, JsonLinesSource
from lindung.exchange.imports.validate import RowValidator, map_header
from lindung.exchange.imports.writer import ChunkWriter
from lindung.exchange.partner_datasets import column_names, header_key
from lindung.exchange.terms import AgreementStatus, Direction, Terms, find_terms
from lindung.store.database import Database
from lindung.store.models import Import

Progress = Callable[[str, int, int], None]
CHUNK_SIZE = 5_000


class ImportFailed(LindungError):
    """The import stopped on an unexpected error; nothing of it was stored.

    ``import_id`` is the ``failed`` import recorded for it (None if even that failed).
    """

    import_id: int | None = None


def importable(dataset: str) -> DatasetSpec:
    """The import dataset named ``dataset``; refused clearly otherwise."""
    try:
        spec = get_dataset(dataset)
    except NotFound:
        spec = None
    if spec is None or not spec.importable:
        raise refuse(
            file_problem(
                "dataset.unknown",
                f"dataset '{dataset[:40]}' tidak dapat diimpor",
                f"dataset '{dataset[:40]}' cannot be imported",
                name="dataset",
            )
        )
    return spec


def open_source(path: Path, fmt: str, facts: FileFacts, spec: DatasetSpec) -> Source:
    if facts.size == 0:
        raise refuse(file_problem("file.empty", "berkas kosong", "the file is empty"))
    if fmt in ("csv", "jsonl") and facts.encoding is None:
        raise refuse(undecodable())
    if fmt == "csv":
        return CsvSource(path, facts.encoding or "utf-8", facts.size)
    if fmt == "jsonl":
        return JsonLinesSource(path, facts.encoding or "utf-8", facts.size)
    if fmt == "xlsx":
        names = column_names(spec)
        return XlsxSource(path, lambda title: header_key(title) in names)
    return ParquetSource(path)


def check_agreement(session: Session, number: str, dataset: str, today: date) -> Terms:
    """The agreement's terms, if it lets the partner send ``dataset`` today."""
    try:
        terms = find_terms(session, number)
    except NotFound:
        raise refuse(
            _agreement_problem("agreement.unknown", "tidak ditemukan", "not found")
        ) from None
    status = terms.status_on(today)
    if status is not AgreementStatus.ACTIVE:
        raise refuse(
            _agreement_problem(
                f"agreement.{status.value}",
                f"tidak berlaku hari ini (status: {status.value})",
                f"not in force today (status: {status.value})",
            )
        )
    if terms.fields(dataset, Direction.FROM_PARTNER) is None:
        raise refuse(
            _agreement_problem(
                "agreement.dataset_not_allowed",
                f"tidak mencakup dataset '{dataset}' dari mitra",
                f"does not carry dataset '{dataset}' from the partner",
            )
        )
    return terms


def _agreement_problem(code: str, message_id: str, message_en: str) -> Problem:
    return Problem("agreement", code, f"perjanjian {message_id}", f"agreement {message_en}")


def previous_import(session: Session, dataset: str, sha256: str) -> Import | None:
    return session.scalars(
        select(Import)
        .where(Import.dataset == dataset, Import.file_sha256 == sha256)
        .where(Import.status == "committed")
        .order_by(Import.id)
        .limit(1)
    ).first()


def run_import(
    database: Database,
    dataset: str,
    path: Path,
    agreement_number: str | None = None,
    actor: Actor | None = None,
    progress: Progress | None = None,
    *,
    file_name: str | None = None,
    file_format: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    fast: bool = True,
) -> ImportReport:
    """Import ``path`` into ``dataset``; see the module docstring for the steps.

    ``fast``: read CSV by Arrow batches and accept provably valid rows by column
    (:mod:`lindung.exchange.imports.fast_accept`); the stored result is the same
    either way (off: every row through the per-row validator).
    """
    actor = actor or Actor.system()
    spec = importable(dataset)
    fmt = detect_format(path, file_format)
    if fast and any(field.kind == "nik" for field in spec.fields):
        prepare_in_background()
    facts = inspect_file(path, text=fmt in ("csv", "jsonl"))
    job = _Job(database, spec, path, fmt, facts, actor, file_name or path.name)
    job.agreement_number = agreement_number
    job.fast = fast
    with database.session() as session:
        earlier = previous_import(session, spec.name, facts.sha256)
        if earlier is not None:
            report = report_of(earlier, agreement_number)
            report.already_imported = True
            return report
    try:
        if agreement_number is not None:
            with database.session() as session:
                job.terms = check_agreement(session, agreement_number, spec.name, date.today())
        return job.run(progress, chunk_size)
    except ImportRefused as exc:
        exc.import_id = job.record_failure(list(exc.problems), None)
        raise
    except Exception as exc:
        failed = ImportFailed(
            f"import failed and was rolled back, nothing stored ({type(exc).__name__})"
        )
        failed.import_id = job.record_failure([], type(exc).__name__)
        raise failed from exc


class _Job:
    """One run of one import (the state shared by its steps)."""

    def __init__(
        self,
        database: Database,
        spec: DatasetSpec,
        path: Path,
        fmt: str,
        facts: FileFacts,
        actor: Actor,
        file_name: str,
    ) -> None:
        self.database, self.spec, self.path, self.fmt = database, spec, path, fmt
        self.facts, self.actor, self.file_name = facts, actor, file_name[:255]
        self.terms: Terms | None = None
        self.agreement_number: str | None = None
        self.warnings: list[Problem] = list(facts.warnings)
        self.fast = True

    def _import_row(self, status: str, problems: list[Problem], error: str | None) -> Import:
        return Import(
            dataset=self.spec.name,
            file_name=self.file_name,
            file_sha256=self.facts.sha256,
            file_size=self.facts.size,
            format=self.fmt,
            agreement_id=self.terms.agreement.id if self.terms else None,
            source_organisation_id=self.terms.partner.id if self.terms else None,
            status=status,
            actor=f"{self.actor.kind}:{self.actor.name}"[:80],
            problems=problems_as_json(problems),
            problem_counts=[],
            error=error,
        )

    def record_failure(self, problems: list[Problem], error: str | None) -> int | None:
        """A ``failed`` import row, without data, and its audit entry; the row's id.

        Written in its own transaction, after the import's was rolled back. None when
        even that cannot be written (the database went away): the caller's error still
        reaches the user.
        """
        try:
            with self.database.session() as session:
                row = self._import_row("failed", [*self.warnings, *problems], error)
                row.finished_at = datetime.now(UTC)
                session.add(row)
                session.flush()
                append(session, self._failure_event(row.id, problems, error))
                return row.id
        except Exception:  # reporting the original failure matters more
            return None

    def _failure_event(
        self, import_id: int, problems: list[Problem], error: str | None
    ) -> AuditEvent:
        codes = sorted({p.code for p in problems})
        return AuditEvent(
            actor=self.actor,
            action="import",
            dataset=self.spec.name,
            agreement_number=self.agreement_number,
            decision="refused" if error is None else "failed",
            reason=(codes[0] if codes else "error")[:40],
            row_count=0,
            details={
                "import_id": import_id,
                "file_sha256": self.facts.sha256,
                "format": self.fmt,
                "codes": codes,
                "error": error,
            },
        )

    def run(self, progress: Progress | None, chunk_size: int) -> ImportReport:
        with closing(open_source(self.path, self.fmt, self.facts, self.spec)) as source:
            columns, header_warnings = map_header(self.spec, source.header)
            self.warnings += header_warnings
            validator = RowValidator(self.spec, columns)
            with self.database.session() as session:
                self._begin(session)
                record = self._import_row("running", [], None)
                session.add(record)
                session.flush()
                writer = ChunkWriter(session, self.spec, self._provenance(record.id))
                intake = Intake(self.spec, validator, writer, record.id, chunk_size)
                try:
                    self._stream(source, intake, progress)
                except BaseException as exc:
                    writer.end_copy(exc)
                    raise
                self.warnings += source.warnings + intake.dropped.warnings()
                return self._finish(session, record, writer, intake)

    def _begin(self, session: Session) -> None:
        """Begin the import's transaction and check once the rows its provenance points
        to (on SQLite without per-row foreign-key checks from here on: ``parents``)."""
        table = self.spec.model.__table__
        parents.begin(session, table)
        try:
            parents.check(session, table, self._provenance(None))
        except ImportRefused:
            self.terms = None  # the failure is recorded without pointing to them
            raise

    def _provenance(self, import_id: int | None) -> dict[str, Any]:
        return {
            "import_id": import_id,
            "source_organisation_id": self.terms.partner.id if self.terms else None,
            "agreement_id": self.terms.agreement.id if self.terms else None,
            "file_sha256": self.facts.sha256,
        }

    def _stream(
        self,
        source: Source,
        intake: Intake,
        progress: Progress | None,
    ) -> None:
        """Read, check and write every row (by Arrow batches where that is safe)."""
        stage = f"import {self.spec.name}"
        rows: Iterator[RawRow] = source.rows()
        if self.fast and isinstance(source, CsvSource):
            width = len(source.header)
            if arrow_readable(self.path, self.facts.encoding or "", width):
                arrow = ArrowCsv(self.path, source, intake.chunk_size)
                with closing(arrow):
                    for part in arrow.batches():
                        intake.batch(part)
                        if progress is not None:
                            progress(stage, *arrow.progress())
                rows = arrow.leftover()
        for raw in rows:
            if intake.row(raw) and progress is not None:
                progress(stage, *source.progress())
        intake.flush()
        intake.writer.close()
        if progress is not None:
            total = source.progress()[1]
            progress(stage, total, total)

    def _finish(
        self,
        session: Session,
        record: Import,
        writer: ChunkWriter,
        intake: Intake,
    ) -> ImportReport:
        counts = writer.counts
        record.rows_received = intake.received
        record.inserted, record.updated = counts.inserted, counts.updated
        record.unchanged, record.quarantined = counts.unchanged, counts.quarantined
        record.problems = problems_as_json(self.warnings)
        record.problem_counts = [
            {"field": f, "code": c, "count": n} for (f, c), n in sorted(intake.reasons.items())
        ] + [  # values dropped, rows stored
            {"field": f, "code": c, "count": n, "stored": True}
            for (f, c), n in sorted(intake.dropped.counts.items())
        ]
        record.status = "committed"
        record.finished_at = datetime.now(UTC)
        report = report_of(record, self.terms.number if self.terms else None)
        if not report.reconciled:  # cannot happen unless a count above is wrong
            raise ImportFailed("import does not reconcile; rolled back")
        append(session, self._audit_event(report))
        return report

    def _audit_event(self, report: ImportReport) -> AuditEvent:
        return AuditEvent(
            actor=self.actor,
            action="import",
            dataset=self.spec.name,
            agreement_number=report.agreement_number,
            fields=self.spec.field_names,
            decision="allowed",
            row_count=report.rows_received,
            details={
                "import_id": report.import_id,
                "file_sha256": self.facts.sha256,
                "format": self.fmt,
                "received": report.rows_received,
                "inserted": report.inserted,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "quarantined": report.quarantined,
            },
        )
