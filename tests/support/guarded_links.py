"""Helpers for the guarded pairings' tests (crossings <-> DPT LN, civil registry,
lapor diri): partner files with rows added, and crossings and links written by hand
for the guard of lindung.linkage.persons (each rule on exactly its graph)."""

from __future__ import annotations

import csv
import itertools
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.store.models import BorderCrossing, Import, LinkageRun, RecordLink
from support import linkage_runs as lr

Record = tuple[str, int]
_serial = itertools.count(1)


def with_rows(source: Path, target: Path, rows: list[dict[str, str]]) -> Path:
    """``source`` (a partner CSV) with ``rows`` appended (missing columns empty)."""
    with source.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        header, body = list(reader.fieldnames or []), list(reader)
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, header)
        writer.writeheader()
        writer.writerows([*body, *({k: row.get(k, "") for k in header} for row in rows)])
    return target


def imported(session: Session) -> int:
    """A committed import to hang hand-written crossings on."""
    row = Import(
        dataset="border_crossings", file_name="x.csv", file_sha256="0" * 64,
        format="csv", status="committed", actor="test",
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row.id


def crossing(
    session: Session,
    import_id: int,
    passport: str,
    checkpoint: str = "Nunukan",
    country: str = "MY",
) -> Record:
    serial = next(_serial)
    row = BorderCrossing(
        import_id=import_id, file_sha256="0" * 64, row_number=serial, content_hash="0" * 32,
        record_id=f"G{serial}", passport_number=passport, name="TRAVELLER", direction="departure",
        crossing_date=date(2025, 1, 1), checkpoint=checkpoint, destination_country=country,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return ("border_crossings", row.id)


def link(session: Session, pairing: str, a: Record, b: Record, p: float) -> None:
    """A current ``linked`` link of ``pairing`` at probability ``p``, in its own run."""
    run = LinkageRun(
        pairing=pairing, kind="full", status="finished", model_version=1, model_sha256="0" * 64,
        link_threshold=0.9, review_low=0.5, review_high=0.95, actor="tester",
    )  # fmt: skip
    session.add(run)
    session.flush()
    session.add(
        RecordLink(
            run_id=run.id, pairing=pairing, left_source=a[0], left_key=a[1], right_source=b[0],
            right_key=b[1], match_probability=p, match_weight=9.0, explanation={},
            state="linked", model_accepts=True, current=True,
        )
    )  # fmt: skip
    session.flush()


def store_id(session: Session, model: Any, record_id: str) -> int:
    """The stored id of a partner row, by its ``record_id``."""
    return int(session.scalars(select(model.id).where(model.record_id == record_id)).one())


def crossing_links(session: Session, pairing: str, crossing: int) -> set[tuple[int, str]]:
    """(right key, state) of the current run's links of ``pairing`` from a crossing."""
    return {
        (link.right_key, link.state)
        for link in session.scalars(
            select(RecordLink).where(
                RecordLink.pairing == pairing,
                RecordLink.left_source == "border_crossings",
                RecordLink.left_key == crossing,
            )
        )
    }


def thresholds(session: Session, run_id: int) -> tuple[float, float, float]:
    """A run's link threshold and review band, as it recorded them."""
    run = session.get(LinkageRun, run_id)
    assert run is not None
    return (run.link_threshold, run.review_low, run.review_high)


def worker_groups(people: dict[Record, int]) -> set[frozenset[Record]]:
    """The persons holding a registry record, as sets of records."""
    return {group for group in lr.partition(people) if any(r[0] == "registry" for r in group)}
