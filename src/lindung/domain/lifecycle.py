"""The stages of a placement, across the three protection phases of UU 18/2017.

Before work (Pasal 7-8): registered -> documents complete -> trained/certified ->
medically fit -> contracts signed -> visa issued -> oriented (OPP). During work
(Pasal 21): departed -> working (-> extended). After work (Pasal 24): returned.
Exits: withdrawn, failed departure, repatriated, deceased.

This module names the stages; the registry issue adds the rule-checked transitions.
"""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"


class PlacementStatus(StrEnum):
    REGISTERED = "registered"
    DOCUMENTS_COMPLETE = "documents_complete"
    TRAINED = "trained"
    MEDICALLY_FIT = "medically_fit"
    CONTRACTS_SIGNED = "contracts_signed"
    VISA_ISSUED = "visa_issued"
    ORIENTED = "oriented"
    DEPARTED = "departed"
    WORKING = "working"
    EXTENDED = "extended"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    FAILED_DEPARTURE = "failed_departure"
    REPATRIATED = "repatriated"
    DECEASED = "deceased"

    @property
    def phase(self) -> Phase:
        if self in _DURING:
            return Phase.DURING
        if self in _AFTER:
            return Phase.AFTER
        return Phase.BEFORE

    @property
    def is_abroad(self) -> bool:
        """The worker is abroad in this stage (departed and not back)."""
        return self in _DURING

    def label(self, language: str = "id") -> str:
        indonesian, english = LABELS[self]
        return english if language == "en" else indonesian


_DURING = frozenset({PlacementStatus.DEPARTED, PlacementStatus.WORKING, PlacementStatus.EXTENDED})
_AFTER = frozenset(
    {PlacementStatus.RETURNED, PlacementStatus.REPATRIATED, PlacementStatus.DECEASED}
)

LABELS: dict[PlacementStatus, tuple[str, str]] = {
    PlacementStatus.REGISTERED: ("Terdaftar", "Registered"),
    PlacementStatus.DOCUMENTS_COMPLETE: ("Dokumen lengkap", "Documents complete"),
    PlacementStatus.TRAINED: ("Terlatih/tersertifikasi", "Trained/certified"),
    PlacementStatus.MEDICALLY_FIT: ("Sehat (lulus pemeriksaan)", "Medically fit"),
    PlacementStatus.CONTRACTS_SIGNED: ("Perjanjian ditandatangani", "Contracts signed"),
    PlacementStatus.VISA_ISSUED: ("Visa kerja terbit", "Work visa issued"),
    PlacementStatus.ORIENTED: ("Sudah OPP", "Pre-departure orientation done"),
    PlacementStatus.DEPARTED: ("Berangkat", "Departed"),
    PlacementStatus.WORKING: ("Bekerja", "Working"),
    PlacementStatus.EXTENDED: ("Kontrak diperpanjang", "Contract extended"),
    PlacementStatus.RETURNED: ("Purna (pulang)", "Returned"),
    PlacementStatus.WITHDRAWN: ("Mengundurkan diri", "Withdrawn"),
    PlacementStatus.FAILED_DEPARTURE: ("Gagal berangkat", "Failed departure"),
    PlacementStatus.REPATRIATED: ("Dipulangkan", "Repatriated"),
    PlacementStatus.DECEASED: ("Meninggal dunia", "Deceased"),
}
