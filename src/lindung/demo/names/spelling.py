"""Old (pre-1972) and today's spelling of Indonesian names.

The 1972 reform (Ejaan Yang Disempurnakan) changed oe to u, dj to j, tj to c,
j to y, ch to kh, sj to sy and nj to ny; names kept the old spelling for
decades, and one person's name is often written both ways across documents
(Soekarno/Sukarno, Djoko/Joko, Tjahjo/Cahyo, Jusuf/Yusuf, Choirul/Khoirul).
"""

from __future__ import annotations

import re

_FIRST_SYLLABLE_U = re.compile(r"^([BDHKMPRSTW])u")
_Y_BEFORE_VOWEL = re.compile(r"y(?=[aeiou])")


def old_spelling(word: str) -> str:
    """The pre-1972 spelling of a name written today's way (the same if unaffected).

    Consonants change everywhere (j before y and c before ch, so that a new j or
    ch is not changed again; y only before a vowel); 'u' becomes 'oe' only in a
    first syllable (Soeparmi, Boedi, Poerwanto), as most surviving old spellings do.
    """
    if any(mark in word for mark in ".'"):
        return word
    return " ".join(_old_word(part) for part in word.split(" "))


def _old_word(word: str) -> str:
    if len(word) <= 2:
        return word
    out = word.replace("j", "dj").replace("J", "Dj")
    out = out.replace("c", "tj").replace("C", "Tj")
    out = out.replace("sy", "sj").replace("Sy", "Sj")
    out = out.replace("kh", "ch").replace("Kh", "Ch")
    out = _Y_BEFORE_VOWEL.sub("j", out).replace("Y", "J")
    return _FIRST_SYLLABLE_U.sub(r"\1oe", out)
