"""The stages of a placement, across the three protection phases of UU 18/2017.

Before work (Pasal 7-8): registered -> documents complete -> trained/certified ->
medically fit -> contracts signed -> visa issued -> oriented (OPP). During work
(Pasal 21): departed -> working (-> extended). After work (Pasal 24): returned.
Exits: withdrawn, failed departure, repatriated, deceased.

This module names the stages and which moves between them exist at all
(:data:`TRANSITIONS`); whether a move is allowed on a date for a placement is the
policy engine's decision (the rules in force on that date).
"""

from __future__ import annotations

import itertools
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


#: The stages of a placement that goes to plan, in order.
PATH = (
    PlacementStatus.REGISTERED,
    PlacementStatus.DOCUMENTS_COMPLETE,
    PlacementStatus.TRAINED,
    PlacementStatus.MEDICALLY_FIT,
    PlacementStatus.CONTRACTS_SIGNED,
    PlacementStatus.VISA_ISSUED,
    PlacementStatus.ORIENTED,
    PlacementStatus.DEPARTED,
    PlacementStatus.WORKING,
)
BEFORE_DEPARTURE = PATH[: PATH.index(PlacementStatus.DEPARTED)]
_EXITS_BEFORE = (PlacementStatus.WITHDRAWN, PlacementStatus.FAILED_DEPARTURE)
_EXITS_ABROAD = (PlacementStatus.REPATRIATED, PlacementStatus.DECEASED)


def _transitions() -> dict[PlacementStatus, tuple[PlacementStatus, ...]]:
    moves: dict[PlacementStatus, tuple[PlacementStatus, ...]] = {}
    for here, there in itertools.pairwise(PATH):
        exits = _EXITS_BEFORE if here in BEFORE_DEPARTURE else _EXITS_ABROAD
        moves[here] = (there, *exits)
    abroad_end = (PlacementStatus.RETURNED, *_EXITS_ABROAD)
    moves[PlacementStatus.WORKING] = (PlacementStatus.EXTENDED, *abroad_end)
    moves[PlacementStatus.EXTENDED] = (PlacementStatus.EXTENDED, *abroad_end)
    for end in (PlacementStatus.RETURNED, *_EXITS_BEFORE, *_EXITS_ABROAD):
        moves[end] = ()
    return moves


#: The moves that exist: the path forward one stage at a time, an extension (again
#: and again) while working, return, and the exits (withdrawn or failed departure
#: before departure; repatriated or deceased abroad). Terminal stages have none; a
#: returned worker who leaves again does so in a new placement.
TRANSITIONS: dict[PlacementStatus, tuple[PlacementStatus, ...]] = _transitions()


def can_move(here: PlacementStatus, there: PlacementStatus) -> bool:
    """Whether the lifecycle has a move from ``here`` to ``there`` (rules aside)."""
    return there in TRANSITIONS[here]


def is_forward(here: PlacementStatus, there: PlacementStatus) -> bool:
    """A move along the path (or an extension): what a suspended agency may not do."""
    return there in PATH[1:] or there is PlacementStatus.EXTENDED


def reached(status: PlacementStatus) -> tuple[PlacementStatus, ...]:
    """The stages a placement now in ``status`` has entered."""
    if status in PATH:
        return PATH[: PATH.index(status) + 1]
    if status is PlacementStatus.EXTENDED:
        return (*PATH, PlacementStatus.EXTENDED)
    if status in _EXITS_BEFORE:
        return (PlacementStatus.REGISTERED,)
    return PATH  # returned, repatriated, deceased: they departed and worked
