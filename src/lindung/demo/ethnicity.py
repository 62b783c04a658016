"""Naming traditions by region: which name pools a person's name is drawn from.

Names follow origin: Javanese mononyms in Central and East Java, Sundanese names
in West Java and Banten, Madurese names in Madura and the eastern 'tapal kuda'
regencies (Probolinggo, Jember, Bondowoso, Situbondo), Sasak names in Lombok,
Balinese birth-order names in Bali, Batak clans in North Sumatra, Catholic
baptismal names with Lamaholot or Timorese clans in NTT, Bugis names in South
Sulawesi; elsewhere a pan-Indonesian mix. The shares are rough shapes, enough to
make a regency's workers look like the regency.
"""

from __future__ import annotations

from enum import IntEnum


class Group(IntEnum):
    JAVANESE = 0
    SUNDANESE = 1
    MADURESE = 2
    BALINESE = 3
    BATAK = 4
    FLORES = 5
    TIMOR = 6
    SASAK = 7
    BUGIS = 8
    GENERIC = 9


G = Group

#: Share of each naming tradition by province (Kemendagri code); the rest GENERIC.
PROVINCE_MIX: dict[str, dict[Group, float]] = {
    "31": {G.GENERIC: 0.5, G.JAVANESE: 0.3, G.SUNDANESE: 0.15, G.BATAK: 0.05},
    "32": {G.SUNDANESE: 0.82, G.JAVANESE: 0.06, G.GENERIC: 0.12},
    "33": {G.JAVANESE: 0.92, G.GENERIC: 0.08},
    "34": {G.JAVANESE: 0.93, G.GENERIC: 0.07},
    "35": {G.JAVANESE: 0.8, G.MADURESE: 0.12, G.GENERIC: 0.08},
    "36": {G.SUNDANESE: 0.55, G.GENERIC: 0.4, G.JAVANESE: 0.05},
    "18": {G.JAVANESE: 0.6, G.SUNDANESE: 0.1, G.GENERIC: 0.3},
    "12": {G.BATAK: 0.6, G.JAVANESE: 0.15, G.GENERIC: 0.25},
    "51": {G.BALINESE: 0.9, G.GENERIC: 0.07, G.JAVANESE: 0.03},
    "52": {G.SASAK: 0.7, G.GENERIC: 0.3},
    "53": {G.TIMOR: 0.5, G.FLORES: 0.4, G.GENERIC: 0.1},
    "73": {G.BUGIS: 0.85, G.GENERIC: 0.15},
    "76": {G.BUGIS: 0.6, G.GENERIC: 0.4},
    "64": {G.BUGIS: 0.3, G.JAVANESE: 0.3, G.GENERIC: 0.4},
    "65": {G.BUGIS: 0.35, G.JAVANESE: 0.2, G.GENERIC: 0.45},
    "61": {G.GENERIC: 0.7, G.JAVANESE: 0.2, G.MADURESE: 0.1},
}

#: Regencies whose tradition differs from their province's.
REGENCY_MIX: dict[str, dict[Group, float]] = {
    **{code: {G.MADURESE: 0.97, G.GENERIC: 0.03} for code in ("35.26", "35.27", "35.28", "35.29")},
    **{
        code: {G.MADURESE: 0.6, G.JAVANESE: 0.35, G.GENERIC: 0.05}
        for code in ("35.11", "35.12", "35.13", "35.74")
    },
    "35.09": {G.MADURESE: 0.45, G.JAVANESE: 0.5, G.GENERIC: 0.05},
    "35.08": {G.MADURESE: 0.3, G.JAVANESE: 0.65, G.GENERIC: 0.05},
    "35.14": {G.MADURESE: 0.35, G.JAVANESE: 0.6, G.GENERIC: 0.05},
    "35.10": {G.MADURESE: 0.2, G.JAVANESE: 0.75, G.GENERIC: 0.05},
    **{
        code: {G.FLORES: 0.92, G.GENERIC: 0.08}
        for code in ("53.06", "53.07", "53.08", "53.09", "53.10", "53.13", "53.15", "53.16")
    },
    "53.19": {G.FLORES: 0.92, G.GENERIC: 0.08},
    **{
        code: {G.TIMOR: 0.9, G.GENERIC: 0.1}
        for code in ("53.01", "53.02", "53.03", "53.04", "53.21", "53.71")
    },
    "52.04": {G.GENERIC: 0.9, G.SASAK: 0.1},
    "52.05": {G.GENERIC: 0.95, G.SASAK: 0.05},
    "52.06": {G.GENERIC: 0.95, G.SASAK: 0.05},
    "52.07": {G.GENERIC: 0.9, G.SASAK: 0.1},
    "52.72": {G.GENERIC: 0.95, G.SASAK: 0.05},
    "12.13": {G.BATAK: 0.85, G.GENERIC: 0.15},
    "12.71": {G.BATAK: 0.35, G.JAVANESE: 0.2, G.GENERIC: 0.45},
}

#: Share of Muslims by tradition: bin/binti, hajj titles and Arabic names apply to them.
MUSLIM_SHARE: dict[Group, float] = {
    G.JAVANESE: 0.96,
    G.SUNDANESE: 0.99,
    G.MADURESE: 1.0,
    G.BALINESE: 0.03,
    G.BATAK: 0.3,
    G.FLORES: 0.12,
    G.TIMOR: 0.05,
    G.SASAK: 1.0,
    G.BUGIS: 0.98,
    G.GENERIC: 0.88,
}

#: Share of names written in the pre-1972 spelling (oe, dj, tj, j for y, ch, sj),
#: by birth period: parents kept the old spelling long after the 1972 reform.
OLD_SPELLING_BY_BIRTH_YEAR: tuple[tuple[int, float], ...] = (
    (1975, 0.3),
    (1985, 0.12),
    (9999, 0.05),
)

#: Traditions where old spellings survive in given names (Javanese above all).
OLD_SPELLING_WEIGHT: dict[Group, float] = {
    G.JAVANESE: 1.0,
    G.SUNDANESE: 0.6,
    G.MADURESE: 0.5,
    G.GENERIC: 0.6,
    G.SASAK: 0.3,
    G.BUGIS: 0.4,
    G.BATAK: 0.2,
    G.BALINESE: 0.2,
    G.FLORES: 0.1,
    G.TIMOR: 0.1,
}


def mix_for(regency_code: str) -> dict[Group, float]:
    """The share of each tradition among people from ``regency_code`` (sums to one)."""
    mix = REGENCY_MIX.get(regency_code) or PROVINCE_MIX.get(regency_code[:2])
    if mix is None:
        mix = {G.GENERIC: 0.75, G.JAVANESE: 0.2, G.BUGIS: 0.05}
    total = sum(mix.values())
    return {group: share / total for group, share in mix.items()}
