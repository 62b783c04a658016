"""The quarantine as CSV: the bad rows as received, with their reasons, safe to open.

The columns are ``reasons`` then the file's own columns (in the order first seen),
so that a corrected download imports again like any other file (``reasons`` is an
unknown column: a warning, not an error). Every value that a spreadsheet would read
as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) is
written with a leading apostrophe; the importer removes that apostrophe again.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.errors import NotFound
from lindung.exchange.imports.fields import FORMULA_START
from lindung.store.models import Import, ImportQuarantine

BATCH = 2_000


def neutralise(value: Any) -> str:
    """Text for a CSV cell that no spreadsheet will evaluate."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def _rows(session: Session, import_id: int) -> Iterator[ImportQuarantine]:
    last = 0
    while True:
        batch = session.scalars(
            select(ImportQuarantine)
            .where(ImportQuarantine.import_id == import_id, ImportQuarantine.id > last)
            .order_by(ImportQuarantine.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return
        yield from batch
        last = batch[-1].id
        session.expunge_all()


def _columns(session: Session, import_id: int) -> list[str]:
    columns: dict[str, None] = {}
    for row in _rows(session, import_id):
        columns.update(dict.fromkeys(row.raw))
    return list(columns)


def reasons_text(reasons: list[dict[str, Any]], language: str = "id") -> str:
    key = "message_en" if language == "en" else "message_id"
    return "; ".join(f"{r['field']}: {r[key]} [{r['code']}]" for r in reasons)


def write_quarantine_csv(
    session: Session, import_id: int, out: IO[str], language: str = "id"
) -> int:
    """Write the quarantine of ``import_id`` to ``out``; returns the rows written."""
    if session.get(Import, import_id) is None:
        raise NotFound(f"no import {import_id}")
    columns = _columns(session, import_id)
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(["reasons", *columns])
    count = 0
    for row in _rows(session, import_id):
        values = [row.raw.get(name) for name in columns]
        writer.writerow(
            [neutralise(reasons_text(row.reasons, language))] + [neutralise(v) for v in values]
        )
        count += 1
    return count
