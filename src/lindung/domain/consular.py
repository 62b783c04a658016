"""What a consular registration (lapor diri) says a citizen does abroad.

A citizen abroad reports to the Indonesian mission (KBRI, KJRI, KDEI, Konsulat RI)
of where they live, stating an occupation (``job_type``). The platform reads that
occupation from a closed vocabulary, in Bahasa Indonesia as the missions write it:

- statuses that are **not a placement**: the person is not a migrant worker (PMI).
  UU 18/2017 Pasal 1 angka 2 defines a PMI as a citizen who will do, does or did
  *paid work* abroad; Pasal 4 ayat (2) excludes, among others, students and
  trainees (huruf b), citizens with their own business abroad (huruf g), civil
  servants and local staff of the missions (huruf e), and citizens sent by an
  international body or a state on official duty (huruf a). A spouse keeping the
  household and a retiree do no paid work at all (Pasal 1 angka 2);
- **worker jobs**: wage work for an employer abroad, including professionals
  employed by a company. This is evidence of *working* abroad, never of residence:
  a professional employed abroad is a PMI by Pasal 1 angka 2. Whether such people,
  leaving without a placement, count as irregular is a policy question; the
  platform keeps them raised (docs/signals.md).

A value outside the vocabulary (free text, empty) says nothing either way.

The article and letter numbers above are not backed by the project's legal notes
(``domain/RULES.md`` does not cover Pasal 4): they are to be checked against the text
of UU 18/2017 before an officer relies on them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    """A non-placement status: its code as written, and the legal basis (id, en)."""

    code: str
    basis_id: str
    basis_en: str


STUDENT = "PELAJAR/MAHASISWA"
HOMEMAKER = "IBU RUMAH TANGGA"
SPOUSE = "PENDAMPING KELUARGA"
OWN_BUSINESS = "WIRASWASTA"
RETIRED = "PENSIUNAN"
MISSION_STAFF = "PEGAWAI PERWAKILAN/ASN"
INTERNATIONAL_STAFF = "STAF ORGANISASI INTERNASIONAL"

#: The statuses that are not a placement, with their legal basis.
NOT_A_PLACEMENT: dict[str, Status] = {
    s.code: s
    for s in (
        Status(
            STUDENT,
            "UU 18/2017 Pasal 4 ayat (2) huruf b: pelajar dan peserta pelatihan",
            "Law 18/2017 art. 4(2)(b): students and trainees",
        ),
        Status(
            HOMEMAKER,
            "UU 18/2017 Pasal 1 angka 2: tidak bekerja dengan menerima upah",
            "Law 18/2017 art. 1(2): no paid work",
        ),
        Status(
            SPOUSE,
            "UU 18/2017 Pasal 1 angka 2: tidak bekerja dengan menerima upah",
            "Law 18/2017 art. 1(2): no paid work",
        ),
        Status(
            OWN_BUSINESS,
            "UU 18/2017 Pasal 4 ayat (2) huruf g: usaha mandiri di luar negeri",
            "Law 18/2017 art. 4(2)(g): own business abroad",
        ),
        Status(
            RETIRED,
            "UU 18/2017 Pasal 1 angka 2: tidak bekerja dengan menerima upah",
            "Law 18/2017 art. 1(2): no paid work",
        ),
        Status(
            MISSION_STAFF,
            "UU 18/2017 Pasal 4 ayat (2) huruf e: ASN atau pegawai setempat Perwakilan RI",
            "Law 18/2017 art. 4(2)(e): civil servants and local staff of the missions",
        ),
        Status(
            INTERNATIONAL_STAFF,
            "UU 18/2017 Pasal 4 ayat (2) huruf a: tugas resmi badan internasional",
            "Law 18/2017 art. 4(2)(a): official duty for an international body",
        ),
    )
}

#: A professional employed by a company abroad (wage work: a PMI by Pasal 1 angka 2).
PROFESSIONAL = "KARYAWAN SWASTA"

#: Wage work for an employer abroad: the placement jobs as the missions write them,
#: and the employed professional.
WORKER_JOBS: frozenset[str] = frozenset(
    {
        "PENATA LAKSANA RUMAH TANGGA",
        "PENGASUH ANAK",
        "PERAWAT LANSIA",
        "PERAWAT",
        "OPERATOR PRODUKSI",
        "PEKERJA PERKEBUNAN",
        "PEKERJA PERTANIAN",
        "PEKERJA KONSTRUKSI",
        "ANAK BUAH KAPAL",
        "PEKERJA PERHOTELAN",
        "PETUGAS KEBERSIHAN",
        "PENGEMUDI",
        "JURU LAS",
        "TERAPIS SPA",
        PROFESSIONAL,
    }
)

#: The whole vocabulary.
JOB_TYPES: frozenset[str] = frozenset(NOT_A_PLACEMENT) | WORKER_JOBS


def is_not_a_placement(job_type: str | None) -> bool:
    """Whether a registration's occupation says the person is not a PMI."""
    return job_type is not None and job_type.strip().upper() in NOT_A_PLACEMENT


def is_worker_job(job_type: str | None) -> bool:
    """Whether a registration's occupation is wage work for an employer abroad."""
    return job_type is not None and job_type.strip().upper() in WORKER_JOBS
