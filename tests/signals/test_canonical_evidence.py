"""The run's fast canonical evidence is byte for byte Python's canonical JSON.

``evidence_hash`` is the SHA-256 of :func:`lindung.exchange.canonical.canonical_json`
of the evidence; stored signals carry it, and a dismissed signal stays dismissed only
while the hash of the same evidence stays the same. :func:`canonical_evidence` makes
that text with orjson; these tests hold it to ``canonical_json(json.loads(raw))`` on
any JSON, and on the values where orjson writes differently from Python.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lindung.exchange.canonical import canonical_json
from lindung.signals.compute import canonical_evidence

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.floats(min_value=-1e-3, max_value=1e-3, allow_nan=False)
    | st.text()
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def _python(raw: str) -> bytes:
    return canonical_json(json.loads(raw)).encode("utf-8")


@settings(max_examples=400, deadline=None)
@given(documents, st.booleans())
def test_same_text_as_python_for_any_json(document: object, ascii_only: bool) -> None:
    raw = json.dumps(document, ensure_ascii=ascii_only)  # key order and spacing as given
    assert canonical_evidence(raw) == _python(raw)


@pytest.mark.parametrize(
    "raw",
    [
        '{"p": 1e-05, "q": 0.00001}',
        '{"p": 1e-7, "z": [2.5e-300]}',
        '{"p": 0.0001, "q": 1e16, "r": 1.5e+300, "s": -0.0}',
        '{"big": 123456789012345678901234567890}',
        '{"n": NaN}',
        '{"n": -Infinity}',
        '{"a": 1, "a": 2}',
        '{"b": "\\u001f\\u007f\\u2028 \\ud83d\\ude00 /", "a": "e-mail 0.0000"}',
        '{"z": {"y": [{"b": 1, "a": 2}], "x": null}, "A": true}',
    ],
)
def test_same_text_as_python_where_orjson_differs(raw: str) -> None:
    assert canonical_evidence(raw) == _python(raw)


def test_a_float_python_writes_in_exponent_form() -> None:
    assert canonical_evidence('{"p": 0.00001}') == b'{"p":1e-05}'
    assert math.isclose(json.loads(canonical_evidence('{"p": 0.00001}'))["p"], 1e-5)
