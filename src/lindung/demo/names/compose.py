"""Draw each person's name as it stands in the civil registry (a row of token ids).

The civil-registry name is the truth the other sources vary: sources add or
drop bin/binti and titles, write another form of Muhammad, flip between old
and new spelling, make typos (:mod:`lindung.demo.names.render`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lindung.demo.arrays import I8, I32, Bools, choice
from lindung.demo.ethnicity import (
    MUSLIM_SHARE,
    OLD_SPELLING_BY_BIRTH_YEAR,
    OLD_SPELLING_WEIGHT,
    Group,
)
from lindung.demo.names.templates import SLOTS, TEMPLATES, Slot
from lindung.demo.names.vocabulary import Pool, Vocabulary

#: Share of Muslims past 35 written with a hajj title (H., Hj.) in some documents.
HAJJ_SHARE = 0.06
#: Share of people with a diploma or degree whose civil name carries it (S.Pd., A.Md.).
DEGREE_SHARE = 0.6


@dataclass(frozen=True)
class Names:
    """Civil-registry names: ``tokens`` (rows x :data:`SLOTS` token ids, -1 empty).

    ``relation`` is the id of 'bin' or 'binti' for Muslims (-1 otherwise): the
    father's name is known for them, and a source may write it after the name.
    """

    tokens: I32
    relation: I32

    def __len__(self) -> int:
        return len(self.relation)


def draw(pool: Pool, rng: np.random.Generator, size: int) -> I32:
    picked = np.searchsorted(pool.cumulative, rng.random(size), side="right")
    return pool.ids[np.minimum(picked, len(pool.ids) - 1)]


def compose(
    rng: np.random.Generator,
    vocab: Vocabulary,
    groups: I8,
    female: Bools,
    birth_year: I32,
    graduate: Bools,
) -> Names:
    """Names for people of the given traditions, sexes, birth years and education."""
    n = len(groups)
    tokens = np.full((n, SLOTS), -1, dtype=np.int32)
    muslim = np.zeros(n, dtype=np.bool_)
    for (group, is_female), templates in TEMPLATES.items():
        rows = np.flatnonzero((groups == group) & (female == is_female))
        if len(rows):
            _fill(rng, vocab, tokens, muslim, rows, group, templates)
    _respell_old(rng, vocab, tokens, groups, birth_year)
    tokens[:, Slot.FATHER] = np.where(muslim, draw(vocab.pools["father"], rng, n), -1)
    relation = np.where(muslim, np.where(female, vocab.id("binti"), vocab.id("bin")), -1).astype(
        np.int32
    )
    hajj = muslim & (birth_year <= 1990) & (rng.random(n) < HAJJ_SHARE)
    tokens[:, Slot.TITLE] = np.where(hajj, np.where(female, vocab.id("Hj."), vocab.id("H.")), -1)
    degree = graduate & (rng.random(n) < DEGREE_SHARE)
    tokens[:, Slot.DEGREE] = np.where(degree, draw(vocab.pools["degree"], rng, n), -1)
    return Names(tokens=tokens, relation=relation)


def _fill(
    rng: np.random.Generator,
    vocab: Vocabulary,
    tokens: I32,
    muslim: Bools,
    rows: I32 | np.ndarray[tuple[int], np.dtype[np.intp]],
    group: Group,
    templates: tuple[tuple[float, tuple[tuple[Slot, str], ...], bool | None], ...],
) -> None:
    picked = choice(rng, [weight for weight, _, _ in templates], len(rows))
    for number, (_, parts, is_muslim) in enumerate(templates):
        chosen = rows[picked == number]
        if not len(chosen):
            continue
        for slot, pool in parts:
            tokens[chosen, slot] = _distinct(rng, vocab.pools[pool], tokens[chosen], slot)
        if is_muslim is None:
            muslim[chosen] = rng.random(len(chosen)) < MUSLIM_SHARE[group]
        else:
            muslim[chosen] = is_muslim


def _distinct(rng: np.random.Generator, pool: Pool, rows: I32, slot: Slot) -> I32:
    """Tokens for ``slot`` that repeat no token already in the row ('Yohanes Yohanes')."""
    drawn = draw(pool, rng, len(rows))
    for _ in range(4):
        repeated = (rows[:, :slot] == drawn[:, None]).any(axis=1)
        if not repeated.any():
            break
        drawn[repeated] = draw(pool, rng, int(repeated.sum()))
    return drawn


def _respell_old(
    rng: np.random.Generator, vocab: Vocabulary, tokens: I32, groups: I8, birth_year: I32
) -> None:
    """Write the names of some (mostly older, mostly Javanese) people the old way."""
    limits = np.array([year for year, _ in OLD_SPELLING_BY_BIRTH_YEAR])
    shares = np.array([share for _, share in OLD_SPELLING_BY_BIRTH_YEAR])
    by_year = shares[np.searchsorted(limits, birth_year, side="right").clip(0, len(shares) - 1)]
    by_group = np.array([OLD_SPELLING_WEIGHT[Group(g)] for g in range(len(Group))])[groups]
    old = rng.random(len(groups)) < by_year * by_group
    for slot in (Slot.GIVEN1, Slot.GIVEN2, Slot.GIVEN3, Slot.CLAN):
        column = tokens[old, slot]
        tokens[old, slot] = np.where(column >= 0, vocab.respelled[column.clip(0)], -1)
