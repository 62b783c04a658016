"""Placement agencies (P3MI) and their SIP3MI licences.

FACTS.md: 424 licensed P3MI in April 2024, after about 200 of 318 earlier
licences were revoked. We generate the 424 with a valid licence (a few of them
suspended) and the agencies whose licence was revoked or has expired, since
their past placements stay in the registry. A licence runs five years
(Permenaker 10/2019); for a revoked licence ``licence_valid_to`` is the day it
was revoked. Head offices are mostly in Jakarta, then East, Central and West
Java. Agency sizes are Zipf-like: a few large agencies place most workers,
each working a main destination market and sometimes a second one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from lindung.demo.arrays import F64, I32, choice, words
from lindung.demo.calendar import YEAR, day_number
from lindung.demo.geography import Geography, population_regency_weights
from lindung.demo.jobs import COUNTRIES, DESTINATION_PLACEMENTS

STATUSES = {"active": 394, "suspended": 30, "revoked": 130, "expired": 40}
LICENCE_YEARS = 5

#: Head offices by province.
HEAD_OFFICES = {
    "31": 0.55, "35": 0.14, "33": 0.1, "32": 0.1, "36": 0.03, "52": 0.03,
    "12": 0.02, "18": 0.02, "51": 0.01,
}  # fmt: skip

NAME_WORDS = words(
    """
    Bina Karya Mandiri Sejahtera Abadi Jaya Putra Utama Insani Citra Duta Sukses Makmur
    Anugerah Lintas Negara Bangun Nusantara Global Mitra Tenaga Kerja Prima Mulia Perkasa
    Sinar Cahaya Bintang Harapan Bahagia Amanah Barokah Berkah Graha Tunas Mega Surya
    Dian Kirana Sentosa Indo Buana Rizki Sarana Kencana Permata Lestari Pelita Andalan
    Mahkota Gemilang Cipta Bhakti Wira Arta Persada Sumber Rezeki Langgeng Mutiara
    """
)
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@dataclass(frozen=True)
class Agencies:
    name: list[str]
    licence_no: list[str]
    status: list[str]
    valid_from: I32
    valid_to: I32
    head_office_village: I32
    markets: F64  # agencies x destinations: how much of each market the agency takes
    suspended_on: I32  # day a suspended agency's suspension took effect, else -1

    def __len__(self) -> int:
        return len(self.name)


def generate_agencies(rng: np.random.Generator, geo: Geography, as_of: date) -> Agencies:
    status = [label for label, count in STATUSES.items() for _ in range(count)]
    order = rng.permutation(len(status))
    status = [status[i] for i in order]
    valid_from, valid_to = _licence_periods(rng, status, day_number(as_of))
    return Agencies(
        name=_names(rng, len(status)),
        licence_no=_licence_numbers(rng, valid_from),
        status=status,
        valid_from=valid_from,
        valid_to=valid_to,
        head_office_village=_head_offices(rng, geo, len(status)),
        markets=_markets(rng, len(status)),
        suspended_on=_suspensions(rng, status, valid_from, day_number(as_of)),
    )


def _suspensions(rng: np.random.Generator, status: list[str], valid_from: I32, as_of: int) -> I32:
    """Suspensions of the currently suspended agencies took effect in the last months."""
    recent = as_of - rng.integers(20, 240, len(status))
    day = np.maximum(valid_from + 60, recent)
    return np.where(np.array(status) == "suspended", day, -1).astype(np.int32)


def forward_deadline(agencies: Agencies) -> I32:
    """The first day each agency may no longer move placements forward: the day it
    was suspended, revoked, or its licence expired (``licence_valid_to``); far in the
    future for an active agency."""
    labels = np.array(agencies.status)
    never = np.iinfo(np.int32).max
    lapsed = np.isin(labels, ["revoked", "expired"])
    day = np.where(lapsed, agencies.valid_to, never)
    return np.where(labels == "suspended", agencies.suspended_on, day).astype(np.int32)


def _licence_periods(rng: np.random.Generator, status: list[str], as_of: int) -> tuple[I32, I32]:
    n = len(status)
    span = int(LICENCE_YEARS * YEAR)
    labels = np.array(status)
    current = as_of - 30 - (rng.random(n) * (span - 60)).astype(np.int32)
    lapsed = as_of - span - 30 - (rng.random(n) * 3 * YEAR).astype(np.int32)
    revoked_from = day_number(date(2015, 1, 1)) + (rng.random(n) * 6 * YEAR).astype(np.int32)
    valid_from = np.select(
        [labels == "expired", labels == "revoked"], [lapsed, revoked_from], current
    )
    revoked_on = np.minimum(
        valid_from + (rng.uniform(1.0, 4.5, n) * YEAR).astype(np.int32), as_of - 30
    )
    valid_to = np.where(labels == "revoked", revoked_on, valid_from + span)
    return valid_from.astype(np.int32), valid_to.astype(np.int32)


def _names(rng: np.random.Generator, n: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        count = 2 if rng.random() < 0.55 else 3
        words = rng.choice(len(NAME_WORDS), size=count, replace=False)
        name = "PT " + " ".join(NAME_WORDS[i] for i in words)
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _licence_numbers(rng: np.random.Generator, valid_from: I32) -> list[str]:
    numbers = rng.permutation(np.arange(100, 100 + len(valid_from) * 3))[: len(valid_from)]
    issued = valid_from.astype("datetime64[D]")
    years = issued.astype("datetime64[Y]").astype(int) + 1970
    months = issued.astype("datetime64[M]").astype(int) % 12
    return [
        f"KEP.{number}/MEN/PPTKPKK/{_ROMAN[month]}/{year}"
        for number, month, year in zip(numbers, months, years, strict=True)
    ]


def _head_offices(rng: np.random.Generator, geo: Geography, n: int) -> I32:
    people = population_regency_weights(geo, city_bias=6.0)
    province_share = np.zeros(len(geo.province_codes))
    for code, share in HEAD_OFFICES.items():
        province_share[geo.province_index(code)] = share
    totals = np.bincount(geo.regency_province, weights=people, minlength=len(province_share))
    weights = province_share[geo.regency_province] * people / totals[geo.regency_province]
    return geo.villages_in(rng, choice(rng, weights, n))


def _markets(rng: np.random.Generator, n: int) -> F64:
    """Zipf-sized agencies, each with a main destination and sometimes a second one."""
    size = 1.0 / np.arange(1, n + 1) ** 0.9
    size = size[rng.permutation(n)]
    shares = np.array([DESTINATION_PLACEMENTS[c] for c in COUNTRIES], dtype=np.float64)
    main = choice(rng, shares, n)
    second = choice(rng, shares, n)
    markets = np.zeros((n, len(COUNTRIES)))
    markets[np.arange(n), main] += size
    has_second = rng.random(n) < 0.5
    markets[np.flatnonzero(has_second), second[has_second]] += size[has_second] * 0.4
    return markets
