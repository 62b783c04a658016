"""Old (pre-1972) spellings of Indonesian names folded to today's (EYD).

The 1972 reform (Ejaan Yang Disempurnakan) changed oe to u, dj to j, tj to c,
sj to sy, nj to ny, ch to kh and j to y. Names kept their old spelling for
decades, so one person is often Soekarno in one file and Sukarno in another.

Some rules are safe everywhere: 'oe', 'dj', 'tj' and 'sj' do not occur in today's
spelling of Indonesian names. Others are not, and are applied only on evidence:

- **j to y** only in a word that also shows an old spelling (Tjahjo -> Cahyo,
  Choirijah -> Khoiriyah, Soejono -> Suyono, Djaja -> Jaya) or in a short list
  of names whose old form has no other mark (Jusuf, Jahja, Jakub, Johanes ...).
  'Joko', 'Jaya', 'Juli' are today's spellings and stay.
- **nj to ny** only at the start of a word (Njoman -> Nyoman) or with other
  evidence: in the middle of a word 'nj' is today's n+j (Panji, Anjani, Sanjaya).
- **ch to kh** (Choirul -> Khoirul, Ichsan -> Ikhsan) except before r or l
  (Christina, Chlara) and in a list of today's names where ch is spoken as in
  English or Sanskrit (Chandra, Michael, Richard, Chelsea, Chen ...).

The input is one lower-case ASCII word; the result is a fixed point (folding it
again changes nothing).
"""

from __future__ import annotations

import re
from functools import lru_cache


def _split(text: str) -> list[str]:
    """The words of a whitespace-separated list written as one string."""
    return text.split()


#: Old spellings with no other old-spelling mark: the word after the safe folds,
#: and its EYD form.
OLD_NAMES: dict[str, str] = {
    "jusuf": "yusuf",
    "jusup": "yusup",
    "jahja": "yahya",
    "jahya": "yahya",
    "jakub": "yakub",
    "jasin": "yasin",
    "junus": "yunus",
    "jogja": "yogya",
    "jogjakarta": "yogyakarta",
    "johanes": "yohanes",
    "johannes": "yohanes",
    "josef": "yosef",
    "jozef": "yosef",
    "jakobus": "yakobus",
    "josep": "yosep",
}

#: Today's names in which 'ch' is not the old spelling of 'kh'.
MODERN_CH = frozenset(
    _split(
        """
    chandra candra chaca chacha chan chang chen cheng chelsea cherry cheryl chika
    chintya chindy chiko chong chung chou michael michelle micha richard rachel charles
    charlie chatarina charlotte
        """
    )
)

_EVIDENCE = re.compile(r"oe|dj|tj|sj|^nj|ch(?![rl])")
_OLD = re.compile(r"oe|dj|tj|sj|nj|ch(?![rl])|j")


@lru_cache(maxsize=1 << 16)  # words repeat heavily across a file's names
def fold_spelling(word: str) -> str:
    """Today's (EYD) spelling of one lower-case name word; unchanged when modern."""
    for _ in range(8):
        folded = _fold_once(word)
        folded = OLD_NAMES.get(folded, folded)
        if folded == word:
            return word
        word = folded
    return word


def _fold_once(word: str) -> str:
    if word in MODERN_CH:
        return word
    evidence = _EVIDENCE.search(word) is not None

    def replace(match: re.Match[str]) -> str:
        old = match.group(0)
        if old == "oe":
            return "u"
        if old == "dj":
            return "j"
        if old == "tj":
            return "c"
        if old == "sj":
            return "sy"
        if old == "nj":
            return "ny" if evidence else old
        if old == "j":
            return "y" if evidence else old
        return "kh"  # ch

    return _OLD.sub(replace, word)
