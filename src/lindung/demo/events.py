"""The history of every placement (``placement_events``) and support after return
(``reintegrations``).

One ``transition`` event per stage reached, in order, each from the stage
before (``registered`` has none) and on the day the stage was reached, so that
every sequence follows ``domain.lifecycle.TRANSITIONS`` and the last event's
stage is the placement's status: the path milestones, then an exit (withdrawn
or failed departure before departure; repatriated or deceased abroad), a
contract extension and the return. A ``departure`` and a ``return`` event carry
the destination. All are recorded by ``demo`` from source ``demo``.

Reintegration (UU 18/2017 Pasal 24): some returnees, most of the repatriated,
are recorded in a programme in their regency in the months after return.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from lindung.demo.arrays import I32, I64, strings, take
from lindung.demo.calendar import to_arrow
from lindung.demo.jobs import COUNTRIES, JOBS
from lindung.demo.lifecycle import MILESTONES, Status
from lindung.demo.records import Tables, ids, sliced, stamps
from lindung.demo.streams import stream
from lindung.demo.world import World

EVENT_KINDS = ("transition", "departure", "return")
REINTEGRATED = {Status.RETURNED: 0.15, Status.REPATRIATED: 0.6}
PROGRAMMES = ("training", "business_capital", "counselling", "health", "legal_aid", "other")
PROGRAMME_SHARES = (0.3, 0.3, 0.15, 0.1, 0.05, 0.1)
REINTEGRATION_STATUSES = ("planned", "ongoing", "completed", "declined")


def _event_rows(world: World) -> tuple[I64, I32, I32, I32, I32, I32]:
    """(placement, kind, from, to, day, key) of every event, sorted by placement then key."""
    p = world.placements
    path = np.arange(MILESTONES)[None, :] <= p.stage[:, None]
    placement, k = np.nonzero(path)
    parts = [(placement, np.zeros_like(k), k - 1, k, p.milestones[placement, k], 10 * k)]

    def add(rows: Any, kind: int, before: Any, after: Any, day: Any, key: int) -> None:
        rows = np.flatnonzero(rows)
        parts.append(
            (
                rows,
                np.full(len(rows), kind),
                np.broadcast_to(before, len(p))[rows],
                np.broadcast_to(after, len(p))[rows],
                np.broadcast_to(day, len(p))[rows],
                np.full(len(rows), key),
            )
        )

    extended = p.extended_on >= 0
    left = np.isin(p.status, (Status.WITHDRAWN, Status.FAILED_DEPARTURE))
    add(left, 0, p.stage, p.status, p.status_on, 200)
    add(extended, 0, Status.WORKING, Status.EXTENDED, p.extended_on, 100)
    back_from = np.where(extended, Status.EXTENDED, Status.WORKING)
    add(p.status == Status.RETURNED, 0, back_from, Status.RETURNED, p.returned, 110)
    ended = np.isin(p.status, (Status.REPATRIATED, Status.DECEASED))
    add(ended, 0, Status.WORKING, p.status, p.status_on, 120)
    add(p.departed >= 0, 1, -1, -1, p.departed, 75)
    add(p.returned >= 0, 2, -1, -1, p.returned, 130)
    columns = [np.concatenate([part[i] for part in parts]) for i in range(6)]
    order = np.lexsort((columns[5], columns[0]))
    placement_of = columns[0][order].astype(np.int64)
    kind, before, after, day, key = (columns[i][order].astype(np.int32) for i in range(1, 6))
    return placement_of, kind, before, after, day, key


def placement_events(world: World) -> Tables:
    rng = stream(world.config.seed, "events")
    placement, kind, before, after, day, _ = _event_rows(world)
    seconds = rng.integers(3600, 32_400, len(placement))
    labels = strings([s.label for s in Status])
    country = np.array([COUNTRIES.index(j.country) for j in JOBS], dtype=np.int32)
    details = strings([f'{{"country": "{c}"}}' for c in COUNTRIES])

    def build(start: int, stop: int) -> Any:
        cut = slice(start, stop)
        k = kind[cut]
        count = stop - start
        return pa.table(
            {
                "id": ids(start, count),
                "placement_id": pa.array(placement[cut] + 1),
                "kind": take(strings(EVENT_KINDS), k),
                "from_status": take(labels, before[cut].clip(0), before[cut] >= 0),
                "to_status": take(labels, after[cut].clip(0), after[cut] >= 0),
                "occurred_on": to_arrow(day[cut]),
                "recorded_at": stamps(day[cut], seconds[cut]),
                "recorded_by": pa.array(np.full(count, "demo")),
                "source": pa.array(np.full(count, "demo")),
                "details": take(details, country[world.placements.job[placement[cut]]], k > 0),
            }
        )

    return sliced(len(placement), build)


def reintegrations(world: World) -> Any:
    rng = stream(world.config.seed, "reintegration")
    p = world.placements
    share = np.select(
        [p.status == Status.RETURNED, p.status == Status.REPATRIATED],
        [REINTEGRATED[Status.RETURNED], REINTEGRATED[Status.REPATRIATED]],
        0.0,
    )
    recorded = p.returned + rng.integers(7, 120, len(p))
    chosen = np.flatnonzero((rng.random(len(p)) < share) & (recorded <= world.as_of))
    n = len(chosen)
    day = recorded[chosen].astype(np.int32)
    cumulative = np.cumsum(PROGRAMME_SHARES)
    programme = np.searchsorted(cumulative, rng.random(n) * cumulative[-1], side="right")
    programme = np.where(
        p.status[chosen] == Status.REPATRIATED,
        np.where(rng.random(n) < 0.4, 3, programme),
        programme,
    )
    age = world.as_of - day
    status = np.select([rng.random(n) < 0.05, age > 180, age > 30], [3, 2, 1], 0)
    people_row = world.workers[p.worker[chosen]]
    regency = world.geo.village_regency[world.people.village[people_row]]
    return pa.table(
        {
            "id": ids(0, n),
            "placement_id": pa.array(chosen.astype(np.int64) + 1),
            "recorded_on": to_arrow(day),
            "programme": take(strings(PROGRAMMES), programme.astype(np.int32)),
            "status": take(strings(REINTEGRATION_STATUSES), status.astype(np.int32)),
            "region_code": take(strings(world.geo.regency_codes), regency),
            "notes": pa.nulls(n, pa.string()),
            "created_at": stamps(day),
        }
    )
