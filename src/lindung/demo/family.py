"""The family a worker declares (``family_members``): spouse and children, and who
cares for each child under 18 while the worker is abroad.

Spouses and children are the people on the worker's family card (the same
persons the Dukcapil extract lists; FACTS.md: 645,761 children left behind by
placements 2020 to March 2025). A caregiver is recorded for most children under
18: for a mother abroad, the father or a grandmother; for a father abroad, the
mother; for a divorced or widowed parent, grandparents or relatives. For
:data:`NO_CAREGIVER` of them none is recorded, and for a few children both
parents are abroad: the worker's spouse is a worker abroad too (the spouse row
then names that worker, ``spouse_worker_id``), and the grandparents care for
them (RULES.md, child protection indicators). Both are listed in the ground
truth ``child_protection``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import I32, I64, Bools, choice, sample_exact, strings, take
from lindung.demo.calendar import YEAR, age_on, date_parts, to_arrow
from lindung.demo.cohorts import Kind
from lindung.demo.names import NameStyle, compose, render, vocabulary
from lindung.demo.records import ids, stamps
from lindung.demo.recruitment import Marital
from lindung.demo.streams import stream
from lindung.demo.world import World

FAMILY_STYLE = NameStyle(title=0.3, degree=0.3, relation=0.03, respell=0.02, typo=0.01)
NO_CAREGIVER = 0.08
#: Married couples both abroad, per 10,000 workers (at least three).
BOTH_ABROAD_PER_10K = 3
CAREGIVERS = ("grandparent", "other_parent", "sibling", "relative", "other")
#: Who cares for a child: mother abroad, father abroad, parent alone (divorced/widowed).
CAREGIVER_SHARES = {
    "mother": (0.45, 0.4, 0.03, 0.1, 0.02),
    "father": (0.1, 0.85, 0.0, 0.05, 0.0),
    "alone": (0.6, 0.0, 0.1, 0.25, 0.05),
}


@dataclass(frozen=True)
class Family:
    person: I64  # People row of each member (spouse or child)
    worker: I64  # worker index
    child: Bools
    caregiver: I32  # index in CAREGIVERS, -1 none recorded (or not a minor)
    spouse_worker: I64  # worker index of a spouse who is a worker too, else -1
    flag: I32  # 0 none, 1 no caregiver, 2 both parents abroad


def family(world: World) -> Family:
    rng = stream(world.config.seed, "family")
    people = world.people
    member = np.flatnonzero(np.isin(people.kind, (Kind.SPOUSE, Kind.CHILD))).astype(np.int64)
    worker = people.household[member].astype(np.int64)
    child = people.kind[member] == Kind.CHILD
    order = np.lexsort((people.birth[member], child, worker))
    member, worker, child = member[order], worker[order], child[order]
    minor = child & (age_on(people.birth[member], world.as_of) < 18)
    caregiver = _caregivers(rng, world, worker, minor)
    spouse_worker, both = _both_abroad(rng, world, member, worker, child, minor)
    caregiver = np.where(both, 0, caregiver)
    missing = minor & ~both & (rng.random(len(member)) < NO_CAREGIVER)
    caregiver = np.where(missing, -1, caregiver).astype(np.int32)
    flag = np.select([missing, both], [1, 2], 0).astype(np.int32)
    return Family(member, worker, child, caregiver, spouse_worker, flag)


def _caregivers(rng: np.random.Generator, world: World, worker: I64, minor: Bools) -> I32:
    marital = world.plan.marital[worker]
    female = world.plan.female[worker]
    situation = np.select([marital != Marital.MARRIED, female], [2, 0], 1)
    drawn = np.zeros(len(worker), dtype=np.int32)
    for number, shares in enumerate(CAREGIVER_SHARES.values()):
        rows = np.flatnonzero(situation == number)
        drawn[rows] = choice(rng, list(shares), len(rows))
    return np.where(minor, drawn, -1).astype(np.int32)


def _abroad_workers(world: World) -> Bools:
    abroad = np.zeros(len(world.workers), dtype=np.bool_)
    abroad[world.placements.worker[world.placements.abroad]] = True
    return abroad


def _both_abroad(
    rng: np.random.Generator, world: World, member: I64, worker: I64, child: Bools, minor: Bools
) -> tuple[I64, Bools]:
    """Pair a few married workers abroad who have minor children with a married worker
    of the other sex who is abroad too: the spouse row names that worker."""
    abroad = _abroad_workers(world)
    married = world.plan.marital == Marital.MARRIED
    parents = np.zeros(len(world.workers), dtype=np.bool_)
    parents[worker[minor]] = True
    wanted = max(3, len(world.workers) * BOTH_ABROAD_PER_10K // 10_000)
    first = np.flatnonzero(sample_exact(rng, abroad & married & parents, wanted))
    others = abroad & married & ~parents
    spouse_worker = np.full(len(member), -1, dtype=np.int64)
    both = np.zeros(len(member), dtype=np.bool_)
    for female in (True, False):
        mine = first[world.plan.female[first] == female]
        pool = np.flatnonzero(others & (world.plan.female != female))
        partners = rng.choice(pool, size=min(len(mine), len(pool)), replace=False)
        mine = mine[: len(partners)]
        where = np.full(len(world.workers), -1, dtype=np.int64)
        where[mine] = partners
        spouse_rows = ~child & (where[worker] >= 0)
        spouse_worker[spouse_rows] = where[worker[spouse_rows]]
        both |= minor & (where[worker] >= 0)
    return spouse_worker, both


def family_members(world: World) -> Any:
    f = family(world)
    rng = stream(world.config.seed, "family_names")
    people, vocab = world.people, vocabulary()
    n = len(f.person)
    # a spouse who is a worker is written as that worker's person
    shown = np.where(f.spouse_worker >= 0, world.workers[f.spouse_worker.clip(0)], f.person)
    names = render(rng, vocab, people.names, FAMILY_STYLE, shown)
    return pa.table(
        {
            "id": ids(0, n),
            "worker_id": pa.array(f.worker + 1),
            "relation": take(strings(("spouse", "child")), f.child.astype(np.int32)),
            "full_name": names,
            "nik": pc.cast(pa.array(people.nik[shown]), pa.string()),
            "sex": pa.array(np.where(people.female[shown], "F", "M")),
            "birth_date": to_arrow(people.birth[shown]),
            "spouse_worker_id": pa.array(f.spouse_worker + 1, mask=f.spouse_worker < 0),
            "caregiver_name": _caregiver_names(rng, world, f, names),
            "caregiver_relation": take(strings(CAREGIVERS), f.caregiver.clip(0), f.caregiver >= 0),
            "village_code": take(world.geo.village_codes, people.village[shown]),
            "created_at": stamps(world.plan.registered[f.worker]),
        }
    )


def _caregiver_names(rng: np.random.Generator, world: World, f: Family, names: Any) -> Any:
    """The other parent's name (the spouse row of the same worker), else a grandparent's
    or relative's name in the family's naming tradition."""
    n = len(f.person)
    spouse_row = np.full(len(world.workers), -1, dtype=np.int64)
    spouses = np.flatnonzero(~f.child)
    spouse_row[f.worker[spouses]] = spouses
    parent = (f.caregiver == 1) & (spouse_row[f.worker] >= 0)
    others = np.flatnonzero((f.caregiver >= 0) & ~parent)
    grand = f.caregiver[others] == 0
    female = np.where(grand, rng.random(len(others)) < 0.7, rng.random(len(others)) < 0.5)
    worker_birth = world.plan.birth[f.worker[others]]
    birth = worker_birth - np.where(grand, 26, 0) * YEAR
    year, _, _ = date_parts(birth.astype(np.int32))
    group = world.people.group[f.person[others]]
    composed = compose(rng, vocabulary(), group, female, year, np.zeros(len(others), bool))
    other_names = render(rng, vocabulary(), composed, FAMILY_STYLE)
    where_other = np.full(n, -1, dtype=np.int64)
    where_other[others] = np.arange(len(others))
    from_spouse = names.take(pa.array(spouse_row[f.worker].clip(0)))
    if len(others):
        from_other = other_names.take(pa.array(where_other.clip(0)))
    else:
        from_other = pa.nulls(n, pa.string())
    chosen = pc.if_else(pa.array(parent), from_spouse, from_other)
    return pc.if_else(pa.array(f.caregiver >= 0), chosen, pa.nulls(n, pa.string()))
