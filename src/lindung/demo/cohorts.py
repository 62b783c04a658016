"""The people beside registered workers: who else the partner files speak of.

- Irregular migrants (non-procedural): FACTS.md counts about 9 million
  Indonesians working abroad against 4.7 million ever registered. We generate
  :data:`IRREGULAR_PER_WORKER` of them per registered worker, mostly to
  Malaysia (exits via Nunukan, Batam, Bengkalis), also to Saudi Arabia on
  visit and umrah visas and to the scam compounds of Cambodia and Myanmar,
  more often from NTT, NTB and East Java; a few are children, some of the
  girls among them already married (:data:`MINORS_EVER_MARRIED`).
- Citizens abroad who are not PMI (students, spouses, professionals): they
  fill the overseas voter list beside workers.
- Tourists and pilgrims: the border-crossing file is mostly not PMI.
- Spouses and children of married workers, on their family cards (FACTS.md:
  645,761 children left behind by placements from 2020 to March 2025).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import IntEnum

import numpy as np

from lindung.demo.arrays import I8, I32, Bools, choice
from lindung.demo.calendar import YEAR, day_number, registration_days
from lindung.demo.geography import Geography, population_regency_weights, regency_weights
from lindung.demo.recruitment import Education, Marital, draw_marital

IRREGULAR_PER_WORKER = 0.5
TOURISTS_PER_WORKER = 0.25
#: Children per ever-married worker (645,761 children for about a million placements,
#: 61% of them ever married).
CHILDREN_PER_PARENT = 1.05


class Kind(IntEnum):
    WORKER = 0
    IRREGULAR = 1
    ABROAD = 2
    TOURIST = 3
    SPOUSE = 4
    CHILD = 5

    @property
    def label(self) -> str:
        return self.name.lower()


#: Irregular migrants by origin province (shape of the cases in FACTS.md: NTT deaths
#: in Malaysia, NTB and East Java; border provinces of Kalimantan).
IRREGULAR_PROVINCES = {
    "53": 22.0, "52": 18.0, "35": 16.0, "73": 10.0, "32": 9.0, "33": 7.0, "12": 5.0,
    "61": 3.0, "18": 3.0, "76": 2.0, "64": 1.0, "65": 1.0,
}  # fmt: skip

#: (destination, share, share of women)
IRREGULAR_DESTINATIONS = (
    ("MY", 0.62, 0.35), ("SA", 0.12, 0.85), ("KH", 0.06, 0.3), ("MM", 0.03, 0.3),
    ("SG", 0.04, 0.6), ("BN", 0.03, 0.3), ("AE", 0.03, 0.7), ("TW", 0.03, 0.5),
    ("HK", 0.02, 0.9), ("KR", 0.02, 0.2),
)  # fmt: skip
#: Share of irregular departures that pass an immigration checkpoint (TPI) at all;
#: the others cross by boat or forest paths and appear in no crossing record.
THROUGH_CHECKPOINT = 0.75
#: Share of irregular migrants back home (deported or returned) by ``as_of``.
IRREGULAR_RETURN = 0.25
UNDER_AGE_SHARE = 0.025
#: Share of the irregular girls under 18 who are (or were) married: child marriage is
#: common in the origin provinces (UU 16/2019 raised the minimum age to 19) and young
#: married or divorced women leave to work. An assumption: FACTS.md has no figure.
#: They stay eligible voters (UU 7/2017 Pasal 198: 17 or ever married).
MINORS_EVER_MARRIED = 0.12

ABROAD_COUNTRIES = (
    ("MY", 0.3), ("SG", 0.1), ("SA", 0.1), ("TW", 0.05), ("HK", 0.04), ("JP", 0.07),
    ("KR", 0.03), ("AU", 0.07), ("US", 0.06), ("NL", 0.04), ("DE", 0.03), ("GB", 0.03),
    ("AE", 0.03), ("EG", 0.02), ("QA", 0.02), ("TR", 0.01),
)  # fmt: skip

#: (destination, share, mean days away)
TOURIST_DESTINATIONS = (
    ("SG", 0.25, 4), ("MY", 0.2, 5), ("SA", 0.2, 12), ("TH", 0.08, 6), ("JP", 0.07, 8),
    ("KR", 0.05, 7), ("TR", 0.04, 10), ("CN", 0.04, 7), ("AU", 0.03, 10), ("HK", 0.04, 4),
)  # fmt: skip


@dataclass(frozen=True)
class Cohort:
    kind: Kind
    female: Bools
    birth: I32
    village: I32
    marital: I8
    education: I8
    household: I32  # worker index whose family card they are on, -1 for their own
    relationship: I8  # Relationship on the family card

    def __len__(self) -> int:
        return len(self.female)


class Relationship(IntEnum):
    HEAD = 0
    WIFE = 1
    CHILD = 2


RELATIONSHIP_LABELS = ("KEPALA KELUARGA", "ISTRI", "ANAK")


@dataclass(frozen=True)
class Trips:
    """Journeys abroad of a cohort: one per person (country alpha-2; -1 = no date)."""

    country: np.ndarray[tuple[int], np.dtype[np.str_]]
    departed: I32
    returned: I32
    through_checkpoint: Bools


def _cohort(
    kind: Kind, female: Bools, birth: I32, village: I32, marital: I8, education: I8
) -> Cohort:
    n = len(female)
    return Cohort(
        kind=kind,
        female=female,
        birth=birth,
        village=village,
        marital=marital,
        education=education,
        household=np.full(n, -1, dtype=np.int32),
        relationship=np.full(n, Relationship.HEAD, dtype=np.int8),
    )


def _ages(
    rng: np.random.Generator, n: int, mean: float, sd: float, low: float, high: float
) -> np.ndarray[tuple[int], np.dtype[np.float64]]:
    return np.clip(rng.normal(mean, sd, n), low, high + 0.99)


def _schooling(rng: np.random.Generator, n: int, weights: tuple[float, ...]) -> I8:
    return choice(rng, list(weights), n).astype(np.int8)


def irregular(
    rng: np.random.Generator, geo: Geography, workers: int, as_of: date
) -> tuple[Cohort, Trips]:
    """Non-procedural migrants and their one journey (see the module docstring)."""
    n = round(workers * IRREGULAR_PER_WORKER)
    where = choice(rng, [share for _, share, _ in IRREGULAR_DESTINATIONS], n)
    female = rng.random(n) < np.array([w for _, _, w in IRREGULAR_DESTINATIONS])[where]
    departed = registration_days(rng, n, date(2019, 1, 1), as_of - timedelta(days=1))
    ages = _ages(rng, n, 29.0, 7.0, 18, 50)
    minors = rng.random(n) < UNDER_AGE_SHARE
    ages = np.where(minors, rng.uniform(15.0, 17.9, n), ages)
    province = np.zeros(len(geo.province_codes))
    for code, weight in IRREGULAR_PROVINCES.items():
        province[geo.province_index(code)] = weight
    regency = choice(rng, regency_weights(geo, province), n)
    back = departed + rng.integers(90, 1100, n)
    returned = np.where((rng.random(n) < IRREGULAR_RETURN) & (back <= day_number(as_of)), back, -1)
    cohort = _cohort(
        Kind.IRREGULAR,
        female,
        (departed - np.floor(ages * YEAR)).astype(np.int32),
        geo.villages_in(rng, regency),
        np.where(minors, Marital.SINGLE, draw_marital(rng, ages)).astype(np.int8),
        _schooling(rng, n, (0.35, 0.4, 0.23, 0.01, 0.01)),
    )
    trips = Trips(
        country=np.array([c for c, _, _ in IRREGULAR_DESTINATIONS])[where],
        departed=departed,
        returned=returned.astype(np.int32),
        through_checkpoint=rng.random(n) < THROUGH_CHECKPOINT,
    )
    # drawn last, so that no earlier draw of this stream moves
    married = minors & female & (rng.random(n) < MINORS_EVER_MARRIED)
    marital = np.where(married, Marital.MARRIED, cohort.marital).astype(np.int8)
    return replace(cohort, marital=marital), trips


def citizens_abroad(
    rng: np.random.Generator, geo: Geography, count: int, as_of: date
) -> tuple[Cohort, Trips]:
    """``count`` Indonesians living abroad who are not migrant workers (most of them on
    the voter list; ``DemoConfig.voters_abroad``)."""
    n = count
    where = choice(rng, [share for _, share in ABROAD_COUNTRIES], n)
    ages = _ages(rng, n, 36.0, 11.0, 19, 75)
    settled = day_number(as_of) - (rng.random(n) * 12 * YEAR).astype(np.int32)
    regency = choice(rng, population_regency_weights(geo, city_bias=2.5), n)
    cohort = _cohort(
        Kind.ABROAD,
        rng.random(n) < 0.55,
        (day_number(as_of) - np.floor(ages * YEAR)).astype(np.int32),
        geo.villages_in(rng, regency),
        draw_marital(rng, ages),
        _schooling(rng, n, (0.05, 0.1, 0.45, 0.15, 0.25)),
    )
    trips = Trips(
        country=np.array([c for c, _ in ABROAD_COUNTRIES])[where],
        departed=settled.astype(np.int32),
        returned=np.full(n, -1, dtype=np.int32),
        through_checkpoint=np.ones(n, dtype=np.bool_),
    )
    return cohort, trips


def tourists(
    rng: np.random.Generator, geo: Geography, workers: int, as_of: date
) -> tuple[Cohort, Trips]:
    """Holiday makers and pilgrims (umrah): one trip each, mostly back by ``as_of``."""
    n = round(workers * TOURISTS_PER_WORKER)
    where = choice(rng, [share for _, share, _ in TOURIST_DESTINATIONS], n)
    departed = registration_days(rng, n, date(2019, 1, 1), as_of - timedelta(days=1))
    away = np.array([days for _, _, days in TOURIST_DESTINATIONS])[where]
    back = departed + np.maximum(2, rng.poisson(away)).astype(np.int32)
    ages = _ages(rng, n, 40.0, 13.0, 18, 75)
    regency = choice(rng, population_regency_weights(geo, city_bias=3.0), n)
    cohort = _cohort(
        Kind.TOURIST,
        rng.random(n) < 0.5,
        (departed - np.floor(ages * YEAR)).astype(np.int32),
        geo.villages_in(rng, regency),
        draw_marital(rng, ages + 6),
        _schooling(rng, n, (0.1, 0.15, 0.45, 0.1, 0.2)),
    )
    trips = Trips(
        country=np.array([c for c, _, _ in TOURIST_DESTINATIONS])[where],
        departed=departed,
        returned=np.where(back <= day_number(as_of), back, -1).astype(np.int32),
        through_checkpoint=np.ones(n, dtype=np.bool_),
    )
    return cohort, trips


def families(
    rng: np.random.Generator, geo: Geography, workers: Cohort, as_of: date
) -> tuple[Cohort, Cohort]:
    """Spouses of married workers and children of ever-married workers, on their cards."""
    married = np.flatnonzero(workers.marital == Marital.MARRIED)
    spouse_female = ~workers.female[married]
    gap = rng.normal(3.0, 3.0, len(married)) * np.where(spouse_female, -1, 1)
    spouses = Cohort(
        kind=Kind.SPOUSE,
        female=spouse_female,
        birth=(workers.birth[married] - np.round(gap * YEAR)).astype(np.int32),
        village=_nearby(rng, geo, workers.village[married]),
        marital=np.full(len(married), Marital.MARRIED, dtype=np.int8),
        education=_schooling(rng, len(married), (0.3, 0.35, 0.3, 0.03, 0.02)),
        household=married.astype(np.int32),
        relationship=np.where(spouse_female, Relationship.WIFE, Relationship.HEAD).astype(np.int8),
    )
    return spouses, _children(rng, workers, as_of)


def _nearby(rng: np.random.Generator, geo: Geography, village: I32) -> I32:
    """The same village, or (one in five) another village of the same regency."""
    moved = geo.villages_in(rng, geo.village_regency[village])
    return np.where(rng.random(len(village)) < 0.8, village, moved).astype(np.int32)


def _children(rng: np.random.Generator, workers: Cohort, as_of: date) -> Cohort:
    parents = np.flatnonzero(workers.marital != Marital.SINGLE)
    counts = np.minimum(rng.poisson(CHILDREN_PER_PARENT, len(parents)), 5)
    parent = np.repeat(parents, counts)
    first = workers.birth[parent] + int(19 * YEAR)
    last = np.minimum(workers.birth[parent] + int(42 * YEAR), day_number(as_of) - 30)
    span = np.maximum(last - first, 1)
    birth = (first + (rng.random(len(parent)) * span).astype(np.int32)).astype(np.int32)
    born = birth <= day_number(as_of) - 30
    parent, birth = parent[born], birth[born]
    n = len(parent)
    return Cohort(
        kind=Kind.CHILD,
        female=rng.random(n) < 0.49,
        birth=birth,
        village=workers.village[parent],
        marital=np.full(n, Marital.SINGLE, dtype=np.int8),
        education=np.full(n, Education.SD, dtype=np.int8),
        household=parent.astype(np.int32),
        relationship=np.full(n, Relationship.CHILD, dtype=np.int8),
    )
