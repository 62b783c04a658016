"""Every name token as an integer id, with its spelling partner and written forms.

Names are generated and varied as rows of token ids, so that a source's
habits (another written form of Muhammad, the old spelling, bin/binti dropped)
are integer remappings over whole columns, and strings are built only once per
output file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from lindung.demo.arrays import F64, I32, strings
from lindung.demo.names.pools import POOLS, WEIGHTED
from lindung.demo.names.spelling import old_spelling
from lindung.demo.streams import zipf_weights

#: Written forms of one name; a source may write any member for any other.
FAMILIES: dict[str, tuple[str, ...]] = {
    "muhammad": ("muhammad", "muhammad_madura", "muhammad_bugis"),
    "ahmad": ("ahmad",),
    "abdul": ("abdul",),
    "siti": ("siti", "siti_bugis"),
    "boru": ("boru",),
}

#: Pools that are particles, relations or titles: never respelled.
_FIXED_POOLS = frozenset(
    {"bali_m", "bali_f", "lalu", "baiq", "andi", "umbu", "rambu", "bin", "binti"}
    | {"hajj_m", "hajj_f", "degree"}
    | {pool for members in FAMILIES.values() for pool in members}
)

#: Zipf exponent of the pools: given names are heavily skewed.
ZIPF_EXPONENT = 1.05


@dataclass(frozen=True)
class Pool:
    ids: I32
    cumulative: F64


@dataclass(frozen=True)
class Vocabulary:
    words: tuple[str, ...]
    arrow: Any  # pyarrow string array of ``words``
    respelled: I32  # id of the word in the other spelling (itself if none)
    family: I32  # family number, -1 outside families
    family_ids: tuple[I32, ...]
    family_cumulative: tuple[F64, ...]
    pools: dict[str, Pool]

    def id(self, word: str) -> int:
        return self.words.index(word)


def _pool_members() -> dict[str, tuple[tuple[str, float], ...]]:
    members: dict[str, tuple[tuple[str, float], ...]] = dict(WEIGHTED)
    for name, words in POOLS.items():
        weights = zipf_weights(len(words), ZIPF_EXPONENT)
        members[name] = tuple((word, float(w)) for word, w in zip(words, weights, strict=True))
    return members


@cache
def vocabulary() -> Vocabulary:
    """The token vocabulary (built once)."""
    members = _pool_members()
    words: list[str] = []
    index: dict[str, int] = {}

    def add(word: str) -> int:
        if word not in index:
            index[word] = len(words)
            words.append(word)
        return index[word]

    fixed = {word for name in _FIXED_POOLS for word, _ in members[name]}
    partners: dict[int, int] = {}
    for _, entries in sorted(members.items()):
        for word, _ in entries:
            new = add(word)
            old_form = word if word in fixed else old_spelling(word)
            if old_form != word:
                old = add(old_form)
                partners[new], partners[old] = old, new
    respelled = np.arange(len(words), dtype=np.int32)
    for a, b in partners.items():
        respelled[a] = b
    pools = {}
    for name, entries in members.items():
        weights = np.array([w for _, w in entries], dtype=np.float64)
        cumulative = np.cumsum(weights / weights.sum())
        cumulative[-1] = 1.0
        pools[name] = Pool(np.array([index[w] for w, _ in entries], dtype=np.int32), cumulative)
    family, family_ids, family_cumulative = _families(members, index, len(words))
    return Vocabulary(
        words=tuple(words),
        arrow=strings(words),
        respelled=respelled,
        family=family,
        family_ids=family_ids,
        family_cumulative=family_cumulative,
        pools=pools,
    )


def _families(
    members: dict[str, tuple[tuple[str, float], ...]], index: dict[str, int], size: int
) -> tuple[I32, tuple[I32, ...], tuple[F64, ...]]:
    family = np.full(size, -1, dtype=np.int32)
    ids_list: list[I32] = []
    cumulative_list: list[F64] = []
    for number, pool_names in enumerate(FAMILIES.values()):
        weights: dict[str, float] = {}
        for pool in pool_names:
            for word, weight in members[pool]:
                weights[word] = weights.get(word, 0.0) + weight
        ids = np.array([index[w] for w in weights], dtype=np.int32)
        family[ids] = number
        values = np.array(list(weights.values()), dtype=np.float64)
        cumulative = np.cumsum(values / values.sum())
        cumulative[-1] = 1.0
        ids_list.append(ids)
        cumulative_list.append(cumulative)
    return family, tuple(ids_list), tuple(cumulative_list)
