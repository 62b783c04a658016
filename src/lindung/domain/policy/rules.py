"""Rules as versioned data: load, validate and select the rule files.

Regulations here change often, so rules are data (DESIGN.md invariant 5): each
entry of ``rules/*.toml`` names its legal basis, the period it is in force, the
lifecycle stages whose entry it gates, the named check it uses
(:mod:`lindung.domain.policy.checks`) and that check's parameters. Changing a
parameter or adding a rule is an edit of a file, not of code; evaluating as of a
past date uses the entries in force on that date (:meth:`RuleSet.in_force`).

The version of a rule set is the SHA-256 of its files (names and bytes, in name
order), recorded with every evaluation run.
"""

from __future__ import annotations

import hashlib
import itertools
import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lindung.domain.lifecycle import PlacementStatus
from lindung.domain.policy.checks import CHECKS, CheckSpec, Param
from lindung.errors import LindungError, Problem

SEVERITIES = ("error", "warning")
_FIELDS = (
    "id",
    "title_id",
    "title_en",
    "legal_basis",
    "in_force_from",
    "in_force_to",
    "severity",
    "gates",
    "check",
    "params",
    "note",
)
_REQUIRED: tuple[str, ...] = ("id", "title_id", "title_en", "legal_basis", "in_force_from")
_REQUIRED += ("severity", "gates", "check")


class RuleFileError(LindungError):
    """A rule file cannot be read or an entry in it is invalid; ``problems`` name the
    file, the rule id and the field of each."""


@dataclass(frozen=True)
class Rule:
    """One rule: what it says, where it comes from, when and where it applies."""

    id: str
    title_id: str
    title_en: str
    legal_basis: str
    in_force_from: date
    in_force_to: date | None
    severity: str
    gates: tuple[PlacementStatus, ...]
    check: str
    params: MappingProxyType[str, Any]
    source: str
    note: str | None = None

    def in_force_on(self, day: date) -> bool:
        """In force on ``day``: from ``in_force_from`` up to and including ``in_force_to``."""
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    def title(self, language: str = "id") -> str:
        return self.title_en if language == "en" else self.title_id

    @property
    def spec(self) -> CheckSpec:
        return CHECKS[self.check]

    def gates_stage(self, stage: PlacementStatus) -> bool:
        return stage in self.gates


@dataclass(frozen=True)
class RuleSet:
    """The rules of a directory of rule files, with the files' version."""

    rules: tuple[Rule, ...]
    version: str
    directory: Path

    def in_force(self, day: date) -> tuple[Rule, ...]:
        """The rules in force on ``day``, in file and entry order."""
        return tuple(rule for rule in self.rules if rule.in_force_on(day))

    def get(self, rule_id: str, day: date | None = None) -> Rule:
        """The rule with ``rule_id`` (in force on ``day`` when given)."""
        for rule in self.rules:
            if rule.id == rule_id and (day is None or rule.in_force_on(day)):
                return rule
        raise KeyError(rule_id)

    def gating(self, stage: PlacementStatus, day: date) -> tuple[Rule, ...]:
        """The rules in force on ``day`` that gate the entry of ``stage``."""
        return tuple(rule for rule in self.in_force(day) if rule.gates_stage(stage))


def default_rules_dir() -> Path:
    """The rule files shipped in the package."""
    return Path(str(resources.files("lindung.domain.policy") / "rules"))


_CACHE: dict[tuple[Path, str], RuleSet] = {}


def load_rules(directory: Path | None = None) -> RuleSet:
    """Load and validate every ``*.toml`` rule file of ``directory`` (default: the
    package's). Raises :class:`RuleFileError` listing every problem found."""
    folder = directory or default_rules_dir()
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise RuleFileError(
            f"no rule files in {folder}",
            [_problem(str(folder), "", "directory", "tidak ada berkas aturan", "no rule files")],
        )
    contents = [(path, path.read_bytes()) for path in files]
    version = rules_version(contents)
    cached = _CACHE.get((folder, version))
    if cached is not None:
        return cached
    problems: list[Problem] = []
    rules: list[Rule] = []
    for path, raw in contents:
        rules.extend(_load_file(path, raw, problems))
    _check_overlaps(rules, problems)
    if problems:
        raise RuleFileError(f"invalid rule files in {folder}", problems)
    ruleset = RuleSet(tuple(rules), version, folder)
    _CACHE[(folder, version)] = ruleset
    return ruleset


def rules_version(contents: list[tuple[Path, bytes]]) -> str:
    """SHA-256 over the files' names and bytes, in name order."""
    digest = hashlib.sha256()
    for path, raw in sorted(contents, key=lambda item: item[0].name):
        digest.update(path.name.encode() + b"\0" + raw + b"\0")
    return digest.hexdigest()


def _problem(file: str, rule_id: str, name: str, message_id: str, message_en: str) -> Problem:
    where = f"{file}:{rule_id}.{name}" if rule_id else f"{file}:{name}"
    return Problem(where, f"policy.rule_{name.split('.')[0]}", message_id, message_en)


def _load_file(path: Path, raw: bytes, problems: list[Problem]) -> list[Rule]:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(
            _problem(path.name, "", "toml", f"berkas TOML rusak: {exc}", f"bad TOML: {exc}")
        )
        return []
    entries = data.get("rule")
    unknown = sorted(set(data) - {"rule"})
    if unknown:
        problems.append(
            _problem(
                path.name,
                "",
                unknown[0],
                "hanya tabel [[rule]] yang diperbolehkan",
                "only [[rule]] tables are allowed",
            )
        )
    if not isinstance(entries, list) or not entries:
        problems.append(
            _problem(path.name, "", "rule", "tidak ada entri [[rule]]", "no [[rule]] entries")
        )
        return []
    rules = []
    for index, entry in enumerate(entries):
        rule = _rule(path.name, index, entry, problems)
        if rule is not None:
            rules.append(rule)
    return rules


def _rule(file: str, index: int, entry: dict[str, Any], problems: list[Problem]) -> Rule | None:
    rule_id = entry.get("id") if isinstance(entry.get("id"), str) else f"#{index + 1}"
    before = len(problems)

    def bad(name: str, message_id: str, message_en: str) -> None:
        problems.append(_problem(file, str(rule_id), name, message_id, message_en))

    for name in _REQUIRED:
        if name not in entry:
            bad(name, "wajib diisi", "is required")
    for name in sorted(set(entry) - set(_FIELDS)):
        bad(name, "bidang tidak dikenal", "unknown field")
    for name in ("id", "title_id", "title_en", "legal_basis", "check"):
        if name in entry and (not isinstance(entry[name], str) or not entry[name].strip()):
            bad(name, "harus teks tidak kosong", "must be non-empty text")
    for name in ("in_force_from", "in_force_to"):
        if name in entry and not _is_date(entry[name]):
            bad(name, "harus tanggal (YYYY-MM-DD)", "must be a date (YYYY-MM-DD)")
    start, end = entry.get("in_force_from"), entry.get("in_force_to")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        bad("in_force_to", "sebelum in_force_from", "is before in_force_from")
    if "severity" in entry and entry["severity"] not in SEVERITIES:
        bad("severity", "harus error atau warning", "must be error or warning")
    gates = _gates(entry.get("gates"), bad) if "gates" in entry else ()
    spec = CHECKS.get(entry["check"]) if isinstance(entry.get("check"), str) else None
    if "check" in entry and spec is None:
        bad("check", "pemeriksaan tidak dikenal", f"unknown check (known: {', '.join(CHECKS)})")
    params = entry.get("params", {})
    if not isinstance(params, dict):
        bad("params", "harus tabel", "must be a table")
    elif spec is not None:
        _check_params(spec.params, params, "params", bad)
    if len(problems) > before:
        return None
    return Rule(
        id=entry["id"],
        title_id=entry["title_id"],
        title_en=entry["title_en"],
        legal_basis=entry["legal_basis"],
        in_force_from=entry["in_force_from"],
        in_force_to=entry.get("in_force_to"),
        severity=entry["severity"],
        gates=gates,
        check=entry["check"],
        params=MappingProxyType(dict(params)),
        source=file,
        note=entry.get("note"),
    )


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not hasattr(value, "hour")


def _gates(value: object, bad: Any) -> tuple[PlacementStatus, ...]:
    if not isinstance(value, list) or not value:
        bad("gates", "harus daftar tahap", "must be a list of stages")
        return ()
    known = {status.value for status in PlacementStatus}
    unknown = [str(v) for v in value if v not in known]
    if unknown:
        bad("gates", f"tahap tidak dikenal: {unknown[0]}", f"unknown stage: {unknown[0]}")
        return ()
    return tuple(PlacementStatus(v) for v in value)


def _check_params(specs: tuple[Param, ...], given: dict[str, Any], where: str, bad: Any) -> None:
    names = {p.name for p in specs}
    for name in sorted(set(given) - names):
        bad(f"{where}.{name}", "parameter tidak dikenal", "unknown parameter")
    for param in specs:
        if param.name not in given:
            if param.required:
                bad(f"{where}.{param.name}", "parameter wajib diisi", "parameter is required")
            continue
        _check_value(param, given[param.name], f"{where}.{param.name}", bad)


def _check_value(param: Param, value: object, where: str, bad: Any) -> None:
    ok = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, int | float) and not isinstance(value, bool),
        "str": isinstance(value, str),
        "bool": isinstance(value, bool),
        "date": _is_date(value),
        "strs": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "rows": isinstance(value, list) and all(isinstance(v, dict) for v in value),
    }[param.kind]
    if not ok:
        bad(where, f"harus bertipe {param.kind}", f"must be of type {param.kind}")
        return
    if param.kind == "rows":
        rows: list[dict[str, Any]] = value  # type: ignore[assignment]
        for index, row in enumerate(rows):
            _check_params(param.columns, row, f"{where}[{index}]", bad)


def _check_overlaps(rules: list[Rule], problems: list[Problem]) -> None:
    """Two entries with one id must not be in force on the same day."""
    by_id: dict[str, list[Rule]] = {}
    for rule in rules:
        by_id.setdefault(rule.id, []).append(rule)
    for rule_id, versions in by_id.items():
        ordered = sorted(versions, key=lambda r: r.in_force_from)
        for first, second in itertools.pairwise(ordered):
            if first.in_force_to is None or first.in_force_to >= second.in_force_from:
                problems.append(
                    _problem(
                        second.source,
                        rule_id,
                        "in_force_from",
                        f"tumpang tindih dengan entri di {first.source}",
                        f"overlaps the entry in {first.source}",
                    )
                )


__all__ = ["Rule", "RuleFileError", "RuleSet", "load_rules", "rules_version"]
