"""Stable person identifiers: clusters of linked records, and the ids they keep.

A **cluster** is a connected component of the graph whose nodes are records
(source, key) and whose edges are:

- the current links the model accepts: state ``linked``, or ``review`` (not yet
  decided) with a probability at or above the run's link threshold;
- every pair whose latest reviewer decision is ``match`` (even if no current run
  scored it again);

minus every pair whose latest reviewer decision is ``non-match``. (A non-match
removes that edge only: two records joined through a third record stay in one
cluster; the reviewer then decides the other links.)

**Guarded pairings** (``Pairing.guarded``: crossings <-> DPT LN, crossings <->
civil registry and crossings <-> lapor diri). A cluster spans every pairing's
links, so one false link of a secondary pairing would join whatever its two
records already belong to: a stranger's crossing falsely linked to a worker's
voter entry or civil record would become that worker's exit. The edges between a
guarded pairing's two sources (its links, and reviewer matches on such pairs) are
therefore applied after all the others, every guarded pairing's together, most
probable first (reviewer matches first), and each only when

- neither record's cluster holds a ``registry`` record (a crossing no registry
  pairing has given a worker; a voter entry or civil record that is not a
  registered worker's), and
- the two clusters hold records of no common source other than the left one (a
  crossing's person takes one voter entry, one civil record and one consular
  registration: two voter entries become one voter only by the de-duplication,
  and two civil records or two registrations never become one person), and
- the left records of the joined cluster agree on ``Pairing.left_agrees_on``
  (crossings: the passport number).

So a guarded link never changes a registered worker's person (who a worker is
stays the registry pairings' decision), never joins two right-source persons,
and a traveller's person takes the crossings of one passport: a crossing joins
at most one voter's person, one civil record and one registration, its most
probable, and two namesakes born on the same day whose crossings both link to
one entry do not become one traveller (the first, most probable, passport is
kept; the other crossings stay their own persons).

A crossing that one guarded pairing has joined to a voter entry may still take a
civil record through another (and so on in any order, the registration too):
that record's cluster holds no worker, and a resident abroad has a home village,
a vote and a registration at the mission like anyone. Were the rule "the
crossing's cluster holds nothing but crossings" (as when only the DPT LN pairing
was guarded), whichever link is more probable would shut out the other: a
resident's crossing taking her civil record first would lose her voter entry,
and her flight home would be raised as an irregular departure. The price: a
false link on either side now reaches a third record (a voter entry and a civil
record of two people on one traveller), never a registered worker's.

The same rules fit the registrations (crossings <-> lapor diri): no registry
pairing compares them, so a registration's cluster never holds a worker, and the
guard keeps every registration off a registered worker's person, the worker's own
included (a worker is judged by her placement, not by what she told a mission).
The crossings on one person share one passport number, so a registration joins
the crossings of one passport, those of its most probable link (the model weighs
a differing passport number strongly against), and a crossing's person takes the
most probable of two registrations (two stays, or a namesake's): the other still
reaches an exit by its passport number or NIK
(lindung.signals.detectors.departures).

**Ids.** Each cluster becomes a person. The rule, applied whenever clusters are
recomputed:

1. A cluster takes the smallest existing person id among its members' ids that
   no other cluster has taken; with none, it gets a new id. So a record joining
   a cluster never changes the cluster's id, and a **merge** of two persons keeps
   the smaller id.
2. Clusters are served in order of that smallest id, and among clusters wanting
   the same id (a **split**), the one holding most of that person's records
   first (ties: the one holding the smallest record). So in a split the larger
   part keeps the id and the other parts take their next unclaimed id or a new one.
3. A person id no cluster keeps (the larger id of a merge) stays in ``persons``
   with ``merged_into`` naming the person that holds most of its former records,
   so an id given out earlier still resolves (:func:`resolve`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from lindung.exchange.guard import store_context
from lindung.linkage.pairings import PAIRINGS, Pairing
from lindung.linkage.sources import SOURCES
from lindung.store.models import (
    Person,
    PersonRecord,
    RecordLink,
    ReviewDecision,
)

Record = tuple[str, int]
Edge = tuple[Record, Record]
#: the source whose records a guarded link may never reach (registered workers)
ANCHOR = "registry"
#: (left source, right source) -> the guarded pairing of those sources
GUARDED: dict[tuple[str, str], Pairing] = {
    (p.left.name, p.right_source.name): p for p in PAIRINGS.values() if p.guarded
}


@dataclass(frozen=True)
class ClusterReport:
    """What a reclustering changed."""

    persons: int
    records: int
    new_persons: int
    moved_records: int
    merged_persons: int


class _Components:
    """Union-find over records."""

    def __init__(self) -> None:
        self.parent: dict[Record, Record] = {}

    def add(self, record: Record) -> None:
        self.parent.setdefault(record, record)

    def find(self, record: Record) -> Record:
        root = record
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[record] != root:
            self.parent[record], record = root, self.parent[record]
        return root

    def union(self, a: Record, b: Record) -> None:
        self.add(a)
        self.add(b)
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[Record]]:
        grouped: dict[Record, list[Record]] = defaultdict(list)
        for record in self.parent:
            grouped[self.find(record)].append(record)
        return list(grouped.values())


def latest_decisions(session: Session) -> dict[tuple[Record, Record], str]:
    """The latest decision on each pair (by decision id)."""
    rows = session.execute(
        select(
            ReviewDecision.left_source,
            ReviewDecision.left_key,
            ReviewDecision.right_source,
            ReviewDecision.right_key,
            ReviewDecision.decision,
        ).order_by(ReviewDecision.id)
    )
    return {((ls, lk), (rs, rk)): decision for ls, lk, rs, rk, decision in rows}


def edges(session: Session) -> dict[Edge, float]:
    """The pairs that join records into one person (see the module docstring), each
    with its probability (1.0 for a reviewer's match)."""
    accepted = session.execute(
        select(
            RecordLink.left_source,
            RecordLink.left_key,
            RecordLink.right_source,
            RecordLink.right_key,
            RecordLink.match_probability,
        ).where(
            RecordLink.current.is_(True),
            (RecordLink.state == "linked")
            | ((RecordLink.state == "review") & RecordLink.model_accepts.is_(True)),
        )
    )
    found: dict[Edge, float] = {}
    for ls, lk, rs, rk, p in accepted:
        pair = ((ls, lk), (rs, rk))
        found[pair] = max(float(p), found.get(pair, 0.0))
    for pair, decision in latest_decisions(session).items():
        if decision == "match":
            found[pair] = 1.0
        elif decision == "non-match":
            found.pop(pair, None)
    return found


def _agreed_values(session: Session, found: dict[Edge, float]) -> dict[Record, object]:
    """The ``left_agrees_on`` value of each left record of a guarded edge (one pass
    over each left source and column, shared by the guarded pairings that use it:
    fewer round trips than key lists at national scale)."""
    wanted: dict[tuple[str, str], set[int]] = defaultdict(set)
    for a, b in found:
        pairing = GUARDED.get((a[0], b[0]))
        if pairing is not None and pairing.left_agrees_on is not None:
            wanted[(pairing.left.name, pairing.left_agrees_on)].add(a[1])
    values: dict[Record, object] = {}
    for (name, column), keys in wanted.items():
        source = SOURCES[name]
        with store_context("linkage persons"):
            rows = session.execute(select(source.model.id, source.column(column)))
            values.update({(name, int(k)): v for k, v in rows if k in keys})
    return values


def _join(components: _Components, found: dict[Edge, float], agreed: dict[Record, object]) -> None:
    """Union every edge, the guarded pairings' last and only where the module
    docstring allows (``agreed``: the left records' ``left_agrees_on`` values)."""
    guarded: list[tuple[float, Edge]] = []
    for (a, b), p in found.items():
        if (a[0], b[0]) in GUARDED:
            guarded.append((p, (a, b)))
            components.add(a)
            components.add(b)
        else:
            components.union(a, b)
    held: dict[Record, set[str]] = defaultdict(set)
    values: dict[Record, set[object]] = defaultdict(set)
    if guarded:
        for record in components.parent:
            root = components.find(record)
            held[root].add(record[0])
            if record in agreed:
                values[root].add(agreed[record])
    for _, (left, right) in sorted(guarded, key=lambda g: (-g[0], g[1])):
        lroot, rroot = components.find(left), components.find(right)
        if lroot == rroot or ANCHOR in held[lroot] | held[rroot]:
            continue
        if (held[lroot] & held[rroot]) - {left[0]}:
            continue
        if len(values[lroot] | values[rroot]) > 1:
            continue
        components.union(left, right)
        root = components.find(left)
        held[root] = held[lroot] | held[rroot]
        values[root] = values[lroot] | values[rroot]


def recluster(session: Session, records: Iterable[Record] = ()) -> ClusterReport:
    """Recompute clusters over every record with a person plus ``records``, and give
    them ids by the rule of the module docstring; writes persons and person_records."""
    old = {
        (source, key): person
        for source, key, person in session.execute(
            select(PersonRecord.source, PersonRecord.record_key, PersonRecord.person_id)
        )
    }
    components = _Components()
    for record in [*old, *records]:
        components.add(record)
    found = edges(session)
    _join(components, found, _agreed_values(session, found))
    clusters = components.groups()
    assigned, taken_from = _assign(clusters, old)
    new_persons = _create_persons(session, sum(1 for p in assigned if p is None))
    final: dict[Record, int] = {}
    fresh = iter(new_persons)
    for cluster, person in zip(clusters, assigned, strict=True):
        pid = person if person is not None else next(fresh)
        for record in cluster:
            final[record] = pid
    moved = _write_records(session, old, final)
    merged = _retire(session, old, final, set(taken_from))
    return ClusterReport(len(clusters), len(final), len(new_persons), moved, merged)


def _assign(
    clusters: list[list[Record]], old: dict[Record, int]
) -> tuple[list[int | None], list[int]]:
    """Each cluster's person id (None: a new one), by rules 1 and 2."""
    counts = [Counter(old[r] for r in cluster if r in old) for cluster in clusters]

    def order(i: int) -> tuple[float, int, Record]:
        if not counts[i]:
            return (float("inf"), 0, min(clusters[i]))
        smallest = min(counts[i])
        return (smallest, -counts[i][smallest], min(clusters[i]))

    assigned: list[int | None] = [None] * len(clusters)
    taken: list[int] = []
    taken_set: set[int] = set()
    for i in sorted(range(len(clusters)), key=order):
        for candidate in sorted(counts[i]):
            if candidate not in taken_set:
                assigned[i] = candidate
                taken.append(candidate)
                taken_set.add(candidate)
                break
    return assigned, taken


def _create_persons(session: Session, n: int) -> list[int]:
    if n == 0:
        return []
    now = datetime.now(UTC)
    ids = session.scalars(
        insert(Person).returning(Person.id, sort_by_parameter_order=True),
        [{"created_at": now} for _ in range(n)],
    ).all()
    return [int(i) for i in ids]


def _write_records(session: Session, old: dict[Record, int], final: dict[Record, int]) -> int:
    new_rows = [
        {"source": s, "record_key": k, "person_id": p, "assigned_at": datetime.now(UTC)}
        for (s, k), p in final.items()
        if (s, k) not in old
    ]
    if new_rows:
        session.execute(insert(PersonRecord), new_rows)
    moved = [(r, p) for r, p in final.items() if r in old and old[r] != p]
    for (source, key), person in moved:
        session.execute(
            update(PersonRecord)
            .where(PersonRecord.source == source, PersonRecord.record_key == key)
            .values(person_id=person, assigned_at=datetime.now(UTC))
        )
    return len(moved)


def _retire(
    session: Session, old: dict[Record, int], final: dict[Record, int], kept: set[int]
) -> int:
    """Rule 3: every old id no cluster kept points to where most of its records went."""
    went: dict[int, Counter[int]] = defaultdict(Counter)
    for record, person in old.items():
        if person not in kept:
            went[person][final[record]] += 1
    for person, destinations in went.items():
        survivor = min(destinations, key=lambda p: (-destinations[p], p))
        session.execute(update(Person).where(Person.id == person).values(merged_into=survivor))
    return len(went)


def resolve(session: Session, person_id: int) -> int | None:
    """The person an id stands for today (following merges); None for an unknown id."""
    seen: set[int] = set()
    current: int | None = person_id
    while current is not None and current not in seen:
        seen.add(current)
        row = session.get(Person, current)
        if row is None:
            return None
        if row.merged_into is None:
            return current
        current = row.merged_into
    return current


def person_of(session: Session, source: str, key: int) -> int | None:
    """The person a record belongs to (None: not linked yet)."""
    return session.scalar(
        select(PersonRecord.person_id).where(
            PersonRecord.source == source, PersonRecord.record_key == key
        )
    )


def records_with_person(session: Session, source: str) -> set[int]:
    """Keys of ``source``'s records that already have a person."""
    return {
        int(k)
        for k in session.scalars(
            select(PersonRecord.record_key).where(PersonRecord.source == source)
        )
    }


def person_count(session: Session) -> int:
    """Persons that hold records today."""
    return int(session.scalar(select(func.count(func.distinct(PersonRecord.person_id)))) or 0)
