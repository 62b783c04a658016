"""Public API of the linkage features: import from here, not from the modules behind it.

Pure functions, no I/O: Indonesian name normalisation (:mod:`.names`, with the
old-spelling fold in :mod:`.spelling` and the phonetic key in :mod:`.phonetic`)
and birth-date and NIK features (:mod:`.dates`). ``docs/linkage.md`` explains
each with examples.
"""

from __future__ import annotations

from lindung.linkage.dates import NikFeatures, is_placeholder, nik_features, swapped
from lindung.linkage.names import NameFeatures, name_features, normalise_name
from lindung.linkage.phonetic import phonetic_key
from lindung.linkage.spelling import fold_spelling

__all__ = [
    "NameFeatures",
    "NikFeatures",
    "fold_spelling",
    "is_placeholder",
    "name_features",
    "nik_features",
    "normalise_name",
    "phonetic_key",
    "swapped",
]
