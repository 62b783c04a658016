"""The policy rules: named checks (:mod:`.checks`) and versioned rule files
(:mod:`.rules`, ``rules/*.toml``). Evaluation lives in :mod:`lindung.policy`."""

from lindung.domain.policy.checks import CHECKS, PROBLEMS, CheckSpec, Param
from lindung.domain.policy.rules import (
    Rule,
    RuleFileError,
    RuleSet,
    default_rules_dir,
    load_rules,
    rules_version,
)

__all__ = [
    "CHECKS",
    "PROBLEMS",
    "CheckSpec",
    "Param",
    "Rule",
    "RuleFileError",
    "RuleSet",
    "default_rules_dir",
    "load_rules",
    "rules_version",
]
