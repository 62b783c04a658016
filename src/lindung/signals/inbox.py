"""Reading signals for the inbox, a signal's page, the partner API and the CLI.

Everything here reads the ``signals`` dataset through the access gate (each read
audited); filters are codes (type, status, severity, region, country, PPLN), never
personal data, so they may travel in a query string. A signal's risk reasons and
history live in non-personal tables and are read only once the gate has allowed the
signal. See docs/signals.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.domain.signals import Severity, SignalStatus, SignalType, types_for
from lindung.errors import Problem, ValidationError
from lindung.exchange.gate import AccessGate, GatedRows, default_purpose, today
from lindung.exchange.principal import Principal
from lindung.exchange.purposes import Purpose
from lindung.exchange.sources import Match
from lindung.exchange.terms import AgreementStatus, Direction, find_terms, terms_for_partner
from lindung.signals.detectors import param_words, reason_labels
from lindung.store.models import Signal, SignalEvent, SignalRun

PAGE_SIZE = 50
#: The inbox's sort orders: field names, ``-`` first for descending.
SORTS: dict[str, tuple[str, ...]] = {
    "risk": ("-risk_score", "-last_seen"),
    "date": ("-last_seen", "-risk_score"),
}
#: Fields the inbox lists (no evidence: the detail page shows it).
LIST_FIELDS = (
    "id",
    "signal_type",
    "severity",
    "status",
    "subject_kind",
    "region_code",
    "country_code",
    "ppln",
    "risk_score",
    "first_seen",
    "last_seen",
    "subject_name",
)
_REGION = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")
_COUNTRY = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Filters:
    """What the inbox narrows by (codes only) and how it sorts."""

    signal_type: str = ""
    status: str = ""
    severity: str = ""
    region: str = ""
    country: str = ""
    ppln: str = ""
    sort: str = "risk"

    @classmethod
    def parse(cls, values: Mapping[str, str | None]) -> Filters:
        """Filters from a form or a query string; raises :class:`ValidationError`
        naming every bad field."""

        def value(name: str) -> str:
            return (values.get(name) or "").strip()

        found = cls(
            signal_type=value("signal_type"),
            status=value("status"),
            severity=value("severity"),
            region=value("region"),
            country=value("country").upper(),
            ppln=value("ppln"),
            sort=value("sort") or "risk",
        )
        problems = found.problems()
        if problems:
            raise ValidationError(problems)
        return found

    def problems(self) -> list[Problem]:
        checks = [
            ("signal_type", self.signal_type, {t.value for t in SignalType}),
            ("status", self.status, {s.value for s in SignalStatus}),
            ("severity", self.severity, {s.value for s in Severity}),
            ("sort", self.sort, set(SORTS)),
        ]
        problems = [
            Problem(name, f"{name}.unknown", "nilai tidak dikenal", "unknown value")
            for name, value, known in checks
            if value and value not in known
        ]
        if self.region and not _REGION.fullmatch(self.region):
            problems.append(
                Problem(
                    "region",
                    "region.format",
                    "kode wilayah Kemendagri seperti 35.09",
                    "a Kemendagri region code such as 35.09",
                )
            )
        if self.country and not _COUNTRY.fullmatch(self.country):
            problems.append(
                Problem(
                    "country",
                    "country.format",
                    "kode negara dua huruf (ISO 3166), misalnya MY",
                    "a two-letter country code (ISO 3166), e.g. MY",
                )
            )
        if len(self.ppln) > 80:
            problems.append(
                Problem(
                    "ppln", "ppln.too_long", "paling banyak 80 karakter", "at most 80 characters"
                )
            )
        return problems

    def where(self) -> list[Match]:
        pairs = [
            ("signal_type", self.signal_type),
            ("status", self.status),
            ("severity", self.severity),
            ("country_code", self.country),
            ("ppln", self.ppln),
        ]
        return [Match(name, value) for name, value in pairs if value]

    def as_params(self) -> dict[str, str]:
        """The filters as query parameters (codes only)."""
        params = {
            "signal_type": self.signal_type,
            "status": self.status,
            "severity": self.severity,
            "region": self.region,
            "country": self.country,
            "ppln": self.ppln,
            "sort": self.sort,
        }
        return {k: v for k, v in params.items() if v}


def list_signals(
    session: Session,
    gate: AccessGate,
    principal: Principal,
    purpose: str,
    filters: Filters,
    limit: int = PAGE_SIZE,
    offset: int = 0,
    fields: tuple[str, ...] | None = LIST_FIELDS,
    details: Mapping[str, Any] | None = None,
) -> GatedRows:
    """One page of the signals the principal may see, filtered and sorted.

    Fields the principal's agreement does not give are left out (never refused).
    """
    wanted = _allowed_fields(session, gate, principal, purpose, fields)
    return gate.read(
        session,
        principal,
        "signals",
        purpose,
        wanted,
        filters={"region": filters.region} if filters.region else None,
        limit=limit,
        offset=offset,
        where=filters.where(),
        order_by=SORTS[filters.sort],
        details=details,
    )


def _allowed_fields(
    session: Session,
    gate: AccessGate,
    principal: Principal,
    purpose: str,
    fields: tuple[str, ...] | None,
) -> list[str] | None:
    if fields is None:
        return None
    decision = gate.decide(session, principal, "signals", purpose)
    if not decision.allowed:
        return list(fields)  # the read is refused (and audited) with the reason
    return [name for name in fields if name in decision.treatments]


def get_signal(
    session: Session, gate: AccessGate, principal: Principal, purpose: str, signal_id: int
) -> GatedRows:
    """One signal with every field the principal may have (no rows: not visible)."""
    return gate.read(session, principal, "signals", purpose, None, where=[Match("id", signal_id)])


def reasons_and_history(
    session: Session, signal_id: int
) -> tuple[list[dict[str, Any]], list[SignalEvent]]:
    """A signal's risk reasons and events (non-personal; call after the gate allowed it)."""
    signal = session.get(Signal, signal_id)
    reasons = list(signal.risk_reasons or []) if signal is not None else []
    events = session.scalars(
        select(SignalEvent)
        .where(SignalEvent.signal_id == signal_id)
        .order_by(SignalEvent.at, SignalEvent.id)
    ).all()
    return reasons, list(events)


def reason_text(code: str, params: Mapping[str, Any] | None, language: str = "id") -> str:
    """A reason code in words (the detectors' labels), or the code humanised."""
    labels = reason_labels().get(code)
    if labels is None:
        words = re.sub(r"[._]+", " ", code).strip()
        return words[:1].upper() + words[1:]
    template = labels[1] if language == "en" else labels[0]
    try:
        return template.format_map(_Shown(_in_words(params or {}, language)))
    except (IndexError, ValueError):
        return template


class _Shown(dict[str, Any]):
    """Reason parameters; one a signal does not carry (stored before its detector
    named it) reads as a dash, not as a ``{placeholder}``."""

    def __missing__(self, key: str) -> str:
        return "–"


def _in_words(params: Mapping[str, Any], language: str) -> dict[str, Any]:
    """Parameters whose values are codes (``nik, person``) with each code in words."""
    words = param_words()
    shown = dict(params)
    for name, value in params.items():
        codes = words.get(name)
        if codes and isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            index = 1 if language == "en" else 0
            shown[name] = ", ".join(codes[p][index] if p in codes else p for p in parts)
    return shown


def signal_purposes(session: Session, principal: Principal) -> list[str]:
    """The purposes the principal may read signals for (the first is the default).

    KP2MI's officers read for their role's purpose; a partner user for each purpose
    of an agreement in force that carries ``signals`` to its organisation.
    """
    if principal.agreement_number:
        terms_list = [find_terms(session, principal.agreement_number)]
    elif principal.role == "partner_user" and principal.organisation_id is not None:
        terms_list = terms_for_partner(session, principal.organisation_id)
    else:
        return [default_purpose(principal)]
    found: list[str] = []
    for terms in terms_list:
        if terms.status_on(today()) is not AgreementStatus.ACTIVE:
            continue
        if terms.fields("signals", Direction.TO_PARTNER) is None:
            continue
        for purpose in terms.version.purposes:
            if purpose not in found and types_for(purpose):
                found.append(purpose)
    return found


def purpose_or_default(session: Session, principal: Principal, wanted: str | None) -> str:
    """``wanted`` when it is a known purpose, else the principal's first signal purpose."""
    if wanted and wanted in {p.value for p in Purpose}:
        return wanted
    purposes = signal_purposes(session, principal)
    return purposes[0] if purposes else default_purpose(principal)


PPLN_COLUMNS = (
    "ppln",
    "country_code",
    "workers_abroad",
    "on_list",
    "missing",
    "coverage",
    "dpt_rows",
    "duplicates",
    "returned",
    "ineligible",
)


@dataclass(frozen=True)
class Coverage:
    """The per-PPLN coverage table of the latest finished run (aggregates only)."""

    run_id: int | None
    as_of: str | None
    rows: list[dict[str, Any]]


def ppln_coverage(session: Session) -> Coverage:
    """``signal_runs.tables["ppln_coverage"]`` of the latest finished run that has it."""
    runs = session.scalars(
        select(SignalRun)
        .where(SignalRun.status == "finished")
        .order_by(SignalRun.as_of.desc(), SignalRun.id.desc())
    )
    for run in runs:
        table = (run.tables or {}).get("ppln_coverage")
        if table:
            rows = [{name: row.get(name) for name in PPLN_COLUMNS} for row in table]
            rows.sort(key=lambda r: (str(r["country_code"] or ""), str(r["ppln"] or "")))
            return Coverage(run.id, run.as_of.isoformat(), rows)
    return Coverage(None, None, [])


def may_see_ppln_coverage(session: Session, principal: Principal) -> str | None:
    """The purpose under which the principal may have the PPLN coverage table (None:
    not at all): national roles for ``oversight``, a partner whose agreement gives it
    signals for ``voter_list_oversight`` (Bawaslu)."""
    if principal.agreement_number is None and principal.role in (
        "national_admin",
        "national_analyst",
    ):
        return Purpose.OVERSIGHT.value
    if principal.agreement_number is None and principal.role != "partner_user":
        return None
    voters = Purpose.VOTER_LIST_OVERSIGHT.value
    return voters if voters in signal_purposes(session, principal) else None


def routes_by_partner(session: Session) -> list[tuple[str, int]]:
    """How many current signals each partner organisation receives (KP2MI's view)."""
    from sqlalchemy import distinct, func

    from lindung.store.models import Organisation, SignalRoute

    rows = session.execute(
        select(Organisation.name, func.count(distinct(SignalRoute.signal_id)))
        .join(SignalRoute, SignalRoute.organisation_id == Organisation.id)
        .join(Signal, Signal.id == SignalRoute.signal_id)
        .where(Signal.current.is_(True))
        .group_by(Organisation.name)
        .order_by(func.count(distinct(SignalRoute.signal_id)).desc(), Organisation.name)
    ).all()
    return [(str(name), int(n)) for name, n in rows]
