"""Declaration of the ``signals`` dataset (see lindung.exchange.datasets, docs/signals.md).

Every read of protection signals goes through the access gate as ``signals``: the
``signals`` table joined to its subject's primary record (``primary_source`` /
``primary_key``: ``registry`` = workers, ``border_crossings``, ``dpt_ln`` =
dpt_ln_entries, ``civil_registry``, ``family_members``) for the subject's name, NIK
and birth date, which are personal fields masked per the agreement.

Rows are narrowed per principal: national roles read every signal, a regional
officer its region's subtree (``region_code``, the gate's region restriction), and a
partner (a partner user or an API client, acting under an agreement) only the
signals routed to its organisation (``signal_routes``) whose type serves the
request's purpose (:func:`lindung.domain.signals.serves`): the dataset's
``row_filter``, applied by the gate in SQL.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import and_, exists, false, func, select
from sqlalchemy.orm import Session, aliased

from lindung.domain.signals import types_for
from lindung.exchange.datasets import DatasetSpec, FieldSpec
from lindung.exchange.decision import Decision
from lindung.exchange.principal import Principal
from lindung.store.models import (
    Agreement,
    BorderCrossing,
    CivilRegistryRecord,
    DptLnEntry,
    FamilyMember,
    Signal,
    SignalRoute,
    SignalRun,
    Worker,
)

F = FieldSpec

#: primary_source -> (model, name column, NIK column, birth-date column)
PRIMARY_SOURCES: dict[str, tuple[Any, str, str, str]] = {
    "registry": (Worker, "full_name", "nik", "birth_date"),
    "border_crossings": (BorderCrossing, "name", "nik", "birth_date"),
    "dpt_ln": (DptLnEntry, "name", "nik", "birth_date"),
    "civil_registry": (CivilRegistryRecord, "name", "nik", "birth_date"),
    "family_members": (FamilyMember, "full_name", "nik", "birth_date"),
}


def _coalesce(expressions: list[Any]) -> Any:
    return func.coalesce(*expressions) if len(expressions) > 1 else expressions[0]


@cache
def signal_view() -> Any:
    """The selectable (a subquery named ``signals_view``): one row per signal."""
    first_run = aliased(SignalRun, name="first_run")
    last_run = aliased(SignalRun, name="last_run")
    entities = {
        source: aliased(model, name=f"subject_{source}")
        for source, (model, *_rest) in PRIMARY_SOURCES.items()
    }

    def picked(index: int) -> Any:
        return _coalesce(
            [
                getattr(entities[source], PRIMARY_SOURCES[source][index])
                for source in PRIMARY_SOURCES
            ]
        )

    statement = select(
        Signal.id.label("id"),
        Signal.signal_type.label("signal_type"),
        Signal.severity.label("severity"),
        Signal.status.label("status"),
        Signal.subject_kind.label("subject_kind"),
        Signal.region_code.label("region_code"),
        Signal.country_code.label("country_code"),
        Signal.ppln.label("ppln"),
        Signal.agency_id.label("agency_id"),
        Signal.risk_score.label("risk_score"),
        Signal.evidence.label("evidence"),
        first_run.as_of.label("first_seen"),
        last_run.as_of.label("last_seen"),
        picked(1).label("subject_name"),
        picked(2).label("subject_nik"),
        picked(3).label("subject_birth_date"),
    ).select_from(Signal)
    statement = statement.outerjoin(first_run, first_run.id == Signal.first_run_id)
    statement = statement.outerjoin(last_run, last_run.id == Signal.last_run_id)
    for source, entity in entities.items():
        statement = statement.outerjoin(
            entity, and_(Signal.primary_source == source, entity.id == Signal.primary_key)
        )
    return statement.subquery("signals_view")


def partner_filter(session: Session, principal: Principal, decision: Decision) -> Any:
    """Signals routed to the partner's organisation, of types the purpose serves.

    KP2MI's own officers (no agreement) are narrowed by region only (the gate).
    """
    if decision.agreement_number is None:
        return None
    organisation_id = session.scalar(
        select(Agreement.partner_id).where(Agreement.number == decision.agreement_number)
    )
    types = [t.value for t in types_for(decision.purpose)]
    if organisation_id is None or not types:
        return false()
    view = signal_view()
    routed = exists(
        select(SignalRoute.id).where(
            SignalRoute.signal_id == view.c.id,
            SignalRoute.organisation_id == organisation_id,
        )
    )
    return and_(routed, view.c.signal_type.in_(types))


SIGNALS = DatasetSpec(
    name="signals",
    title_id="Sinyal pelindungan",
    title_en="Protection signals",
    fields=(
        F("id", "int", "ID sinyal", "Signal id"),
        F("signal_type", "text", "Jenis sinyal", "Signal type"),
        F("severity", "text", "Tingkat keparahan", "Severity"),
        F("status", "text", "Status", "Status"),
        F("subject_kind", "text", "Jenis subjek", "Subject kind"),
        F("region_code", "region_code", "Kode wilayah", "Region code"),
        F("country_code", "country", "Negara", "Country"),
        F("ppln", "text", "PPLN", "PPLN"),
        F("agency_id", "int", "ID P3MI", "Agency id"),
        F("risk_score", "float", "Skor risiko", "Risk score"),
        F("evidence", "json", "Bukti", "Evidence"),
        F("first_seen", "date", "Pertama terlihat", "First seen"),
        F("last_seen", "date", "Terakhir terlihat", "Last seen"),
        F("subject_name", "text", "Nama subjek", "Subject name", personal=True, mask="name"),
        F("subject_nik", "nik", "NIK subjek", "Subject NIK", personal=True, mask="nik"),
        F(
            "subject_birth_date",
            "date",
            "Tanggal lahir subjek",
            "Subject birth date",
            personal=True,
            mask="date",
        ),
    ),
    natural_key=("id",),
    model=signal_view(),
    region_field="region_code",
    subject_kind="signal",
    subject_field="id",
    row_filter=partner_filter,
)

DATASETS: tuple[DatasetSpec, ...] = (SIGNALS,)
