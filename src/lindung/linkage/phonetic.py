"""A phonetic key for Indonesian name words.

Soundex and Metaphone are built for English and discard what distinguishes
Indonesian names (they keep only consonants, so Putri and Fitri, or Sri and
Sari, collide). This key keeps the vowels but folds the variation that really
occurs between documents for the same person:

- Arabic-derived consonants written several ways: kh/h (Khoirul, Hoirul in
  Madurese), sy/sh/ts/s (Syaiful, Saiful; Tsabit), dz/z/j (Zainal, Jaenal in
  Sundanese and Javanese), dh/d, th/t, q/k, gh/g.
- f, ph and v as p: Sundanese and older Javanese have no f (Arif, Arip; Fitri,
  Pitri; Novi, Nopi).
- Diphthongs written as simple vowels: ai/ae/ei/oi as e (Zainal, Zaenal;
  Khairul, Khoirul), au as o (Taufik, Topik); ie as i (Rudie, Rudi).
- Vowel pairs that clerks and regional pronunciations confuse: e/i and o/u fold
  to i and u (Slamet, Slamit; Kosim, Kusim); a stays a (Sri and Sari stay apart).
- A final y as i (Rudy, Rudi; a common typing habit), iy/uw glides dropped
  (Sofiyah, Sofiah), a final h or k dropped (Fatimah, Fatima; Ishak, Isak),
  doubled letters single (Sitti, Siti; Muhammad, Muhamad).

The key is applied to words already normalised by :mod:`lindung.linkage.names`
(lower case, EYD spelling); it is only ever compared for equality or overlap.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIGRAPHS = (
    ("ph", "p"),
    ("kh", "h"),
    ("ch", "k"),
    ("ck", "k"),
    ("sy", "s"),
    ("sh", "s"),
    ("ts", "s"),
    ("dz", "j"),
    ("dh", "d"),
    ("th", "t"),
    ("gh", "g"),
    ("ie", "i"),
    ("iy", "i"),
    ("uw", "u"),
    ("ai", "e"),
    ("ae", "e"),
    ("ei", "e"),
    ("oi", "e"),
    ("au", "o"),
)
_LETTERS = str.maketrans({"f": "p", "v": "p", "q": "k", "z": "j", "x": "s", "e": "i", "o": "u"})
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)  # words repeat heavily across a file's names
def phonetic_key(word: str) -> str:
    """The phonetic key of one lower-case word ('' for an empty word)."""
    key = word
    for old, new in _DIGRAPHS:
        key = key.replace(old, new)
    if key.endswith("y"):
        key = key[:-1] + "i"
    key = key.translate(_LETTERS)
    key = _DOUBLED.sub(r"\1", key)
    if len(key) > 2 and key[-1] in "hk":
        key = key[:-1]
    return key
