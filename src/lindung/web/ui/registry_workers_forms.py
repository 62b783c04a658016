"""The registry's forms as data: which fields each form has, and its state when shown
again with problems at the fields.

One template (``registry_form.html``) renders any of them; the services check the
values (the same checks as the API and the CLI).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lindung.domain.lifecycle import PlacementStatus
from lindung.errors import Problem
from lindung.registry.vocabulary import VOCABULARIES
from lindung.web.i18n import Translator


@dataclass(frozen=True)
class FormField:
    name: str
    kind: str = "text"  # text | date | select | textarea
    vocabulary: str | None = None
    required: bool = False
    hint: str | None = None  # a message key


def _f(name: str, kind: str = "text", vocabulary: str | None = None, **kw: Any) -> FormField:
    return FormField(name, kind, vocabulary, **kw)


_WORKER_FIELDS = (
    _f("full_name", required=True),
    _f("sex", "select", "sex", required=True),
    _f("birth_date", "date", required=True),
    _f("birth_place"),
    _f("origin_village_code", required=True, hint="form.village_hint"),
    _f("marital_status", "select", "marital_status", required=True),
    _f("education", "select", "education"),
    _f("phone"),
    _f("address"),
    _f("email"),
)

FORMS: dict[str, tuple[FormField, ...]] = {
    "worker": (_f("nik", required=True), *_WORKER_FIELDS),
    "correction": (*_WORKER_FIELDS, _f("reason", "textarea", required=True)),
    "passport": (
        _f("number", required=True),
        _f("issued_on", "date", required=True),
        _f("expires_on", "date", required=True),
        _f("issuing_office"),
        _f("mrz", "textarea"),
    ),
    "family": (
        _f("relation", "select", "relation", required=True),
        _f("full_name", required=True),
        _f("nik"),
        _f("sex", "select", "sex"),
        _f("birth_date", "date"),
        _f("caregiver_name"),
        _f("caregiver_relation", "select", "caregiver_relation"),
        _f("village_code", hint="form.village_hint"),
    ),
    "health": (
        _f("kind", "select", "health_kind", required=True),
        _f("result", "select", "health_result", required=True),
        _f("examined_on", "date", required=True),
        _f("valid_until", "date", required=True),
        _f("facility", required=True),
        _f("certificate_no"),
    ),
    "certificate": (
        _f("scheme", required=True),
        _f("certifying_body", required=True),
        _f("number", required=True),
        _f("issued_on", "date", required=True),
        _f("valid_until", "date"),
    ),
    "social_security": (
        _f("programme", "select", "social_security_programme", required=True),
        _f("membership_no", required=True),
        _f("valid_from", "date", required=True),
        _f("valid_to", "date"),
    ),
    "placement": (_f("job_order_code", required=True), _f("registered_on", "date", required=True)),
    "document": (
        _f("kind", "select", "document_kind", required=True),
        _f("subtype", "select", "visa_subtype"),
        _f("number", required=True),
        _f("issued_on", "date", required=True),
        _f("expires_on", "date"),
        _f("verified_by"),
        _f("verified_on", "date"),
    ),
    "orientation": (
        _f("held_on", "date", required=True),
        _f("region_code"),
        _f("certificate_no"),
    ),
    "event": (
        _f("kind", "select", "event_kind", required=True),
        _f("occurred_on", "date", required=True),
        _f("contract_ends_on", "date"),
    ),
    "reintegration": (
        _f("recorded_on", "date", required=True),
        _f("programme", "select", "reintegration_programme", required=True),
        _f("status", "select", "reintegration_status", required=True),
        _f("region_code"),
        _f("notes", "textarea"),
    ),
}

#: Records added to a worker, and to a placement (path segment -> form).
WORKER_RECORDS = ("passport", "family", "health", "certificate", "social_security", "placement")
PLACEMENT_RECORDS = ("document", "orientation", "event", "reintegration")


@dataclass
class FormState:
    """What a form shows: the values typed and the problems of each field."""

    values: dict[str, str] = field(default_factory=dict)
    problems: dict[str, list[str]] = field(default_factory=dict)


def form_state(
    values: Mapping[str, Any], problems: Iterable[Problem] = (), language: str = "id"
) -> FormState:
    """The form's state: typed values back (as text) and each problem at its field."""
    state = FormState({k: "" if v is None else str(v) for k, v in values.items()})
    for problem in problems:
        name = problem.field.split(".")[0] if problem.field.startswith("mrz") else problem.field
        state.problems.setdefault(name, []).append(problem.message(language))
    return state


def form_values(form: Mapping[str, Any], name: str) -> dict[str, str]:
    """The submitted values of form ``name``'s fields (others ignored)."""
    return {f.name: str(form.get(f.name) or "") for f in FORMS[name]}


def rendered_fields(name: str, t: Translator, state: FormState) -> list[dict[str, Any]]:
    """Each field with its label, options, value and problems, for the template."""
    fields = []
    for spec in FORMS[name]:
        options: list[tuple[str, str]] = []
        if spec.vocabulary:
            pairs = VOCABULARIES[spec.vocabulary]
            options = [("", t("form.choose"))] + [
                (code, pair[1] if t.lang == "en" else pair[0]) for code, pair in pairs.items()
            ]
        fields.append(
            {
                "name": spec.name,
                "kind": spec.kind,
                "label": t(f"registry.field.{spec.name}"),
                "required": spec.required,
                "hint": t(spec.hint) if spec.hint else "",
                "options": options,
                "value": state.values.get(spec.name, ""),
                "problems": state.problems.get(spec.name, []),
            }
        )
    return fields


def status_options(statuses: Iterable[PlacementStatus], t: Translator) -> list[tuple[str, str]]:
    return [(s.value, s.label(t.lang)) for s in statuses]
