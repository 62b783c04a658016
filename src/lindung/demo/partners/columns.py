"""Columns every partner file and its ground truth share: record ids, person links."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import I64, Bools
from lindung.demo.world import World


def record_ids(prefix: str, n: int) -> Any:
    """'DPT-000000001': the source's row number, the key of its ground truth."""
    digits = pc.utf8_lpad(pc.cast(pa.array(np.arange(1, n + 1)), pa.string()), 9, "0")
    return pc.binary_join_element_wise(pa.array([prefix] * n), digits, "-")


def nullable(values: Any, missing: Bools) -> Any:
    """An integer column with nulls where ``missing``."""
    return pa.array(np.asarray(values, dtype=np.int64), mask=np.asarray(missing))


def worker_of(world: World, people_rows: I64) -> I64:
    """The worker index of each People row (-1 for people who are not workers)."""
    index = np.full(len(world.people), -1, dtype=np.int64)
    index[world.workers] = np.arange(len(world.workers))
    return index[people_rows]


def truth_columns(world: World, record_id: Any | None, people_rows: I64) -> dict[str, Any]:
    """record_id, person_id, worker_id (null for non-workers): the start of every truth table."""
    worker = worker_of(world, people_rows)
    columns = {} if record_id is None else {"record_id": record_id}
    columns["person_id"] = pa.array(world.people.person_id[people_rows])
    columns["worker_id"] = nullable(worker + 1, worker < 0)
    return columns
