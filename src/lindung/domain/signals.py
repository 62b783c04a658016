"""The vocabulary of protection signals: types, severities, statuses and their moves.

Each signal type serves one or more purposes (:class:`lindung.exchange.purposes.Purpose`).
A signal is routed to an organisation when that organisation has an agreement in
force that carries the ``signals`` dataset to it, allows one of the type's purposes
and (if it is regional) covers the signal's region. KP2MI's own officers see every
type under ``oversight`` (national roles) or their region's subtree (regional
officers). So Komnas Anak, whose agreements allow only ``child_protection``, sees
the under-age, age-discrepancy and children-left-behind signals and nothing else.
See docs/signals.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lindung.exchange.purposes import Purpose


class SignalType(StrEnum):
    IRREGULAR_DEPARTURE = "irregular_departure"
    UNDERAGE = "underage"
    AGE_DISCREPANCY = "age_discrepancy"
    CHILDREN_LEFT_BEHIND = "children_left_behind"
    VOTER_MISSING = "voter_missing"
    VOTER_DUPLICATE = "voter_duplicate"
    VOTER_RETURNED = "voter_returned"
    VOTER_INELIGIBLE = "voter_ineligible"
    AGENCY_RISK = "agency_risk"
    REINTEGRATION_DUE = "reintegration_due"
    UNREPORTED_RETURN = "unreported_return"


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class SignalStatus(StrEnum):
    NEW = "new"
    IN_REVIEW = "in_review"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


#: The moves a person may make (a run may reopen a dismissed signal as new when its
#: evidence changes; that is not a person's move).
STATUS_MOVES: dict[SignalStatus, frozenset[SignalStatus]] = {
    SignalStatus.NEW: frozenset(
        {SignalStatus.IN_REVIEW, SignalStatus.CONFIRMED, SignalStatus.DISMISSED}
    ),
    SignalStatus.IN_REVIEW: frozenset(
        {SignalStatus.CONFIRMED, SignalStatus.DISMISSED, SignalStatus.NEW}
    ),
    SignalStatus.CONFIRMED: frozenset({SignalStatus.IN_REVIEW}),
    SignalStatus.DISMISSED: frozenset({SignalStatus.IN_REVIEW}),
}


def can_move(current: SignalStatus, target: SignalStatus) -> bool:
    return target in STATUS_MOVES[current]


@dataclass(frozen=True)
class TypeInfo:
    """What a signal type is for, whom it is routed to, and its labels."""

    purposes: tuple[Purpose, ...]
    title_id: str
    title_en: str
    description_id: str
    description_en: str

    def title(self, language: str = "id") -> str:
        return self.title_en if language == "en" else self.title_id

    def description(self, language: str = "id") -> str:
        return self.description_en if language == "en" else self.description_id


_DEPARTURE = (Purpose.IRREGULAR_DEPARTURE_PREVENTION, Purpose.REGIONAL_PROTECTION)
_CHILD = (Purpose.CHILD_PROTECTION,)
_VOTER = (Purpose.VOTER_LIST_OVERSIGHT,)
_REGION = (Purpose.REGIONAL_PROTECTION,)

TYPES: dict[SignalType, TypeInfo] = {
    SignalType.IRREGULAR_DEPARTURE: TypeInfo(
        _DEPARTURE,
        "Keberangkatan non-prosedural",
        "Non-procedural departure",
        "Keberangkatan ke negara penempatan oleh orang usia kerja yang tidak cocok dengan "
        "penempatan terdaftar, atau penempatannya belum sampai tahap keberangkatan.",
        "A departure to a placement country by a person of working age that links to no "
        "registered placement, or to one not yet at the departure stage.",
    ),
    SignalType.UNDERAGE: TypeInfo(
        _CHILD,
        "Calon PMI atau pelintas di bawah umur",
        "Under-age candidate or traveller",
        "Menurut salah satu sumber, orang ini berusia di bawah 18 tahun pada tanggal "
        "pendaftaran atau keberangkatan.",
        "By at least one source this person was under 18 on the registration or departure date.",
    ),
    SignalType.AGE_DISCREPANCY: TypeInfo(
        _CHILD,
        "Perbedaan tanggal lahir atau jenis kelamin",
        "Birth date or sex discrepancy",
        "Tanggal lahir atau jenis kelamin berbeda antara NIK, paspor dan data "
        "kependudukan melebihi toleransi (pola pemalsuan: perlu ditinjau).",
        "Birth date or sex differs between the NIK, the passport and the civil registry "
        "beyond the tolerance (a falsification pattern, to review).",
    ),
    SignalType.CHILDREN_LEFT_BEHIND: TypeInfo(
        (Purpose.CHILD_PROTECTION, Purpose.REGIONAL_PROTECTION),
        "Anak yang ditinggalkan",
        "Children left behind",
        "Anak di bawah 18 tahun dari PMI di luar negeri tanpa pengasuh tercatat, atau "
        "kedua orang tuanya di luar negeri.",
        "Children under 18 of workers abroad with no caregiver recorded, or with both "
        "parents abroad.",
    ),
    SignalType.VOTER_MISSING: TypeInfo(
        _VOTER,
        "PMI di luar negeri tidak ada di DPT LN",
        "Worker abroad missing from the DPT LN",
        "PMI yang berada di luar negeri pada hari pemungutan suara tetapi tidak terdaftar "
        "di DPT LN.",
        "A worker abroad on election day who is not on the overseas voter list.",
    ),
    SignalType.VOTER_DUPLICATE: TypeInfo(
        _VOTER,
        "Pemilih ganda di DPT LN",
        "Duplicate voter in the DPT LN",
        "Orang yang sama tercatat lebih dari sekali di DPT LN, di PPLN yang sama atau berbeda.",
        "The same person listed more than once in the DPT LN, in the same or different PPLNs.",
    ),
    SignalType.VOTER_RETURNED: TypeInfo(
        _VOTER,
        "Pemilih di DPT LN sudah kembali ke Indonesia",
        "Voter on the DPT LN has returned home",
        "Entri DPT LN untuk PMI yang sudah kembali ke Indonesia.",
        "A DPT LN entry for a worker who has returned to Indonesia.",
    ),
    SignalType.VOTER_INELIGIBLE: TypeInfo(
        _VOTER,
        "Pemilih tidak memenuhi syarat pada hari pemungutan suara",
        "Voter not eligible on election day",
        "Entri DPT LN untuk orang yang belum berusia 17 tahun dan belum pernah kawin pada "
        "hari pemungutan suara.",
        "A DPT LN entry for a person under 17 and never married on election day.",
    ),
    SignalType.AGENCY_RISK: TypeInfo(
        (Purpose.OVERSIGHT,),
        "Risiko P3MI",
        "Agency risk",
        "P3MI dengan pelanggaran aturan, keberangkatan non-prosedural terkait, calon di "
        "bawah umur dan pengaduan.",
        "Agencies with rule violations, linked irregular departures, under-age candidates "
        "and complaints.",
    ),
    SignalType.REINTEGRATION_DUE: TypeInfo(
        _REGION,
        "PMI purna perlu layanan reintegrasi",
        "Returnee due reintegration support",
        "PMI yang sudah kembali tanpa catatan reintegrasi.",
        "A returned worker with no reintegration record.",
    ),
    SignalType.UNREPORTED_RETURN: TypeInfo(
        _REGION,
        "Kepulangan tidak dilaporkan",
        "Return not reported",
        "Kedatangan di perbatasan dari PMI yang penempatannya belum dilaporkan kembali oleh P3MI.",
        "An arrival at the border of a worker whose placement no agency reported as returned.",
    ),
}


def serves(signal_type: SignalType | str, purpose: Purpose | str) -> bool:
    """Whether a signal of this type may be delivered for this purpose (KP2MI's own
    ``oversight`` sees every type)."""
    if Purpose(purpose) is Purpose.OVERSIGHT:
        return True
    return Purpose(purpose) in TYPES[SignalType(signal_type)].purposes


def types_for(purpose: Purpose | str) -> tuple[SignalType, ...]:
    """The signal types a purpose may receive."""
    return tuple(t for t in SignalType if serves(t, purpose))
