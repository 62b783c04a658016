"""What the worker pages show, built from what the gate returned (no reads here
besides the region names of the reference table)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from lindung.domain.countries import all_countries
from lindung.domain.lifecycle import PlacementStatus
from lindung.errors import ValidationError
from lindung.identity import parse_nik
from lindung.registry.reads import WorkerProfile
from lindung.registry.vocabulary import label
from lindung.registry.workers import nik_warnings
from lindung.store.models import Region
from lindung.web.i18n import Translator

Row = dict[str, Any]


def text(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def region_label(session: Session, code: str | None) -> str:
    if not code:
        return "–"
    region = session.get(Region, code)
    return f"{region.name} ({code})" if region is not None else code


def country_label(code: str | None, lang: str) -> str:
    if not code:
        return "–"
    found = all_countries().get(code)
    if found is None:
        return code
    return found.name_en if lang == "en" else found.name_id


def status_label(code: str | None, lang: str) -> str:
    return PlacementStatus(code).label(lang) if code else "–"


def warnings_of(worker: Row, lang: str) -> list[str]:
    """The NIK's disagreements with the recorded birth date and sex, to review."""
    birth, sex = worker.get("birth_date"), worker.get("sex")
    if not isinstance(birth, date) or sex not in ("M", "F"):
        return []
    try:
        nik = parse_nik(str(worker.get("nik") or ""), date.today())
    except ValidationError:
        return []
    return [w.message(lang) for w in nik_warnings(nik, birth, str(sex))]


def identity(session: Session, worker: Row, t: Translator) -> list[tuple[str, str]]:
    lang = t.lang
    pairs = [
        ("nik", text(worker.get("nik"))),
        ("sex", label("sex", worker.get("sex"), lang) or "–"),
        ("birth_date", text(worker.get("birth_date"))),
        ("birth_place", text(worker.get("birth_place"))),
        ("origin_village_code", region_label(session, worker.get("origin_village_code"))),
        ("marital_status", label("marital_status", worker.get("marital_status"), lang) or "–"),
        ("education", label("education", worker.get("education"), lang) or "–"),
        ("phone", text(worker.get("phone"))),
        ("address", text(worker.get("address"))),
        ("email", text(worker.get("email"))),
    ]
    return [(t(f"registry.field.{name}"), value) for name, value in pairs if name in worker]


def placement_rows(profile: WorkerProfile, lang: str) -> list[Row]:
    return [
        {
            "id": row["id"],
            "job": f"{text(row.get('job_order_code'))} · {text(row.get('position'))}",
            "country": country_label(row.get("destination_country"), lang),
            "agency": text(row.get("agency_name")),
            "status": status_label(row.get("status"), lang),
            "registered_on": text(row.get("registered_on")),
        }
        for row in sorted(profile.placements, key=lambda r: r["id"])
    ]


def record_tables(profile: WorkerProfile, t: Translator) -> list[Row]:
    """The per-person records as tables: title, column labels, cell texts."""
    lang = t.lang

    def table(record: str, rows: list[Row], columns: list[str], cells: Any) -> Row:
        return {
            "id": record,
            "record": record,
            "title": t(f"record.{record}"),
            "columns": [t(f"registry.field.{c}") for c in columns],
            "rows": [cells(r) for r in rows],
        }

    return [
        table(
            "passport",
            profile.passports,
            ["number", "issued_on", "expires_on", "issuing_office"],
            lambda r: [
                text(r.get("number")),
                text(r["issued_on"]),
                text(r["expires_on"]),
                text(r.get("issuing_office")),
            ],
        ),
        table(
            "family",
            profile.family,
            ["relation", "full_name", "birth_date", "caregiver_name", "caregiver_relation"],
            lambda r: [
                label("relation", r["relation"], lang),
                text(r.get("full_name")),
                text(r.get("birth_date")),
                text(r.get("caregiver_name")),
                label("caregiver_relation", r.get("caregiver_relation"), lang) or "–",
            ],
        ),
        table(
            "health",
            profile.health_checks,
            ["kind", "result", "examined_on", "valid_until", "facility"],
            lambda r: [
                label("health_kind", r["kind"], lang),
                label("health_result", r.get("result"), lang) or "–",
                text(r["examined_on"]),
                text(r["valid_until"]),
                text(r["facility"]),
            ],
        ),
        table(
            "certificate",
            profile.certificates,
            ["scheme", "certifying_body", "number", "issued_on", "valid_until"],
            lambda r: [
                text(r["scheme"]),
                text(r["certifying_body"]),
                text(r["number"]),
                text(r["issued_on"]),
                text(r.get("valid_until")),
            ],
        ),
        table(
            "social_security",
            profile.social_security,
            ["programme", "membership_no", "valid_from", "valid_to"],
            lambda r: [
                label("social_security_programme", r["programme"], lang),
                text(r.get("membership_no")),
                text(r["valid_from"]),
                text(r.get("valid_to")),
            ],
        ),
    ]


#: Corrected fields whose values are vocabulary codes, shown with their label.
_CODED = {"sex": "sex", "marital_status": "marital_status", "education": "education"}


def correction_rows(session: Session, profile: WorkerProfile, t: Translator) -> list[Row]:
    """The corrections history, oldest first: field, old and new value (as the gate
    showed them: masked like the field when the reader may not see it in clear), who,
    when and why."""

    def shown(name: str, value: Any) -> str:
        if value is None:
            return "–"
        if name in _CODED:
            return label(_CODED[name], str(value), t.lang) or str(value)
        if name == "origin_village_code":
            return region_label(session, str(value))
        return text(value)

    return [
        {
            "field": t(f"registry.field.{row['field']}"),
            "old": shown(row["field"], row.get("old")),
            "new": shown(row["field"], row.get("new")),
            "by": text(row.get("corrected_by")),
            "when": text(row.get("corrected_at"))[:16].replace("T", " "),
            "reason": text(row.get("reason")),
        }
        for row in profile.corrections
    ]
