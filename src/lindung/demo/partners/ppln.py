"""Overseas election committees (PPLN) and the addresses their voters give.

A voter abroad is listed by the PPLN of where they live: workers by the PPLN
whose jurisdiction covers their employer's city (:func:`lindung.domain.ppln.ppln_for`:
in Malaysia Kuala Lumpur, Johor Bahru, Kota Kinabalu, Tawau, Kuching, Penang),
other citizens abroad by country with the shares below. Addresses are built from a few streets
and districts per PPLN, enough for duplicates to differ by address.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import I32, choice, strings, take, words
from lindung.domain import ppln as domain_ppln

#: PPLN by country, with the share of the country's voters (FACTS.md: Kuala Lumpur
#: largest, then Taipei, Hong Kong, Johor Bahru, Singapore).
PPLN_BY_COUNTRY: dict[str, tuple[tuple[str, float], ...]] = {
    "MY": (
        ("Kuala Lumpur", 0.55), ("Johor Bahru", 0.2), ("Kota Kinabalu", 0.1), ("Tawau", 0.05),
        ("Kuching", 0.05), ("Penang", 0.05),
    ),
    "TW": (("Taipei", 1.0),), "HK": (("Hong Kong", 1.0),), "MO": (("Hong Kong", 1.0),),
    "SG": (("Singapura", 1.0),), "KR": (("Seoul", 1.0),),
    "JP": (("Tokyo", 0.6), ("Osaka", 0.4)), "SA": (("Riyadh", 0.4), ("Jeddah", 0.6)),
    "AE": (("Abu Dhabi", 0.4), ("Dubai", 0.6)), "QA": (("Doha", 1.0),),
    "KW": (("Kuwait City", 1.0),), "OM": (("Muscat", 1.0),), "BN": (("Bandar Seri Begawan", 1.0),),
    "PL": (("Warsawa", 1.0),), "TR": (("Ankara", 0.3), ("Istanbul", 0.7)), "IT": (("Roma", 1.0),),
    "DE": (("Berlin", 0.5), ("Frankfurt", 0.5)),
    "AU": (("Canberra", 0.2), ("Sydney", 0.5), ("Melbourne", 0.3)), "NZ": (("Wellington", 1.0),),
    "US": (("Washington DC", 0.3), ("New York", 0.35), ("Los Angeles", 0.35)),
    "NL": (("Den Haag", 1.0),), "GB": (("London", 1.0),), "EG": (("Kairo", 1.0),),
    "KH": (("Phnom Penh", 1.0),), "MM": (("Yangon", 1.0),), "TH": (("Bangkok", 1.0),),
    "CN": (("Beijing", 1.0),),
}  # fmt: skip

PPLN = domain_ppln.PPLN
MALAYSIA = frozenset(name for name, _ in PPLN_BY_COUNTRY["MY"])

_STREETS: dict[str, tuple[str, ...]] = {
    "Kuala Lumpur": words(
        "Jalan_Bukit_Bintang Jalan_Ampang Jalan_Tun_Razak Jalan_Ipoh Jalan_Klang_Lama "
        "Taman_Desa Chow_Kit Kampung_Baru Selayang Sentul Cheras Puchong"
    ),
    "Johor Bahru": words("Jalan_Tebrau Taman_Molek Jalan_Skudai Taman_Universiti Pasir_Gudang"),
    "Kota Kinabalu": words("Jalan_Lintas Inanam Menggatal Ladang_Sawit_Beluran Kinarut"),
    "Tawau": words("Ladang_Balung Jalan_Apas Kunak Semporna Ladang_Kalabakan"),
    "Kuching": words("Jalan_Padungan Batu_Kawa Matang Ladang_Serian"),
    "Penang": words("Bayan_Lepas Jalan_Burma Butterworth Prai"),
    "Taipei": words(
        "Zhongshan_N._Rd. Xinyi_Rd. Minsheng_E._Rd. Taoyuan_Dist. Taichung_Xitun "
        "Kaohsiung_Sanmin Tainan_East_Dist. Changhua_City"
    ),
    "Hong Kong": words(
        "Causeway_Bay Yuen_Long Sha_Tin Tuen_Mun Mong_Kok North_Point Tai_Po Kowloon_City"
    ),
    "Singapura": words("Jurong_West_St_42 Tampines_Ave_5 Bukit_Batok Woodlands_Dr_14 Bedok_North"),
    "Seoul": words("Ansan_Wongok-dong Hwaseong Gimhae Incheon_Namdong Changwon Busan_Sasang"),
}
_DEFAULT_STREETS = words("Central_District North_District Old_Town Harbour_Area University_Area")


def ppln_of_country(rng: np.random.Generator, country: np.ndarray) -> I32:
    """A PPLN for each voter living in ``country`` (alpha-2)."""
    out = np.zeros(len(country), dtype=np.int32)
    for code in np.unique(country):
        rows = np.flatnonzero(country == code)
        options = PPLN_BY_COUNTRY.get(str(code), (("Kuala Lumpur", 1.0),))
        picked = choice(rng, [w for _, w in options], len(rows))
        out[rows] = np.array([PPLN.index(name) for name, _ in options], dtype=np.int32)[picked]
    return out


def ppln_of_city(rng: np.random.Generator, country: np.ndarray, city: Any) -> I32:
    """The PPLN whose jurisdiction covers the employer's ``city`` (pyarrow strings) in
    ``country`` (the domain's table), else one drawn by country."""
    out = ppln_of_country(rng, country)  # drawn for every row: keeps the stream's draws
    cities = np.array(city.to_pylist(), dtype=object)
    for code in np.unique(country):
        in_country = country == code
        for name in np.unique(cities[in_country].astype(str)):
            found = domain_ppln.ppln_for(str(code), name)
            if found is not None:
                out[in_country & (cities == name)] = PPLN.index(found)
    return out


def another_ppln(rng: np.random.Generator, ppln: I32) -> I32:
    """A different PPLN for a voter listed twice: in Malaysia another Malaysian one."""
    malaysian = np.array([PPLN.index(name) for name in sorted(MALAYSIA)], dtype=np.int32)
    in_malaysia = np.isin(ppln, malaysian)
    near = malaysian[rng.integers(0, len(malaysian), len(ppln))]
    far = rng.integers(0, len(PPLN), len(ppln)).astype(np.int32)
    other = np.where(in_malaysia, near, far)
    return np.where(other == ppln, (ppln + 1) % len(PPLN), other).astype(np.int32)


def address_abroad(rng: np.random.Generator, ppln: I32) -> Any:
    """'Jalan Ampang No. 12'-style addresses in each voter's PPLN area."""
    n = len(ppln)
    street = pa.nulls(n, type=pa.string())
    for number in np.unique(ppln):
        rows = np.flatnonzero(ppln == number)
        pool = _STREETS.get(PPLN[int(number)], _DEFAULT_STREETS)
        picked = take(strings(pool), rng.integers(0, len(pool), len(rows)))
        mask = np.zeros(n, dtype=np.bool_)
        mask[rows] = True
        street = pc.replace_with_mask(street, pa.array(mask), picked)
    house = pc.cast(pa.array(rng.integers(1, 400, n)), pa.string())
    return pc.binary_join_element_wise(street, pa.array(["No."] * n), house, " ")
