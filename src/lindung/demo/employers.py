"""Foreign employers (pemberi kerja) and partner companies, with romanised names and cities.

Households employ domestic and care workers in Hong Kong, Taiwan, Singapore,
Malaysia, Brunei and Macau (one worker each); companies employ everyone else,
including the Saudi syarikah of the SPSK system, which sit in the listed
cities (Kepmenaker 291/2018). Names are built from small pools with numpy, so
that a million employers cost a few vector operations.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import I32, choice, strings, take, words
from lindung.demo.job_orders import EmployerSlots
from lindung.demo.jobs import JOBS, SPSK_CITIES

#: Cities by country, most employers first (Malaysian cities decide the PPLN later).
CITIES: dict[str, tuple[str, ...]] = {
    "TW": words("Taoyuan Taichung New_Taipei Tainan Kaohsiung Taipei Changhua Hsinchu"),
    "MY": words("Kuala_Lumpur Johor_Bahru Kota_Kinabalu Tawau Kuching Penang Ipoh Sandakan"),
    "HK": words("Hong_Kong"),
    "KR": words("Ansan Hwaseong Gimhae Incheon Changwon Busan Cheonan Pyeongtaek"),
    "JP": words("Tokyo Osaka Aichi Ibaraki Saitama Hiroshima Fukuoka Shizuoka"),
    "SG": words("Singapore"),
    "SA": SPSK_CITIES,
    "BN": words("Bandar_Seri_Begawan Kuala_Belait Seria Tutong"),
    "AE": words("Dubai Abu_Dhabi Sharjah Ajman"),
    "PL": words("Warsaw Wroclaw Poznan Gdansk Lodz"),
    "TR": words("Antalya Istanbul Bodrum Izmir"),
    "QA": words("Doha Al_Wakrah Al_Rayyan"),
    "IT": words("Genoa Naples Rome Venice"),
    "MO": words("Macau"),
    "KW": words("Kuwait_City Hawalli Farwaniya"),
    "DE": words("Berlin Frankfurt Munich Hamburg Cologne"),
    "OM": words("Muscat Sohar Salalah"),
    "AU": words("Mildura Bundaberg Perth Darwin"),
    "NZ": words("Hawke's_Bay Nelson Bay_of_Plenty Marlborough"),
}
#: Saudi cities outside the SPSK list (used only by job orders against the rules).
NON_SPSK_CITIES = words("Tabuk Abha Taif Hail")

_HOUSEHOLD_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "TW": (
        words("Chen Lin Huang Chang Li Wang Wu Liu Tsai Yang Hsu Cheng Hsieh Kuo Hung"),
        words("Mei-Ling Chih-Wei Shu-Fen Chun-Hung Ya-Ting Wen-Hsiung Li-Hua Chien-Ming Hsiu-Ying"),
    ),
    "HK": (
        words("Chan Wong Lee Cheung Lau Ho Leung Lam Tsang Ng Yip Chow Tang Fung Kwok"),
        words("Tai_Man Siu_Ling Ka_Wai Wing_Yee Chi_Keung Mei_Ling Kwok_Wah Suk_Fan Hoi_Yan"),
    ),
    "SG": (
        words("Tan Lim Lee Ng Ong Wong Goh Chua Chan Koh Teo Ang"),
        words("Wei_Ming Hui_Min Jun_Jie Siew_Ling Kok_Wah Li_Ting Boon_Keng Mei_Fong"),
    ),
    "MY": (
        words("Ahmad Mohd_Faizal Siti_Nurhaliza Lee Tan Wong Rajesh Nurul_Ain Azman Lim"),
        words("Ismail Abdullah Chong_Wei Mei_Ling Kumar Hassan Kok_Leong Ibrahim Yusof"),
    ),
    "MO": (
        words("Chan Wong Leong Lei Ho Lam Cheang Sio Ieong Lao"),
        words("Ka_Man Sio_Wa Kin_Hong Mei_Kuan Chi_Fai Weng_Ian"),
    ),
    "BN": (
        words("Awang Dayang Haji_Mohd Hajah_Siti Pengiran Abdul"),
        words("Hamid Rosnah Yusof Aminah Rahman Salmah Ismail"),
    ),
    "ARAB": (
        words("Abdullah Fahad Khalid Mohammed Saud Noura Sara Faisal Ahmed Hessa"),
        words("Al-Harbi Al-Otaibi Al-Mutairi Al-Qahtani Al-Shammari Al-Dosari Al-Mansouri"),
    ),
}

_COMPANY_WORDS = words(
    """
    Golden Evergreen Pacific Sunrise Eastern Unity Prosper Harmony Royal Crystal Summit
    Oriental Pioneer Victory Star Lotus Phoenix Diamond Global Grand Ocean Green Silver
    Dragon Century Kingdom United Premier Alliance Bright
    """
)
_INDUSTRY: dict[str, tuple[str, ...]] = {
    "caregiver": words("Care Nursing_Home Eldercare Welfare"),
    "factory_operator": words("Precision Electronics Industrial Plastics Textile Foods Metal"),
    "plantation_worker": words("Plantation Estates Palm_Oil Agro"),
    "construction_worker": words("Construction Engineering Builders"),
    "fishing_crew": words("Fishery Marine Seafood Fishing"),
    "agriculture_worker": words("Farm Agriculture Orchards Growers"),
    "hospitality_worker": words("Hotel Hospitality Resort Catering"),
    "spa_therapist": words("Spa Wellness Resort"),
    "ship_crew": words("Cruises Shipping Marine"),
    "nurse": words("Hospital Medical Klinikum Healthcare"),
    "cleaner": words("Cleaning_Services Facility_Management"),
    "driver": words("Transport Logistics Limousine"),
    "welder": words("Steel Shipyard Fabrication"),
}
_SPSK = words("Recruitment Manpower Services Domestic_Labor")
_SUFFIX = {
    "TW": "Co., Ltd.", "MY": "Sdn. Bhd.", "KR": "Co., Ltd.", "JP": "K.K.", "SG": "Pte. Ltd.",
    "SA": "Co.", "BN": "Sdn. Bhd.", "AE": "LLC", "QA": "W.L.L.", "KW": "W.L.L.",
    "OM": "LLC", "PL": "Sp. z o.o.", "TR": "A.S.", "IT": "S.r.l.", "DE": "GmbH",
    "AU": "Pty Ltd", "NZ": "Ltd", "HK": "Limited", "MO": "Limitada",
}  # fmt: skip


def household_names(rng: np.random.Generator, country: str, n: int) -> Any:
    """Romanised names of ``n`` household employers in ``country``."""
    surnames, given = _HOUSEHOLD_NAMES.get(country, _HOUSEHOLD_NAMES["ARAB"])
    first = take(strings(surnames), rng.integers(0, len(surnames), n))
    second = take(strings(given), rng.integers(0, len(given), n))
    return pc.binary_join_element_wise(first, second, " ")


def company_names(rng: np.random.Generator, country: str, job_type: str, n: int) -> Any:
    """Names of ``n`` companies hiring for ``job_type`` in ``country``."""
    industry = (
        _SPSK
        if country == "SA" and job_type not in _INDUSTRY
        else _INDUSTRY.get(job_type, words("Services Enterprise"))
    )
    first = take(strings(_COMPANY_WORDS), rng.integers(0, len(_COMPANY_WORDS), n))
    middle = take(strings(industry), rng.integers(0, len(industry), n))
    prefix = "Al" if country in {"SA", "AE", "QA", "KW", "OM"} else None
    parts = [first, middle, pa.array([_SUFFIX.get(country, "Ltd")] * n, type=pa.string())]
    if prefix:
        parts.insert(0, pa.array([prefix] * n, type=pa.string()))
    return pc.binary_join_element_wise(*parts, " ")


def cities(rng: np.random.Generator, country: str, n: int, outside_spsk: bool = False) -> Any:
    """Employer cities, most frequent first (Zipf)."""
    names = NON_SPSK_CITIES if outside_spsk else CITIES.get(country, ("",))
    picked: I32 = choice(rng, list(1.0 / np.arange(1, len(names) + 1)), n)
    return take(strings(names), picked)


def name_employers(rng: np.random.Generator, slots: EmployerSlots) -> tuple[Any, Any]:
    """Names and cities of every employer (syarikah outside the SPSK cities on purpose)."""
    n = len(slots.job)
    name = pa.nulls(n, type=pa.string())
    city = pa.nulls(n, type=pa.string())
    for job in np.unique(slots.job):
        rows = np.flatnonzero(slots.job == job)
        spec = JOBS[int(job)]
        if spec.household:
            names = household_names(rng, spec.country, len(rows))
        else:
            names = company_names(rng, spec.country, spec.job_type, len(rows))
        name = pc.replace_with_mask(name, _mask(n, rows), names)
        city = pc.replace_with_mask(city, _mask(n, rows), cities(rng, spec.country, len(rows)))
    outside = np.flatnonzero(slots.outside_spsk)
    city = pc.replace_with_mask(city, _mask(n, outside), cities(rng, "SA", len(outside), True))
    return name, city


def _mask(n: int, rows: Any) -> Any:
    mask = np.zeros(n, dtype=np.bool_)
    mask[rows] = True
    return pa.array(mask)
