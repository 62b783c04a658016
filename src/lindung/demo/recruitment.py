"""Who is recruited for which job: destination, job, sex, age, origin, schooling, marriage.

One row per registered worker, drawn in this order because each depends on
the previous: destination (2023 shares), job within it, sex from the job's mix
(women in Hong Kong and Taiwan households, men on Korean lines and Malaysian
plantations), first registration date (shaped like the yearly placement
figures), age from the job's recruiting profile, origin regency (province
figures, with regional routes: NTT and South Sulawesi to Sabah, NTB and West
Java to Saudi Arabia, Bali to Turkish spas and cruise ships), schooling, and
marital status (FACTS.md: 61% of placements were married or divorced).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import IntEnum

import numpy as np

from lindung.demo.arrays import F64, I8, I16, I32, Bools, choice, sample_exact
from lindung.demo.calendar import YEAR, registration_days
from lindung.demo.geography import Geography, ensure_partner_regencies, worker_regency_weights
from lindung.demo.jobs import COUNTRIES, DESTINATION_PLACEMENTS, JOBS, violating_jobs

FIRST_REGISTRATION = date(2019, 1, 1)

#: Regional migration routes: how much more often a province sends workers to a
#: destination than its overall share says.
ROUTES: dict[str, dict[str, float]] = {
    "52": {"MY": 2.5, "SA": 3.0, "BN": 1.5},
    "53": {"MY": 4.0},
    "73": {"MY": 4.0},
    "76": {"MY": 3.0},
    "12": {"MY": 2.0, "KR": 1.5},
    "51": {"TR": 20.0, "IT": 10.0, "JP": 2.0, "AE": 2.0},
    "32": {"SA": 2.5, "AE": 2.0, "QA": 2.0, "KW": 2.0, "OM": 2.0},
    "36": {"SA": 2.0},
    "35": {"HK": 1.4, "TW": 1.2},
    "33": {"KR": 1.5, "JP": 1.5, "HK": 1.2},
    "18": {"TW": 1.2, "SG": 1.5},
    "61": {"MY": 5.0, "BN": 3.0},
    "64": {"MY": 3.0, "BN": 3.0},
    "65": {"MY": 5.0, "BN": 3.0},
}

#: Share of job orders against Kepmenaker 260/2015 (household domestic work in a closed
#: country), generated on purpose; at least two.
CLOSED_COUNTRY_SHARE = 0.0005


class Education(IntEnum):
    SD = 0
    SMP = 1
    SMA = 2
    D3 = 3
    S1 = 4


class Marital(IntEnum):
    SINGLE = 0
    MARRIED = 1
    DIVORCED = 2
    WIDOWED = 3


MARITAL_LABELS = ("single", "married", "divorced", "widowed")

#: Schooling by certificate scheme: most PMI in domestic, plantation and fishing work
#: finished primary or junior school; Korea, Japan and factory jobs ask for senior school.
_EDUCATION: dict[str, tuple[float, ...]] = {
    "NRS": (0.0, 0.0, 0.05, 0.6, 0.35),
    "OPM": (0.05, 0.2, 0.65, 0.06, 0.04),
    "KGO": (0.0, 0.1, 0.75, 0.1, 0.05),
    "HOS": (0.03, 0.15, 0.7, 0.08, 0.04),
    "SPA": (0.05, 0.25, 0.65, 0.04, 0.01),
    "LAS": (0.05, 0.25, 0.65, 0.04, 0.01),
}
_EDUCATION_DEFAULT = (0.3, 0.38, 0.28, 0.03, 0.01)

#: FACTS.md: 61% of placements (2020 to March 2025) were married or divorced.
EVER_MARRIED = 0.61


@dataclass(frozen=True)
class WorkerPlan:
    job: I16  # catalogue index of the first placement's job
    female: Bools
    registered: I32  # first registration (day number)
    birth: I32  # true birth date (day number)
    regency: I32
    village: I32
    education: I8
    marital: I8

    def __len__(self) -> int:
        return len(self.job)


def plan_workers(rng: np.random.Generator, geo: Geography, count: int, as_of: date) -> WorkerPlan:
    """Draw ``count`` registered workers (see the module docstring for the order),
    listed in the order they first registered."""
    job = _draw_jobs(rng, count)
    female = rng.random(count) < np.array([j.female for j in JOBS])[job]
    registered = np.sort(
        registration_days(rng, count, FIRST_REGISTRATION, as_of - timedelta(days=1))
    )
    ages = _draw_ages(rng, job)
    birth = (registered - np.floor(ages * YEAR)).astype(np.int32)
    regency = _draw_origins(rng, geo, job)
    regency = ensure_partner_regencies(rng, geo, regency, max(3, count // 500))
    return WorkerPlan(
        job=job.astype(np.int16),
        female=female,
        registered=registered,
        birth=birth,
        regency=regency,
        village=geo.villages_in(rng, regency),
        education=_draw_education(rng, job),
        marital=draw_marital(rng, ages),
    )


def _draw_jobs(rng: np.random.Generator, count: int) -> I32:
    weights = np.array(
        [DESTINATION_PLACEMENTS[j.country] * j.share if j.violation is None else 0 for j in JOBS]
    )
    job = choice(rng, weights, count)
    domestic = np.array([j.job_type == "domestic_worker" for j in JOBS])[job]
    closed = violating_jobs()
    wanted = max(2, round(count * CLOSED_COUNTRY_SHARE))
    rows = np.flatnonzero(sample_exact(rng, domestic, wanted))
    job[rows] = np.array(closed)[np.arange(len(rows)) % len(closed)]
    return job


def _draw_ages(rng: np.random.Generator, job: I32) -> F64:
    """Ages in years (with a fraction), within the job's recruiting range."""
    mean = np.array([j.age.mean for j in JOBS])[job]
    sd = np.array([j.age.sd for j in JOBS])[job]
    low = np.array([j.age.low for j in JOBS])[job]
    high = np.array([j.age.high for j in JOBS])[job] + 1
    ages = rng.normal(mean, sd)
    for _ in range(6):
        outside = (ages < low) | (ages >= high)
        if not outside.any():
            break
        ages[outside] = rng.normal(mean[outside], sd[outside])
    fallback = rng.uniform(low, high)
    ages = np.where((ages < low) | (ages >= high), fallback, ages)
    return np.asarray(ages, dtype=np.float64)


def _draw_origins(rng: np.random.Generator, geo: Geography, job: I32) -> I32:
    base = worker_regency_weights(geo)
    country_of_job = np.array([COUNTRIES.index(j.country) for j in JOBS])[job]
    regency = np.zeros(len(job), dtype=np.int32)
    for number, country in enumerate(COUNTRIES):
        rows = np.flatnonzero(country_of_job == number)
        if not len(rows):
            continue
        boost = np.array(
            [ROUTES.get(geo.province_codes[p], {}).get(country, 1.0) for p in geo.regency_province]
        )
        regency[rows] = choice(rng, base * boost, len(rows))
    return regency


def _draw_education(rng: np.random.Generator, job: I32) -> I8:
    profiles = [_EDUCATION.get(j.scheme, _EDUCATION_DEFAULT) for j in JOBS]
    cumulative = np.cumsum(np.array(profiles), axis=1)
    cumulative[:, -1] = 1.0
    u = rng.random(len(job))
    level: I8 = (u[:, None] >= cumulative[job]).sum(axis=1).clip(0, 4).astype(np.int8)
    return level


def draw_marital(rng: np.random.Generator, ages: F64) -> I8:
    """Marital status by age, scaled so that :data:`EVER_MARRIED` of the people have married."""
    single = np.select([ages < 22, ages < 27, ages < 35], [0.8, 0.5, 0.25], 0.1)
    single = np.clip(single * (1 - EVER_MARRIED) / single.mean(), 0.02, 0.97)
    u = rng.random(len(ages))
    v = rng.random(len(ages))
    married = np.select([v < 0.74, v < 0.96], [Marital.MARRIED, Marital.DIVORCED], Marital.WIDOWED)
    return np.where(u < single, Marital.SINGLE, married).astype(np.int8)


#: Share of workers whose registered birth date is falsified ("claims 20, actually
#: 15", RULES.md): under 18 in truth, 21 or more in the registry. At least three.
FALSIFIED_AGE_SHARE = 0.002


def falsify_ages(rng: np.random.Generator, plan: WorkerPlan) -> tuple[WorkerPlan, I32, Bools]:
    """Pick girls recruited for household work with a forged age.

    Returns the plan with their *true* (under-age) birth dates, the birth dates
    the registry shows (the forged ones for them, the true ones for everyone
    else) and the mask of falsified workers. They are single: a girl of 16 sent
    abroad on forged papers is not on a family card of her own.
    """
    household = np.array([j.household for j in JOBS])[plan.job]
    wanted = max(3, round(len(plan) * FALSIFIED_AGE_SHARE))
    falsified = sample_exact(rng, household & plan.female, wanted)
    true_age = rng.uniform(15.2, 17.8, len(plan))
    true_birth = (plan.registered - np.floor(true_age * YEAR)).astype(np.int32)
    claimed_age = rng.uniform(21.0, 24.0, len(plan))
    forged = (plan.registered - np.floor(claimed_age * YEAR)).astype(np.int32)
    claimed = np.where(falsified, forged, plan.birth).astype(np.int32)
    truth = replace(
        plan,
        birth=np.where(falsified, true_birth, plan.birth).astype(np.int32),
        marital=np.where(falsified, Marital.SINGLE, plan.marital).astype(np.int8),
    )
    return truth, claimed, falsified
