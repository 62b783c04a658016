"""Everyone the demo speaks of, as one table: identity facts that agree with each other.

People are assembled from cohorts (workers, irregular migrants, citizens abroad,
tourists, spouses, children). For each person the naming tradition follows the
origin regency (spouses and children share the worker's), the civil-registry
name is drawn from it, and the NIK is composed from the district of the origin
village, the true birth date (day + 40 for women) and a serial unique within
district, birth date and sex (the layout of ``lindung.domain.identity.nik``).
Family cards (KK) share the NIK's layout: district, issue date, serial.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import numpy as np

from lindung.demo.arrays import I8, I32, I64, Bools, choice_per_row, ranks_within
from lindung.demo.calendar import date_parts, day_number, from_day_number
from lindung.demo.cohorts import Cohort, Kind
from lindung.demo.geography import Geography
from lindung.demo.names import Names, compose, vocabulary
from lindung.demo.recruitment import Education
from lindung.domain.identity.nik import make_nik

#: Share of people born outside their origin regency (birth place elsewhere in the province).
BORN_ELSEWHERE = 0.1


@dataclass(frozen=True)
class People:
    kind: I8
    female: Bools
    birth: I32  # true birth date
    village: I32
    birth_regency: I32
    marital: I8
    education: I8
    household: I32  # person index of the head worker's row for family members, else -1
    relationship: I8
    group: I8
    names: Names
    nik: I64
    family_card: I64
    person_id: I64  # the ground-truth identity, a shuffled number

    def __len__(self) -> int:
        return len(self.kind)

    def of(self, kind: Kind) -> I64:
        """Row indices of the people of one kind, in cohort order."""
        return np.flatnonzero(self.kind == kind).astype(np.int64)


def _concat(cohorts: list[Cohort]) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for field in fields(Cohort):
        if field.name == "kind":
            continue
        columns[field.name] = np.concatenate([getattr(c, field.name) for c in cohorts])
    columns["kind"] = np.concatenate([np.full(len(c), c.kind, dtype=np.int8) for c in cohorts])
    return columns


def assemble(
    rng: np.random.Generator, geo: Geography, cohorts: list[Cohort], as_of: date
) -> People:
    """One table of people; the worker cohort must come first (families point into it)."""
    c = _concat(cohorts)
    n = len(c["kind"])
    regency = geo.village_regency[c["village"]]
    group = choice_per_row(rng, geo.group_cumulative, regency).astype(np.int8)
    family = c["household"] >= 0
    keep_spouse_group = (c["kind"] == Kind.CHILD) | (rng.random(n) < 0.9)
    inherit = family & keep_spouse_group
    group[inherit] = group[c["household"][inherit]]
    birth_year, _, _ = date_parts(c["birth"])
    names = compose(
        rng, vocabulary(), group, c["female"], birth_year, c["education"] >= Education.D3
    )
    nik = compose_niks(geo, c["village"], c["birth"], c["female"])
    return People(
        kind=c["kind"],
        female=c["female"],
        birth=c["birth"],
        village=c["village"],
        birth_regency=_birth_regencies(rng, geo, regency),
        marital=c["marital"],
        education=c["education"],
        household=c["household"],
        relationship=c["relationship"],
        group=group,
        names=names,
        nik=nik,
        family_card=_family_cards(rng, geo, c["village"], c["household"], as_of),
        person_id=(rng.permutation(n) + 1).astype(np.int64),
    )


def compose_niks(geo: Geography, village: I32, birth: I32, female: Bools) -> I64:
    """NIKs as numbers: district (6) + DDMMYY with day + 40 for women + serial (4).

    Serials count from 1 within each district, birth date and sex, so NIKs are
    unique. The layout is checked against :func:`make_nik` on the first rows.
    """
    district = geo.district_numbers[geo.village_district[village]]
    year, month, day = date_parts(birth)
    day = day + np.where(female, 40, 0)
    prefix = district * 1_000_000 + day * 10_000 + month * 100 + year % 100
    serial = ranks_within(prefix)
    nik = prefix * 10_000 + serial
    _check_layout(geo, village, birth, female, serial, nik)
    return nik.astype(np.int64)


def _check_layout(
    geo: Geography, village: I32, birth: I32, female: Bools, serial: I64, nik: I64
) -> None:
    for row in range(min(len(nik), 16)):
        district = geo.village_codes[int(village[row])].as_py()[:8]
        expected = make_nik(
            district,
            from_day_number(int(birth[row])),
            "F" if female[row] else "M",
            int(serial[row]),
        )
        if expected != str(int(nik[row])):
            raise RuntimeError("generated NIKs disagree with lindung.domain.identity.make_nik")


def _birth_regencies(rng: np.random.Generator, geo: Geography, regency: I32) -> I32:
    """The origin regency, or for some another regency of the same province."""
    n = len(regency)
    province = geo.regency_province[regency]
    first = np.searchsorted(geo.regency_province, province)
    count = np.bincount(geo.regency_province)[province]
    elsewhere = (first + (rng.random(n) * count).astype(np.int64)).astype(np.int32)
    return np.where(rng.random(n) < BORN_ELSEWHERE, elsewhere, regency).astype(np.int32)


def _family_cards(
    rng: np.random.Generator, geo: Geography, village: I32, household: I32, as_of: date
) -> I64:
    """KK numbers: one per household (a worker with spouse and children, or a person alone)."""
    n = len(village)
    home = np.where(household >= 0, household, np.arange(n))
    first, last = day_number(date(2005, 1, 1)), day_number(as_of)
    issued = (first + rng.random(n) * (last - first)).astype(np.int32)[home]
    district = geo.district_numbers[geo.village_district[village[home]]]
    year, month, day = date_parts(issued)
    prefix = district * 1_000_000 + day * 10_000 + month * 100 + year % 100
    heads = household < 0
    serial = np.zeros(n, dtype=np.int64)
    serial[heads] = ranks_within(prefix[heads])
    return (prefix * 10_000 + serial[home]).astype(np.int64)
