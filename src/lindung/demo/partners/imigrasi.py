"""Ditjen Imigrasi border crossings (``partners/imigrasi_crossings.csv``).

Every departure and arrival through a checkpoint (TPI) of the people in the
world: registered workers leaving for and coming back from their placements,
irregular migrants leaving outside the procedure (to Malaysia mostly by sea
via Nunukan, Batam, Bengkalis; to Saudi Arabia, Cambodia and Myanmar by air
on visit visas), a few former workers leaving again without a placement,
residents abroad, and tourists and pilgrims (most rows are not PMI).

The source's own conventions: names as on the passport (upper case, no
punctuation or titles, long names cut at 30 characters, given name and
surname sometimes swapped), the passport's birth date (the forged one for
falsified ages), sex M/F, ISO dates, ISO 3166 alpha-3 countries; the NIK is
mostly empty. A few crossings of registered workers are missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import I32, I64, Bools, strings, take
from lindung.demo.calendar import day_number, to_arrow
from lindung.demo.cohorts import Kind
from lindung.demo.jobs import JOBS
from lindung.demo.lifecycle import Status
from lindung.demo.names import NameStyle, render, vocabulary
from lindung.demo.partners.checkpoints import CHECKPOINTS, checkpoints, region_of
from lindung.demo.partners.columns import nullable, record_ids, truth_columns
from lindung.demo.partners.noise import nik_column, nik_quality
from lindung.demo.passports import passport_text
from lindung.demo.streams import stream
from lindung.demo.world import World
from lindung.domain.countries import all_countries

PASSPORT_STYLE = NameStyle(
    passport=True, relation=0.12, respell=0.01, other_form=0.02, boru=0.3, swap=0.04, typo=0.004
)
NIK_PRESENT = 0.12
MISSING_WORKER_CROSSINGS = 0.01
#: Returned workers who leave again outside the procedure, while their passport lasts.
REMIGRATING_SHARE = 0.04
_NEIGHBOURS = ("MY", "SG")
#: The extract covers crossings from this day.
CROSSINGS_FROM = date(2019, 1, 1)


@dataclass
class _Rows:
    person: list[I64]
    passport: list[I32]
    arrival: list[Bools]
    day: list[I32]
    country: list[np.ndarray]  # alpha-2 strings
    checkpoint: list[I32]
    placement: list[I32]
    irregular: list[Bools]

    def add(self, rng: np.random.Generator, world: World, **columns: Any) -> None:
        n = len(columns["person"])
        self.person.append(columns["person"].astype(np.int64))
        self.passport.append(columns["passport"].astype(np.int32))
        self.arrival.append(np.full(n, columns["arrival"], dtype=np.bool_))
        self.day.append(columns["day"].astype(np.int32))
        self.country.append(np.asarray(columns["country"]))
        self.placement.append(columns.get("placement", np.full(n, -1)).astype(np.int32))
        irregular = np.full(n, columns.get("irregular", False), dtype=np.bool_)
        self.irregular.append(irregular)
        province = world.geo.regency_province[world.geo.village_regency[world.people.village]]
        regions = np.array([region_of(code) for code in world.geo.province_codes])
        region = regions[province[columns["person"]]]
        neighbour = np.isin(columns["country"], _NEIGHBOURS)
        sea = 0.85 if columns.get("irregular", False) else columns.get("sea", 0.3)
        self.checkpoint.append(checkpoints(rng, region, neighbour, sea, irregular))


def crossings(world: World) -> tuple[Any, Any]:
    """The crossings file and its ground truth."""
    rng = stream(world.config.seed, "imigrasi")
    rows = _Rows([], [], [], [], [], [], [], [])
    _workers(rng, world, rows)
    _travellers(rng, world, rows)
    return _table(rng, world, rows)


def _workers(rng: np.random.Generator, world: World, rows: _Rows) -> None:
    p = world.placements
    person = world.workers[p.worker]
    country = np.array([JOBS[j].country for j in p.job])
    kept = rng.random(len(p)) >= MISSING_WORKER_CROSSINGS
    left = np.flatnonzero((p.departed >= 0) & (world.placement_passport >= 0) & kept)
    rows.add(
        rng,
        world,
        person=person[left],
        passport=world.placement_passport[left],
        arrival=False,
        day=p.departed[left],
        country=country[left],
        placement=left,
    )
    back = np.flatnonzero((p.returned >= 0) & (world.placement_passport >= 0) & kept)
    rows.add(
        rng,
        world,
        person=person[back],
        passport=world.placement_passport[back],
        arrival=True,
        day=p.returned[back],
        country=country[back],
        placement=back,
    )
    _remigrating(rng, world, rows)


def _remigrating(rng: np.random.Generator, world: World, rows: _Rows) -> None:
    """Former workers leaving again without a placement (irregular), on their old passport."""
    p = world.placements
    latest = np.zeros(len(world.workers), dtype=np.int64)
    latest[p.worker] = np.arange(len(p))  # placements are in registration order
    last = latest[np.unique(p.worker)]
    leave = p.returned[last] + rng.integers(60, 500, len(last))
    passport = world.placement_passport[last]
    valid = (passport >= 0) & (leave < world.as_of)
    valid &= leave < world.passports.expires[passport.clip(0)]
    chosen = (p.status[last] == Status.RETURNED) & valid
    chosen &= rng.random(len(last)) < REMIGRATING_SHARE
    rows.add(
        rng,
        world,
        person=world.workers[p.worker[last[chosen]]],
        passport=passport[chosen],
        arrival=False,
        day=leave[chosen],
        country=np.where(rng.random(int(chosen.sum())) < 0.8, "MY", "SA"),
        irregular=True,
    )


def _travellers(rng: np.random.Generator, world: World, rows: _Rows) -> None:
    since = day_number(CROSSINGS_FROM)
    for journey in world.journeys:
        trips = journey.trips
        irregular = journey.kind == Kind.IRREGULAR
        out = np.flatnonzero((journey.passport >= 0) & (trips.departed >= since))
        sea = 0.15 if journey.kind == Kind.TOURIST else 0.2
        rows.add(
            rng,
            world,
            person=journey.people[out],
            passport=journey.passport[out],
            arrival=False,
            day=trips.departed[out],
            country=trips.country[out],
            irregular=irregular,
            sea=sea,
        )
        back = np.flatnonzero((journey.passport >= 0) & (trips.returned >= 0))
        rows.add(
            rng,
            world,
            person=journey.people[back],
            passport=journey.passport[back],
            arrival=True,
            day=trips.returned[back],
            country=trips.country[back],
            irregular=irregular,
            sea=sea,
        )


def _table(rng: np.random.Generator, world: World, rows: _Rows) -> tuple[Any, Any]:
    person = np.concatenate(rows.person)
    passport = np.concatenate(rows.passport)
    arrival = np.concatenate(rows.arrival)
    day = np.concatenate(rows.day)
    country = np.concatenate(rows.country)
    checkpoint = np.concatenate(rows.checkpoint)
    placement = np.concatenate(rows.placement)
    irregular = np.concatenate(rows.irregular)
    order = np.lexsort((rng.random(len(day)), checkpoint, day))
    person, passport, arrival, day = person[order], passport[order], arrival[order], day[order]
    country, checkpoint, placement = country[order], checkpoint[order], placement[order]
    irregular = irregular[order]
    record_id = record_ids("IMG", len(order))
    names, births = _passport_faces(rng, world)
    alpha3 = {code: c.alpha3 for code, c in all_countries().items()}
    foreign = pa.array([alpha3[c] for c in country.tolist()], type=pa.string())
    home = pa.array(["IDN"] * len(order), type=pa.string())
    nik = nik_column(
        rng, world.people.nik[person], nik_quality(rng, len(order), 0.0, 1 - NIK_PRESENT)
    )
    table = pa.table(
        {
            "record_id": record_id,
            "passport_number": passport_text(world.passports.number[passport]),
            "name": names.take(pa.array(passport)),
            "birth_date": to_arrow(births[passport]),
            "sex": pa.array(np.where(world.people.female[person], "F", "M").tolist()),
            "nationality": home,
            "nik": nik,
            "direction": pa.array(np.where(arrival, "arrival", "departure").tolist()),
            "crossing_date": to_arrow(day),
            "checkpoint": take(strings(CHECKPOINTS), checkpoint),
            "origin_country": pc.if_else(pa.array(arrival), foreign, home),
            "destination_country": pc.if_else(pa.array(arrival), home, foreign),
        }
    )
    return table, _truth(world, record_id, person, placement, irregular)


def _passport_faces(rng: np.random.Generator, world: World) -> tuple[Any, I32]:
    """Each passport's name and birth date (the forged one where an age was falsified)."""
    holders = world.passports.person
    names = render(rng, vocabulary(), world.people.names, PASSPORT_STYLE, holders)
    birth = world.people.birth.copy()
    birth[world.workers] = world.claimed_birth
    return names, birth[holders]


def _truth(world: World, record_id: Any, person: I64, placement: I32, irregular: Bools) -> Any:
    kinds = np.array([k.label for k in Kind])[world.people.kind[person]]
    return pa.table(
        {
            **truth_columns(world, record_id, person),
            "placement_id": nullable(placement.astype(np.int64) + 1, placement < 0),
            "traveller": pa.array(kinds.tolist(), type=pa.string()),
            "irregular": pa.array(irregular),
        }
    )
