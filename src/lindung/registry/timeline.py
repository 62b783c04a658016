"""A worker's timeline across the three protection phases (UU 18/2017 Pasal 7, 8, 21, 24).

Pure: it arranges what the gate returned (:class:`~lindung.registry.reads.WorkerProfile`)
into dated entries, oldest first, each in its phase: before work (registration,
documents, passport, health checks, certificates, social security, orientation),
during work (departure, arrival, extensions) and after work (return, exits abroad,
reintegration). Titles are in the requested language; details name document kinds,
dates and statuses, never identity numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from lindung.domain.lifecycle import Phase, PlacementStatus
from lindung.registry.reads import WorkerProfile
from lindung.registry.vocabulary import label

PHASE_LABELS = {
    Phase.BEFORE: ("Sebelum bekerja", "Before work"),
    Phase.DURING: ("Selama bekerja", "During work"),
    Phase.AFTER: ("Setelah bekerja", "After work"),
}


@dataclass(frozen=True)
class Entry:
    """One dated thing in a worker's life as a migrant worker."""

    on: date
    phase: Phase
    title: str
    detail: str
    placement_id: int | None = None

    def phase_label(self, language: str) -> str:
        indonesian, english = PHASE_LABELS[self.phase]
        return english if language == "en" else indonesian


def _pick(language: str, indonesian: str, english: str) -> str:
    return english if language == "en" else indonesian


def worker_timeline(profile: WorkerProfile, language: str = "id") -> list[Entry]:
    """Every dated record of ``profile``, oldest first (ties keep a stable order)."""
    entries = [*_person_entries(profile, language), *_placement_entries(profile, language)]
    return sorted(entries, key=lambda entry: entry.on)


def _person_entries(profile: WorkerProfile, lang: str) -> Iterator[Entry]:
    before = Phase.BEFORE
    for row in profile.passports:
        yield Entry(
            row["issued_on"],
            before,
            _pick(lang, "Paspor terbit", "Passport issued"),
            _pick(lang, "berlaku sampai {}", "valid until {}").format(row["expires_on"]),
        )
    for row in profile.health_checks:
        yield Entry(
            row["examined_on"],
            before,
            label("health_kind", row["kind"], lang),
            f"{label('health_result', row.get('result'), lang)} · "
            + _pick(lang, "berlaku sampai {}", "valid until {}").format(row["valid_until"]),
        )
    for row in profile.certificates:
        yield Entry(
            row["issued_on"],
            before,
            _pick(lang, "Sertifikat kompetensi", "Competence certificate"),
            f"{row['scheme']} · {row['certifying_body']}",
        )
    for row in profile.social_security:
        yield Entry(
            row["valid_from"],
            before,
            label("social_security_programme", row["programme"], lang),
            _pick(lang, "kepesertaan mulai", "membership starts"),
        )


#: Event kinds shown from their own records (documents, orientation, reintegration,
#: the placement's registration), so that data loaded without events shows too.
_SHOWN_FROM_RECORDS = frozenset({"document", "orientation", "reintegration", "registration"})
#: Dates a placement carries, shown when no event records the move.
_PLACEMENT_DATES = (
    ("departed_on", PlacementStatus.DEPARTED),
    ("arrived_on", PlacementStatus.WORKING),
    ("returned_on", PlacementStatus.RETURNED),
)


def _placement_entries(profile: WorkerProfile, lang: str) -> Iterator[Entry]:
    moved = {(row["placement_id"], row.get("to_status")) for row in profile.events}
    for row in profile.placements:
        yield Entry(
            row["registered_on"],
            Phase.BEFORE,
            _pick(lang, "Penempatan didaftarkan", "Placement registered"),
            f"{row.get('job_order_code') or ''} · {row.get('position') or ''} · "
            f"{row.get('destination_country') or ''}",
            row["id"],
        )
        for column, status in _PLACEMENT_DATES:
            if row.get(column) and (row["id"], status.value) not in moved:
                yield Entry(row[column], status.phase, status.label(lang), "", row["id"])
    for row in profile.events:
        if row["kind"] not in _SHOWN_FROM_RECORDS:
            yield _event_entry(row, lang)
    for row in profile.documents:
        verified = row.get("verified_on")
        yield Entry(
            row["issued_on"],
            Phase.BEFORE,
            label("document_kind", row["kind"], lang),
            _pick(lang, "diverifikasi {}", "verified {}").format(verified)
            if verified
            else _pick(lang, "belum diverifikasi", "not verified yet"),
            row["placement_id"],
        )
    for row in profile.orientations:
        yield Entry(
            row["held_on"],
            Phase.BEFORE,
            _pick(lang, "Orientasi pra pemberangkatan (OPP)", "Pre-departure orientation"),
            "",
            row["placement_id"],
        )
    for row in profile.reintegrations:
        yield Entry(
            row["recorded_on"],
            Phase.AFTER,
            _pick(lang, "Reintegrasi", "Reintegration"),
            f"{label('reintegration_programme', row['programme'], lang)} · "
            f"{label('reintegration_status', row['status'], lang)}",
            row["placement_id"],
        )


def _event_entry(row: dict[str, Any], lang: str) -> Entry:
    """A stage change or a recorded event (departure, arrival, extension, return)."""
    to_status = row.get("to_status")
    phase = PlacementStatus(to_status).phase if to_status else Phase.BEFORE
    if to_status:
        title = PlacementStatus(to_status).label(lang)
    else:
        title = label("history_kind", row["kind"], lang)
    from_status = row.get("from_status")
    detail = (
        _pick(lang, "dari {}", "from {}").format(PlacementStatus(from_status).label(lang))
        if from_status
        else ""
    )
    source = f"{row.get('recorded_by', '')} ({row.get('source', '')})"
    return Entry(
        row["occurred_on"], phase, title, f"{detail} · {source}".strip(" ·"), row["placement_id"]
    )
