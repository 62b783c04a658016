"""The guard: no SELECT on a personal-data table runs outside the access gate.

The gate marks the queries it runs with :func:`gate_context`; the store's own write
paths (demo loading, imports upserting by natural key, the CLI checking whether a
store is loaded) mark theirs with :func:`store_context`. :func:`install` adds an
engine hook that raises :class:`PersonalReadOutsideGate` (and records the
violation) when a SELECT naming a personal-data table runs with neither mark. The
test suite installs it around every page and endpoint; production may turn it on
with ``LINDUNG_GUARD_PERSONAL_READS=1``.

:func:`personal_model_imports` is the static half: it lists the personal-data
models a module's source imports, for the test that keeps interface modules
(web, cli, reports) from reaching the store around the gate.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any

from sqlalchemy import Engine, event

from lindung.errors import LindungError

_context: ContextVar[str | None] = ContextVar("lindung_gate_context", default=None)

#: Tables holding personal data whatever the declared datasets say.
BASE_PERSONAL_TABLES = frozenset(
    {
        "workers",
        "passports",
        "family_members",
        "health_checks",
        "competence_certificates",
        "social_security_memberships",
        "placements",
        "placement_documents",
        "placement_events",
        "orientations",
        "reintegrations",
        "enrolments",
        "complaints",
        "policy_findings",
    }
)


class PersonalReadOutsideGate(LindungError):
    """A statement read a personal-data table without passing the access gate."""


@contextmanager
def gate_context(what: str = "gate") -> Iterator[None]:
    """Mark the statements run inside as the access gate's."""
    token = _context.set(what)
    try:
        yield
    finally:
        _context.reset(token)


@contextmanager
def store_context(what: str) -> Iterator[None]:
    """Mark the statements run inside as a store write path's (not an interface read)."""
    with gate_context(f"store:{what}"):
        yield


def current_context() -> str | None:
    return _context.get()


@cache
def personal_tables() -> frozenset[str]:
    """Tables with personal data: workers, passports and every table a declared
    dataset's personal field comes from."""
    from lindung.exchange.datasets import all_datasets
    from lindung.exchange.sources import personal_columns

    names = set(BASE_PERSONAL_TABLES)
    for spec in all_datasets().values():
        for column in personal_columns(spec):
            for base in column.base_columns:
                table = getattr(base, "table", None)
                if table is not None and getattr(table, "name", None):
                    names.add(str(table.name))
    return frozenset(names)


@cache
def _table_pattern() -> re.Pattern[str]:
    names = "|".join(sorted(re.escape(name) for name in personal_tables()))
    return re.compile(rf'(?<![\w.])"?(?:{names})"?(?![\w])', re.IGNORECASE)


#: A COPY that writes out (to the client, a file or a program): ``... TO STDOUT``.
_COPY_OUT = re.compile(r"\bTO\s+(?:STDOUT\b|PROGRAM\b|')")


def reads_personal_table(statement: str) -> str | None:
    """The personal-data table a reading statement names, or None: a SELECT (or WITH),
    and PostgreSQL's ``COPY table TO ...`` / ``COPY (SELECT ...) TO ...``, which reads
    as much (``COPY ... FROM``, an import's load, writes)."""
    head = statement.lstrip().upper()
    if head.startswith("COPY"):
        if not _COPY_OUT.search(head):
            return None
    elif not head.startswith(("SELECT", "WITH")):
        return None
    found = _table_pattern().search(statement)
    return found.group(0).strip('"').lower() if found else None


class Guard:
    """An installed hook and the violations it saw (table names and contexts only)."""

    def __init__(self, engine: Engine, raise_on_violation: bool = True) -> None:
        self.engine = engine
        self.raise_on_violation = raise_on_violation
        self.violations: list[str] = []

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if _context.get() is not None:
            return
        table = reads_personal_table(statement)
        if table is None:
            return
        self.violations.append(table)
        if self.raise_on_violation:
            raise PersonalReadOutsideGate(f"read of {table} outside the access gate")

    def remove(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self)


def install(engine: Engine, raise_on_violation: bool = True) -> Guard:
    """Hook ``engine`` so personal-data SELECTs outside the gate are caught."""
    guard = Guard(engine, raise_on_violation)
    event.listen(engine, "before_cursor_execute", guard)
    return guard


#: Where the personal-data models may be imported from, by interface modules.
GATE_PACKAGE = "lindung.exchange"


@cache
def personal_model_names() -> frozenset[str]:
    """Class names of mapped models whose table holds personal data."""
    from lindung.store.models import Base

    return frozenset(
        mapper.class_.__name__
        for mapper in Base.registry.mappers
        if getattr(mapper.local_table, "name", None) in personal_tables()
    )


def personal_model_imports(source: str) -> list[str]:
    """Personal-data models that ``source`` imports (or reaches as an attribute of a
    models module), as 'line N: Name'. Imports from the gate's package are allowed."""
    names = personal_model_names()
    found: list[str] = []
    model_aliases: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith(GATE_PACKAGE):
                continue
            for alias in node.names:
                if alias.name in names:
                    found.append(f"line {node.lineno}: {alias.name}")
                elif alias.name == "models" or node.module.startswith("lindung.store.models"):
                    model_aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("lindung.store"):
                    model_aliases.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in names:
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in model_aliases:
                found.append(f"line {node.lineno}: {node.attr}")
    return found
