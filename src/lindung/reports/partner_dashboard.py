"""A partner user's dashboard: counts under their institution's agreements.

A partner user (a regency's officer, Bawaslu's analyst, ...) sees no worker rows
on the dashboard, only aggregates the access gate computes under the agreements
in force with their organisation: for each agreement and each dataset it sends to
the partner, counts grouped by the fields the agreement gives (destination,
placement status, origin region), for the agreement's first purpose, with small
cells left out (:data:`lindung.exchange.gate.SMALL_CELL`). A field the agreement
does not give is not grouped by (the gate would refuse it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.exchange.decision import AccessRefused
from lindung.exchange.gate import AccessGate, today
from lindung.exchange.principal import Principal
from lindung.exchange.terms import AgreementStatus, Direction, Terms, terms_for_partner
from lindung.reports.dashboard import CODE_WIDTH, CountRow
from lindung.store.models import Country, Organisation, Region

#: What a partner's dashboard may show: (dataset, grouping field), in order.
PANELS: tuple[tuple[str, str], ...] = (
    ("placements", "destination_country"),
    ("placements", "status"),
    ("workers", "origin_village_code"),
)


@dataclass(frozen=True, slots=True)
class PartnerPanel:
    """Counts of one dataset by one field, under one agreement."""

    dataset: str
    field: str
    rows: list[CountRow]


@dataclass(frozen=True, slots=True)
class AgreementSection:
    agreement_number: str
    purpose: str
    panels: list[PartnerPanel]


@dataclass(frozen=True, slots=True)
class PartnerDashboard:
    organisation: str | None
    sections: list[AgreementSection] = field(default_factory=list)


def build_partner_dashboard(
    session: Session, gate: AccessGate, principal: Principal, on: date | None = None
) -> PartnerDashboard:
    """The sections of ``principal``'s dashboard: one per agreement in force on ``on``."""
    if principal.organisation_id is None:
        return PartnerDashboard(None)
    organisation = session.get(Organisation, principal.organisation_id)
    day = on or today()
    sections = [
        section
        for terms in terms_for_partner(session, principal.organisation_id)
        if terms.status_on(day) is AgreementStatus.ACTIVE
        and (section := _section(session, gate, principal, terms)) is not None
    ]
    return PartnerDashboard(organisation.name if organisation else None, sections)


def _section(
    session: Session, gate: AccessGate, principal: Principal, terms: Terms
) -> AgreementSection | None:
    if not terms.version.purposes:
        return None
    purpose = terms.version.purposes[0]
    panels = []
    for dataset, name in PANELS:
        given = terms.fields(dataset, Direction.TO_PARTNER)
        if not given or name not in given:
            continue
        prefix = _origin_width(terms) if name == "origin_village_code" else None
        try:
            counts = gate.aggregate(session, principal, dataset, name, purpose, prefix)
        except AccessRefused:
            continue  # e.g. another agreement of the same partner decides differently
        panels.append(PartnerPanel(dataset, name, _named(session, name, counts)))
    if not panels:
        return None
    return AgreementSection(terms.number, purpose, panels)


def _origin_width(terms: Terms) -> int:
    """Group origins one level below the agreement's regions (provinces when national)."""
    regions = terms.region_codes
    if not regions:
        return CODE_WIDTH[1]
    widths = sorted(CODE_WIDTH.values())
    narrowest = min(len(code) for code in regions)
    return next((w for w in widths if w > narrowest), widths[-1])


def _named(session: Session, name: str, counts: dict[str | None, int]) -> list[CountRow]:
    ordered = sorted(
        ((str(c), n) for c, n in counts.items() if c is not None), key=lambda i: (-i[1], i[0])
    )
    codes = [c for c, _ in ordered]
    if name == "destination_country":
        found = session.execute(
            select(Country.alpha2, Country.name_id, Country.name_en).where(
                Country.alpha2.in_(codes)
            )
        )
        names = {code: (name_id, name_en) for code, name_id, name_en in found}
    elif name == "origin_village_code":
        found_regions = session.execute(
            select(Region.code, Region.name).where(Region.code.in_(codes))
        )
        names = {code: (region, region) for code, region in found_regions}
    else:
        names = {}
    return [CountRow(c, *names.get(c, (c, c)), n) for c, n in ordered]
