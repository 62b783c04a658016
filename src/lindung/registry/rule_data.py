"""The policy engine's rule data, read for one job order at a time.

Matching and the public check ask the same questions the rule files answer for
placements: the minimum age for a job (rule check ``minimum_age``), whether a job
is one of the ten zero-placement-cost jobs and which cost items are exempt
(``exempt_costs``), and whether a destination is closed to a kind of work
(``closed_destination``, with its exceptions). They read the parameters of the
rule in force on the day from the shipped rule files
(:func:`lindung.domain.policy.load_rules`), so a change of a rule file changes
these answers too. When no rule with that check is in force the documented
defaults below apply (minimum age 18, UU 18/2017 Pasal 5 huruf a; no
zero-cost jobs; no closed destination).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from lindung.domain.policy import Rule, load_rules

DEFAULT_MINIMUM_AGE = 18


@lru_cache(maxsize=512)
def rule_in_force(check: str, on: date) -> Rule | None:
    """The first rule using ``check`` in force on ``on`` (cached: the rule files are
    package data, read once per process and day)."""
    return next((r for r in load_rules().in_force(on) if r.check == check), None)


def _matches(row: Mapping[str, Any], key: str, value: str | None) -> bool:
    listed = row.get(key) or []
    return not listed or value in listed


def minimum_age(job_type: str, country: str, employer_kind: str | None, on: date) -> int:
    """The minimum age in years for the job on ``on`` (highest matching override)."""
    rule = rule_in_force("minimum_age", on)
    if rule is None:
        return DEFAULT_MINIMUM_AGE
    years = int(rule.params.get("default_years", DEFAULT_MINIMUM_AGE))
    for row in rule.params.get("overrides") or []:
        if (
            _matches(row, "job_types", job_type)
            and _matches(row, "countries", country)
            and _matches(row, "employer_kinds", employer_kind)
        ):
            years = max(years, int(row["years"]))
    return years


@dataclass(frozen=True)
class CostRule:
    """What the zero-cost rule says of one job type on a day."""

    zero_cost: bool
    exempt_items: tuple[str, ...]
    rule_id: str | None
    legal_basis: str | None


def cost_rule(job_type: str, on: date) -> CostRule:
    rule = rule_in_force("exempt_costs", on)
    if rule is None:
        return CostRule(False, (), None, None)
    zero = job_type in (rule.params.get("job_types") or [])
    items = tuple(rule.params.get("items") or [])
    return CostRule(zero, items, rule.id, rule.legal_basis)


@dataclass(frozen=True)
class Closure:
    rule_id: str
    legal_basis: str
    title_id: str
    title_en: str


def destination_closure(
    country: str, job_type: str, employer_kind: str | None, city: str | None, on: date
) -> Closure | None:
    """The closure (Kepmenaker 260/2015) the job falls under on ``on``, or None.

    A job is closed when the country, job type and employer kind are all listed,
    unless an exception in force covers it (SPSK: company employer in a listed
    city); in a country with an exception, domestic work outside it is closed
    whatever the employer.
    """
    rule = rule_in_force("closed_destination", on)
    if rule is None:
        return None
    params = rule.params
    if country not in (params.get("countries") or []) or job_type not in (
        params.get("job_types") or []
    ):
        return None
    exceptions = [row for row in params.get("exceptions") or [] if row.get("country") == country]
    for row in exceptions:
        since = row.get("from")
        if (
            (since is None or since <= on)
            and _matches(row, "job_types", job_type)
            and _matches(row, "employer_kinds", employer_kind)
            and _matches(row, "cities", city)
        ):
            return None
    if not exceptions and employer_kind not in (params.get("employer_kinds") or []):
        return None
    return Closure(rule.id, rule.legal_basis, rule.title_id, rule.title_en)
