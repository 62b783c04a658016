"""Job orders that break the rules on purpose, so that the rule engine has work.

Each kind is generated in small numbers (:data:`VIOLATION_SHARE` of the
placements, at least two) and listed in the ground truth:

- ``kepmenaker_260_2015``: household domestic work in a closed country (from
  the job catalogue);
- ``expired_validity``: placements registered after the order's validity ended;
- ``agency_licence_invalid``: the agency's licence had expired or been revoked
  before the order started;
- ``spsk_outside_cities``: a Saudi SPSK order with a syarikah outside the SPSK
  cities (Kepmenaker 291/2018);
- ``quota_exceeded``: more placements than the order's quota.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pyarrow as pa

from lindung.demo.agencies import Agencies
from lindung.demo.arrays import I32, Bools, sample_exact
from lindung.demo.job_orders import EmployerSlots, JobOrders
from lindung.demo.jobs import JOBS

VIOLATION_SHARE = 0.0005
KINDS = (
    "kepmenaker_260_2015",
    "expired_validity",
    "agency_licence_invalid",
    "spsk_outside_cities",
    "quota_exceeded",
)


@dataclass(frozen=True)
class Violations:
    order: I32
    kind: list[str]


def break_rules(
    rng: np.random.Generator,
    orders: JobOrders,
    slots: EmployerSlots,
    agencies: Agencies,
    placement_order: I32,
    registered: I32,
) -> tuple[Violations, EmployerSlots]:
    """Make a few orders break each rule; returns them and the (extended) employers."""
    wanted = max(2, round(len(placement_order) * VIOLATION_SHARE))
    household = np.array([j.household for j in JOBS])[orders.job]
    closed = np.array([j.violation is not None for j in JOBS])[orders.job]
    taken = closed.copy()
    found: dict[str, I32] = {"kepmenaker_260_2015": np.flatnonzero(closed).astype(np.int32)}
    first = np.full(len(orders), np.iinfo(np.int32).max, dtype=np.int64)
    last = np.full(len(orders), np.iinfo(np.int32).min, dtype=np.int64)
    np.minimum.at(first, placement_order, registered)
    np.maximum.at(last, placement_order, registered)

    rows = _pick(rng, ~household & ~taken & (last - first >= 2), wanted, taken)
    orders.valid_to[rows] = (first[rows] + (last[rows] - first[rows]) // 2).astype(np.int32)
    found["expired_validity"] = rows

    found["agency_licence_invalid"] = _lapsed_agencies(rng, orders, agencies, wanted, taken)

    saudi = np.array([j.country == "SA" for j in JOBS])[orders.job]
    rows = _pick(rng, saudi & ~household & ~taken, wanted, taken)
    slots = _own_syarikah(slots, orders, rows)
    found["spsk_outside_cities"] = rows

    rows = _pick(rng, ~household & ~taken & (orders.placed >= 3), wanted, taken)
    orders.quota[rows] = orders.placed[rows] - 1 - (orders.placed[rows] // 3)
    found["quota_exceeded"] = rows

    order = np.concatenate([found[k] for k in KINDS]).astype(np.int32)
    kind = [k for k in KINDS for _ in range(len(found[k]))]
    return Violations(order, kind), slots


def _pick(rng: np.random.Generator, candidates: Bools, wanted: int, taken: Bools) -> I32:
    chosen = np.flatnonzero(sample_exact(rng, candidates, wanted)).astype(np.int32)
    taken[chosen] = True
    return chosen


def _lapsed_agencies(
    rng: np.random.Generator, orders: JobOrders, agencies: Agencies, wanted: int, taken: Bools
) -> I32:
    """Give orders to an agency whose licence ended before the order started."""
    earliest_end = int(agencies.valid_to.min())
    rows = _pick(rng, ~taken & (orders.valid_from > earliest_end + 30), wanted, taken)
    for row in rows:
        lapsed = np.flatnonzero(agencies.valid_to < orders.valid_from[row])
        orders.agency[row] = int(lapsed[rng.integers(0, len(lapsed))])
    return rows


def _own_syarikah(slots: EmployerSlots, orders: JobOrders, rows: I32) -> EmployerSlots:
    """A new syarikah outside the SPSK cities for each chosen order."""
    start = len(slots.job)
    orders.employer[rows] = start + np.arange(len(rows), dtype=np.int32)
    return replace(
        slots,
        job=np.concatenate([slots.job, orders.job[rows]]).astype(np.int32),
        household=np.concatenate([slots.household, np.zeros(len(rows), dtype=np.bool_)]),
        outside_spsk=np.concatenate([slots.outside_spsk, np.ones(len(rows), dtype=np.bool_)]),
    )


def order_status(orders: JobOrders, as_of: int) -> object:
    """open, filled (as many placements as the quota) or expired (validity ended)."""
    status = np.where(
        orders.valid_to < as_of,
        "expired",
        np.where(orders.placed >= orders.quota, "filled", "open"),
    )
    return pa.array(status.tolist(), type=pa.string())
