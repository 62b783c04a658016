"""The overseas voter list DPT LN (``partners/dpt_ln.csv``), one PPLN after another.

FACTS.md: 1,750,474 voters in 128 PPLN (Kuala Lumpur largest, then Taipei,
Hong Kong, Johor Bahru, Singapore) against 3.6 to 9 million Indonesians
working abroad, so most PMI are not on it; civil-society checks found 2.7%
duplicates in Johor Bahru; in Kuala Lumpur only 12% was verified. We list a
minority of the workers abroad, some irregular migrants, most residents
abroad, and stale entries of workers who have come home. Duplicates: about
2.7% of rows repeat a voter in the same PPLN (with another spelling, NIK or
address), some repeat a voter in another PPLN (moved). A few entries are under 17
and never married, so not eligible (:data:`MINORS_KEPT` of the minors chosen:
irregular migrants, workers whose age was forged; minors were found on voter lists
in 2024); married minors are eligible and listed like adults.

The source's conventions: names upper case (Hj. kept, bin/binti mostly not),
NIK of uneven quality (missing, mostly in Malaysia where voters registered by
passport; mistyped digits), birth dates DD/MM/YYYY with 01/01 and 31/12
placeholders (the list comes from the civil registry: true birth dates), sex
L/P, marital status B (never married), S (married), P (married before),
voting method TPSLN, KSK (mobile box) or POS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import I32, I64, Bools, choice, strings, take
from lindung.demo.calendar import age_on, day_number, formatted
from lindung.demo.cohorts import Kind
from lindung.demo.jobs import JOBS
from lindung.demo.lifecycle import Status
from lindung.demo.names import NameStyle, render, vocabulary
from lindung.demo.partners.columns import record_ids, truth_columns
from lindung.demo.partners.noise import (
    NIK_QUALITY,
    flip,
    labels,
    nik_column,
    nik_quality,
    placeholder_dates,
)
from lindung.demo.partners.ppln import (
    MALAYSIA,
    PPLN,
    address_abroad,
    another_ppln,
    ppln_of_city,
    ppln_of_country,
)
from lindung.demo.recruitment import Marital
from lindung.demo.streams import stream
from lindung.demo.world import World

DPT_STYLE = NameStyle(
    upper=True, title=0.6, degree=0.2, relation=0.03, respell=0.05, other_form=0.1, boru=0.6,
    typo=0.03,
)  # fmt: skip
#: Share of each kind of person abroad who is on the list.
LISTED = {Kind.WORKER: 0.25, Kind.IRREGULAR: 0.12, Kind.ABROAD: 0.7}
#: Irregular migrants in Malaysia are listed more often: the Kuala Lumpur list was
#: long and little verified (FACTS.md: coklit covered 12% of it).
IRREGULAR_LISTED_MALAYSIA = 0.35
#: Workers who left less than half a year ago are rarely on it yet.
RECENT_DEPARTURE_LISTED = 0.08
#: Workers who came home from 2022 on and are still listed abroad.
STALE = 0.08
DUPLICATE_SAME_PPLN = 0.027
DUPLICATE_OTHER_PPLN = 0.006
NIK_MISSING_RATE = 0.06
NIK_MISSING_MALAYSIA = 0.22
NIK_WRONG_RATE = 0.04
PLACEHOLDER_BIRTH = 0.03
SEX_ERROR = 0.005
METHODS = ("TPSLN", "KSK", "POS")
METHOD_SHARES = (0.45, 0.3, 0.25)
MARITAL_CODES = ("B", "S", "P", "P")
VOTING_AGE = 17
#: Share of the never-married people under 17 (on the generator's date) who would
#: otherwise be chosen and stay on the list: the PPLN's checks (coklit) drop the
#: others. Minors on voter lists were reported in 2024; the share is an assumption
#: (FACTS.md has no figure). Ever-married minors are eligible and listed like adults.
MINORS_KEPT = 0.5


@dataclass(frozen=True)
class Listing:
    person: I64  # People row
    ppln: I32
    stale: Bools


def voter_list(world: World) -> tuple[Any, Any, Any]:
    """The DPT LN file, its ground truth, and the workers abroad missing from it."""
    rng = stream(world.config.seed, "dpt_ln")
    listing, missing = _who_is_listed(rng, world)
    source, duplicate_of, kind, ppln = _with_duplicates(rng, listing)
    person = listing.person[source]
    table, quality, placeholder = _render(rng, world, person, ppln)
    order = pc.sort_indices(
        table, [("ppln", "ascending"), ("method", "ascending"), ("name", "ascending")]
    ).to_numpy()
    record_id = record_ids("DPT", len(order))
    table = table.take(pa.array(order)).add_column(0, "record_id", record_id)
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    original = np.where(duplicate_of >= 0, position[duplicate_of.clip(0)], 0)[order]
    repeated = (duplicate_of >= 0)[order]
    truth = pa.table(
        {
            **truth_columns(world, record_id, person[order]),
            "duplicate_of": pc.if_else(
                pa.array(repeated),
                record_id.take(pa.array(original)),
                pa.nulls(len(order), pa.string()),
            ),
            "duplicate_kind": pa.array(
                np.array([None, "same_ppln", "other_ppln"], dtype=object)[kind[order]],
                type=pa.string(),
            ),
            "stale": pa.array(listing.stale[source][order]),
            "nik_quality": labels(NIK_QUALITY, quality[order]),
            "birth_date_placeholder": pa.array(placeholder[order]),
        }
    )
    return table, truth, missing


def _who_is_listed(rng: np.random.Generator, world: World) -> tuple[Listing, Any]:
    p = world.placements
    latest = np.zeros(len(world.workers), dtype=np.int64)
    latest[p.worker] = np.arange(len(p))  # placements are in registration order
    country = np.array([JOBS[j].country for j in p.job[latest]])
    employer = world.orders.employer[world.placement_order[latest]]
    city = world.employer_city.take(pa.array(employer))
    abroad = p.abroad[latest]
    recent = p.departed[latest] > world.as_of - 180
    share = np.where(recent, RECENT_DEPARTURE_LISTED, LISTED[Kind.WORKER])
    listed = abroad & (rng.random(len(latest)) < share)
    home = np.isin(p.status[latest], (Status.RETURNED, Status.REPATRIATED))
    stale = home & (p.returned[latest] >= day_number(date(2022, 1, 1)))
    stale &= rng.random(len(latest)) < STALE
    on_list = listed | stale
    worker_ppln = ppln_of_city(rng, country, city)
    persons, pplns, stales = [world.workers[on_list]], [worker_ppln[on_list]], [stale[on_list]]
    for journey in world.journeys:
        if journey.kind not in LISTED:
            continue
        away = journey.trips.returned < 0
        share = np.full(len(away), LISTED[journey.kind])
        if journey.kind == Kind.IRREGULAR:
            share[journey.trips.country == "MY"] = IRREGULAR_LISTED_MALAYSIA
        chosen = away & (rng.random(len(away)) < share)
        persons.append(journey.people[chosen])
        pplns.append(ppln_of_country(rng, journey.trips.country[chosen]))
        stales.append(np.zeros(int(chosen.sum()), dtype=np.bool_))
    person = np.concatenate(persons)
    kept = _eligible_or_kept(rng, world, person)
    listing = Listing(person[kept], np.concatenate(pplns)[kept], np.concatenate(stales)[kept])
    left_out = np.flatnonzero(abroad & ~listed)
    missing = pa.table(
        {
            **truth_columns(world, None, world.workers[left_out]),
            "placement_id": pa.array(latest[left_out] + 1),
            "country": pa.array(country[left_out].tolist(), type=pa.string()),
        }
    )
    return listing, missing


def _eligible_or_kept(rng: np.random.Generator, world: World, person: I64) -> Bools:
    """Who of the chosen stays on the list: the eligible (17 or older on the generator's
    date, or ever married) and :data:`MINORS_KEPT` of the others (drawn for everyone
    chosen, after every other draw of the listing)."""
    adult: Bools = age_on(world.people.birth[person], world.as_of) >= VOTING_AGE
    married: Bools = world.people.marital[person] != Marital.SINGLE
    return adult | married | (rng.random(len(person)) < MINORS_KEPT)


def _with_duplicates(rng: np.random.Generator, listing: Listing) -> tuple[I64, I64, I32, I32]:
    """Rows to write: each listed voter once, then repeats in the same or another PPLN.

    Returns, per row, the listing entry it shows, the row it repeats (-1 for an
    original), the kind (0 original, 1 same PPLN, 2 other PPLN) and its PPLN.
    """
    n = len(listing.person)
    same = np.flatnonzero(rng.random(n) < DUPLICATE_SAME_PPLN)
    other = np.flatnonzero(rng.random(n) < DUPLICATE_OTHER_PPLN)
    source = np.concatenate([np.arange(n), same, other]).astype(np.int64)
    duplicate_of = np.concatenate([np.full(n, -1), same, other]).astype(np.int64)
    kind = np.concatenate([np.zeros(n), np.ones(len(same)), np.full(len(other), 2)]).astype(
        np.int32
    )
    ppln = np.concatenate(
        [listing.ppln, listing.ppln[same], another_ppln(rng, listing.ppln[other])]
    ).astype(np.int32)
    return source, duplicate_of, kind, ppln


def _render(
    rng: np.random.Generator, world: World, person: I64, ppln: I32
) -> tuple[Any, Any, Bools]:
    """The voter rows as the PPLN committees wrote them."""
    n = len(person)
    people = world.people
    in_malaysia = np.isin(ppln, [PPLN.index(name) for name in MALAYSIA])
    missing = np.where(in_malaysia, NIK_MISSING_MALAYSIA, NIK_MISSING_RATE)
    quality = nik_quality(rng, n, NIK_WRONG_RATE, missing)
    placeholder = rng.random(n) < PLACEHOLDER_BIRTH
    birth = placeholder_dates(rng, people.birth[person], placeholder)
    female = flip(rng, people.female[person], SEX_ERROR)
    table = pa.table(
        {
            "ppln": take(strings(PPLN), ppln),
            "method": take(strings(METHODS), choice(rng, list(METHOD_SHARES), n)),
            "nik": nik_column(rng, people.nik[person], quality),
            "name": render(rng, vocabulary(), people.names, DPT_STYLE, person),
            "birth_place": pc.utf8_upper(
                take(world.geo.regency_names, people.birth_regency[person])
            ),
            "birth_date": formatted(birth, "%d/%m/%Y"),
            "sex": pa.array(np.where(female, "P", "L").tolist()),
            "marital_status": labels(MARITAL_CODES, people.marital[person]),
            "address": address_abroad(rng, ppln),
        }
    )
    return table, quality, placeholder
