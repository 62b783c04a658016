"""Checking a file against its dataset: the header first, then every row.

The header is checked in full before any row is read: every required column that
is missing, every column named twice (after folding case, spaces and aliases) is a
problem and the file is refused with all of them; a column the dataset does not
know is a warning on the import (its values are kept in the quarantine's raw row,
not stored).

A row is checked field by field and every problem is reported, not the first. A
problem of a field declared ``drop_invalid`` (an optional NIK) does not quarantine
the row: the row is stored without that value, and the problem is kept apart
(``CheckedRow.dropped``) for the import's warnings. A row quarantined for another
reason lists it with the others.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from lindung.errors import Problem, ValidationError
from lindung.exchange.datasets import DatasetSpec, FieldSpec
from lindung.exchange.imports.fields import (
    PARSERS,
    clean_text,
    nul_character,
    required,
    too_long,
)
from lindung.exchange.imports.source import RawRow, file_problem, refuse
from lindung.exchange.partner_datasets import column_names, header_key


@dataclass(frozen=True)
class ColumnMap:
    """Which column of the file feeds which field; the unknown columns."""

    header: list[str]
    positions: dict[str, int]  # field name -> column index
    unknown: list[str]


def map_header(spec: DatasetSpec, header: list[str]) -> tuple[ColumnMap, list[Problem]]:
    """Map the file's header onto the dataset; refuse with every problem, else warnings."""
    names = column_names(spec)
    positions: dict[str, int] = {}
    unknown: list[str] = []
    problems: list[Problem] = []
    for index, title in enumerate(header):
        name = names.get(header_key(title))
        if name is None:
            unknown.append(title)
        elif name in positions:
            problems.append(
                file_problem(
                    "header.duplicate",
                    f"kolom '{name}' muncul lebih dari sekali (kolom {index + 1})",
                    f"column '{name}' appears more than once (column {index + 1})",
                    name=name,
                )
            )
        else:
            positions[name] = index
    for field in spec.fields:
        if field.required and field.name not in positions:
            problems.append(
                file_problem(
                    "header.missing",
                    f"kolom wajib '{field.name}' tidak ada",
                    f"required column '{field.name}' is missing",
                    name=field.name,
                )
            )
    if problems:
        raise refuse(*problems)
    warnings = []
    if unknown:
        listed = ", ".join(f"'{u[:40]}'" for u in unknown[:20])
        warnings.append(
            file_problem(
                "header.unknown",
                f"kolom tidak dikenal, tidak disimpan: {listed}",
                f"unknown columns, not stored: {listed}",
                name="header",
            )
        )
    return ColumnMap(header, positions, unknown), warnings


@dataclass
class CheckedRow:
    """A row after validation: the stored values, or the problems."""

    number: int
    values: dict[str, Any] | None
    problems: list[Problem]
    raw: dict[str, Any]
    #: problems of ``drop_invalid`` fields on a stored row (their values are None)
    dropped: list[Problem] = dataclass_field(default_factory=list)


#: Kinds whose values repeat a lot (dates, codes): parsed once per distinct text.
CACHED_KINDS = frozenset({"date", "sex", "country", "enum", "region_code"})
CACHE_LIMIT = 50_000


class _Field:
    """One field's checks, prepared once per file (the hot loop reads these slots)."""

    __slots__ = ("cache", "drop", "is_text", "limit", "name", "parse", "position", "spec")

    def __init__(self, spec: FieldSpec, position: int | None) -> None:
        self.spec = spec
        self.drop = spec.drop_invalid
        self.name = spec.name
        self.limit = spec.max_length if spec.max_length is not None else 1 << 62
        self.position = position
        self.parse = PARSERS[spec.kind]
        self.is_text = spec.kind == "text"
        self.cache: dict[str, Any] | None = {} if spec.kind in CACHED_KINDS else None


class RowValidator:
    """Validates rows of one file against one dataset."""

    def __init__(self, spec: DatasetSpec, columns: ColumnMap) -> None:
        self.spec = spec
        self.columns = columns
        self.width = len(columns.header)
        self._fields = [_Field(field, columns.positions.get(field.name)) for field in spec.fields]

    @property
    def fields(self) -> list[_Field]:
        """The prepared field checks, in the dataset's order."""
        return self._fields

    def raw(self, row: RawRow) -> dict[str, Any]:
        """The row as received, by the file's own column names (for the quarantine)."""
        if row.text is not None:
            return {"_line": row.text}
        raw: dict[str, Any] = {}
        for index, value in enumerate(row.values):
            name = self.columns.header[index] if index < self.width else f"_extra_{index + 1}"
            if name in raw:
                name = f"{name}_{index + 1}"
            raw[name] = _jsonable(value)
        return raw

    def check(self, row: RawRow) -> CheckedRow:
        problems: list[Problem] = []
        if row.error is not None:
            return CheckedRow(row.number, None, [row.error], self.raw(row))
        found = row.values
        count = len(found)
        if count < self.width:
            problems.append(_truncated(count, self.width))
        elif count > self.width and any(not _blank(v) for v in found[self.width :]):
            problems.append(_too_many(count, self.width))
        values: dict[str, Any] = {}
        dropped: list[Problem] = []
        for checked in self._fields:
            position = checked.position
            raw = found[position] if position is not None and position < count else None
            if checked.is_text and raw.__class__ is str:  # plain text: the common case inline
                text = raw.strip()
                if text and text[0] != "'" and len(text) <= checked.limit and "\x00" not in text:
                    values[checked.name] = text
                    continue
            values[checked.name] = _value(checked, raw, dropped if checked.drop else problems)
        if problems:
            return CheckedRow(row.number, None, problems + dropped, self.raw(row))
        return CheckedRow(row.number, values, [], {}, dropped)


def _value(field: _Field, raw: Any, problems: list[Problem]) -> Any:
    """The stored value of one field (None on a problem, which is appended)."""
    spec = field.spec
    if raw.__class__ is str:  # the hot path: CSV and JSON Lines text
        text: Any = raw.strip()
        if text and text[0] == "'":
            text = clean_text(text)
    else:
        text = clean_text(raw) if raw is None or field.is_text else raw
    if text is None or text == "":
        if spec.required:
            problems.append(required(spec))
        return None
    if text.__class__ is str:
        if spec.max_length is not None and len(text) > spec.max_length:
            problems.append(too_long(spec, len(text)))
            return None
        if "\x00" in text:  # PostgreSQL cannot store it; nobody types it
            problems.append(nul_character(spec))
            return None
        if field.is_text:
            return text
        cache = field.cache
        if cache is not None:
            hit = cache.get(text)
            if hit is None:
                hit = _parse(field, text)
                if len(cache) >= CACHE_LIMIT:
                    cache.clear()
                cache[text] = hit
        else:
            hit = _parse(field, text)
    else:
        hit = _parse(field, text)
    if isinstance(hit, ValidationError):
        problems.extend(hit.problems)
        return None
    return hit


#: The stored value of one field from its raw value, problems appended (public name).
field_value = _value


def _parse(field: _Field, text: Any) -> Any:
    """The parsed value, or the ValidationError itself (so it can be cached)."""
    try:
        return field.parse(field.spec, text)
    except ValidationError as exc:
        return exc


def content_hash(values: dict[str, Any], names: tuple[str, ...]) -> str:
    """A short digest of a row's field values: equal rows, equal digests.

    The text hashed: each value as ``str`` writes it (text as is, dates in ISO form,
    whole numbers in digits; None as the empty text), NUL between the values, then
    NUL and the mask of the None values (bit ``i`` for the ``i``-th name) in digits.
    As no stored value holds a NUL, the text gives the values back: different rows,
    different texts. A row where a value does hold one is hashed, in another BLAKE2b
    domain (``person``), over each value's length and text instead. Migration 0007i
    holds a copy of this definition (it recomputed the stored hashes).
    """
    row = [values[n] for n in names]
    texts = ["" if value is None else str(value) for value in row]
    if any("\x00" in text for text in texts):
        spelled = "".join(
            "-" if v is None else f"{len(t)}:{t}" for v, t in zip(row, texts, strict=True)
        )
        data, person = spelled.encode("utf-8"), b"lindung-nul"
    else:
        mask = sum(1 << bit for bit, value in enumerate(row) if value is None)
        data, person = "\x00".join([*texts, str(mask)]).encode("utf-8"), b""
    return hashlib.blake2b(data, digest_size=16, person=person).hexdigest()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _truncated(found: int, expected: int) -> Problem:
    return file_problem(
        "row.truncated",
        f"baris terpotong: {found} kolom, seharusnya {expected}",
        f"truncated row: {found} fields, the header has {expected}",
        name="row",
    )


def _too_many(found: int, expected: int) -> Problem:
    return file_problem(
        "row.too_many_fields",
        f"baris memuat {found} kolom, judul hanya {expected}",
        f"the row has {found} fields, the header only {expected}",
        name="row",
    )
