"""Indonesian personal names, normalised for record linkage.

One person's name is written differently by every agency (DESIGN.md, 'Identity
facts'): the civil registry adds academic degrees (``S.Pd``, ``Amd``), the voter
list adds the hajj title (``H.``, ``Hj.``), the registry adds ``bin``/``binti``
and the father's name, a passport drops punctuation and titles and cuts long
names, clerks pick one of a dozen written forms of Muhammad, and the spelling
reform of 1972 (Ejaan Yang Disempurnakan, EYD) left two spellings of many
names in use (Soekarno/Sukarno, Djoko/Joko, Tjahjo/Cahyo, Jusuf/Yusuf,
Choirul/Khoirul).

:func:`name_features` turns any of those writings into the same comparable
parts; every step is idempotent (normalising a normalised name changes
nothing), which the property tests check.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from lindung.linkage.phonetic import phonetic_key
from lindung.linkage.spelling import fold_spelling


def _split(text: str) -> list[str]:
    """The words of a whitespace-separated list written as one string."""
    return text.split()


#: Titles and academic degrees, written without their dots. Dropped anywhere in a
#: name as long as a real name token remains (a name is never only a title).
TITLES = frozenset(
    _split(
        """
    hj hjh haji hajjah drs dra dr ir prof ssi spd spdi sag sh se st skom skep sked sfarm
    ssos sip sp shi ssy sthi spsi ak amd amdkep amdkeb amk ama amapd mm mpd mkes mh msi
    mt mag ners ns skm sst sei mba mkom msc phd
        """
    )
)

#: Titles and honorifics recognised only in front of the name, where they are never
#: a name: ``H.`` (Haji), ``K.H.`` (Kiai Haji), ``Ny.`` (Nyonya), ``Nn.`` (Nona),
#: ``Tn.`` (Tuan), ``Sdr./Sdri.`` (Saudara/Saudari), ``Bpk./Bapak``, ``Ibu``,
#: ``Ust./Ustadz/Ustadzah``. Elsewhere these letters can be a name or an initial.
LEADING_TITLES = frozenset(
    _split("h kh ny nn tn sdr sdri sdra bpk bp bapak ibu ust ustadz ustaz ustadzah ustazah")
)

#: Written forms of one given name: every key is folded to its value. The
#: Muhammad family is the largest (Muhammad, Mohammad, Moch., M., Muh., Mhd. ...).
NAME_FORMS: dict[str, str] = {
    **dict.fromkeys(
        _split(
            """
        muhammad muhamad muhammed muhamed mohammad mohamad mohammed mohamed mochammad
        mochamad mochamat mochammat muchammad muchamad mukhammad mukhamad mokhammad
        mokhamad mohamat muhamat muhammat mohd moch mochd moh muh mhd md mad mu m
        """
        ),
        "muhammad",
    ),
    **dict.fromkeys(_split("ahmad achmad akhmad ahmat achmat akhmat ach ahm"), "ahmad"),
    **dict.fromkeys(_split("abdul abd abdoel"), "abdul"),
    **dict.fromkeys(_split("siti sitti"), "siti"),
    **dict.fromkeys(_split("nur nurul"), "nur"),
}

#: Words that introduce the father's name (bin, binti, binte) in Muslim names.
PATRONYMIC = frozenset({"bin", "binti", "binte", "bt", "bte"})

#: Batak 'boru' (daughter of the clan): the clan name that follows is kept.
CLAN_MARKERS = frozenset({"br", "boru"})

_NOT_LETTER = re.compile(r"[^a-z ]+")
_DOTTED_WORD = re.compile(r"\b([a-z])\.(?=[a-z])")


@dataclass(frozen=True, slots=True)
class NameFeatures:
    """The comparable parts of one written name.

    ``name`` is the normalised given name (titles, degrees and the father's part
    removed), ``father`` the part after bin/binti ('' when absent), ``tokens``
    the name's distinct tokens in sorted order (order-free: a passport may put
    the surname first), ``keys`` the phonetic key of each token in name order.
    """

    name: str
    father: str
    tokens: tuple[str, ...]
    keys: tuple[str, ...]

    @property
    def sorted_name(self) -> str:
        """The tokens joined in sorted order: equal for 'Hurit Maria' and 'Maria Hurit'."""
        return " ".join(self.tokens)

    @property
    def key_set(self) -> tuple[str, ...]:
        """The distinct phonetic keys, sorted (for array-overlap comparisons)."""
        return tuple(sorted(set(self.keys)))


def name_features(text: str | None) -> NameFeatures:
    """Normalise a written name into :class:`NameFeatures` (empty parts when blank)."""
    words = _words(text or "")
    given, father = _split_father(words)
    given, father = _clean(given), _clean(father)
    return NameFeatures(
        name=" ".join(given),
        father=" ".join(father),
        tokens=tuple(sorted(set(given))),
        keys=tuple(phonetic_key(word) for word in given),
    )


def normalise_name(text: str | None) -> str:
    """The normalised given name: lower case ASCII letters, one space between tokens.

    >>> normalise_name("Hj. SITI  Choirijah binti Abdoel Kadir, S.Pd.")
    'siti khoiriyah'
    """
    return name_features(text).name


def _words(text: str) -> list[str]:
    """Lower-case ASCII words; dots inside a word joined (S.Pd -> spd), others split."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    lowered = ascii_text.lower()
    joined = _DOTTED_WORD.sub(r"\1", lowered)  # 's.pd' -> 'spd', 'a.md.kep' -> 'amdkep'
    return _NOT_LETTER.sub(" ", joined).split()


def _split_father(words: list[str]) -> tuple[list[str], list[str]]:
    """Split at the first bin/binti that follows at least one name token.

    The father's part is the father's own name: a longer lineage ('Ahmad bin Ali bin
    Umar') keeps 'ali', so that the father's part normalises to itself.
    """
    for index, word in enumerate(words):
        if index > 0 and word in PATRONYMIC:
            father, _lineage = _split_father(words[index + 1 :])
            return words[:index], father
    return words, []


def _clean(words: list[str]) -> list[str]:
    """Titles dropped and forms folded, repeated to a fixed point (so idempotent:
    folding can reveal a title, e.g. old 'Hdj' is today's 'Hj')."""
    for _ in range(5):
        cleaned = _fold(_drop_titles(words))
        if cleaned == words:
            break
        words = cleaned
    return words


def _drop_titles(words: list[str]) -> list[str]:
    """Remove titles, degrees and clan markers while a real name token remains."""
    out = [w for w in words if w not in TITLES and w not in CLAN_MARKERS]
    while len(out) > 1 and out[0] in LEADING_TITLES:
        out = out[1:]
    if not out:  # a name that is only titles keeps its first word rather than vanish
        return words[:1]
    return out


def _fold(words: list[str]) -> list[str]:
    """Written forms and old spelling folded; a fixed point, so idempotent."""
    out = []
    for word in words:
        folded = NAME_FORMS.get(word, word)
        folded = fold_spelling(folded)
        out.append(NAME_FORMS.get(folded, folded))
    return out
