"""A finding: a rule a placement breaks on its evaluation date, with the evidence.

Rendered in the user's language (Bahasa Indonesia first, English second) from
the rule's title and its check's evidence template
(:mod:`lindung.domain.policy.checks`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lindung.domain.policy import CHECKS, PROBLEMS, Rule


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "-"


@dataclass(frozen=True)
class Finding:
    """One breach of one rule by one placement."""

    placement_id: int
    rule_id: str
    severity: str
    legal_basis: str
    title_id: str
    title_en: str
    check: str
    evidence: dict[str, Any] = field(default_factory=dict)
    agency_id: int | None = None
    #: ``violation``: broken when a stage was entered; ``blocker``: would refuse the
    #: next stage on the evaluation date (nothing wrong has happened yet)
    kind: str = "violation"

    @classmethod
    def of(
        cls,
        rule: Rule,
        placement_id: int,
        evidence: dict[str, Any],
        agency_id: int | None,
        kind: str = "violation",
    ) -> Finding:
        return cls(
            placement_id=placement_id,
            rule_id=rule.id,
            severity=rule.severity,
            legal_basis=rule.legal_basis,
            title_id=rule.title_id,
            title_en=rule.title_en,
            check=rule.check,
            evidence=evidence,
            agency_id=agency_id,
            kind=kind,
        )

    @property
    def is_violation(self) -> bool:
        return self.kind == "violation"

    @property
    def blocking(self) -> bool:
        """Errors refuse a transition; warnings are shown but do not refuse."""
        return self.severity == "error"

    def title(self, language: str = "id") -> str:
        return self.title_en if language == "en" else self.title_id

    def detail(self, language: str = "id", shown: Mapping[str, Any] | None = None) -> str:
        """The evidence in words, e.g. 'aged 17 on 2026-03-01, the minimum is 18';
        ``shown``: the evidence values as a page shows them (labels for codes,
        formatted amounts and dates) instead of the raw ones."""
        spec = CHECKS[self.check]
        evidence = self.evidence if shown is None else shown
        values = _Blank({k: ("-" if v is None else v) for k, v in evidence.items()})
        problem = PROBLEMS.get(str(self.evidence.get("problem")))
        if problem is not None:
            values["problem_id"], values["problem_en"] = problem
        template = spec.detail_en if language == "en" else spec.detail_id
        return template.format_map(values)

    def message(self, language: str = "id") -> str:
        """Title, detail and legal basis in one line."""
        return f"{self.title(language)}: {self.detail(language)} ({self.legal_basis})"

    def as_dict(self, language: str = "id") -> dict[str, Any]:
        return {
            "placement_id": self.placement_id,
            "rule_id": self.rule_id,
            "severity": self.severity,
            "kind": self.kind,
            "legal_basis": self.legal_basis,
            "title": self.title(language),
            "detail": self.detail(language),
            "evidence": self.evidence,
        }
