"""Small column builders the registry record tables share: ids, numbers, stamps,
and slicing a large table into row groups so that it never sits whole in memory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import I32, I64
from lindung.demo.calendar import date_parts

#: Rows per slice of a large table (one Parquet row group each).
SLICE_ROWS = 1_000_000

Tables = Iterator[Any]


def ids(start: int, count: int) -> Any:
    return pa.array(np.arange(start + 1, start + count + 1, dtype=np.int64))


def numbers(prefix: str, days: I32, serial: I64 | I32, width: int = 6) -> Any:
    """'PREFIX/2024/000123': a document number with the year of ``days``."""
    year, _, _ = date_parts(days)
    digits = pc.utf8_lpad(pc.cast(pa.array(serial.astype(np.int64)), pa.string()), width, "0")
    return pc.binary_join_element_wise(
        pa.array(np.full(len(days), prefix)), pc.cast(pa.array(year), pa.string()), digits, "/"
    )


def stamps(days: I32 | I64, seconds: I64 | None = None) -> Any:
    """UTC timestamps during Jakarta office hours (01:00 to 09:00 UTC) on ``days``."""
    offset = 3600 if seconds is None else seconds
    values = days.astype(np.int64) * 86_400 + offset
    return pa.array(values * 1_000_000, type=pa.timestamp("us", tz="UTC"))


def sliced(count: int, build: Callable[[int, int], Any]) -> Tables:
    """``build(start, stop)`` for consecutive slices of ``count`` rows (at least one)."""
    for start in range(0, max(count, 1), SLICE_ROWS):
        yield build(start, min(count, start + SLICE_ROWS))


def between(rng: np.random.Generator, low: I32 | I64, high: I32 | I64) -> I32:
    """A day drawn uniformly in ``[low, high]`` (``high`` below ``low`` gives ``low``)."""
    span = np.maximum(np.asarray(high) - np.asarray(low), 0)
    drawn: I32 = (low + np.floor(rng.random(len(span)) * (span + 1))).astype(np.int32)
    return drawn
