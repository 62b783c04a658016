"""Vectorised "fast accept": which rows of a batch of CSV text are provably valid.

A batch arrives as Arrow string columns, exactly the strings ``csv.reader`` would
give. Each field's column is checked whole:

- text: a regular expression (no surrounding whitespace as ``str.strip`` sees it,
  no leading quote, no NUL) and the length limit; the text is stored as read;
- passport numbers already in canonical form (``[A-Z0-9]{5,9}``), stored as read;
- ISO dates (``YYYY-MM-DD``) parsed by Arrow and accepted only when they format back
  to the same text (so 2019-02-30 is not accepted);
- everything else (sex codes, countries, enumerations, region codes, NIKs, other
  date forms, empty optional values) by the distinct values of the batch: each
  distinct text goes once through the per-row validator's own ``_value``, and the
  rows whose text came back without a problem are accepted with that value.

A row is accepted when every field is; every other row goes through the per-row
validator, which stays the one source of problem messages. Accepted values are
exactly what the per-row path stores (the mapped ones come from it).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from threading import Lock, Thread
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from lindung.domain.identity.nik import known_districts
from lindung.errors import Problem
from lindung.exchange.imports.validate import RowValidator, field_value

#: Python's ``str.isspace`` characters (RE2's ``\s`` is ASCII only).
_NOT_SPACE = r"[^\t\n\x0b\f\r\x1c-\x1f \x{85}\p{Z}]"
_TEXT = rf"(?s)^[^\t\n\x0b\f\r\x1c-\x1f \x{{85}}\p{{Z}}'](.*{_NOT_SPACE})?$"
_PASSPORT = r"^[A-Z0-9]{5,9}$"
_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_NIK = r"^[0-9]{16}$"
_ZERO_NIK = "0" * 16
_FORTY, _ONE = pa.scalar(40, pa.int32()), pa.scalar(1, pa.int32())
_ZERO_SERIAL = pa.scalar("0000", pa.string())
_ZERO_NIK_SCALAR = pa.scalar(_ZERO_NIK, pa.string())
_NO_TEXT = pa.scalar(None, pa.string())
#: Days of each month in a common year (29 February is left to ``parse_nik``).
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: More distinct leftover values than this in one batch: not worth mapping.
MAPPED_LIMIT = 20_000


@dataclass
class Accepted:
    """A batch's accepted rows (``ok``) and every field's stored values."""

    ok: pa.Array  # bool, no nulls
    values: dict[str, pa.Array]


def accept(validator: RowValidator, columns: list[pa.Array], length: int) -> Accepted:
    """Check a batch (the file's columns, in header order) field by field."""
    ok = pa.array([True] * length, pa.bool_())
    values: dict[str, pa.Array] = {}
    for field in validator.fields:
        if field.position is None:
            field_ok, found = _absent(field, length)
        else:
            field_ok, found = _column(field, columns[field.position])
        ok = pc.and_(ok, field_ok)
        values[field.name] = found
    return Accepted(pc.fill_null(ok, False), values)


def _absent(field: Any, length: int) -> tuple[pa.Array, pa.Array]:
    problems: list[Problem] = []
    field_value(field, None, problems)
    accepted = not problems
    return pa.array([accepted] * length, pa.bool_()), pa.nulls(length, _type(field.spec.kind))


def _column(field: Any, column: pa.Array) -> tuple[pa.Array, pa.Array]:
    kind = field.spec.kind
    if kind == "text":
        ok = _text_ok(column, field.limit)
    elif kind == "passport_number":
        ok = pc.and_(pc.match_substring_regex(column, _PASSPORT), _short(column, field.limit))
    elif kind == "nik":
        ok = pc.and_(_nik_ok(column), _short(column, field.limit))
    elif kind == "date":
        ok, dates = _iso_dates(column)
        return _mapped(field, column, ok, dates)
    else:
        ok = pa.array([False] * len(column), pa.bool_())
        return _mapped(field, column, ok, pa.nulls(len(column), _type(kind)))
    return _mapped(field, column, ok, column)


def _short(column: pa.Array, limit: int) -> pa.Array:
    return pc.less_equal(pc.utf8_length(column), min(limit, 1 << 40))


def _text_ok(column: pa.Array, limit: int) -> pa.Array:
    plain = _plain_ascii(column)
    if pc.all(plain).as_py() is not True:
        shaped = pc.match_substring_regex(column, _TEXT)
        clean = pc.invert(pc.match_substring(column, "\x00"))
        plain = pc.or_(plain, pc.and_(shaped, clean))
    return pc.and_(plain, _short(column, limit))


def _plain_ascii(column: pa.Array) -> pa.Array:
    """Non-empty printable ASCII, no space at either end, no leading quote: what
    ``_TEXT`` accepts, by cheaper kernels (the regular expression runs only when
    some value is not like this)."""
    checks = [
        pc.string_is_ascii(column),
        pc.ascii_is_printable(column),
        pc.greater(pc.utf8_length(column), 0),
        pc.invert(pc.starts_with(column, " ")),
        pc.invert(pc.ends_with(column, " ")),
        pc.invert(pc.starts_with(column, "'")),
    ]
    ok = checks[0]
    for check in checks[1:]:
        ok = pc.and_(ok, check)
    return pc.fill_null(ok, False)


def _nik_ok(column: pa.Array) -> pa.Array:
    """16 digits, a known district, a day that exists in every year, serial not 0000.

    The stored NIK is then the text itself; 29 February (which depends on the
    century ``parse_nik`` chooses) and everything else goes through ``parse_nik``.
    """
    digits = pc.match_substring_regex(column, _NIK)
    text = pc.if_else(digits, column, _ZERO_NIK_SCALAR)
    day = pc.cast(pc.utf8_slice_codeunits(text, 6, 8), pa.int32())
    day = pc.if_else(pc.greater(day, _FORTY), pc.subtract(day, _FORTY), day)
    month = pc.cast(pc.utf8_slice_codeunits(text, 8, 10), pa.int32())
    longest = pc.index_in(month, value_set=pa.array(range(1, 13), pa.int32()))
    longest = pa.array(_MONTH_DAYS, pa.int32()).take(longest)
    checks = [
        digits,
        pc.is_in(pc.utf8_slice_codeunits(text, 0, 6), value_set=_districts()),
        pc.not_equal(pc.utf8_slice_codeunits(text, 12, 16), _ZERO_SERIAL),
        pc.greater_equal(day, _ONE),
        pc.less_equal(day, longest),
    ]
    ok = checks[0]
    for check in checks[1:]:
        ok = pc.and_(ok, check)
    return pc.fill_null(ok, False)


_DISTRICTS_LOCK = Lock()


def _districts() -> pa.Array:
    """The district codes as an Arrow array (loaded once; a second caller waits for
    the first instead of loading them again)."""
    with _DISTRICTS_LOCK:
        return _district_array()


@cache
def _district_array() -> pa.Array:
    return pa.array(sorted(known_districts()), pa.string())


def prepare_in_background() -> None:
    """Load the district codes on a thread while the file is hashed (a NIK check needs
    them; loading the region directory takes about half a second, once per process)."""
    Thread(target=_warm, name="lindung-districts", daemon=True).start()


def _warm() -> None:
    with suppress(Exception):  # the check itself loads them again and reports the error
        _districts()


def _iso_dates(column: pa.Array) -> tuple[pa.Array, pa.Array]:
    iso = pc.and_(
        pc.match_substring_regex(column, _ISO_DATE),
        pc.invert(pc.starts_with(column, "0000")),
    )
    candidates = pc.if_else(iso, column, _NO_TEXT)
    parsed = pc.strptime(candidates, format="%Y-%m-%d", unit="s", error_is_null=True)
    dates = pc.cast(parsed, pa.date32())
    back = pc.cast(dates, pa.string())  # ISO, zero-padded; much cheaper than strftime
    ok = pc.fill_null(pc.and_(iso, pc.equal(back, column)), False)
    return ok, dates


def _mapped(
    field: Any, column: pa.Array, ok: pa.Array, found: pa.Array
) -> tuple[pa.Array, pa.Array]:
    """Accept the rows ``ok`` leaves out by their distinct values, through ``_value``."""
    rest = pc.filter(column, pc.invert(ok))
    if len(rest) == 0:
        return ok, found
    distinct = pc.unique(rest)
    if len(distinct) > MAPPED_LIMIT:
        return ok, found
    keys: list[str] = []
    results: list[Any] = []
    for text in distinct.to_pylist():
        problems: list[Problem] = []
        value = field_value(field, text, problems)
        if not problems:
            keys.append(text)
            results.append(value)
    if not keys:
        return ok, found
    index = pc.index_in(column, value_set=pa.array(keys, pa.string()))
    mapped = pa.array(results, _type(field.spec.kind)).take(index)
    hit = pc.is_valid(index)
    return pc.or_(ok, hit), pc.if_else(ok, found.cast(mapped.type), mapped)


def _type(kind: str) -> pa.DataType:
    if kind == "date":
        return pa.date32()
    if kind == "int":
        return pa.int64()
    return pa.string()
