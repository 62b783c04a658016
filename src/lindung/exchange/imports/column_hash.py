"""The content hash of a batch of accepted rows, built by column.

:func:`lindung.exchange.imports.validate.content_hash` hashes ``repr`` of the list
of a row's values. Here that text is assembled with Arrow string functions for the
rows whose values ``repr`` writes plainly (text of printable ASCII without quote or
backslash: ``'...'``; None; dates: ``datetime.date(2019, 1, 1)``; whole numbers);
only the hashing itself, and the ``repr`` of any other row, is per row in Python.
"""

from __future__ import annotations

from hashlib import blake2b

import pyarrow as pa
import pyarrow.compute as pc

from lindung.exchange.imports.validate import content_hash

#: Arrow scalars made once (a Python value passed to a compute function is converted,
#: with an import attempt, on every call).
_COMMA, _OPEN, _CLOSE, _EMPTY, _QUOTE, _DATE, _PAREN, _NONE = (
    pa.scalar(text, pa.string())
    for text in (", ", "[", "]", "", "'", "datetime.date(", ")", "None")
)


def batch_hashes(values: dict[str, pa.Array], names: tuple[str, ...]) -> list[str]:
    """Each row's content hash, equal to ``content_hash`` of the row's values."""
    length = len(values[names[0]]) if names else 0
    plain = pa.array([True] * length, pa.bool_())
    parts: list[pa.Array] = []
    for name in names:
        column = values[name]
        text, ok = _repr(column)
        parts.append(text)
        plain = pc.and_(plain, ok)
    joined = pc.binary_join_element_wise(*parts, _COMMA)
    bracketed = pc.binary_join_element_wise(_OPEN, joined, _CLOSE, _EMPTY)
    texts = bracketed.cast(pa.binary()).to_pylist()
    plain = pc.fill_null(plain, False)
    if pc.all(plain).as_py() is not False:  # every row (the common case): no branch per row
        return [blake2b(text, digest_size=16).hexdigest() for text in texts]
    plain_rows: list[bool] = plain.to_pylist()
    lists = None
    hashes: list[str] = []
    for index, (text, simple) in enumerate(zip(texts, plain_rows, strict=True)):
        if simple:
            hashes.append(blake2b(text, digest_size=16).hexdigest())
            continue
        if lists is None:
            lists = {name: values[name].to_pylist() for name in names}
        row = {name: lists[name][index] for name in names}
        hashes.append(content_hash(row, names))
    return hashes


def _plain(column: pa.Array) -> pa.Array:
    """Text that ``repr`` writes as itself between single quotes: printable ASCII
    without a quote or a backslash (cheaper kernels than one regular expression)."""
    printable = pc.and_(pc.string_is_ascii(column), pc.ascii_is_printable(column))
    quote = pc.or_(pc.match_substring(column, "'"), pc.match_substring(column, "\\"))
    return pc.and_(printable, pc.invert(quote))


def _repr(column: pa.Array) -> tuple[pa.Array, pa.Array]:
    """``repr`` of each value as Arrow text, and where that is exact."""
    kind = column.type
    none = _NONE
    length = len(column)
    if pa.types.is_null(kind):
        return pa.array(["None"] * length, pa.string()), pa.array([True] * length)
    if pa.types.is_string(kind):
        quoted = pc.binary_join_element_wise(_QUOTE, column, _QUOTE, _EMPTY)
        ok = pc.or_(pc.is_null(column), _plain(column))
        return pc.fill_null(quoted, none), pc.fill_null(ok, True)
    if pa.types.is_date32(kind):
        pieces = [pc.cast(f(column), pa.string()) for f in (pc.year, pc.month, pc.day)]
        inner = pc.binary_join_element_wise(*pieces, _COMMA)
        text = pc.binary_join_element_wise(_DATE, inner, _PAREN, _EMPTY)
        return pc.fill_null(text, none), pa.array([True] * length)
    if pa.types.is_integer(kind):
        return pc.fill_null(pc.cast(column, pa.string()), none), pa.array([True] * length)
    return pa.array(["None"] * length, pa.string()), pa.array([False] * length)
