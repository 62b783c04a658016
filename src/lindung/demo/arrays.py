"""Array type aliases and the few column helpers every generator stage shares.

Generation is set-based: a stage builds whole columns with numpy (numbers,
dates as day numbers) and turns them into pyarrow arrays (strings, dates) only
to render and write them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
I16 = npt.NDArray[np.int16]
I8 = npt.NDArray[np.int8]
Bools = npt.NDArray[np.bool_]


def choice(rng: np.random.Generator, weights: F64 | list[float], size: int) -> I32:
    """``size`` indices drawn with the given (not necessarily normalised) weights."""
    p = np.asarray(weights, dtype=np.float64)
    total = p.sum()
    if size == 0 or total <= 0:
        return np.zeros(size, dtype=np.int32)
    cumulative = np.cumsum(p / total)
    cumulative[-1] = 1.0
    drawn = np.searchsorted(cumulative, rng.random(size), side="right")
    return np.minimum(drawn, len(p) - 1).astype(np.int32)


def choice_per_row(rng: np.random.Generator, cumulative: F64, rows: I32 | I64) -> I32:
    """One index per row from row-specific weights.

    ``cumulative`` is a matrix whose row ``r`` holds the cumulative (normalised)
    weights of category ``r``; ``rows`` says which category each draw belongs to.
    """
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int32)
    u = rng.random(len(rows))
    picked: I64 = (u[:, None] >= cumulative[rows]).sum(axis=1)
    chosen: I32 = np.minimum(picked, cumulative.shape[1] - 1).astype(np.int32)
    return chosen


def sample_exact(rng: np.random.Generator, candidates: Bools, count: int) -> Bools:
    """A mask choosing exactly ``min(count, candidates.sum())`` of the candidate rows."""
    chosen = np.zeros(len(candidates), dtype=np.bool_)
    pool = np.flatnonzero(candidates)
    if len(pool) == 0 or count <= 0:
        return chosen
    chosen[rng.choice(pool, size=min(count, len(pool)), replace=False)] = True
    return chosen


def strings(values: list[str] | tuple[str, ...]) -> Any:
    """A pyarrow string array of a small vocabulary, for ``take``."""
    return pa.array(list(values), type=pa.string())


def take(vocabulary: Any, indices: I32 | I64, valid: Bools | None = None) -> Any:
    """``vocabulary[indices]`` as a pyarrow string array; null where not ``valid``."""
    index = pa.array(indices.astype(np.int32), mask=None if valid is None else ~valid)
    return vocabulary.take(index)


def ranks_within(keys: I64) -> I64:
    """1-based rank of each row among the rows with the same key, in row order.

    Used for serial numbers (NIK serials are unique within district and birth
    date) without a Python loop: a stable sort groups equal keys, and the rank
    is the position minus the position where the group starts.
    """
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.ones(len(keys), dtype=np.bool_)
    starts[1:] = sorted_keys[1:] != sorted_keys[:-1]
    group_start = np.maximum.accumulate(np.where(starts, np.arange(len(keys)), 0))
    ranks = np.empty(len(keys), dtype=np.int64)
    ranks[order] = np.arange(len(keys)) - group_start + 1
    return ranks


def words(text: str) -> tuple[str, ...]:
    """Words of a whitespace-separated list; an underscore joins words of one item."""
    return tuple(word.replace("_", " ") for word in text.split())
