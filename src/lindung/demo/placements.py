"""All placements: each worker's first, and a next one for some who came back.

Many PMI go abroad again: a share of the workers who returned register for a
new placement some months later (usually the same job and destination), which
walks the lifecycle again. Placements are listed by registration date.
"""

from __future__ import annotations

from dataclasses import fields

import numpy as np

from lindung.demo.arrays import I32
from lindung.demo.lifecycle import Placements, Status, simulate
from lindung.demo.recruitment import WorkerPlan

#: Share of returned workers who register again, and the gap before they do (days).
RETURNING_SHARE = 0.3
RETURN_GAP = (45, 420)


def place_workers(rng: np.random.Generator, plan: WorkerPlan, as_of: int) -> Placements:
    workers = np.arange(len(plan), dtype=np.int32)
    first = simulate(rng, workers, plan.job.astype(np.int32), plan.registered, 1, as_of)
    gap = rng.integers(*RETURN_GAP, len(first))
    again_on = first.returned + gap
    again = (
        (first.status == Status.RETURNED)
        & (again_on < as_of)
        & (rng.random(len(first)) < RETURNING_SHARE)
    )
    rows = np.flatnonzero(again)
    second = simulate(
        rng, first.worker[rows], first.job[rows], again_on[rows].astype(np.int32), 2, as_of
    )
    both = _concat(first, second)
    order = np.lexsort((both.sequence, both.worker, both.milestones[:, 0]))
    return _take(both, order.astype(np.int32))


def _concat(a: Placements, b: Placements) -> Placements:
    return Placements(
        **{f.name: np.concatenate([getattr(a, f.name), getattr(b, f.name)]) for f in fields(a)}
    )


def _take(p: Placements, rows: I32) -> Placements:
    return Placements(**{f.name: getattr(p, f.name)[rows] for f in fields(p)})
