"""The closed vocabulary of purposes an exchange may serve (UU 27/2022: purpose limitation).

Every partner request names one; an agreement lists the ones it allows.
"""

from __future__ import annotations

from enum import StrEnum


class Purpose(StrEnum):
    VOTER_LIST_OVERSIGHT = "voter_list_oversight"
    CHILD_PROTECTION = "child_protection"
    IRREGULAR_DEPARTURE_PREVENTION = "irregular_departure_prevention"
    PLACEMENT_SERVICES = "placement_services"
    REGIONAL_PROTECTION = "regional_protection"
    TRAINING_CERTIFICATION = "training_certification"
    OUTREACH = "outreach"
    OVERSIGHT = "oversight"  # KP2MI's own supervision of the registry

    def label(self, language: str = "id") -> str:
        indonesian, english = LABELS[self]
        return english if language == "en" else indonesian


LABELS: dict[Purpose, tuple[str, str]] = {
    Purpose.VOTER_LIST_OVERSIGHT: (
        "Pengawasan daftar pemilih luar negeri (Pemilu 2029)",
        "Overseas voter-list oversight (Pemilu 2029)",
    ),
    Purpose.CHILD_PROTECTION: ("Pelindungan anak", "Child protection"),
    Purpose.IRREGULAR_DEPARTURE_PREVENTION: (
        "Pencegahan keberangkatan non-prosedural",
        "Prevention of irregular departures",
    ),
    Purpose.PLACEMENT_SERVICES: ("Layanan penempatan", "Placement services"),
    Purpose.REGIONAL_PROTECTION: (
        "Pelindungan PMI asal daerah",
        "Protection of workers from the region",
    ),
    Purpose.TRAINING_CERTIFICATION: (
        "Pelatihan dan sertifikasi kompetensi",
        "Training and competence certification",
    ),
    Purpose.OUTREACH: ("Sosialisasi migrasi aman", "Safe-migration outreach"),
    Purpose.OVERSIGHT: ("Pengawasan oleh KP2MI", "Oversight by KP2MI"),
}
