"""The whole synthetic population in memory: people, placements, documents, journeys.

Everything the registry and the partner files are written from is drawn here,
once, stage by stage, each stage from its own random stream
(:func:`lindung.demo.streams.stream`). Files are then views of this one world,
so that they agree with each other the way real sources do, noise aside.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from lindung.demo.agencies import Agencies, forward_deadline, generate_agencies
from lindung.demo.arrays import I32, I64, Bools
from lindung.demo.calendar import day_number
from lindung.demo.cohorts import (
    Cohort,
    Kind,
    Relationship,
    Trips,
    citizens_abroad,
    families,
    irregular,
    tourists,
)
from lindung.demo.config import DemoConfig, Progress
from lindung.demo.costs import zero_cost
from lindung.demo.employers import name_employers
from lindung.demo.geography import Geography, geography
from lindung.demo.job_orders import (
    EmployerSlots,
    JobOrders,
    build_orders,
    cut_into_orders,
    drop_unused_employers,
)
from lindung.demo.jobs import JOBS
from lindung.demo.licence_freeze import freeze
from lindung.demo.lifecycle import Placements, Status
from lindung.demo.passports import Passports, numbered, traveller_passports, worker_passports
from lindung.demo.people import People, assemble
from lindung.demo.placements import place_workers
from lindung.demo.planted import (
    Planted,
    choose,
    retarget_to_closed_country,
    under_age_births,
    wanted,
)
from lindung.demo.recruitment import Marital, WorkerPlan, falsify_ages, plan_workers
from lindung.demo.streams import stream
from lindung.demo.violations import Violations, break_rules, order_status

#: Oldest passport a traveller may carry on a trip (days); five-year passports.
TRAVEL_PASSPORT_AGE = 1700


@dataclass(frozen=True)
class Journeys:
    """One journey per traveller of a cohort (irregular, abroad, tourist)."""

    kind: Kind
    people: I64  # People rows
    trips: Trips
    passport: I32  # passport index, -1 without one


@dataclass(frozen=True)
class World:
    config: DemoConfig
    geo: Geography
    people: People
    plan: WorkerPlan
    workers: I64  # People row of each worker (worker index order)
    claimed_birth: I32  # per worker: the birth date the registry shows
    falsified: Bools  # per worker: registry birth date forged (true age under 18)
    placements: Placements
    placement_order: I32  # job order of each placement
    placement_passport: I32  # passport of each placement (-1 before documents)
    orders: JobOrders
    employers: EmployerSlots
    employer_name: Any  # pyarrow strings, per employer
    employer_city: Any
    violations: Violations
    agencies: Agencies
    passports: Passports
    journeys: tuple[Journeys, ...]
    planted: Planted

    @property
    def as_of(self) -> int:
        return day_number(self.config.as_of)


def build_world(config: DemoConfig, progress: Progress) -> World:
    seed, as_of = config.seed, config.as_of
    geo = geography()
    progress("people", 0, 4)
    plan = plan_workers(stream(seed, "recruitment"), geo, config.workers, as_of)
    plan, claimed, falsified = falsify_ages(stream(seed, "falsified"), plan)
    placements = place_workers(stream(seed, "lifecycle"), plan, day_number(as_of))
    placements, plan = retarget_to_closed_country(stream(seed, "retarget"), placements, plan)
    progress("people", 1, 4)
    others = [
        irregular(stream(seed, "irregular"), geo, config.workers, as_of),
        citizens_abroad(stream(seed, "abroad"), geo, config.citizens_abroad, as_of),
        tourists(stream(seed, "tourists"), geo, config.workers, as_of),
    ]
    agencies = generate_agencies(stream(seed, "agencies"), geo, as_of)
    demand = _demand(seed, agencies, placements, day_number(as_of))
    placements, planted = _plant(seed, demand, agencies, placements, falsified, day_number(as_of))
    plan, claimed = under_age_births(
        stream(seed, "under_age"), placements, planted.of("under_age"), plan, claimed
    )
    workers = _worker_cohort(plan)
    spouses, children = families(stream(seed, "families"), geo, workers, as_of)
    cohorts = [workers, *(c for c, _ in others), spouses, children]
    people = assemble(stream(seed, "people"), geo, cohorts, as_of)
    progress("people", 3, 4)
    worker_rows = people.of(Kind.WORKER)
    employer_name, employer_city = name_employers(stream(seed, "employers"), demand.slots)
    passports, placement_passport, journeys = _documents(
        stream(seed, "passports"), people, placements, worker_rows, others
    )
    progress("people", 4, 4)
    return World(
        config=config,
        geo=geo,
        people=people,
        plan=plan,
        workers=worker_rows,
        claimed_birth=claimed,
        falsified=falsified,
        placements=placements,
        placement_order=demand.placement_order,
        placement_passport=placement_passport,
        orders=demand.orders,
        employers=demand.slots,
        employer_name=employer_name,
        employer_city=employer_city,
        violations=demand.violations,
        agencies=agencies,
        passports=passports,
        journeys=journeys,
        planted=planted,
    )


@dataclass(frozen=True)
class _Demand:
    placement_order: I32
    orders: JobOrders
    slots: EmployerSlots
    violations: Violations


def _demand(seed: int, agencies: Agencies, placements: Placements, as_of: int) -> _Demand:
    """Job orders cut from the placements, their employers and agencies, a few against
    the rules on purpose."""
    rng = stream(seed, "job_orders")
    registered = placements.milestones[:, 0]
    placement_order = cut_into_orders(rng, placements.job, registered)
    visa_planned = placements.milestones[:, Status.VISA_ISSUED]
    orders, slots = build_orders(
        rng, agencies, placement_order, placements.job, registered, as_of, visa_planned
    )
    violations, slots = break_rules(rng, orders, slots, agencies, placement_order, registered)
    slots = drop_unused_employers(orders, slots)
    orders.status = order_status(orders, as_of)
    return _Demand(placement_order, orders, slots, violations)


def _plant(
    seed: int,
    demand: _Demand,
    agencies: Agencies,
    placements: Placements,
    falsified: Bools,
    as_of: int,
) -> tuple[Placements, Planted]:
    """Stop the placements of agencies that lost the right to place, then plant the
    placement-level violations (docs: lindung.demo.planted)."""
    agency = demand.orders.agency[demand.placement_order]
    on_bad_order = np.isin(demand.placement_order, demand.violations.order)
    suspended = np.array(agencies.status)[agency] == "suspended"
    placements, kept = freeze(
        stream(seed, "licences"),
        placements,
        forward_deadline(agencies)[agency],
        suspended,
        on_bad_order,
        wanted(len(placements)),
        as_of,
    )
    eligible = ~on_bad_order & ~falsified[placements.worker]
    zero_cost_household = np.array([j.household and zero_cost(j.job_type) for j in JOBS])
    planted = choose(
        stream(seed, "planted"), placements, eligible, kept, zero_cost_household[placements.job]
    )
    return placements, planted


def _worker_cohort(plan: WorkerPlan) -> Cohort:
    head = (plan.marital != Marital.SINGLE) & ~(plan.female & (plan.marital == Marital.MARRIED))
    relationship = np.select(
        [plan.female & (plan.marital == Marital.MARRIED), head],
        [Relationship.WIFE, Relationship.HEAD],
        Relationship.CHILD,
    )
    return Cohort(
        kind=Kind.WORKER,
        female=plan.female,
        birth=plan.birth,
        village=plan.village,
        marital=plan.marital,
        education=plan.education,
        household=np.full(len(plan), -1, dtype=np.int32),
        relationship=relationship.astype(np.int8),
    )


def _documents(
    rng: np.random.Generator,
    people: People,
    placements: Placements,
    worker_rows: I64,
    others: list[tuple[Cohort, Trips]],
) -> tuple[Passports, I32, tuple[Journeys, ...]]:
    """Passports of workers and travellers, numbered together so numbers are unique."""
    person, issued, placement_passport = worker_passports(rng, placements, worker_rows)
    persons, issues = [person], [issued]
    journeys = []
    offset = len(person)
    for (_, trips), kind in zip(others, (Kind.IRREGULAR, Kind.ABROAD, Kind.TOURIST), strict=True):
        rows = people.of(kind)
        holds = trips.through_checkpoint
        who, when = traveller_passports(
            rng, rows[holds], trips.departed[holds], TRAVEL_PASSPORT_AGE
        )
        passport = np.full(len(rows), -1, dtype=np.int32)
        passport[holds] = offset + np.arange(int(holds.sum()), dtype=np.int32)
        offset += len(who)
        persons.append(who)
        issues.append(when)
        journeys.append(Journeys(kind=kind, people=rows, trips=trips, passport=passport))
    passports = numbered(rng, np.concatenate(persons), np.concatenate(issues))
    return passports, placement_passport, tuple(journeys)
