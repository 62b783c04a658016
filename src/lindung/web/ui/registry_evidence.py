"""A finding's evidence as officers read it, Bahasa Indonesia first: codes as their
labels (document and check kinds, licence statuses, cost items, employer kinds,
countries), amounts with their currency grouped the language's way, dates written
out ('1 Juni 2025'); rule ids as the rule's title on the scorecard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from lindung.domain.policy import RuleSet, load_rules
from lindung.policy.findings import Finding
from lindung.registry.vocabulary import label
from lindung.web.i18n import Translator
from lindung.web.ui.registry_format import country, long_date, money

#: Evidence keys holding dates.
DATE_KEYS = frozenset(
    {
        "on",
        "issued_on",
        "expires_on",
        "valid_from",
        "valid_to",
        "valid_until",
        "examined_on",
        "latest_valid_until",
        "latest_valid_to",
    }
)
#: Evidence keys holding amounts (in the evidence's ``currency``).
AMOUNT_KEYS = frozenset({"amount", "total", "ceiling"})


def _code_labels(t: Translator) -> dict[tuple[str, str], Callable[[str], str]]:
    """(check, evidence key) -> how its code is shown."""
    lang = t.lang
    return {
        ("documents_valid", "kind"): lambda code: label("document_kind", code, lang),
        ("documents_valid", "subtype"): lambda code: label("visa_subtype", code, lang),
        ("health_certificate", "kind"): lambda code: label("health_kind", code, lang),
        ("health_certificate", "result"): lambda code: label("health_result", code, lang),
        ("agency_licence", "status"): lambda code: t(f"public.licence.{code}"),
        ("exempt_costs", "item"): lambda code: t(f"cost_item.{code}"),
        ("closed_destination", "employer_kind"): lambda code: t(f"employer_kind.{code}"),
    }


def _job_type(code: str) -> str:
    return code.replace("_", " ")


def shown_evidence(finding: Finding, t: Translator) -> dict[str, Any]:
    """The evidence values as a page shows them."""
    lang = t.lang
    codes = _code_labels(t)
    evidence = finding.evidence
    currency = evidence.get("currency")
    shown: dict[str, Any] = {}
    for key, value in evidence.items():
        if value is None:
            shown[key] = None
        elif key in DATE_KEYS:
            shown[key] = long_date(value, lang)
        elif key in AMOUNT_KEYS:
            shown[key] = money(value, str(currency or ""), lang)
        elif key == "country":
            shown[key] = country(str(value), lang)
        elif key == "job_type":
            shown[key] = _job_type(str(value))
        elif (finding.check, key) in codes:
            shown[key] = codes[(finding.check, key)](str(value))
        else:
            shown[key] = value
    if AMOUNT_KEYS & evidence.keys():
        shown["currency"] = ""  # the amounts carry it
    return shown


def readable_detail(finding: Finding, t: Translator) -> str:
    """The evidence in words with labels, amounts and dates formatted."""
    text = finding.detail(t.lang, shown_evidence(finding, t))
    return " ".join(text.split())  # an emptied currency leaves a double space


def readable_message(finding: Finding, t: Translator) -> str:
    """Title, readable evidence and legal basis in one line."""
    return f"{finding.title(t.lang)}: {readable_detail(finding, t)} ({finding.legal_basis})"


def rule_titles(day: date, lang: str, rules: RuleSet | None = None) -> dict[str, str]:
    """Every rule id's title in ``lang`` (the version in force on ``day`` when there
    is one, else the latest), for pages that count findings by rule."""
    titles: dict[str, str] = {}
    for rule in sorted((rules or load_rules()).rules, key=lambda r: r.in_force_from):
        if rule.id not in titles or rule.in_force_on(day):
            titles[rule.id] = rule.title_en if lang == "en" else rule.title_id
    return titles
