"""Where people come from: Kemendagri regions as arrays, and origin weights.

Origins are weighted like real placements by province (FACTS.md, 2023: Jawa
Timur 68,069; Jawa Tengah 59,009; Jawa Barat 52,961; NTB 33,949; Lampung 21,539;
then NTT, Sumatera Utara, Bali, Banten, Sulawesi Selatan; a small remainder
spread over the other provinces by population), and within a province by
regency population (cities send fewer workers than rural regencies). The four
partner regions of the founding agreements always get workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa

from lindung.demo.arrays import F64, I32, I64, strings
from lindung.demo.ethnicity import mix_for
from lindung.domain.regions import population, region_directory

#: Placements by origin province, 2023. The first five are FACTS.md figures; the
#: next five ("also significant") are approximations of the published ranking.
PROVINCE_PLACEMENTS: dict[str, float] = {
    "35": 68_069,
    "33": 59_009,
    "32": 52_961,
    "52": 33_949,
    "18": 21_539,
    "12": 9_800,
    "51": 7_400,
    "36": 6_100,
    "53": 5_200,
    "73": 3_900,
}
#: Placements from all other provinces together, spread by population.
OTHER_PROVINCES = 9_000

#: Kota Bontang, Kabupaten Flores Timur, Kabupaten Probolinggo, Kabupaten Jember.
PARTNER_REGENCIES = ("64.74", "53.06", "35.13", "35.09")

#: Cities send fewer migrant workers per head than rural regencies.
CITY_FACTOR = 0.45


@dataclass(frozen=True)
class Geography:
    """Every village with its district and regency, as parallel arrays.

    Villages are sorted by code, so the villages of a regency are contiguous:
    ``regency_first_village[r]`` and ``regency_village_count[r]`` delimit them.
    """

    village_codes: Any  # pyarrow string array, dotted codes
    village_district: I32
    village_regency: I32
    district_numbers: I64  # undotted district code as a number (NIK prefix)
    district_names: Any
    regency_codes: tuple[str, ...]
    regency_names: Any  # without 'Kabupaten'/'Kota', as written as a birth place
    regency_province: I32
    regency_population: F64
    regency_is_city: np.ndarray[tuple[int], np.dtype[np.bool_]]
    regency_first_village: I32
    regency_village_count: I32
    province_codes: tuple[str, ...]
    group_cumulative: F64  # regencies x naming traditions, cumulative shares

    def regency_index(self, code: str) -> int:
        return self.regency_codes.index(code)

    def province_index(self, code: str) -> int:
        return self.province_codes.index(code)

    def villages_in(self, rng: np.random.Generator, regencies: I32) -> I32:
        """A uniformly chosen village in each given regency."""
        first = self.regency_first_village[regencies]
        count = self.regency_village_count[regencies]
        return (first + (rng.random(len(regencies)) * count).astype(np.int32)).astype(np.int32)


def _birth_place(name: str) -> str:
    for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix) :].strip()
    return name.strip()


@cache
def geography() -> Geography:
    """The shipped regions as arrays (built once)."""
    regions = sorted(region_directory(), key=lambda r: r.code)
    provinces = [r for r in regions if r.level == 1]
    regencies = [r for r in regions if r.level == 2]
    districts = [r for r in regions if r.level == 3]
    villages = [r for r in regions if r.level == 4]
    province_at = {r.code: i for i, r in enumerate(provinces)}
    regency_at = {r.code: i for i, r in enumerate(regencies)}
    district_at = {r.code: i for i, r in enumerate(districts)}
    village_regency = np.array([regency_at[v.code[:5]] for v in villages], dtype=np.int32)
    first = np.searchsorted(village_regency, np.arange(len(regencies))).astype(np.int32)
    counts = np.bincount(village_regency, minlength=len(regencies)).astype(np.int32)
    people = population()
    return Geography(
        village_codes=strings([v.code for v in villages]),
        village_district=np.array([district_at[v.code[:8]] for v in villages], dtype=np.int32),
        village_regency=village_regency,
        district_numbers=np.array([int(d.undotted) for d in districts], dtype=np.int64),
        district_names=strings([d.name.strip() for d in districts]),
        regency_codes=tuple(r.code for r in regencies),
        regency_names=pa.array([_birth_place(r.name) for r in regencies], type=pa.string()),
        regency_province=np.array([province_at[r.code[:2]] for r in regencies], dtype=np.int32),
        regency_population=np.array(
            [people[r.code].total if r.code in people else 0 for r in regencies], dtype=np.float64
        ),
        regency_is_city=np.array([r.kind == "kota" for r in regencies], dtype=np.bool_),
        regency_first_village=first,
        regency_village_count=counts,
        province_codes=tuple(r.code for r in provinces),
        group_cumulative=_group_cumulative([r.code for r in regencies]),
    )


def _group_cumulative(regency_codes: list[str]) -> F64:
    from lindung.demo.ethnicity import Group

    shares = np.zeros((len(regency_codes), len(Group)), dtype=np.float64)
    for row, code in enumerate(regency_codes):
        for group, share in mix_for(code).items():
            shares[row, group] = share
    cumulative: F64 = np.cumsum(shares, axis=1)
    cumulative[:, -1] = 1.0
    return cumulative


def worker_regency_weights(geo: Geography) -> F64:
    """Weight of each regency as the origin of a registered worker."""
    province_weight = np.zeros(len(geo.province_codes))
    population_by_province = np.bincount(
        geo.regency_province, weights=geo.regency_population, minlength=len(geo.province_codes)
    )
    others = np.array([code not in PROVINCE_PLACEMENTS for code in geo.province_codes])
    province_weight[others] = (
        OTHER_PROVINCES * population_by_province[others] / population_by_province[others].sum()
    )
    for code, placements in PROVINCE_PLACEMENTS.items():
        province_weight[geo.province_index(code)] = placements
    return regency_weights(geo, province_weight)


def regency_weights(geo: Geography, province_weight: F64) -> F64:
    """Spread province weights over their regencies by (city-discounted) population."""
    within = geo.regency_population * np.where(geo.regency_is_city, CITY_FACTOR, 1.0)
    province_total = np.bincount(
        geo.regency_province, weights=within, minlength=len(province_weight)
    )
    share = within / np.maximum(province_total[geo.regency_province], 1.0)
    weights: F64 = province_weight[geo.regency_province] * share
    normal: F64 = weights / weights.sum()
    return normal


def population_regency_weights(geo: Geography, city_bias: float = 1.0) -> F64:
    """Regencies weighted by population (cities times ``city_bias``): travellers, residents."""
    weights: F64 = geo.regency_population * np.where(geo.regency_is_city, city_bias, 1.0)
    normal: F64 = weights / weights.sum()
    return normal


def ensure_partner_regencies(
    rng: np.random.Generator, geo: Geography, regencies: I32, minimum: int
) -> I32:
    """Move a few people so that each partner regency has at least ``minimum`` of them.

    The partner regions (Bontang, Flores Timur, Probolinggo, Jember) must show
    workers on their dashboards even in a small demo; Bontang in particular is
    a small city in a low-migration province.
    """
    regencies = regencies.copy()
    partner_indices = {geo.regency_index(code) for code in PARTNER_REGENCIES}
    for code in PARTNER_REGENCIES:
        index = geo.regency_index(code)
        missing = minimum - int((regencies == index).sum())
        if missing <= 0:
            continue
        movable = np.flatnonzero(~np.isin(regencies, list(partner_indices)))
        moved = rng.choice(movable, size=min(missing, len(movable)), replace=False)
        regencies[np.sort(moved)] = index
    return regencies
