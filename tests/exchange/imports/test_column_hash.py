"""The by-column content hash equals the per-row one, whatever the values."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from lindung.exchange.imports.column_hash import batch_hashes
from lindung.exchange.imports.validate import content_hash

TEXTS = [
    "ANDI",
    "O'BRIEN",
    'say "hi"',
    "back\\slash",
    "JOSÉ",
    "tab\there",
    "\u200bX",
    None,
    "'",
    "",
    "a\x7fb",
    "a\nb",
]


def test_batch_hashes_equal_content_hash() -> None:
    names = ("a", "b", "c", "d")
    rows = [
        {"a": text, "b": day, "c": number, "d": None}
        for text in TEXTS
        for day in (date(1977, 11, 9), date(2, 1, 3), None)
        for number in (7, None)
    ]
    values = {
        "a": pa.array([r["a"] for r in rows], pa.string()),
        "b": pa.array([r["b"] for r in rows], pa.date32()),
        "c": pa.array([r["c"] for r in rows], pa.int64()),
        "d": pa.nulls(len(rows), pa.string()),
    }
    assert batch_hashes(values, names) == [content_hash(r, names) for r in rows]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.text(max_size=12)),
            st.one_of(st.none(), st.dates()),
            st.one_of(st.none(), st.integers(-(2**62), 2**62)),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_batch_hashes_equal_content_hash_for_any_values(
    rows: list[tuple[str | None, date | None, int | None]],
) -> None:
    names = ("a", "b", "c")
    values = {
        "a": pa.array([r[0] for r in rows], pa.string()),
        "b": pa.array([r[1] for r in rows], pa.date32()),
        "c": pa.array([r[2] for r in rows], pa.int64()),
    }
    expected = [content_hash(dict(zip(names, r, strict=True)), names) for r in rows]
    assert batch_hashes(values, names) == expected
