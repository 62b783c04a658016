"""Readers for a generated demo data set (tests/demo)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from lindung.demo import DemoSummary


def read_csv(path: Path) -> Any:
    """A partner file with every column as text (NIKs keep their digits)."""
    with path.open(encoding="utf-8") as stream:
        header = stream.readline().strip().split(",")
    convert = pacsv.ConvertOptions(
        column_types={name: pa.string() for name in header}, strings_can_be_null=True
    )
    return pacsv.read_csv(path, convert_options=convert)


def partner(demo: DemoSummary, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = read_csv(demo.path("partners", name)).to_pylist()
    return rows


def truth(demo: DemoSummary, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(demo.path("ground_truth", name)).to_pylist()
    return rows


def registry(demo: DemoSummary, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(demo.path("registry", name)).to_pylist()
    return rows
