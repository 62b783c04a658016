"""What an import reports: the reconciliation, warnings and problems by field and code.

``problem_counts`` holds, per field and reason, the rows quarantined and (marked
``stored``) the rows stored without an invalid optional value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lindung.errors import Problem
from lindung.store.models import Import


@dataclass
class ImportReport:
    """The outcome of one import (or of the earlier import of the same file)."""

    import_id: int | None
    dataset: str
    file_sha256: str
    format: str
    status: str
    rows_received: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    warnings: list[Problem] = field(default_factory=list)
    problem_counts: list[dict[str, Any]] = field(default_factory=list)
    already_imported: bool = False
    agreement_number: str | None = None

    @property
    def stored(self) -> int:
        return self.inserted + self.updated + self.unchanged

    @property
    def quarantine_counts(self) -> list[dict[str, Any]]:
        """Rows quarantined, by field and reason."""
        return [c for c in self.problem_counts if not c.get("stored")]

    @property
    def dropped_counts(self) -> list[dict[str, Any]]:
        """Rows stored without a value (an invalid optional NIK), by field and reason."""
        return [c for c in self.problem_counts if c.get("stored")]

    @property
    def reconciled(self) -> bool:
        """``rows received = rows stored + rows quarantined``."""
        return self.rows_received == self.stored + self.quarantined


def problems_as_json(problems: list[Problem]) -> list[dict[str, Any]]:
    return [
        {"field": p.field, "code": p.code, "message_id": p.message_id, "message_en": p.message_en}
        for p in problems
    ]


def problems_from_json(items: list[dict[str, Any]]) -> list[Problem]:
    return [
        Problem(str(i["field"]), str(i["code"]), str(i["message_id"]), str(i["message_en"]))
        for i in items
    ]


def report_of(row: Import, agreement_number: str | None = None) -> ImportReport:
    """The report of a stored import."""
    return ImportReport(
        import_id=row.id,
        dataset=row.dataset,
        file_sha256=row.file_sha256,
        format=row.format,
        status=row.status,
        rows_received=row.rows_received,
        inserted=row.inserted,
        updated=row.updated,
        unchanged=row.unchanged,
        quarantined=row.quarantined,
        warnings=problems_from_json(list(row.problems)),
        problem_counts=list(row.problem_counts),
        agreement_number=agreement_number,
    )
