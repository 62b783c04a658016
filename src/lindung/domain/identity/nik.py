"""NIK (Nomor Induk Kependudukan): the 16-digit national identity number.

Layout: Kemendagri district code of first registration (6 digits: province 2,
regency 2, district 2) + birth date DDMMYY with 40 added to the day for women +
serial (4 digits, from 0001). There is no check digit, and the two-digit year is
ambiguous about the century.
"""

from __future__ import annotations

from datetime import date


def make_nik(district_code: str, birth_date: date, sex: str, serial: int) -> str:
    """Compose a NIK from its parts (``sex`` is 'M' or 'F'; ``serial`` 1..9999)."""
    district = district_code.replace(".", "")
    if len(district) != 6 or not district.isdigit():
        raise ValueError("district_code must be a 6-digit Kemendagri district code")
    if not 1 <= serial <= 9999:
        raise ValueError("serial must be between 1 and 9999")
    day = birth_date.day + (40 if sex == "F" else 0)
    return f"{district}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{serial:04d}"
