"""Names as a source writes them: its habits applied to whole columns of names.

Each partner has its own habits (:class:`NameStyle`): the civil registry writes
upper case with degrees; a passport drops punctuation and titles, truncates
long names and sometimes swaps given name and surname; the voter list adds
'Hj.' and loses bin/binti; clerks everywhere pick another form of Muhammad,
flip old and new spelling, and make typos at small rates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import F64, I32, I64, Bools
from lindung.demo.names.compose import Names
from lindung.demo.names.templates import Slot
from lindung.demo.names.vocabulary import Vocabulary

#: Longest name a passport's data page keeps before cutting it.
PASSPORT_NAME_LIMIT = 30

_SPELLING_SLOTS = (Slot.GIVEN1, Slot.GIVEN2, Slot.GIVEN3, Slot.CLAN, Slot.FATHER)
_FORM_SLOTS = (Slot.GIVEN1, Slot.GIVEN2, Slot.BORU)


@dataclass(frozen=True)
class NameStyle:
    """How one source writes names; rates are shares of the people it lists."""

    title: float = 0.0  # hajj title (H., Hj.) kept when the person has one
    degree: float = 0.0  # academic degree kept when the person has one
    relation: float | F64 = 0.0  # Muslims written with bin/binti and the father's name
    respell: float = 0.0  # old and new spelling flipped
    other_form: float = 0.0  # another written form of Muhammad, Ahmad, Abdul, Siti
    boru: float = 1.0  # Batak 'br.' kept
    typo: float = 0.0
    upper: bool = False
    passport: bool = False  # no punctuation, truncated to PASSPORT_NAME_LIMIT
    swap: float = 0.0  # last name written first (passport surname field)


def render(
    rng: np.random.Generator,
    vocab: Vocabulary,
    names: Names,
    style: NameStyle,
    rows: I64 | I32 | None = None,
) -> Any:
    """The names of ``rows`` (all people if None) as ``style`` writes them."""
    tokens = names.tokens if rows is None else names.tokens[rows]
    relation = names.relation if rows is None else names.relation[rows]
    tokens = _vary_tokens(rng, vocab, tokens.copy(), relation, style)
    text = _join(vocab, tokens)
    if style.upper or style.passport:
        text = pc.utf8_upper(text)
    if style.passport:
        text = _passport_form(rng, text, style.swap)
    if style.typo > 0:
        text = with_typos(rng, text, rng.random(len(text)) < style.typo)
    return text


def _vary_tokens(
    rng: np.random.Generator, vocab: Vocabulary, tokens: I32, relation: I32, style: NameStyle
) -> I32:
    n = len(tokens)
    _drop(tokens, Slot.TITLE, rng.random(n) >= style.title)
    _drop(tokens, Slot.DEGREE, rng.random(n) >= style.degree)
    _drop(tokens, Slot.BORU, rng.random(n) >= style.boru)
    shown = (relation >= 0) & (rng.random(n) < style.relation)
    tokens[:, Slot.RELATION] = np.where(shown, relation, -1)
    _drop(tokens, Slot.FATHER, ~shown)
    flip = rng.random(n) < style.respell
    for slot in _SPELLING_SLOTS:
        column = tokens[flip, slot]
        tokens[flip, slot] = np.where(column >= 0, vocab.respelled[column.clip(0)], -1)
    if style.other_form > 0:
        change = rng.random(n) < style.other_form
        for slot in _FORM_SLOTS:
            tokens[:, slot] = _other_forms(rng, vocab, tokens[:, slot], change)
    return tokens


def _drop(tokens: I32, slot: Slot, mask: Bools) -> None:
    tokens[mask, slot] = -1


def _other_forms(rng: np.random.Generator, vocab: Vocabulary, column: I32, change: Bools) -> I32:
    family = np.where(column >= 0, vocab.family[column.clip(0)], -1)
    out = column.copy()
    for number, (ids, cumulative) in enumerate(
        zip(vocab.family_ids, vocab.family_cumulative, strict=True)
    ):
        rows = np.flatnonzero(change & (family == number))
        if len(rows):
            picked = np.searchsorted(cumulative, rng.random(len(rows)), side="right")
            out[rows] = ids[np.minimum(picked, len(ids) - 1)]
    return out


def _join(vocab: Vocabulary, tokens: I32) -> Any:
    parts = []
    for slot in range(Slot.DEGREE):
        column = tokens[:, slot]
        parts.append(vocab.arrow.take(pa.array(column.clip(0), mask=column < 0)))
    name = pc.binary_join_element_wise(*parts, " ", null_handling="skip")
    degree_column = tokens[:, Slot.DEGREE]
    degree = vocab.arrow.take(pa.array(degree_column.clip(0), mask=degree_column < 0))
    return pc.binary_join_element_wise(name, degree, ", ", null_handling="skip")


def _passport_form(rng: np.random.Generator, text: Any, swap: float) -> Any:
    """Upper-case letters and spaces only, cut at the data page's limit, sometimes swapped."""
    text = pc.replace_substring_regex(text, r"[^A-Z ]", "")
    text = pc.utf8_trim_whitespace(pc.replace_substring_regex(text, r" +", " "))
    if swap > 0:
        swapped = pc.replace_substring_regex(text, r"^(.*?) ((?:BINTI |BIN )?\S+)$", r"\2 \1")
        text = pc.if_else(pa.array(rng.random(len(text)) < swap), swapped, text)
    cut = pc.utf8_slice_codeunits(text, 0, PASSPORT_NAME_LIMIT)
    return pc.utf8_rtrim_whitespace(cut)


def with_typos(rng: np.random.Generator, text: Any, mask: Bools) -> Any:
    """``text`` with one typing slip in each masked row (dropped, doubled, swapped letter;
    a vowel confused; final i written y)."""
    rows = np.flatnonzero(mask)
    if not len(rows):
        return text
    originals = text.take(pa.array(rows)).to_pylist()
    kinds = rng.integers(0, 5, len(rows))
    positions = rng.random(len(rows))
    changed = [
        _typo(value, int(kind), float(at)) if value else value
        for value, kind, at in zip(originals, kinds, positions, strict=True)
    ]
    return pc.replace_with_mask(text, pa.array(mask), pa.array(changed, type=pa.string()))


_VOWEL_SLIPS = str.maketrans("aeiouAEIOU", "eaeuoEAEUO")


def _typo(value: str, kind: int, at: float) -> str:
    letters = [i for i, c in enumerate(value) if c.isalpha()]
    if len(letters) < 3:
        return value
    i = letters[min(int(at * len(letters)), len(letters) - 1)]
    if kind == 0:
        return value[:i] + value[i + 1 :]
    if kind == 1:
        return value[:i] + value[i] + value[i:]
    if kind == 2 and i + 1 < len(value) and value[i + 1].isalpha():
        return value[:i] + value[i + 1] + value[i] + value[i + 2 :]
    if kind == 3 and value[-1] in "iI":
        return value[:-1] + ("Y" if value[-1] == "I" else "y")
    return value[:i] + value[i].translate(_VOWEL_SLIPS) + value[i + 1 :]
