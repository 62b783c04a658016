"""The by-column content hash equals the per-row one, whatever the values."""

from __future__ import annotations

from datetime import date

import pyarrow as pa

from lindung.exchange.imports.column_hash import batch_hashes
from lindung.exchange.imports.validate import content_hash

TEXTS = [
    "ANDI",
    "O'BRIEN",
    'say "hi"',
    "back\\slash",
    "JOSÉ",
    "tab\there",
    "\u200bX",
    None,
    "'",
    "",
    "a\x7fb",
    "a\nb",
]


def test_batch_hashes_equal_content_hash() -> None:
    names = ("a", "b", "c", "d")
    rows = [
        {"a": text, "b": day, "c": number, "d": None}
        for text in TEXTS
        for day in (date(1977, 11, 9), date(2, 1, 3), None)
        for number in (7, None)
    ]
    values = {
        "a": pa.array([r["a"] for r in rows], pa.string()),
        "b": pa.array([r["b"] for r in rows], pa.date32()),
        "c": pa.array([r["c"] for r in rows], pa.int64()),
        "d": pa.nulls(len(rows), pa.string()),
    }
    assert batch_hashes(values, names) == [content_hash(r, names) for r in rows]
