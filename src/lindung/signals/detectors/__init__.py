"""Every detector, and the labels of the reason codes they write.

Each detector module declares ``DETECTORS`` (a tuple of
:class:`lindung.signals.detector.Detector`) and ``REASON_LABELS`` (reason or fact
code -> (Bahasa Indonesia, English) templates with ``{param}`` placeholders). This
package lists the modules; the run and the pages read them from here.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from lindung.domain.signals import SignalType
from lindung.signals.detector import Detector

#: The detector modules, in run order (agencies right after ages: they share the age
#: detectors' tables, which are dropped after their last reader).
MODULES: tuple[str, ...] = (
    "departures",
    "ages",
    "agencies",
    "children",
    "voters",
    "returnees",
)


@cache
def all_detectors() -> dict[SignalType, Detector]:
    found: dict[SignalType, Detector] = {}
    for name in MODULES:
        for detector in import_module(f"{__name__}.{name}").DETECTORS:
            found[detector.signal_type] = detector
    return found


@cache
def reason_labels() -> dict[str, tuple[str, str]]:
    labels: dict[str, tuple[str, str]] = {}
    for name in MODULES:
        labels.update(import_module(f"{__name__}.{name}").REASON_LABELS)
    return labels


def param_words() -> dict[str, dict[str, tuple[str, str]]]:
    """Words for the codes a reason's parameters hold (a detector's optional
    ``PARAM_WORDS``: parameter -> code -> (Indonesian, English))."""
    words: dict[str, dict[str, tuple[str, str]]] = {}
    for name in MODULES:
        for param, codes in getattr(import_module(f"{__name__}.{name}"), "PARAM_WORDS", {}).items():
            words.setdefault(param, {}).update(codes)
    return words
