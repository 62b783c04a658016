"""Destinations and the jobs PMI are placed in, with who does them and for what pay.

Destination shares are the 2023 placements (FACTS.md: Taiwan 83,216; Malaysia
72,260; Hong Kong 65,916; South Korea 12,580; Japan 9,673; the rest spread over
Singapore, Saudi Arabia (SPSK), Brunei, Poland, Turkey, the Gulf, Italy, New
Zealand and others). The sex mix follows FACTS.md: domestic and care work in
Hong Kong and Taiwan is done by women; Korean manufacturing and fishing and
Malaysian plantations by men. Saudi Arabia takes household work only through
the SPSK one-channel system, with companies (syarikah) in its listed cities
(Kepmenaker 291/2018). Salaries are monthly, in the destination's currency.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Placements by destination in 2023 (first five from FACTS.md; the rest approximate).
DESTINATION_PLACEMENTS: dict[str, int] = {
    "TW": 83_216, "MY": 72_260, "HK": 65_916, "KR": 12_580, "JP": 9_673,
    "SG": 7_200, "SA": 5_400, "BN": 5_100, "AE": 1_700, "PL": 1_600, "TR": 1_500,
    "QA": 1_500, "IT": 1_100, "MO": 900, "KW": 700, "DE": 600, "OM": 500,
    "AU": 500, "NZ": 400,
}  # fmt: skip

CURRENCY = {
    "TW": "TWD", "MY": "MYR", "HK": "HKD", "KR": "KRW", "JP": "JPY", "SG": "SGD",
    "SA": "SAR", "BN": "BND", "AE": "AED", "PL": "PLN", "TR": "EUR", "QA": "QAR",
    "IT": "EUR", "MO": "MOP", "KW": "KWD", "DE": "EUR", "OM": "OMR", "AU": "AUD",
    "NZ": "NZD",
}  # fmt: skip

#: Contract length in months by destination (Korea's EPS: 4 years 10 months).
CONTRACT_MONTHS = {"TW": 36, "KR": 58, "JP": 36, "DE": 36}
DEFAULT_CONTRACT_MONTHS = 24

#: The SPSK cities of Kepmenaker 291/2018.
SPSK_CITIES = ("Mecca", "Jeddah", "Riyadh", "Medina", "Dammam", "Dhahran", "Khobar")


@dataclass(frozen=True)
class AgeProfile:
    """Age at registration: a normal shape cut to the ages recruited for the job."""

    mean: float
    sd: float
    low: int
    high: int


AGES = {
    "domestic": AgeProfile(31.0, 7.0, 21, 50),  # 21+ for household employers (UU 39/2004 usage)
    "care": AgeProfile(30.0, 6.5, 21, 48),
    "factory": AgeProfile(27.0, 5.0, 18, 39),  # Korea's EPS takes 18 to 39
    "field": AgeProfile(32.0, 7.5, 18, 50),
    "young": AgeProfile(25.0, 4.0, 18, 35),
    "skilled": AgeProfile(29.0, 5.0, 21, 45),
}


@dataclass(frozen=True)
class Job:
    """A kind of job in a destination (one row of the catalogue)."""

    country: str
    job_type: str
    position: str
    share: float  # within the destination
    female: float  # share of women
    household: bool  # employer is a household (else a company)
    salary: tuple[float, float]
    age: AgeProfile
    scheme: str  # competence certificate scheme code (training.SCHEMES)
    violation: str | None = None

    @property
    def sector(self) -> str:
        """'informal' for household work and SPSK domestic jobs, 'formal' otherwise."""
        return "informal" if self.household or self.job_type in SPSK_JOBS else "formal"

    @property
    def contract_months(self) -> int:
        return CONTRACT_MONTHS.get(self.country, DEFAULT_CONTRACT_MONTHS)


#: The six SPSK jobs of Kepmenaker 291/2018.
SPSK_JOBS = frozenset(
    {"housekeeper", "babysitter", "family_cook", "elderly_caretaker", "family_driver", "child_care"}
)

# country, job type, employer (H household, C company, X household against Kepmenaker
# 260/2015: generated on purpose, in small numbers), share within the country, share of
# women, monthly salary range, age profile, certificate scheme, position as advertised.
_CATALOGUE = """
TW caregiver           H 0.45 0.99    20000-20000   care     PLN  Perawat Lansia (Caretaker)
TW domestic_worker     H 0.12 0.99    20000-20000   domestic PLRT Penata Laksana Rumah Tangga
TW factory_operator    C 0.3  0.4     27470-29500   factory  OPM  Operator Produksi
TW fishing_crew        C 0.08 0       27470-30000   field    ABK  Anak Buah Kapal Perikanan
TW construction_worker C 0.05 0.02    27470-32000   field    KON  Pekerja Konstruksi
HK domestic_worker     H 0.97 0.985    4990-5200    domestic PLRT Penata Laksana Rumah Tangga
HK caregiver           C 0.03 0.9      9000-11000   care     PLN  Perawat Lansia
MY plantation_worker   C 0.42 0.15     1500-1700    field    PKS  Pekerja Perkebunan Kelapa Sawit
MY factory_operator    C 0.25 0.5      1500-1800    factory  OPM  Operator Produksi
MY domestic_worker     H 0.15 0.98     1200-1500    domestic PLRT Penata Laksana Rumah Tangga
MY construction_worker C 0.12 0.03     1500-2000    field    KON  Pekerja Konstruksi
MY hospitality_worker  C 0.06 0.6      1500-1900    young    HOS  Pramusaji
KR factory_operator    C 0.8  0.07  2060740-2300000 factory  OPM  Operator Manufaktur (EPS)
KR fishing_crew        C 0.14 0     2060740-2200000 factory  ABK  Nelayan (EPS Perikanan)
KR agriculture_worker  C 0.06 0.2   2060740-2150000 factory  PTN  Pekerja Pertanian (EPS)
JP caregiver           C 0.3  0.7    180000-220000  young    KGO  Kaigo (Tokutei Ginou)
JP factory_operator    C 0.35 0.4    170000-200000  young    OPM  Pengolahan Makanan
JP construction_worker C 0.12 0.02   190000-230000  young    KON  Pekerja Konstruksi
JP agriculture_worker  C 0.1  0.3    170000-190000  young    PTN  Pekerja Pertanian
JP fishing_crew        C 0.05 0.05   180000-210000  young    ABK  Perikanan
JP hospitality_worker  C 0.08 0.5    180000-200000  young    HOS  Perhotelan
SG domestic_worker     H 0.78 0.99      600-750     domestic PLRT Penata Laksana Rumah Tangga
SG factory_operator    C 0.22 0.4      1600-2000    factory  OPM  Operator Produksi
SA housekeeper         C 0.45 1        1500-1800    domestic PLRT Penata Laksana Rumah Tangga (SPSK)
SA babysitter          C 0.1  1        1500-1800    domestic PBA  Pengasuh Bayi (SPSK)
SA family_cook         C 0.1  0.9      1600-1900    domestic PLRT Juru Masak Keluarga (SPSK)
SA elderly_caretaker   C 0.1  0.9      1600-1900    care     PLN  Perawat Lansia (SPSK)
SA family_driver       C 0.15 0        1800-2000    skilled  SPR  Sopir Keluarga (SPSK)
SA child_care          C 0.1  1        1500-1800    domestic PBA  Pengasuh Anak (SPSK)
BN domestic_worker     H 0.4  0.98      350-450     domestic PLRT Penata Laksana Rumah Tangga
BN construction_worker C 0.3  0.03      500-700     field    KON  Pekerja Konstruksi
BN plantation_worker   C 0.15 0.2       450-600     field    PKS  Pekerja Perkebunan
BN hospitality_worker  C 0.15 0.6       500-700     young    HOS  Pramusaji
AE hospitality_worker  C 0.35 0.5      1800-2500    young    HOS  Perhotelan
AE cleaner             C 0.25 0.6      1500-1800    skilled  HOS  Petugas Kebersihan (Perusahaan)
AE driver              C 0.15 0        2500-3000    skilled  SPR  Pengemudi
AE nurse               C 0.1  0.8      6000-8000    skilled  NRS  Perawat
AE caregiver           C 0.15 0.85     2000-2500    care     PLN  Perawat Lansia (Perusahaan)
PL welder              C 0.5  0        4500-6000    skilled  LAS  Juru Las
PL factory_operator    C 0.3  0.3      4300-5000    factory  OPM  Operator Produksi
PL agriculture_worker  C 0.2  0.3      4300-4800    field    PTN  Pekerja Pertanian
TR spa_therapist       C 0.7  0.95      700-900     young    SPA  Terapis Spa
TR hospitality_worker  C 0.3  0.5       650-850     young    HOS  Perhotelan
QA hospitality_worker  C 0.4  0.5      1800-2500    young    HOS  Perhotelan
QA cleaner             C 0.3  0.6      1400-1800    skilled  HOS  Petugas Kebersihan (Perusahaan)
QA driver              C 0.2  0        2200-2800    skilled  SPR  Pengemudi
QA construction_worker C 0.1  0.02     1500-2000    field    KON  Pekerja Konstruksi
IT ship_crew           C 0.7  0.2      1300-1800    young    HOS  Awak Kapal Pesiar
IT hospitality_worker  C 0.3  0.5      1400-1700    young    HOS  Perhotelan
MO domestic_worker     H 0.9  0.98     5000-5500    domestic PLRT Penata Laksana Rumah Tangga
MO hospitality_worker  C 0.1  0.5      8000-10000   young    HOS  Perhotelan
KW cleaner             C 0.5  0.6       120-150     skilled  HOS  Petugas Kebersihan (Perusahaan)
KW hospitality_worker  C 0.3  0.5       150-200     young    HOS  Perhotelan
KW nurse               C 0.2  0.8       500-700     skilled  NRS  Perawat
DE nurse               C 0.8  0.75     2800-3400    skilled  NRS  Perawat (Pflegefachkraft)
DE caregiver           C 0.2  0.8      2400-2900    care     PLN  Perawat Lansia (Altenpflege)
OM hospitality_worker  C 0.5  0.5       180-250     young    HOS  Perhotelan
OM cleaner             C 0.5  0.6       150-180     skilled  HOS  Petugas Kebersihan (Perusahaan)
AU agriculture_worker  C 0.6  0.3      4000-4800    young    PTN  Pekerja Pertanian
AU hospitality_worker  C 0.4  0.5      4200-5000    young    HOS  Perhotelan
NZ agriculture_worker  C 1    0.3      3800-4400    young    PTN  Pemetik Buah
AE domestic_worker     X 0    1        1200-1500    domestic PLRT Penata Laksana Rumah Tangga
SA domestic_worker     X 0    1        1200-1500    domestic PLRT Penata Laksana Rumah Tangga
KW domestic_worker     X 0    1         100-120     domestic PLRT Penata Laksana Rumah Tangga
QA domestic_worker     X 0    1        1200-1400    domestic PLRT Penata Laksana Rumah Tangga
"""


def _parse(line: str) -> Job:
    country, job_type, kind, share, female, salary, age, scheme, position = line.split(None, 8)
    low, high = salary.split("-")
    return Job(
        country=country,
        job_type=job_type,
        position=position,
        share=float(share),
        female=float(female),
        household=kind in "HX",
        salary=(float(low), float(high)),
        age=AGES[age],
        scheme=scheme,
        violation="kepmenaker_260_2015" if kind == "X" else None,
    )


JOBS: tuple[Job, ...] = tuple(_parse(line) for line in _CATALOGUE.strip().splitlines())

COUNTRIES: tuple[str, ...] = tuple(DESTINATION_PLACEMENTS)


def violating_jobs() -> list[int]:
    """Catalogue indices of the jobs generated against the rules on purpose."""
    return [i for i, job in enumerate(JOBS) if job.violation is not None]
