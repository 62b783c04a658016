"""The signals summary (counts and charts) and the per-PPLN coverage table.

The summary counts signals through the gate's aggregates (narrowed like every read:
a regional officer's subtree, a partner's routed signals for its purpose; partners'
cells below 5 are hidden) by run date, type, destination country and regency (and
village for a regional officer); KP2MI's national roles also see how many signals
each partner receives. The PPLN table holds aggregates of the latest run only (no
personal data): national roles and partners whose agreement gives them signals for
``voter_list_oversight`` (Bawaslu).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from markupsafe import Markup
from starlette.responses import Response

from lindung.errors import ValidationError
from lindung.exchange.decision import AccessRefused
from lindung.exchange.gate import AccessGate, principal_for_user
from lindung.exchange.policy import NATIONAL_ROLES
from lindung.reports.charts import bar_chart_svg
from lindung.signals.exports import export_ppln_coverage
from lindung.signals.inbox import (
    PPLN_COLUMNS,
    Filters,
    may_see_ppln_coverage,
    ppln_coverage,
    purpose_or_default,
    routes_by_partner,
    signal_purposes,
)
from lindung.web.i18n import Translator, request_language
from lindung.web.security import CurrentUser, DatabaseDep
from lindung.web.templating import render
from lindung.web.ui.signal_views import download, labeller, region_label, type_label

router = APIRouter(include_in_schema=False)

#: (panel id, message key, grouped field, prefix length)
PANELS = (
    ("by-run", "signals.summary.by_run", "first_seen", None),
    ("by-type", "signals.summary.by_type", "signal_type", None),
    ("by-country", "signals.summary.by_country", "country_code", None),
    ("by-regency", "signals.summary.by_regency", "region_code", 5),
)
VILLAGE_PANEL = ("by-village", "signals.summary.by_village", "region_code", 13)


@dataclass(frozen=True)
class SummaryPanel:
    id: str
    title: str
    rows: list[tuple[str, int]]
    chart: Markup | None


def _panel(panel_id: str, title: str, rows: list[tuple[str, int]], t: Translator) -> SummaryPanel:
    chart = None
    if rows:
        label = t("signals.summary.chart_label", title=title)
        # Vega escapes every label; the figures are our own counts
        chart = Markup(bar_chart_svg(rows, t("signals.summary.count"), label, t.lang))  # noqa: S704
    return SummaryPanel(panel_id, title, rows, chart)


def _label(t: Translator, field: str, code: str | None) -> str:
    if code is None:
        return "—"
    if field == "signal_type":
        return type_label(t, code)
    if field == "region_code":
        return region_label(code)
    return str(code)


@router.get("/signals/summary")
def summary(
    request: Request,
    user: CurrentUser,
    database: DatabaseDep,
    purpose: Annotated[str, Query(max_length=40)] = "",
    region: Annotated[str, Query(max_length=13)] = "",
) -> Response:
    """Counts of the signals in scope (or one region's subtree), with charts, and (for
    KP2MI) per partner."""
    try:
        filters = Filters.parse({"region": region})
    except ValidationError as invalid:
        raise HTTPException(status_code=400, detail=invalid.describe("en")) from None
    t = Translator(request_language(request))
    gate: AccessGate = request.app.state.gate
    principal = principal_for_user(user)
    panels = (*PANELS, VILLAGE_PANEL) if user.role == "regional_officer" else PANELS
    counted: list[tuple[str, str, str, dict[str | None, int]]] = []
    with database.session() as session:
        asked = purpose_or_default(session, principal, purpose or None)
        purposes = signal_purposes(session, principal) or [asked]
        try:
            for panel_id, key, field, prefix in panels:
                counts = gate.aggregate(
                    session,
                    principal,
                    "signals",
                    field,
                    asked,
                    prefix,
                    region=filters.region or None,
                )
                counted.append((panel_id, key, field, counts))
        except AccessRefused:
            raise HTTPException(status_code=403) from None
        national = user.role in NATIONAL_ROLES and not filters.region
        partners = routes_by_partner(session) if national else []
    views = []
    for panel_id, key, field, counts in counted:
        ordered = sorted(counts.items(), key=lambda item: str(item[0] or ""))
        if field != "first_seen":
            ordered.sort(key=lambda item: -item[1])
        rows = [(_label(t, field, code), n) for code, n in ordered]
        views.append(_panel(panel_id, t(key), rows, t))
    if partners:
        views.append(_panel("by-partner", t("signals.summary.by_partner"), partners, t))
    context = {
        "panels": views,
        "purpose": asked,
        "purposes": purposes,
        "region": filters.region,
        "label": labeller(t),
    }
    return render(request, "signals_summary.html", context)


@router.get("/signals/ppln")
def ppln(request: Request, user: CurrentUser, database: DatabaseDep) -> Response:
    """The latest run's per-PPLN coverage table (aggregates only)."""
    principal = principal_for_user(user)
    with database.session() as session:
        allowed = may_see_ppln_coverage(session, principal)
        coverage = ppln_coverage(session) if allowed else None
    if coverage is None:
        raise HTTPException(status_code=403)
    t = Translator(request_language(request))
    context = {"coverage": coverage, "columns": PPLN_COLUMNS, "label": labeller(t)}
    return render(request, "signals_ppln.html", context)


@router.post("/signals/ppln/export")
def ppln_export(
    request: Request,
    user: CurrentUser,
    database: DatabaseDep,
    fmt: Annotated[str, Form(alias="format", max_length=8)] = "csv",
) -> Response:
    """The coverage table as CSV/XLSX with a manifest; the export is audited."""
    principal = principal_for_user(user)
    out_dir = Path(request.app.state.settings.data_dir) / "exports" / "signals"
    try:
        with database.session() as session:
            purpose = may_see_ppln_coverage(session, principal)
            if purpose is None:
                raise HTTPException(status_code=403)
            path, manifest = export_ppln_coverage(session, principal, purpose, fmt, out_dir)
    except ValidationError as invalid:
        raise HTTPException(status_code=400, detail=invalid.describe("en")) from None
    return download(path, manifest)
