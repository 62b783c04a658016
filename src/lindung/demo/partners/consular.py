"""Consular registrations (lapor diri) at the Indonesian missions
(``partners/consular_registrations.csv``).

A citizen abroad reports to the mission (KBRI, KJRI, KDEI, Konsulat RI) of where
they live, stating what they do there (``job_type``, the closed vocabulary of
:mod:`lindung.domain.consular`). FACTS.md has no figure for lapor diri coverage,
so the rates below are stated assumptions, chosen before any measurement:

- registered workers: half of their departures are reported, some days or weeks
  after arrival, with the job order's job and employer;
- citizens living abroad (students, spouses, professionals...): half, a few
  weeks or months after settling, with their status;
- irregular migrants: one in twenty, with a worker job; some of the women as
  homemakers (married locally): a registration that misleads, on purpose;
- tourists and pilgrims: none.

Only trips still going on on the generator's date, or that ended after the
registration, are reported (nobody reports a stay that is over).

The source's conventions: upper-case names, birth dates DD/MM/YYYY (the
passport's), sex L/P, ISO alpha-3 countries, missions written as "KBRI Kuala
Lumpur", "KJRI Johor Bahru", "KDEI Taipei"; the passport number as on the
passport the person travelled with (sometimes left empty); the NIK often
missing and sometimes mistyped; phone numbers with the country's calling code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import I32, I64, Bools, choice
from lindung.demo.calendar import formatted
from lindung.demo.cohorts import Kind
from lindung.demo.jobs import JOBS
from lindung.demo.names import NameStyle, render, vocabulary
from lindung.demo.partners.columns import nullable, truth_columns
from lindung.demo.partners.noise import NIK_QUALITY, labels, nik_column, nik_quality
from lindung.demo.partners.ppln import PPLN, address_abroad, ppln_of_city, ppln_of_country
from lindung.demo.passports import passport_text
from lindung.demo.streams import stream
from lindung.demo.world import World
from lindung.domain import consular
from lindung.domain.countries import all_countries

CONSULAR_STYLE = NameStyle(upper=True, title=0.3, relation=0.05, respell=0.03, typo=0.01)

#: Assumed shares of each kind of person who reports to a mission (no published figure).
REGISTERED = {Kind.WORKER: 0.5, Kind.ABROAD: 0.5, Kind.IRREGULAR: 0.05, Kind.TOURIST: 0.0}
#: Assumed statuses of citizens living abroad (all but the professional are not PMI).
ABROAD_STATUSES = (
    ("student", 0.25),
    ("spouse", 0.3),
    ("professional", 0.3),
    ("own_business", 0.1),
    ("retired", 0.05),
)
#: Assumed share of the registered irregular women who register as homemakers.
IRREGULAR_WOMEN_AS_HOMEMAKER = 0.1
#: Days from arrival to the report: (lowest, highest) per kind (assumed).
REPORTED_AFTER = {Kind.WORKER: (3, 60), Kind.ABROAD: (7, 120), Kind.IRREGULAR: (14, 180)}
PASSPORT_MISSING = 0.05
NIK_MISSING = 0.35
NIK_WRONG = 0.03
#: Worker jobs of irregular migrants by sex: (label, share).
IRREGULAR_JOBS_WOMEN = (
    ("PENATA LAKSANA RUMAH TANGGA", 0.6),
    ("OPERATOR PRODUKSI", 0.25),
    ("PEKERJA PERKEBUNAN", 0.15),
)
IRREGULAR_JOBS_MEN = (
    ("PEKERJA PERKEBUNAN", 0.4),
    ("PEKERJA KONSTRUKSI", 0.35),
    ("OPERATOR PRODUKSI", 0.25),
)
#: The job catalogue's job types as the missions write them (lindung.domain.consular).
JOB_LABELS = {
    "domestic_worker": "PENATA LAKSANA RUMAH TANGGA", "housekeeper": "PENATA LAKSANA RUMAH TANGGA",
    "family_cook": "PENATA LAKSANA RUMAH TANGGA", "babysitter": "PENGASUH ANAK",
    "child_care": "PENGASUH ANAK", "caregiver": "PERAWAT LANSIA",
    "elderly_caretaker": "PERAWAT LANSIA", "nurse": "PERAWAT",
    "factory_operator": "OPERATOR PRODUKSI", "plantation_worker": "PEKERJA PERKEBUNAN",
    "agriculture_worker": "PEKERJA PERTANIAN", "construction_worker": "PEKERJA KONSTRUKSI",
    "fishing_crew": "ANAK BUAH KAPAL", "ship_crew": "ANAK BUAH KAPAL",
    "hospitality_worker": "PEKERJA PERHOTELAN", "cleaner": "PETUGAS KEBERSIHAN",
    "driver": "PENGEMUDI", "family_driver": "PENGEMUDI", "welder": "JURU LAS",
    "spa_therapist": "TERAPIS SPA",
}  # fmt: skip
#: Employers of professionals and irregular migrants (the missions' free text).
LOCAL_EMPLOYERS = (
    "GLOBAL TRADING CO", "PACIFIC LOGISTICS", "SUNRISE ENGINEERING", "HARBOUR FOODS",
    "METRO HOSPITAL", "UNITED ELECTRONICS", "GREENFIELD ESTATE", "CITY CONSTRUCTION",
    "OCEAN SEAFOOD", "STAR RESTAURANT",
)  # fmt: skip
#: PPLN seats that are embassies (KBRI); Taipei is KDEI, Tawau a Konsulat RI, others KJRI.
EMBASSIES = frozenset(
    {
        "Kuala Lumpur", "Singapura", "Riyadh", "Tokyo", "Seoul", "Abu Dhabi", "Doha",
        "Kuwait City", "Muscat", "Bandar Seri Begawan", "Warsawa", "Ankara", "Roma", "Berlin",
        "Canberra", "Wellington", "Washington DC", "Den Haag", "London", "Kairo",
        "Phnom Penh", "Yangon", "Bangkok", "Beijing",
    }
)  # fmt: skip


def mission_of(seat: str) -> str:
    """'KBRI Kuala Lumpur', 'KJRI Johor Bahru', 'KDEI Taipei', 'Konsulat RI Tawau'."""
    if seat == "Taipei":
        return "KDEI Taipei"
    if seat == "Tawau":
        return "Konsulat RI Tawau"
    return f"{'KBRI' if seat in EMBASSIES else 'KJRI'} {seat}"


MISSIONS = tuple(mission_of(seat) for seat in PPLN)
_NONE = np.array([None], dtype=object)


@dataclass
class _Rows:
    person: list[I64] = field(default_factory=list)
    passport: list[I32] = field(default_factory=list)
    country: list[np.ndarray] = field(default_factory=list)
    seat: list[I32] = field(default_factory=list)  # PPLN index: the mission's seat
    day: list[I32] = field(default_factory=list)
    job: list[np.ndarray] = field(default_factory=list)
    employer: list[np.ndarray] = field(default_factory=list)
    placement: list[I32] = field(default_factory=list)

    def add(self, **columns: Any) -> None:
        n = len(columns["person"])
        self.person.append(columns["person"].astype(np.int64))
        self.passport.append(columns["passport"].astype(np.int32))
        self.country.append(np.asarray(columns["country"], dtype=object))
        self.seat.append(columns["seat"].astype(np.int32))
        self.day.append(columns["day"].astype(np.int32))
        self.job.append(np.asarray(columns["job"], dtype=object))
        self.employer.append(np.asarray(columns["employer"], dtype=object))
        self.placement.append(columns.get("placement", np.full(n, -1)).astype(np.int32))

    def column(self, name: str) -> np.ndarray:
        return np.concatenate(getattr(self, name))


def consular_registrations(world: World) -> tuple[Any, Any]:
    """The lapor diri file and its ground truth."""
    rng = stream(world.config.seed, "consular")
    rows = _Rows()
    _workers(rng, world, rows)
    for journey in world.journeys:
        if journey.kind == Kind.ABROAD:
            _residents(rng, world, journey, rows)
        elif journey.kind == Kind.IRREGULAR:
            _irregular(rng, world, journey, rows)
    return _table(rng, world, rows)


def _reported(
    rng: np.random.Generator, world: World, kind: Kind, departed: I32, returned: I32
) -> tuple[Bools, I32]:
    """Who reports (drawn at the kind's rate) and when: after arrival, on or before the
    generator's date, and before the trip ended."""
    low, high = REPORTED_AFTER[kind]
    day = (departed + rng.integers(low, high + 1, len(departed))).astype(np.int32)
    chosen = rng.random(len(departed)) < REGISTERED[kind]
    chosen &= (departed >= 0) & (day <= world.as_of) & ((returned < 0) | (returned > day))
    return chosen, day


def _workers(rng: np.random.Generator, world: World, rows: _Rows) -> None:
    p = world.placements
    reported, day = _reported(rng, world, Kind.WORKER, p.departed, p.returned)
    chosen = np.flatnonzero(reported)
    country = np.array([JOBS[j].country for j in p.job[chosen]])
    employer = world.orders.employer[world.placement_order[chosen]]
    city = world.employer_city.take(pa.array(employer))
    rows.add(
        person=world.workers[p.worker[chosen]],
        passport=world.placement_passport[chosen],
        country=country,
        seat=ppln_of_city(rng, country, city),
        day=day[chosen],
        job=np.array([JOB_LABELS[JOBS[j].job_type] for j in p.job[chosen]], dtype=object),
        employer=np.array(world.employer_name.take(pa.array(employer)).to_pylist(), dtype=object),
        placement=chosen,
    )


def _residents(rng: np.random.Generator, world: World, journey: Any, rows: _Rows) -> None:
    trips = journey.trips
    reported, day = _reported(rng, world, Kind.ABROAD, trips.departed, trips.returned)
    chosen = np.flatnonzero(reported)
    female = world.people.female[journey.people[chosen]]
    codes = {
        "student": consular.STUDENT,
        "professional": consular.PROFESSIONAL,
        "own_business": consular.OWN_BUSINESS,
        "retired": consular.RETIRED,
    }
    status = np.array([name for name, _ in ABROAD_STATUSES])[
        choice(rng, [share for _, share in ABROAD_STATUSES], len(chosen))
    ]
    spouse = np.where(female, consular.HOMEMAKER, consular.SPOUSE)
    job = np.where(status == "spouse", spouse, [codes.get(s, "") for s in status])
    employer = _employers(rng, len(chosen))
    country = trips.country[chosen]
    rows.add(
        person=journey.people[chosen],
        passport=journey.passport[chosen],
        country=country,
        seat=ppln_of_country(rng, country),
        day=day[chosen],
        job=job.astype(object),
        employer=np.where(status == "professional", employer, _NONE),
    )


def _irregular(rng: np.random.Generator, world: World, journey: Any, rows: _Rows) -> None:
    trips = journey.trips
    reported, day = _reported(rng, world, Kind.IRREGULAR, trips.departed, trips.returned)
    chosen = np.flatnonzero(reported)
    female = world.people.female[journey.people[chosen]]
    women = np.array([j for j, _ in IRREGULAR_JOBS_WOMEN], dtype=object)[
        choice(rng, [s for _, s in IRREGULAR_JOBS_WOMEN], len(chosen))
    ]
    men = np.array([j for j, _ in IRREGULAR_JOBS_MEN], dtype=object)[
        choice(rng, [s for _, s in IRREGULAR_JOBS_MEN], len(chosen))
    ]
    homemaker = female & (rng.random(len(chosen)) < IRREGULAR_WOMEN_AS_HOMEMAKER)
    job = np.where(homemaker, consular.HOMEMAKER, np.where(female, women, men))
    country = trips.country[chosen]
    rows.add(
        person=journey.people[chosen],
        passport=journey.passport[chosen],
        country=country,
        seat=ppln_of_country(rng, country),
        day=day[chosen],
        job=job.astype(object),
        employer=np.where(homemaker, _NONE, _employers(rng, len(chosen))),
    )


def _employers(rng: np.random.Generator, n: int) -> np.ndarray:
    return np.array(LOCAL_EMPLOYERS, dtype=object)[rng.integers(0, len(LOCAL_EMPLOYERS), n)]


def _table(rng: np.random.Generator, world: World, rows: _Rows) -> tuple[Any, Any]:
    seat, day = rows.column("seat"), rows.column("day")
    order = np.lexsort((rng.random(len(day)), day, seat))
    person, passport = rows.column("person")[order], rows.column("passport")[order]
    country, seat, day = rows.column("country")[order], seat[order], day[order]
    job, employer = rows.column("job")[order], rows.column("employer")[order]
    n = len(order)
    mission = np.array(MISSIONS, dtype=object)[seat]
    number = [
        f"{m.upper().replace(' ', '-')}-{d}-{i:06d}"
        for i, (m, d) in enumerate(zip(mission, formatted(day, "%Y").to_pylist(), strict=True), 1)
    ]
    birth = world.people.birth.copy()
    birth[world.workers] = world.claimed_birth  # the passport's (forged where falsified)
    carried = (passport >= 0) & (rng.random(n) >= PASSPORT_MISSING)
    quality = nik_quality(rng, n, NIK_WRONG, NIK_MISSING)
    alpha3 = {code: c.alpha3 for code, c in all_countries().items()}
    table = pa.table(
        {
            "registration_number": pa.array(number, type=pa.string()),
            "mission": pa.array(mission.tolist(), type=pa.string()),
            "country": pa.array([alpha3[c] for c in country.tolist()], type=pa.string()),
            "nik": nik_column(rng, world.people.nik[person], quality),
            "passport_number": pc.if_else(
                pa.array(carried),
                passport_text(world.passports.number[passport.clip(0)]),
                pa.nulls(n, pa.string()),
            ),
            "name": render(rng, vocabulary(), world.people.names, CONSULAR_STYLE, person),
            "birth_date": formatted(birth[person], "%d/%m/%Y"),
            "sex": pa.array(np.where(world.people.female[person], "P", "L").tolist()),
            "employer_name": pa.array(employer.tolist(), type=pa.string()),
            "job_type": pa.array(job.tolist(), type=pa.string()),
            "address": address_abroad(rng, seat),
            "phone": _phones(rng, country),
            "registered_on": formatted(day, "%d/%m/%Y"),
        }
    )
    placement = rows.column("placement")[order]
    truth = pa.table(
        {
            "registration_number": table["registration_number"],
            **truth_columns(world, None, person),
            "placement_id": nullable(placement.astype(np.int64) + 1, placement < 0),
            "kind": labels(tuple(k.label for k in Kind), world.people.kind[person]),
            "job_type": table["job_type"],
            "passport_as_crossed": pa.array(carried),
            "nik_quality": labels(NIK_QUALITY, quality),
        }
    )
    return table, truth


def _phones(rng: np.random.Generator, country: np.ndarray) -> Any:
    """'+60 123456789': valid mobile numbers of the country (its example number with
    the last four digits drawn), with the country's calling code."""
    out = np.empty(len(country), dtype=object)
    for code in np.unique(country).tolist():
        rows = np.flatnonzero(country == code)
        pool = _mobile_numbers(code)
        out[rows] = np.array(pool, dtype=object)[rng.integers(0, len(pool), len(rows))]
    return pa.array(out.tolist(), type=pa.string())


def _mobile_numbers(region: str) -> list[str]:
    """Up to a hundred valid mobile numbers of ``region`` (E.164 with a space)."""
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    if example is None:
        raise ValueError(f"phonenumbers has no mobile example for {region}")
    national = str(example.national_number)
    found = []
    for tail in range(0, 10_000, 97):
        candidate = phonenumbers.PhoneNumber(
            country_code=example.country_code, national_number=int(national[:-4] + f"{tail:04d}")
        )
        if phonenumbers.is_valid_number(candidate):
            found.append(f"+{example.country_code} {candidate.national_number}")
    return found or [f"+{example.country_code} {national}"]
