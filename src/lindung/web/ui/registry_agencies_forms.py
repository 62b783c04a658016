"""Reading the agency, sanction, job-order and training forms (and the JSON API's
bodies) into the services' drafts, with every date problem named at its field.

Both the pages and the JSON API go through here, so they validate the same way:
what the services refuse comes back as a :class:`~lindung.errors.ValidationError`
whose problems name the fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from fastapi import Request
from starlette.responses import Response

from lindung.domain.dates import parse_iso_date
from lindung.errors import Problem, ValidationError
from lindung.registry.agencies import AgencyDraft
from lindung.registry.job_orders import CostDraft, JobOrderDraft
from lindung.registry.sanctions import SanctionDraft
from lindung.web.i18n import Translator, request_language
from lindung.web.templating import render
from lindung.web.ui.registry_format import country, long_date, money

T = TypeVar("T")


@dataclass
class FormState:
    """What a form shows again: the values typed and the problems by field."""

    values: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, list[str]] = field(default_factory=dict)


def state_of(values: Mapping[str, Any], problems: Iterable[Problem], lang: str) -> FormState:
    grouped: dict[str, list[str]] = {}
    for problem in problems:
        grouped.setdefault(problem.field, []).append(problem.message(lang))
    return FormState(dict(values), grouped)


class DateReader:
    """Parses ISO dates from a form, collecting every problem."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = values
        self.problems: list[Problem] = []

    def __call__(self, name: str) -> date | None:
        raw = self.values.get(name)
        if raw is None or str(raw).strip() == "":
            return None
        try:
            return parse_iso_date(str(raw), name)
        except ValidationError as exc:
            self.problems.extend(exc.problems)
            return None


def text(values: Mapping[str, Any], name: str) -> str:
    raw = values.get(name)
    return "" if raw is None else str(raw)


def optional_int(values: Mapping[str, Any], name: str, problems: list[Problem]) -> int | None:
    raw = text(values, name).strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        problems.append(Problem(name, f"{name}.number", "harus berupa angka", "must be a number"))
        return None


def checked(problems: list[Problem], call: Callable[[], T]) -> T:
    """Run a service ``call`` (inside the caller's transaction) and raise its problems
    together with the form's own (unreadable dates, numbers), so that the user sees
    every problem at once; with form problems nothing is kept (the raise rolls back)."""
    try:
        result = call()
    except ValidationError as exc:
        named = {p.field for p in problems}
        raise ValidationError(
            [*problems, *(p for p in exc.problems if p.field not in named)]
        ) from None
    if problems:
        raise ValidationError(problems)
    return result


def sanction_from(values: Mapping[str, Any]) -> tuple[SanctionDraft, list[Problem]]:
    dates = DateReader(values)
    draft = SanctionDraft(
        kind=text(values, "kind"),
        decided_on=dates("decided_on"),
        reason=text(values, "reason"),
        effective_from=dates("effective_from"),
        effective_to=dates("effective_to"),
        decree_no=text(values, "decree_no") or None,
        amount=text(values, "amount") or None,
    )
    return draft, dates.problems


def agency_from(values: Mapping[str, Any]) -> tuple[AgencyDraft, list[Problem]]:
    """An agency's details (registering or updating) from a form or a JSON body."""
    dates = DateReader(values)
    draft = AgencyDraft(
        licence_no=text(values, "licence_no"),
        name=text(values, "name"),
        head_office_region_code=text(values, "head_office_region_code"),
        licence_valid_from=dates("licence_valid_from"),
        licence_valid_to=dates("licence_valid_to"),
        deposit_amount=text(values, "deposit_amount") or None,
    )
    return draft, dates.problems


@dataclass(frozen=True)
class BranchDraft:
    """A branch office as typed: region, opening date, address."""

    region_code: str
    opened_on: date | None
    address: str | None


def branch_from(values: Mapping[str, Any]) -> tuple[BranchDraft, list[Problem]]:
    dates = DateReader(values)
    draft = BranchDraft(
        region_code=text(values, "region_code"),
        opened_on=dates("opened_on"),
        address=text(values, "address") or None,
    )
    return draft, dates.problems


def costs_from(values: Mapping[str, Any]) -> list[CostDraft]:
    """Cost lines ``costs.N.item`` / ``amount`` / ``currency`` / ``charged_to`` (a blank
    line, without an item and an amount, is left out) or a JSON list ``costs``."""
    listed = values.get("costs")
    if isinstance(listed, list):
        return [
            CostDraft(
                str(c.get("item", "")),
                str(c.get("amount", "")),
                str(c.get("currency", "")),
                str(c.get("charged_to", "")),
            )
            for c in listed
            if isinstance(c, Mapping)
        ]
    costs = []
    for index in range(20):
        prefix = f"costs.{index}."
        item, amount = text(values, prefix + "item"), text(values, prefix + "amount")
        if not item and not amount:
            continue
        costs.append(
            CostDraft(
                item,
                amount,
                text(values, prefix + "currency"),
                text(values, prefix + "charged_to"),
            )
        )
    return costs


def job_order_from(
    values: Mapping[str, Any], agency_id: int | None
) -> tuple[JobOrderDraft, list[Problem]]:
    dates = DateReader(values)
    problems: list[Problem] = []
    employer_id = optional_int(values, "employer_id", problems)
    if agency_id is None:
        agency_id = optional_int(values, "agency_id", problems)
    draft = JobOrderDraft(
        code=text(values, "code"),
        agency_id=agency_id,
        employer_id=employer_id,
        country_code=text(values, "country_code"),
        sector=text(values, "sector"),
        job_type=text(values, "job_type"),
        position=text(values, "position"),
        quota=text(values, "quota"),
        salary_amount=text(values, "salary_amount"),
        salary_currency=text(values, "salary_currency"),
        valid_from=dates("valid_from"),
        valid_to=dates("valid_to"),
        city=text(values, "city") or None,
        skill_scheme=text(values, "skill_scheme") or None,
        language=text(values, "language") or None,
        costs=tuple(costs_from(values)),
    )
    return draft, problems + dates.problems


class Labeller:
    """``label(vocabulary, code)`` in templates: the label of a code of a closed
    vocabulary (message ``vocabulary.code``). Every code of every vocabulary the
    pages label has a message (tests/web/test_registry_labels.py)."""

    def __init__(self, lang: str) -> None:
        self.t = Translator(lang)

    def __call__(self, vocabulary: str, code: object) -> str:
        return self.t(f"{vocabulary}.{code}")


def render_page(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> Response:
    """Render one of the oversight pages (with ``label`` for vocabularies, ``money``,
    ``long_date`` and ``country`` formatted in the page's language)."""
    lang = request_language(request)
    labelled = {
        **context,
        "label": Labeller(lang),
        "money": lambda value, currency: money(value, currency, lang),
        "long_date": lambda value: long_date(value, lang),
        "country": lambda code: country(code, lang),
    }
    return render(request, name, labelled, status_code=status_code)
