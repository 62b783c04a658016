"""Writing tables: Parquet for the registry and the ground truth, CSV for partner files.

Both writers are deterministic: the same table gives the same bytes, which is
what makes a seed reproduce a data set exactly. CSV files are UTF-8 with a
plain header line; text values are quoted, empty values are unquoted (null).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from lindung.demo.config import DemoConfig, FileSummary

FORMAT_VERSION = 1
CSV_BATCH_ROWS = 65_536


def write_parquet(table: Any, path: Path) -> int:
    """Write a pyarrow table, or an iterator of tables of one schema (written as they
    come, so that a large table is never whole in memory); returns the rows written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(table, pa.Table):
        pq.write_table(table, path, compression="zstd", row_group_size=262_144)
        return int(table.num_rows)
    rows = 0
    writer: pq.ParquetWriter | None = None
    for part in table:
        if writer is None:
            writer = pq.ParquetWriter(path, part.schema, compression="zstd")
        writer.write_table(part, row_group_size=262_144)
        rows += part.num_rows
    if writer is not None:
        writer.close()
    return rows


def write_csv(table: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    options = pacsv.WriteOptions(
        include_header=False, quoting_style="needed", batch_size=CSV_BATCH_ROWS
    )
    with path.open("wb") as stream:
        stream.write((",".join(table.column_names) + "\n").encode("utf-8"))
        pacsv.write_csv(table, stream, options)


def write_manifest(config: DemoConfig, files: list[FileSummary]) -> None:
    """``manifest.json``: what was generated with which configuration (no timings, so
    that the same configuration writes the same bytes)."""
    manifest = {
        "format": FORMAT_VERSION,
        "config": config.describe(),
        "files": [
            {
                "part": f.part,
                "name": f.name,
                "path": f.path.relative_to(config.out_dir).as_posix(),
                "rows": f.rows,
            }
            for f in files
        ],
    }
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    config.manifest_path.write_text(text, encoding="utf-8")


def read_manifest(config: DemoConfig) -> dict[str, Any] | None:
    if not config.manifest_path.exists():
        return None
    data: dict[str, Any] = json.loads(config.manifest_path.read_text(encoding="utf-8"))
    return data
