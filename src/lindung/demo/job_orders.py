"""Job orders and their employers, built from the placements they were filled by.

A household hires one worker per job order; a company's job order is filled
by workers registered in the same weeks (consecutive registrations of the job,
cut into orders of a size typical of the destination). Each order goes to an
agency that serves the destination and whose licence covered the order's start;
a Saudi syarikah works with at most three agencies (Kepmenaker 291/2018).
A few orders break the rules on purpose (ground truth ``job_order_violations``):
household domestic work in a Kepmenaker 260/2015 country, validity expired
before placements were registered, an agency whose licence had ended, an SPSK
order outside the SPSK cities, more placements than the quota.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.agencies import Agencies
from lindung.demo.arrays import F64, I32, Bools, choice, ranks_within, strings, take
from lindung.demo.calendar import date_parts
from lindung.demo.jobs import COUNTRIES, JOBS

#: Typical workers per company job order, by destination.
ORDER_SIZE = {"KR": 8.0, "JP": 6.0, "TW": 10.0, "MY": 25.0, "SA": 12.0}
DEFAULT_ORDER_SIZE = 10.0
#: Job orders per company employer (companies come back for more workers).
ORDERS_PER_COMPANY = 3.0
MAX_AGENCIES_PER_SYARIKAH = 3
#: Days from an order's last registration to departure that its agency's licence covers.
IN_FLIGHT = 200


@dataclass
class JobOrders:
    job: I32
    employer: I32
    agency: I32
    quota: I32
    placed: I32
    salary: F64
    valid_from: I32
    valid_to: I32
    code: Any  # pyarrow strings
    status: Any  # pyarrow strings: open | filled | expired

    def __len__(self) -> int:
        return len(self.job)


@dataclass(frozen=True)
class EmployerSlots:
    """Which employer each job order has; employers are named later (employers.py)."""

    of_order: I32
    job: I32  # per employer: the job it hires for
    household: Bools
    outside_spsk: Bools


def cut_into_orders(rng: np.random.Generator, job: I32, registered: I32) -> I32:
    """Job order number of each placement: one per household placement, blocks of
    consecutive registrations for company jobs."""
    order = np.full(len(job), -1, dtype=np.int64)
    sorted_rows = np.lexsort((registered, job))
    next_number = 0
    boundaries = np.flatnonzero(np.diff(job[sorted_rows])) + 1
    for rows in np.split(sorted_rows, boundaries):
        if not len(rows):
            continue
        spec = JOBS[int(job[rows[0]])]
        if spec.household:
            sizes = np.ones(len(rows), dtype=np.int64)
        else:
            mean = ORDER_SIZE.get(spec.country, DEFAULT_ORDER_SIZE)
            sizes = rng.geometric(1.0 / mean, len(rows))
        ends = np.cumsum(sizes)
        blocks = np.searchsorted(ends, np.arange(len(rows)), side="right")
        order[rows] = next_number + blocks
        next_number += int(blocks[-1]) + 1
    _, dense = np.unique(order, return_inverse=True)
    return dense.astype(np.int32)


def employers_for(rng: np.random.Generator, order_job: I32) -> EmployerSlots:
    """A household per household order; a pool of companies per company job."""
    n = len(order_job)
    of_order = np.empty(n, dtype=np.int32)
    jobs: list[I32] = []
    next_id = 0
    for job in np.unique(order_job):
        rows = np.flatnonzero(order_job == job)
        if JOBS[int(job)].household:
            count = len(rows)
            of_order[rows] = next_id + np.arange(count)
        else:
            count = max(1, int(np.ceil(len(rows) / ORDERS_PER_COMPANY)))
            weights: F64 = 1.0 / np.arange(1, count + 1, dtype=np.float64) ** 0.7
            of_order[rows] = next_id + choice(rng, weights, len(rows))
        jobs.append(np.full(count, job, dtype=np.int32))
        next_id += count
    employer_job = np.concatenate(jobs) if jobs else np.zeros(0, dtype=np.int32)
    household = np.array([JOBS[int(j)].household for j in employer_job], dtype=np.bool_)
    return EmployerSlots(of_order, employer_job, household, np.zeros(next_id, dtype=np.bool_))


def build_orders(
    rng: np.random.Generator,
    agencies: Agencies,
    placement_order: I32,
    placement_job: I32,
    registered: I32,
    as_of: int,
    visa_planned: I32 | None = None,
) -> tuple[JobOrders, EmployerSlots]:
    """Job orders from the placements that filled them, with employers and agencies.

    An order stays valid until 15 days after the last of its placements was registered
    and, when ``visa_planned`` is given, after the last visa was planned: a lawful
    order covers the contracts signed and visas issued under it (the rules judge the
    order's validity on those dates; orders that break it are planted on purpose)."""
    count = int(placement_order.max()) + 1 if len(placement_order) else 0
    job = np.zeros(count, dtype=np.int32)
    job[placement_order] = placement_job
    placed = np.bincount(placement_order, minlength=count).astype(np.int32)
    first = np.full(count, np.iinfo(np.int32).max, dtype=np.int64)
    last = np.full(count, np.iinfo(np.int32).min, dtype=np.int64)
    np.minimum.at(first, placement_order, registered)
    np.maximum.at(last, placement_order, registered)
    if visa_planned is not None:
        np.maximum.at(last, placement_order, visa_planned)
    valid_from = (first - rng.integers(7, 60, count)).astype(np.int32)
    valid_to = np.maximum(valid_from + 365, last + 15).astype(np.int32)
    household = np.array([j.household for j in JOBS])[job]
    quota = placed + np.where(household, 0, (placed * rng.uniform(0, 0.2, count)).astype(np.int32))
    slots = employers_for(rng, job)
    orders = JobOrders(
        job=job,
        employer=slots.of_order,
        agency=np.zeros(count, dtype=np.int32),
        quota=quota.astype(np.int32),
        placed=placed,
        salary=_salaries(rng, job),
        valid_from=valid_from,
        valid_to=valid_to,
        code=_codes(job, valid_from),
        status=pa.array([], type=pa.string()),
    )
    orders.agency = assign_agencies(
        rng, agencies, orders, slots, (last + IN_FLIGHT).astype(np.int32)
    )
    return orders, slots


def _salaries(rng: np.random.Generator, job: I32) -> F64:
    low = np.array([j.salary[0] for j in JOBS])[job]
    high = np.array([j.salary[1] for j in JOBS])[job]
    step = 10.0 ** np.maximum(0, np.floor(np.log10(np.maximum(low, 1))) - 2)
    salary: F64 = np.round(rng.uniform(low, high) / step) * step
    return salary


def _codes(job: I32, valid_from: I32) -> Any:
    """'JO-TW-2024-000123': country, year, running number within both."""
    country = np.array([COUNTRIES.index(j.country) for j in JOBS])[job]
    year, _, _ = date_parts(valid_from)
    serial = ranks_within(country.astype(np.int64) * 10_000 + year)
    return pc.binary_join_element_wise(
        pa.array(np.full(len(job), "JO")),
        take(strings(COUNTRIES), country),
        pc.cast(pa.array(year), pa.string()),
        pc.utf8_lpad(pc.cast(pa.array(serial), pa.string()), 6, "0"),
        "-",
    )


def assign_agencies(
    rng: np.random.Generator,
    agencies: Agencies,
    orders: JobOrders,
    slots: EmployerSlots,
    until: I32,
) -> I32:
    """An agency serving the destination and licensed from the order's first day until
    ``until`` (its last registration plus the time to departure), so that placements
    are rarely caught in flight by the end of a licence."""
    country = np.array([COUNTRIES.index(j.country) for j in JOBS])[orders.job]
    agency = np.zeros(len(orders), dtype=np.int32)
    for number in np.unique(country):
        rows = np.flatnonzero(country == number)
        weights = agencies.markets[:, number] + 1e-6 * agencies.markets.sum(axis=1)
        agency[rows] = _licensed_choice(
            rng, agencies, weights, orders.valid_from[rows], until[rows]
        )
    saudi = np.flatnonzero(country == COUNTRIES.index("SA"))
    agency[saudi] = _syarikah_agencies(
        agencies, agency[saudi], slots.of_order[saudi], orders.valid_from[saudi]
    )
    return agency


def _licensed_choice(
    rng: np.random.Generator, agencies: Agencies, weights: F64, day: I32, until: I32
) -> I32:
    picked = choice(rng, weights, len(day))
    for _ in range(12):
        bad = (agencies.valid_from[picked] > day) | (agencies.valid_to[picked] <= until)
        if not bad.any():
            return picked
        picked[bad] = choice(rng, weights, int(bad.sum()))
    for row in np.flatnonzero(
        (agencies.valid_from[picked] > day) | (agencies.valid_to[picked] <= until)
    ):
        licensed = agencies.valid_from <= day[row]
        through = licensed & (agencies.valid_to > until[row])
        valid = through if through.any() else licensed & (agencies.valid_to > day[row])
        total = agencies.markets.sum(axis=1) * valid
        picked[row] = int(np.argmax(total)) if total.any() else int(np.argmax(agencies.valid_to))
    return picked


def _syarikah_agencies(agencies: Agencies, drawn: I32, employer: I32, day: I32) -> I32:
    """Keep each syarikah to at most three licensed agencies at a time: an order whose
    drawn agency would be a fourth goes to one of the syarikah's current partners."""
    chosen = drawn.copy()
    partners: dict[int, list[int]] = {}
    for position in np.argsort(day, kind="stable"):
        today = int(day[position])
        current = [
            a
            for a in partners.get(int(employer[position]), [])
            if agencies.valid_from[a] <= today < agencies.valid_to[a]
        ]
        candidate = int(drawn[position])
        if candidate not in current and len(current) >= MAX_AGENCIES_PER_SYARIKAH:
            candidate = current[today % len(current)]
        elif candidate not in current:
            current.append(candidate)
        partners[int(employer[position])] = current
        chosen[position] = candidate
    return chosen.astype(np.int32)


def drop_unused_employers(orders: JobOrders, slots: EmployerSlots) -> EmployerSlots:
    """Keep only employers with a job order (companies in a pool may have drawn none)."""
    used, dense = np.unique(orders.employer, return_inverse=True)
    orders.employer = dense.astype(np.int32)
    return EmployerSlots(
        of_order=orders.employer,
        job=slots.job[used],
        household=slots.household[used],
        outside_spsk=slots.outside_spsk[used],
    )
