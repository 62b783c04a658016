"""Placements that break a rule on purpose, so that the policy engine has work.

Each kind is planted in a few placements (:data:`SHARE` of all placements, at
least three) of workers with a single placement, on job orders that break no
rule themselves, one kind per placement, and listed in the ground truth
``placement_violations`` so that the engine's findings can be checked:

- ``under_age``: the registry's birth date (the true one: no forgery here, the
  agency placed a minor openly) makes the worker under 18 on the departure day
  (UU 18/2017 Pasal 5);
- ``fee_on_exempt_job``: a household job of Peraturan BP2MI 9/2020's zero-cost
  list charges the worker an exempt cost item;
- ``missing_document``: one Pasal 13 document is missing (``detail``: its kind);
- ``expired_document``: the work visa expired before the departure;
- ``tourist_visa``: the visa is a tourist visa, not a work visa;
- ``health_expired``: the medical certificate expired before the departure;
- ``competence_mismatch``: the competence certificate is for another scheme;
- ``no_social_security``: no BPJS Ketenagakerjaan membership;
- ``agency_suspended_moves``: moved forward after the agency was suspended
  (chosen in :mod:`lindung.demo.licence_freeze`).

Some are *pending*: the placement is at ``oriented`` on ``as_of`` (an under-age
candidate, a fee on an exempt job, a tourist visa), so that moving it to
``departed`` today is refused; the others have departed. Household domestic work
for a household in Saudi Arabia (Kepmenaker 260/2015) is planted the same way
in a few oriented placements (:func:`retarget_to_closed_country`) and listed
with the job orders (``job_order_violations``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from lindung.demo.arrays import I8, I32, Bools, sample_exact
from lindung.demo.calendar import YEAR
from lindung.demo.jobs import JOBS
from lindung.demo.lifecycle import Placements, Status
from lindung.demo.recruitment import Marital, WorkerPlan

SHARE = 0.0005
KINDS = (
    "under_age",
    "fee_on_exempt_job",
    "missing_document",
    "expired_document",
    "tourist_visa",
    "health_expired",
    "competence_mismatch",
    "no_social_security",
    "agency_suspended_moves",
)
#: Kinds that are also planted in placements waiting at ``oriented``.
PENDING_KINDS = frozenset({"under_age", "fee_on_exempt_job", "tourist_visa"})
#: Pasal 13 documents that can go missing (the others are the person's own records).
MISSABLE = (
    "marital_status_letter",
    "family_permission",
    "placement_agreement",
    "employment_contract",
)


@dataclass(frozen=True)
class Planted:
    placement: I32
    kind: I8  # index in KINDS
    detail: list[str | None]

    def of(self, kind: str) -> I32:
        rows: I32 = self.placement[self.kind == KINDS.index(kind)]
        return rows

    def mask(self, kind: str, size: int) -> Bools:
        chosen = np.zeros(size, dtype=np.bool_)
        chosen[self.of(kind)] = True
        return chosen


def wanted(placements: int) -> int:
    return max(3, round(placements * SHARE))


def single_placement(p: Placements) -> Bools:
    """Placements of workers who have only this one."""
    counts = np.bincount(p.worker, minlength=int(p.worker.max(initial=-1)) + 1)
    result: Bools = counts[p.worker] == 1
    return result


def retarget_to_closed_country(
    rng: np.random.Generator, p: Placements, plan: WorkerPlan
) -> tuple[Placements, WorkerPlan]:
    """A few oriented household domestic workers are recruited for a household in Saudi
    Arabia instead (Kepmenaker 260/2015): their departure must be refused."""
    household_domestic = np.array(
        [j.household and j.job_type == "domestic_worker" and j.violation is None for j in JOBS]
    )
    closed = [i for i, j in enumerate(JOBS) if j.violation and j.country == "SA"]
    candidates = (p.status == Status.ORIENTED) & household_domestic[p.job] & single_placement(p)
    rows = np.flatnonzero(sample_exact(rng, candidates, max(1, wanted(len(p)) // 3)))
    job = p.job.copy()
    job[rows] = closed[0]
    plan_job = plan.job.copy()
    plan_job[p.worker[rows]] = closed[0]
    return replace(p, job=job), replace(plan, job=plan_job)


def choose(
    rng: np.random.Generator,
    p: Placements,
    eligible: Bools,
    suspended_moves: I32,
    zero_cost_household: Bools,
) -> Planted:
    """Pick the placements of each kind. ``eligible``: placements of single-placement
    workers with an honest birth date, on job orders that break no rule;
    ``zero_cost_household`` per placement: a household job with no placement cost."""
    taken = np.zeros(len(p), dtype=np.bool_)
    taken[suspended_moves] = True
    base = eligible & single_placement(p)
    departed = base & (p.stage >= Status.DEPARTED)
    pending = base & (p.status == Status.ORIENTED)
    count = wanted(len(p))
    rows: list[I32] = []
    kinds: list[I8] = []
    for number, kind in enumerate(KINDS):
        if kind == "agency_suspended_moves":
            picked = suspended_moves.astype(np.int32)
        else:
            pool = zero_cost_household if kind == "fee_on_exempt_job" else np.ones(len(p), bool)
            waiting = max(1, count // 3) if kind in PENDING_KINDS else 0
            first = _pick(rng, pending & pool & ~taken, waiting, taken)
            picked = np.concatenate(
                [first, _pick(rng, departed & pool & ~taken, count - len(first), taken)]
            )
        rows.append(picked.astype(np.int32))
        kinds.append(np.full(len(picked), number, dtype=np.int8))
    placement = np.concatenate(rows)
    kind_of = np.concatenate(kinds)
    missing = KINDS.index("missing_document")
    which = rng.integers(0, len(MISSABLE), len(placement))
    fixed = {"expired_document": "work_visa", "fee_on_exempt_job": "agency_fee"}
    detail: list[str | None] = [
        MISSABLE[w] if k == missing else fixed.get(KINDS[k])
        for k, w in zip(kind_of.tolist(), which.tolist(), strict=True)
    ]
    return Planted(placement=placement, kind=kind_of, detail=detail)


def _pick(rng: np.random.Generator, candidates: Bools, count: int, taken: Bools) -> I32:
    chosen = np.flatnonzero(sample_exact(rng, candidates, count)).astype(np.int32)
    taken[chosen] = True
    return chosen


def under_age_births(
    rng: np.random.Generator,
    p: Placements,
    rows: I32,
    plan: WorkerPlan,
    claimed: I32,
) -> tuple[WorkerPlan, I32]:
    """Make the workers of ``rows`` 16 to 17 years old on their (planned) departure
    day, single, with the registry showing that true birth date."""
    departure = p.milestones[rows, Status.DEPARTED]
    age = rng.uniform(16.5, 17.85, len(rows))
    birth = (departure - np.ceil(age * YEAR)).astype(np.int32)
    worker = p.worker[rows]
    new_birth = plan.birth.copy()
    new_birth[worker] = birth
    marital = plan.marital.copy()
    marital[worker] = Marital.SINGLE
    shown = claimed.copy()
    shown[worker] = birth
    return replace(plan, birth=new_birth, marital=marital), shown
