"""Countries (ISO 3166-1 via pycountry), with Indonesian names for PMI destinations.

``DESTINATIONS`` are the countries the placement rules and the generated data
speak of: the main placement countries (FACTS.md), the 21 countries closed to
household domestic work by Kepmenaker 260/2015, and the irregular destinations
named in cases (Cambodia, Myanmar).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry

from lindung.errors import Problem, ValidationError

#: Indonesian names (Kemlu usage) for the countries Lindung speaks of most.
INDONESIAN_NAMES: dict[str, str] = {
    "AE": "Uni Emirat Arab",
    "AU": "Australia",
    "BH": "Bahrain",
    "BN": "Brunei Darussalam",
    "DE": "Jerman",
    "DZ": "Aljazair",
    "EG": "Mesir",
    "HK": "Hong Kong",
    "IQ": "Irak",
    "IR": "Iran",
    "IT": "Italia",
    "JO": "Yordania",
    "JP": "Jepang",
    "KH": "Kamboja",
    "KR": "Korea Selatan",
    "KW": "Kuwait",
    "LB": "Lebanon",
    "LY": "Libya",
    "MA": "Maroko",
    "MM": "Myanmar",
    "MO": "Makau",
    "MR": "Mauritania",
    "MY": "Malaysia",
    "NL": "Belanda",
    "NZ": "Selandia Baru",
    "OM": "Oman",
    "PK": "Pakistan",
    "PL": "Polandia",
    "PS": "Palestina",
    "QA": "Qatar",
    "SA": "Arab Saudi",
    "SD": "Sudan",
    "SG": "Singapura",
    "SS": "Sudan Selatan",
    "SY": "Suriah",
    "TH": "Thailand",
    "TN": "Tunisia",
    "TR": "Turki",
    "TW": "Taiwan",
    "US": "Amerika Serikat",
    "YE": "Yaman",
    "ID": "Indonesia",
    "GB": "Britania Raya",
    "PH": "Filipina",
    "VN": "Vietnam",
    "CN": "Tiongkok",
}

#: Main placement destinations (FACTS.md, 2023-2024).
PLACEMENT_DESTINATIONS = frozenset(
    {"TW", "MY", "HK", "KR", "JP", "SG", "SA", "BN", "IT", "PL", "TR", "AE", "QA", "KW", "OM"}
    | {"NZ", "AU", "DE", "MO"}
)

#: Kepmenaker 260/2015: no household domestic work placements (from 1 July 2015).
KEPMENAKER_260_2015 = frozenset(
    {"DZ", "SA", "BH", "IQ", "IR", "KW", "LB", "LY", "MA", "MR", "EG", "OM", "PK", "PS", "QA"}
    | {"SS", "SY", "TN", "AE", "YE", "JO"}
)

#: Irregular destinations named in cases (online-scam compounds).
IRREGULAR_DESTINATIONS = frozenset({"KH", "MM"})

DESTINATIONS = PLACEMENT_DESTINATIONS | KEPMENAKER_260_2015 | IRREGULAR_DESTINATIONS


@dataclass(frozen=True, slots=True)
class Country:
    alpha2: str
    alpha3: str
    name_en: str
    name_id: str
    is_destination: bool


def _common_name(entry: object) -> str:
    name = getattr(entry, "common_name", None) or getattr(entry, "name")  # noqa: B009
    return str(name)


@cache
def all_countries() -> dict[str, Country]:
    """Every ISO 3166-1 country by alpha-2 code; Indonesian name where known."""
    countries = {}
    for entry in pycountry.countries:
        alpha2 = entry.alpha_2
        name_en = {"TW": "Taiwan", "KR": "South Korea", "HK": "Hong Kong"}.get(
            alpha2, _common_name(entry)
        )
        countries[alpha2] = Country(
            alpha2=alpha2,
            alpha3=entry.alpha_3,
            name_en=name_en,
            name_id=INDONESIAN_NAMES.get(alpha2, name_en),
            is_destination=alpha2 in DESTINATIONS,
        )
    return countries


def country(code: str, field: str = "country") -> Country:
    """The country for an alpha-2 or alpha-3 code (any case)."""
    key = code.strip().upper()
    countries = all_countries()
    if len(key) == 3:
        key = next((c.alpha2 for c in countries.values() if c.alpha3 == key), key)
    found = countries.get(key)
    if found is None:
        raise ValidationError(
            [
                Problem(
                    field,
                    "country.unknown",
                    "kode negara ISO 3166 tidak dikenal",
                    "not an ISO 3166 country code",
                )
            ]
        )
    return found
