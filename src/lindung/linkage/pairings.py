"""The platform's pairings: which sources are linked, and how links are judged.

A pairing is data: its two sources (or one, for de-duplication), the columns
each brings (declared in :mod:`lindung.linkage.sources`), three thresholds, and
whether its links are *guarded* when persons are formed:

- ``link_threshold``: the model alone links a pair at or above this probability;
- ``review_low`` <= p < ``review_high``: the pair is uncertain and goes to the
  clerical review queue. Until a reviewer decides, the model's answer
  (``link_threshold``) stands for the pair; a decision overrides it.
- ``guarded``: its links never change a registered worker's person, nor join two
  persons the other pairings keep apart (:mod:`lindung.linkage.persons` says
  exactly how). The crossings <-> DPT LN pairing is guarded: it exists to tell
  residents abroad (who are not in the registry) by name, and a false link there
  must not attach a stranger's crossing to a worker, nor a worker's crossing to a
  stranger's voter entry, nor make two voter entries one voter; and a voter's
  person takes the crossings of one passport (``left_agrees_on``), so that two
  namesakes born on one day do not become one traveller. The crossings <-> civil
  registry pairing is guarded for the same reasons: it gives travellers no
  registry record names a home village (the region an irregular departure is
  routed by), and must never give a stranger's crossing a registered worker's
  civil record, nor a traveller two civil records. The crossings <-> lapor diri
  pairing is guarded too: it finds a traveller's registration at a mission where
  the registration lacks the crossing's passport number and NIK (the departure
  rule clears a resident's exit by it), and must never put a registration on a
  registered worker's person, nor two registrations on one traveller.

Every pairing uses the Indonesian model of :mod:`lindung.linkage.model`, trained
on its own data (a model per pairing, saved as a versioned file by
:mod:`lindung.linkage.model_files`). The thresholds differ with what is at stake
and with the sources' quality: the voter list's de-duplication removes a voter's
entry, so it asks for more certainty and reviews a wider band. The crossings <->
DPT LN pairing asks the same certainty for another reason: its links take exits
off the irregular-departure queue (a resident going back), so a false one hides
an alarm; and it reviews only the band where a human can still add a link (below
0.8, nine pairs in ten were different people at 20,000 generated workers: see
docs/linkage.md). The crossings <-> civil registry pairing takes the same
thresholds: a false link there sends an alarm to a stranger's regency (and a
stranger's birth date into the under-age rule); at 20,000 generated workers 0.95
gave precision 0.994 and recall 0.986 against the truth, between 0.9 and 0.95 three
pairs in four were different people, and below 0.8 seven in ten (docs/linkage.md).
The crossings <-> lapor diri pairing takes them too: a false link there clears an
alarm (a stranger's resident registration on an irregular migrant's exit), as the
DPT LN pairing's does. At 20,000 generated workers 0.95 gave precision 0.999 and
recall 0.991 against the truth (on crossings of travellers no registry record
names, the ones the guard lets through: 0.996 and 0.999); between 0.9 and 0.95, 2
of 44 pairs were different people, above 0.99 recall falls to 0.984; the band 0.8
to 0.95 held 117 pairs, 99 the same person (docs/linkage.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from lindung.errors import NotFound
from lindung.linkage.sources import (
    BORDER_CROSSINGS,
    CIVIL_REGISTRY,
    CONSULAR_REGISTRATIONS,
    DPT_LN,
    REGISTRY,
    SHAPE,
    RecordSource,
)


@dataclass(frozen=True)
class Pairing:
    """Two sources to link (``right`` None: duplicates within ``left``) and thresholds."""

    name: str
    title_id: str
    title_en: str
    left: RecordSource
    right: RecordSource | None
    link_threshold: float
    review_low: float
    review_high: float
    #: links applied last and only where they change no registered worker's person
    #: and join no two persons of the right source (lindung.linkage.persons)
    guarded: bool = False
    #: guarded only: the left records one person takes through this pairing must
    #: agree on this link-input column (crossings: one passport, one traveller)
    left_agrees_on: str | None = None

    @property
    def dedupe(self) -> bool:
        return self.right is None

    @property
    def sources(self) -> tuple[RecordSource, ...]:
        return (self.left,) if self.right is None else (self.left, self.right)

    @property
    def right_source(self) -> RecordSource:
        """The source of the right-hand records (the left one when de-duplicating)."""
        return self.left if self.right is None else self.right

    def columns(self, side: RecordSource) -> tuple[str, ...]:
        """The link-input columns ``side`` brings to this pairing."""
        return tuple(c for c in SHAPE if side.column(c) is not None)

    def state(self, probability: float, threshold: float | None = None) -> str:
        """The state the model alone gives a pair: review inside the band, else
        linked at or above the link threshold, else rejected."""
        if self.review_low <= probability < self.review_high:
            return "review"
        limit = self.link_threshold if threshold is None else threshold
        return "linked" if probability >= limit else "rejected"


PAIRINGS: dict[str, Pairing] = {
    p.name: p
    for p in (
        Pairing(
            "registry-imigrasi",
            "Registri ↔ perlintasan Imigrasi",
            "Registry ↔ immigration crossings",
            REGISTRY,
            BORDER_CROSSINGS,
            link_threshold=0.9,
            review_low=0.5,
            review_high=0.95,
        ),
        Pairing(
            "registry-dpt-ln",
            "Registri ↔ DPT Luar Negeri",
            "Registry ↔ overseas voter list",
            REGISTRY,
            DPT_LN,
            link_threshold=0.9,
            review_low=0.5,
            review_high=0.95,
        ),
        Pairing(
            "registry-dukcapil",
            "Registri ↔ Dukcapil",
            "Registry ↔ civil registry",
            REGISTRY,
            CIVIL_REGISTRY,
            link_threshold=0.9,
            review_low=0.6,
            review_high=0.95,
        ),
        Pairing(
            "dpt-ln-dedupe",
            "Duplikat dalam DPT Luar Negeri",
            "Duplicates within the overseas voter list",
            DPT_LN,
            None,
            link_threshold=0.95,
            review_low=0.6,
            review_high=0.98,
        ),
        Pairing(
            "registry-dedupe",
            "Duplikat dalam registri",
            "Duplicates within the registry",
            REGISTRY,
            None,
            link_threshold=0.95,
            review_low=0.6,
            review_high=0.98,
        ),
        Pairing(
            "imigrasi-dpt-ln",
            "Perlintasan Imigrasi ↔ DPT Luar Negeri",
            "Immigration crossings ↔ overseas voter list",
            BORDER_CROSSINGS,
            DPT_LN,
            link_threshold=0.95,
            review_low=0.8,
            review_high=0.95,
            guarded=True,
            left_agrees_on="passport_no",
        ),
        Pairing(
            "imigrasi-dukcapil",
            "Perlintasan Imigrasi ↔ Dukcapil",
            "Immigration crossings ↔ civil registry",
            BORDER_CROSSINGS,
            CIVIL_REGISTRY,
            link_threshold=0.95,
            review_low=0.8,
            review_high=0.95,
            guarded=True,
            left_agrees_on="passport_no",
        ),
        Pairing(
            "imigrasi-lapor-diri",
            "Perlintasan Imigrasi ↔ lapor diri",
            "Immigration crossings ↔ consular registrations",
            BORDER_CROSSINGS,
            CONSULAR_REGISTRATIONS,
            link_threshold=0.95,
            review_low=0.8,
            review_high=0.95,
            guarded=True,
            left_agrees_on="passport_no",
        ),
    )
}


def get_pairing(name: str) -> Pairing:
    """The pairing called ``name``; :class:`NotFound` naming the known ones otherwise."""
    try:
        return PAIRINGS[name]
    except KeyError:
        known = ", ".join(PAIRINGS)
        raise NotFound(f"no pairing named {name!r} (known: {known})") from None
