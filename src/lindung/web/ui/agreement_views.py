"""What the agreement pages show and accept: who may see or manage, labels, the form.

Kept apart from the routes so that they stay thin: the routes read the request, call
:mod:`lindung.exchange.agreements` and render with what this module prepares.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from starlette.datastructures import FormData

from lindung.errors import Problem
from lindung.exchange.agreement_rules import (
    FETCH_MODES,
    FREQUENCIES,
    KINDS,
    AgreementDraft,
    DatasetTerms,
    dataset_fields,
    partner_dataset_names,
    registry_dataset_names,
)
from lindung.exchange.agreements import TRANSITIONS
from lindung.exchange.purposes import Purpose
from lindung.exchange.terms import AgreementStatus, Direction, FieldTreatment, Terms
from lindung.store.models import Role, User
from lindung.web.i18n import Translator

TREATMENTS = ("none", *(t.value for t in FieldTreatment))


def label(t: Translator, vocabulary: str, code: str | None) -> str:
    """The label of ``code`` in a closed vocabulary, or the code itself."""
    if code is None:
        return ""
    return t.get(f"{vocabulary}.{code}", code)


def can_manage(user: User) -> bool:
    """Only a national administrator creates, revises or changes the status of agreements."""
    return user.role == Role.NATIONAL_ADMIN.value


def can_see_audit(user: User) -> bool:
    return user.role in (Role.NATIONAL_ADMIN.value, Role.NATIONAL_ANALYST.value)


def can_view(user: User, terms: Terms) -> bool:
    """National roles see every agreement; a partner user its organisation's; a regional
    officer those of the regional government of its region."""
    if user.role in (Role.NATIONAL_ADMIN.value, Role.NATIONAL_ANALYST.value):
        return True
    if user.role == Role.PARTNER_USER.value:
        return user.organisation_id is not None and user.organisation_id == terms.partner.id
    region = terms.partner.region_code
    mine = user.region_code
    return bool(region and mine and (mine == region or mine.startswith(region + ".")))


def status_actions(terms: Terms) -> list[str]:
    """The statuses a manager may move this agreement to (``expired`` never by hand)."""
    allowed = TRANSITIONS[AgreementStatus(terms.agreement.status)]
    return [status.value for status in AgreementStatus if status in allowed]


@dataclass(frozen=True)
class GridDataset:
    """One dataset row-group of the form: its direction and its fields."""

    dataset: str
    direction: str
    fields: tuple[str, ...]


def dataset_grid() -> list[GridDataset]:
    """Every dataset the form offers: registry datasets out, partner datasets in."""
    out, into = Direction.TO_PARTNER.value, Direction.FROM_PARTNER.value
    grid = [GridDataset(name, out, dataset_fields(name) or ()) for name in registry_dataset_names()]
    grid += [
        GridDataset(name, into, dataset_fields(name) or ()) for name in partner_dataset_names()
    ]
    return grid


def flows(terms: Terms, t: Translator) -> list[dict[str, Any]]:
    """The datasets of the current version, grouped by direction, with treatment labels."""
    groups = []
    for direction in Direction:
        datasets = [
            {
                "dataset": dataset,
                "fields": [
                    (name, label(t, "treatment", treatment.value))
                    for name, treatment in fields.items()
                ],
            }
            for (dataset, way), fields in sorted(terms.datasets.items())
            if way is direction
        ]
        if datasets:
            groups.append({"title": label(t, "direction", direction.value), "datasets": datasets})
    return groups


@dataclass
class FormState:
    """The values a form shows, and the problems to show at each field."""

    values: dict[str, Any]
    treatments: dict[str, str] = field(default_factory=dict)  # "dataset.field" -> treatment
    problems: dict[str, list[str]] = field(default_factory=dict)


def form_state(draft: AgreementDraft | None) -> FormState:
    """The form filled with ``draft`` (empty for a new agreement)."""
    if draft is None:
        return FormState(
            values={
                "kind": "pks",
                "status": "draft",
                "fetch_mode": "api",
                "frequency": "monthly",
                "purposes": [],
                "region_codes": "",
            }
        )
    values = {
        name: getattr(draft, name)
        for name in (
            "number",
            "kind",
            "partner",
            "implements",
            "title",
            "signed_on",
            "valid_from",
            "valid_to",
            "lawful_basis",
            "fetch_mode",
            "frequency",
            "retention_days",
            "document_sha256",
            "status",
        )
    }
    values["purposes"] = list(draft.purposes)
    values["region_codes"] = ", ".join(draft.region_codes)
    treatments = {
        f"{d.dataset}.{name}": treatment
        for d in draft.datasets
        for name, treatment in d.fields.items()
    }
    return FormState(values, treatments)


def draft_from_form(form: FormData, fixed: AgreementDraft | None = None) -> AgreementDraft:
    """The draft a submitted form describes. For a revision, ``fixed`` supplies the
    number, kind, partner and implemented MoU, which an addendum cannot change."""
    text = {name: _text(form, name) for name in _TEXT_FIELDS}
    datasets = []
    for entry in dataset_grid():
        chosen = {
            name: _text(form, f"ds.{entry.dataset}.{name}")
            for name in entry.fields
            if _text(form, f"ds.{entry.dataset}.{name}") not in ("", "none")
        }
        if chosen:
            datasets.append(DatasetTerms(entry.dataset, entry.direction, chosen))
    return AgreementDraft(
        number=fixed.number if fixed else text["number"],
        kind=fixed.kind if fixed else text["kind"],
        partner=fixed.partner if fixed else text["partner"],
        implements=fixed.implements if fixed else (text["implements"] or None),
        title=text["title"],
        signed_on=_date(text["signed_on"]),
        valid_from=_date(text["valid_from"]),
        valid_to=_date(text["valid_to"]),
        purposes=tuple(str(p) for p in form.getlist("purposes")),
        lawful_basis=text["lawful_basis"],
        region_codes=tuple(c.strip() for c in text["region_codes"].split(",") if c.strip()),
        fetch_mode=text["fetch_mode"],
        frequency=text["frequency"],
        retention_days=_int(text["retention_days"]),
        document_sha256=text["document_sha256"],
        datasets=tuple(datasets),
        status=fixed.status if fixed else (text["status"] or "draft"),
    )


def with_problems(
    draft: AgreementDraft, problems: Iterable[Problem], lang: str, form: FormData
) -> FormState:
    """The submitted form again, each problem at its field."""
    state = form_state(draft)
    for name in ("signed_on", "valid_from", "valid_to", "retention_days"):
        state.values[name] = _text(form, name)  # as typed, even when it did not parse
    for problem in problems:
        state.problems.setdefault(problem.field, []).append(problem.message(lang))
    return state


def choices(t: Translator) -> dict[str, list[tuple[str, str]]]:
    """The options of the form's closed vocabularies, labelled."""
    return {
        "kind": [(k, label(t, "agreement_kind", k)) for k in KINDS],
        "fetch_mode": [(m, label(t, "fetch_mode", m)) for m in FETCH_MODES],
        "frequency": [(f, label(t, "frequency", f)) for f in FREQUENCIES],
        "purposes": [(p.value, p.label(t.lang)) for p in Purpose],
        "treatment": [(tr, label(t, "treatment", tr)) for tr in TREATMENTS],
        "status": [(s, label(t, "agreement_status", s)) for s in ("draft", "active")],
    }


_TEXT_FIELDS = (
    "number",
    "kind",
    "partner",
    "implements",
    "title",
    "signed_on",
    "valid_from",
    "valid_to",
    "lawful_basis",
    "region_codes",
    "fetch_mode",
    "frequency",
    "retention_days",
    "document_sha256",
    "status",
)


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None
