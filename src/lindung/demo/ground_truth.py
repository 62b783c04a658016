"""Ground truth: who everyone really is, kept apart from what the product sees.

Written to ``out_dir/ground_truth/`` and never read by the product: tests and
benchmarks use it to score linkage and detectors. ``persons`` lists every
person once (true name, NIK, birth date, origin); every registry and partner
row maps to a ``person_id`` (the partner truths are written beside them);
``falsified_ages`` gives the true birth date of workers registered with a
forged one; ``job_order_violations`` lists the orders that break a rule.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import take
from lindung.demo.calendar import age_on, to_arrow
from lindung.demo.cohorts import RELATIONSHIP_LABELS, Kind
from lindung.demo.family import family
from lindung.demo.names import NameStyle, render, vocabulary
from lindung.demo.partners.columns import nullable, worker_of
from lindung.demo.partners.noise import labels
from lindung.demo.planted import KINDS as PLANTED_KINDS
from lindung.demo.recruitment import MARITAL_LABELS
from lindung.demo.streams import stream
from lindung.demo.world import World

#: The civil name, fully written: titles, degrees, no bin/binti.
TRUE_NAME = NameStyle(title=1.0, degree=1.0)


def persons(world: World) -> Any:
    people = world.people
    rows = np.arange(len(people), dtype=np.int64)
    worker = worker_of(world, rows)
    head = people.household
    return pa.table(
        {
            "person_id": pa.array(people.person_id),
            "kind": labels(tuple(k.label for k in Kind), people.kind),
            "worker_id": nullable(worker + 1, worker < 0),
            "nik": pc.cast(pa.array(people.nik), pa.string()),
            "name": render(stream(0, "truth"), vocabulary(), people.names, TRUE_NAME),
            "sex": pa.array(np.where(people.female, "F", "M").tolist()),
            "birth_date": to_arrow(people.birth),
            "marital_status": labels(MARITAL_LABELS, people.marital),
            "origin_village_code": take(world.geo.village_codes, people.village),
            "family_card_number": pc.cast(pa.array(people.family_card), pa.string()),
            "family_relationship": labels(RELATIONSHIP_LABELS, people.relationship),
            "household_person_id": nullable(people.person_id[head.clip(0)], head < 0),
        }
    )


def registry_workers(world: World) -> Any:
    """worker_id -> person_id, and whether the registered birth date is forged."""
    return pa.table(
        {
            "worker_id": pa.array(np.arange(1, len(world.workers) + 1, dtype=np.int64)),
            "person_id": pa.array(world.people.person_id[world.workers]),
            "falsified_age": pa.array(world.falsified),
        }
    )


def falsified_ages(world: World) -> Any:
    chosen = np.flatnonzero(world.falsified)
    rows = world.workers[chosen]
    true_birth = world.people.birth[rows]
    registered = world.plan.registered[chosen]
    return pa.table(
        {
            "worker_id": pa.array(chosen.astype(np.int64) + 1),
            "person_id": pa.array(world.people.person_id[rows]),
            "nik": pc.cast(pa.array(world.people.nik[rows]), pa.string()),
            "registry_birth_date": to_arrow(world.claimed_birth[chosen]),
            "true_birth_date": to_arrow(true_birth),
            "true_age_at_registration": pa.array(age_on(true_birth, registered).astype(np.int64)),
        }
    )


def job_order_violations(world: World) -> Any:
    v = world.violations
    return pa.table(
        {
            "job_order_id": pa.array(v.order.astype(np.int64) + 1),
            "code": world.orders.code.take(pa.array(v.order)),
            "violation": pa.array(v.kind, type=pa.string()),
        }
    )


def placement_violations(world: World) -> Any:
    """The placements that break a rule on purpose (lindung.demo.planted), one row each;
    ``pending``: not departed on ``as_of`` (moving it to 'departed' must be refused)."""
    planted = world.planted
    p = world.placements
    rows = planted.placement.astype(np.int64)
    return pa.table(
        {
            "placement_id": pa.array(rows + 1),
            "worker_id": pa.array(p.worker[rows].astype(np.int64) + 1),
            "job_order_id": pa.array(world.placement_order[rows].astype(np.int64) + 1),
            "violation": take(pa.array(list(PLANTED_KINDS)), planted.kind.astype(np.int32)),
            "detail": pa.array(planted.detail, type=pa.string()),
            "pending": pa.array(p.departed[rows] < 0),
        }
    )


def child_protection(world: World) -> Any:
    """Children under 18 of workers with no caregiver recorded, or with both parents
    abroad (family_members ids)."""
    f = family(world)
    rows = np.flatnonzero(f.flag > 0)
    return pa.table(
        {
            "family_member_id": pa.array(rows.astype(np.int64) + 1),
            "worker_id": pa.array(f.worker[rows] + 1),
            "flag": take(pa.array(["none", "no_caregiver", "both_parents_abroad"]), f.flag[rows]),
            "spouse_worker_id": pa.array(f.spouse_worker[rows] + 1, mask=f.spouse_worker[rows] < 0),
        }
    )
