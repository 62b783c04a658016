"""The byte scan that decides whether Arrow may read a CSV file: the same verdict
whatever the block size (problems that straddle two blocks are found too)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lindung.exchange.imports import fast_csv


def _expected(data: bytes) -> bool:
    """The rule, on the whole file at once."""
    header, _, rest = data.partition(b"\n")
    if header.count(b'"') % 2:
        return False
    if b"\x00" in rest or b"\n\n" in rest or b"\n\r\n" in rest:
        return False
    return re.search(rb"\r(?!\n)", rest) is None


def _scanned(data: bytes, block: int) -> bool:
    original = fast_csv._SCAN
    fast_csv._SCAN = block
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "f.csv"
            path.write_bytes(data)
            return fast_csv.arrow_readable(path, "utf-8", 3)
    finally:
        fast_csv._SCAN = original


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([b"a,b,c\n", b'"a,b",c\n', b'"a,b,c\n']),
    st.lists(st.sampled_from([b"a", b",", b"\n", b"\r", b"\r\n", b"\x00", b'"']), max_size=30),
    st.integers(1, 9),
)
def test_scan_by_blocks_equals_the_rule_on_the_whole_file(
    header: bytes, pieces: list[bytes], block: int
) -> None:
    data = header + b"".join(pieces)
    assert _scanned(data, block) == _expected(data)


def test_a_blank_line_across_a_block_boundary_is_found() -> None:
    data = b"a,b,c\n" + b"1,2,3\n" * 3 + b"\n4,5,6\n"
    for block in range(1, 30):
        assert not _scanned(data, block), block
    assert _scanned(data.replace(b"\n\n", b"\n"), 7)


def test_a_lone_carriage_return_at_a_block_end_is_found() -> None:
    data = b"a,b,c\n1,2,3\r4,5,6\r\n"
    assert all(not _scanned(data, block) for block in range(1, 20))
    assert all(_scanned(data.replace(b"3\r4", b"3\r\n4"), block) for block in range(1, 20))
