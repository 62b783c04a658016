"""Errors partners' data carry, applied to whole columns: NIK slips, placeholder dates.

NIKs are copied by hand in many places: a digit is mistyped or two digits are
swapped; sometimes the NIK is missing. Birth dates that were unknown are
entered as 1 January or 31 December of the year (a known pattern in voter
lists). Rates are per source, set in each partner module.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import I8, I32, I64, Bools
from lindung.demo.calendar import date_parts, from_parts

NIK_OK, NIK_WRONG, NIK_MISSING = 0, 1, 2
NIK_QUALITY = ("ok", "wrong_digits", "missing")


def nik_quality(rng: np.random.Generator, n: int, wrong: float | Any, missing: float | Any) -> I8:
    """For each row: NIK_OK, NIK_WRONG or NIK_MISSING."""
    u = rng.random(n)
    quality = np.where(u < missing, NIK_MISSING, np.where(u < missing + wrong, NIK_WRONG, NIK_OK))
    return quality.astype(np.int8)


def mistyped(rng: np.random.Generator, nik: I64) -> I64:
    """Each NIK with one digit changed or two neighbouring digits swapped (never the same)."""
    n = len(nik)
    position = rng.integers(0, 15, n)  # never the leading digit
    power = 10 ** position.astype(np.int64)
    digit = (nik // power) % 10
    swap = rng.random(n) < 0.4
    upper = (nik // (power * 10)) % 10
    swapped = nik + (upper - digit) * power + (digit - upper) * power * 10
    other = (digit + rng.integers(1, 10, n)) % 10
    changed = nik + (other - digit) * power
    result = np.where(swap & (upper != digit), swapped, changed)
    return result.astype(np.int64)


def nik_column(rng: np.random.Generator, nik: I64, quality: I8) -> Any:
    """NIKs as text, with the mistyped and missing ones as ``quality`` says."""
    wrong = quality == NIK_WRONG
    value = np.where(wrong, mistyped(rng, nik), nik)
    text = pc.cast(pa.array(value), pa.string())
    return pc.if_else(pa.array(quality == NIK_MISSING), pa.nulls(len(nik), pa.string()), text)


def placeholder_dates(rng: np.random.Generator, birth: I32, mask: Bools) -> I32:
    """Birth dates with the masked ones replaced by 1 January or 31 December of the year."""
    year, _, _ = date_parts(birth)
    december = rng.random(len(birth)) < 0.5
    month = np.where(december, 12, 1).astype(np.int32)
    day = np.where(december, 31, 1).astype(np.int32)
    return np.where(mask, from_parts(year, month, day), birth).astype(np.int32)


def flip(rng: np.random.Generator, values: Bools, rate: float) -> Bools:
    """Booleans with a share ``rate`` flipped (a sex recorded wrongly, say)."""
    return values ^ (rng.random(len(values)) < rate)


def labels(choices: tuple[str, ...], index: I8 | I32 | Any) -> Any:
    """Code labels for an index column, as pyarrow strings."""
    return pa.array(np.array(choices)[np.asarray(index)].tolist(), type=pa.string())
