"""Overseas election committees (PPLN) and the places each one lists voters for.

UU 7/2017 Pasal 198(1) and the KPU's overseas lists: a citizen abroad is listed by
the PPLN of where they live. In Malaysia, where most workers are, the PPLN is the
one of the employer's city (Kuala Lumpur, Johor Bahru, Kota Kinabalu, Tawau,
Kuching, Penang); elsewhere a country has one PPLN (its embassy) or a few (an
embassy and consulates), each covering some cities. A worker's destination (the
job order's country and city) therefore falls under exactly one PPLN:
:func:`ppln_for`.

The jurisdictions below are a simplification of the real ones (covering the
PPLN and the employer cities the platform knows); a city not listed falls under
the country's first PPLN (the embassy's).
"""

from __future__ import annotations

#: PPLN by country (ISO 3166 alpha-2), the embassy's first.
PPLN_BY_COUNTRY: dict[str, tuple[str, ...]] = {
    "MY": ("Kuala Lumpur", "Johor Bahru", "Kota Kinabalu", "Tawau", "Kuching", "Penang"),
    "TW": ("Taipei",), "HK": ("Hong Kong",), "MO": ("Hong Kong",), "SG": ("Singapura",),
    "KR": ("Seoul",), "JP": ("Tokyo", "Osaka"), "SA": ("Riyadh", "Jeddah"),
    "AE": ("Abu Dhabi", "Dubai"), "QA": ("Doha",), "KW": ("Kuwait City",), "OM": ("Muscat",),
    "BN": ("Bandar Seri Begawan",), "PL": ("Warsawa",), "TR": ("Ankara", "Istanbul"),
    "IT": ("Roma",), "DE": ("Berlin", "Frankfurt"), "AU": ("Canberra", "Sydney", "Melbourne"),
    "NZ": ("Wellington",), "US": ("Washington DC", "New York", "Los Angeles"),
    "NL": ("Den Haag",), "GB": ("London",), "EG": ("Kairo",), "KH": ("Phnom Penh",),
    "MM": ("Yangon",), "TH": ("Bangkok",), "CN": ("Beijing",),
}  # fmt: skip

#: Cities a PPLN other than the country's first covers, by country.
PPLN_BY_CITY: dict[str, dict[str, str]] = {
    "MY": {
        "Kuala Lumpur": "Kuala Lumpur", "Ipoh": "Kuala Lumpur", "Johor Bahru": "Johor Bahru",
        "Kota Kinabalu": "Kota Kinabalu", "Sandakan": "Kota Kinabalu", "Tawau": "Tawau",
        "Kuching": "Kuching", "Penang": "Penang",
    },
    "JP": {"Osaka": "Osaka", "Hiroshima": "Osaka", "Fukuoka": "Osaka"},
    "SA": {
        "Jeddah": "Jeddah", "Mecca": "Jeddah", "Medina": "Jeddah", "Tabuk": "Jeddah",
        "Abha": "Jeddah", "Taif": "Jeddah",
    },
    "AE": {"Dubai": "Dubai", "Sharjah": "Dubai", "Ajman": "Dubai"},
    "TR": {"Istanbul": "Istanbul", "Izmir": "Istanbul", "Bodrum": "Istanbul"},
    "DE": {"Frankfurt": "Frankfurt", "Munich": "Frankfurt", "Cologne": "Frankfurt"},
    "AU": {"Sydney": "Sydney", "Bundaberg": "Sydney", "Melbourne": "Melbourne",
           "Mildura": "Melbourne"},
    "US": {"New York": "New York", "Los Angeles": "Los Angeles"},
}  # fmt: skip

#: Every PPLN, sorted.
PPLN: tuple[str, ...] = tuple(sorted({p for names in PPLN_BY_COUNTRY.values() for p in names}))

#: The country each PPLN sits in (Hong Kong lists Macau's voters too).
COUNTRY_OF_PPLN: dict[str, str] = {
    name: country for country, names in PPLN_BY_COUNTRY.items() if country != "MO" for name in names
}


def ppln_for(country_code: str | None, city: str | None) -> str | None:
    """The PPLN a worker employed in ``city`` of ``country_code`` is listed by (None for
    a country with no PPLN known to the platform)."""
    if country_code is None or country_code not in PPLN_BY_COUNTRY:
        return None
    covered = PPLN_BY_CITY.get(country_code, {})
    if city is not None and city in covered:
        return covered[city]
    return PPLN_BY_COUNTRY[country_code][0]


def jurisdiction_rows() -> list[tuple[str, str | None, str]]:
    """``(country_code, city or None, ppln)`` rows: the cities each PPLN covers, and
    one row per country with city None for its default PPLN (for SQL joins)."""
    rows: list[tuple[str, str | None, str]] = [
        (country, None, names[0]) for country, names in sorted(PPLN_BY_COUNTRY.items())
    ]
    for country, cities in sorted(PPLN_BY_CITY.items()):
        rows += [(country, city, ppln) for city, ppln in sorted(cities.items())]
    return rows
