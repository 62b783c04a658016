"""Types for the linkage tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LinkFiles:
    """Registry workers (left, Parquet) and immigration crossings (right, CSV)."""

    left: Path
    right: Path
    truth: frozenset[tuple[str, str]]  # (worker id, crossing record_id) of the same person
    right_duplicates: frozenset[tuple[str, str]]  # crossing record_id pairs, lower id first
