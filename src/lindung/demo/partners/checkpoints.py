"""Immigration checkpoints (TPI) and which ones travellers from a province use.

Airports for most; to Malaysia and Singapore also the sea and land crossings
(Batam Centre, Tanjung Balai Karimun, Dumai and Bengkalis from Sumatra and
Java, Entikong from West Kalimantan, Nunukan to Sabah from Sulawesi, NTT and
East Kalimantan). FACTS.md: irregular exits are named via Nunukan, Batam and
Bengkalis, so irregular departures to Malaysia mostly use those.
"""

from __future__ import annotations

import numpy as np

from lindung.demo.arrays import I32, choice

CHECKPOINTS = (
    "Soekarno-Hatta", "Juanda", "Kualanamu", "Ngurah Rai", "Zainuddin Abdul Madjid",
    "Sultan Hasanuddin", "Yogyakarta International", "Ahmad Yani", "Adi Soemarmo",
    "Kertajati", "Batam Centre", "Nunukan", "Entikong", "Tanjung Balai Karimun",
    "Bengkalis", "Dumai", "Tanjung Pinang",
)  # fmt: skip

_C = {name: i for i, name in enumerate(CHECKPOINTS)}

#: Airports used from each region of origin.
_AIR: dict[str, dict[str, float]] = {
    "west_java": {"Soekarno-Hatta": 0.88, "Kertajati": 0.12},
    "central_java": {
        "Soekarno-Hatta": 0.45, "Ahmad Yani": 0.25, "Adi Soemarmo": 0.15,
        "Yogyakarta International": 0.1, "Juanda": 0.05,
    },
    "yogyakarta": {"Yogyakarta International": 0.7, "Soekarno-Hatta": 0.3},
    "east_java": {"Juanda": 0.8, "Soekarno-Hatta": 0.2},
    "ntb": {"Zainuddin Abdul Madjid": 0.45, "Juanda": 0.25, "Soekarno-Hatta": 0.3},
    "ntt": {"Juanda": 0.35, "Ngurah Rai": 0.35, "Soekarno-Hatta": 0.3},
    "bali": {"Ngurah Rai": 0.9, "Soekarno-Hatta": 0.1},
    "sumatra": {"Kualanamu": 0.7, "Soekarno-Hatta": 0.3},
    "sulawesi": {"Sultan Hasanuddin": 0.5, "Soekarno-Hatta": 0.3, "Juanda": 0.2},
    "kalimantan": {"Soekarno-Hatta": 0.4, "Juanda": 0.3, "Sultan Hasanuddin": 0.3},
    "other": {"Soekarno-Hatta": 0.7, "Juanda": 0.3},
}  # fmt: skip

#: Sea and land crossings to Malaysia and Singapore from each region of origin.
_SEA: dict[str, dict[str, float]] = {
    "sumatra": {
        "Batam Centre": 0.3, "Dumai": 0.25, "Tanjung Balai Karimun": 0.25, "Bengkalis": 0.2,
    },
    "kalimantan": {"Entikong": 0.6, "Nunukan": 0.4},
    "sulawesi": {"Nunukan": 0.9, "Entikong": 0.1},
    "ntt": {"Nunukan": 0.8, "Batam Centre": 0.2},
    "other": {"Batam Centre": 0.7, "Tanjung Pinang": 0.15, "Tanjung Balai Karimun": 0.15},
}  # fmt: skip

#: Irregular exits to Malaysia (FACTS.md: via Nunukan, Batam, Bengkalis).
_IRREGULAR_SEA = {
    "Nunukan": 0.35, "Batam Centre": 0.25, "Bengkalis": 0.12, "Entikong": 0.1,
    "Tanjung Balai Karimun": 0.1, "Dumai": 0.08,
}  # fmt: skip

_REGION_OF_PROVINCE = {
    **dict.fromkeys(("31", "32", "36", "18"), "west_java"),
    "33": "central_java",
    "34": "yogyakarta",
    "35": "east_java",
    "52": "ntb",
    "53": "ntt",
    "51": "bali",
    **dict.fromkeys(("11", "12", "13", "14", "15", "16", "17", "19", "21"), "sumatra"),
    **dict.fromkeys(("71", "72", "73", "74", "75", "76"), "sulawesi"),
    **dict.fromkeys(("61", "62", "63", "64", "65"), "kalimantan"),
}
REGIONS = tuple(_AIR)


def region_of(province_code: str) -> int:
    return REGIONS.index(_REGION_OF_PROVINCE.get(province_code, "other"))


def _draw(rng: np.random.Generator, weights: dict[str, float], n: int) -> I32:
    picked = choice(rng, list(weights.values()), n)
    return np.array([_C[name] for name in weights], dtype=np.int32)[picked]


def checkpoints(
    rng: np.random.Generator,
    region: I32,
    neighbour: np.ndarray,
    sea_share: float | np.ndarray,
    irregular: np.ndarray,
) -> I32:
    """Checkpoint of each crossing: by sea or land to a neighbour (Malaysia, Singapore)
    with probability ``sea_share``, else by air from the region's airports."""
    n = len(region)
    out = np.zeros(n, dtype=np.int32)
    by_sea = neighbour & (rng.random(n) < sea_share)
    for number, name in enumerate(REGIONS):
        rows = np.flatnonzero((region == number) & ~by_sea)
        out[rows] = _draw(rng, _AIR[name], len(rows))
        rows = np.flatnonzero((region == number) & by_sea & ~irregular)
        out[rows] = _draw(rng, _SEA.get(name, _SEA["other"]), len(rows))
    rows = np.flatnonzero(by_sea & irregular)
    out[rows] = _draw(rng, _IRREGULAR_SEA, len(rows))
    return out
