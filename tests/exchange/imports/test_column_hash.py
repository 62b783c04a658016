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
    "a\x00b",
    "\x00",
    "0",
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


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.text(alphabet=st.sampled_from("a0:-\x00\x01 "), max_size=4)),
            st.one_of(st.none(), st.text(alphabet=st.sampled_from("a0:-\x00\x01 "), max_size=4)),
            st.one_of(st.none(), st.integers(0, 12)),
        ),
        min_size=2,
        max_size=30,
        unique=True,
    )
)
def test_different_rows_have_different_hashes(
    rows: list[tuple[str | None, str | None, int | None]],
) -> None:
    """Values shifted across the separator, None against empty text, NUL inside a
    value: no two different rows hash alike (so an update is never taken as unchanged)."""
    names = ("a", "b", "c")
    hashes = [content_hash(dict(zip(names, r, strict=True)), names) for r in rows]
    assert len(set(hashes)) == len(rows)
    values = {
        "a": pa.array([r[0] for r in rows], pa.string()),
        "b": pa.array([r[1] for r in rows], pa.string()),
        "c": pa.array([r[2] for r in rows], pa.int64()),
    }
    assert batch_hashes(values, names) == hashes


def test_known_collisions_of_a_plain_join_are_told_apart() -> None:
    names = ("a", "b")
    pairs = [
        ({"a": None, "b": "x"}, {"a": "", "b": "x"}),
        ({"a": "p\x00q", "b": "r"}, {"a": "p", "b": "q\x00r"}),
        ({"a": "1", "b": None}, {"a": None, "b": "1"}),
        ({"a": "x\x00", "b": None}, {"a": "x", "b": "\x00"}),
    ]
    for first, second in pairs:
        assert content_hash(first, names) != content_hash(second, names)
