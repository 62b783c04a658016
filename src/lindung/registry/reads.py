"""Reading the registry for officers' pages, the API and the CLI: always through the gate.

Every read of a personal table here is an :meth:`AccessGate.read` (decided by role x
region scope, audited allowed or refused). To open one worker or placement the
read names the record's origin village as its region, so that a regional officer
asking for a worker from outside their subtree is *refused with a reason*
(``out_of_region``, audited) rather than told the record does not exist. The
origin village (a region code, not personal data) is looked up first for that
decision only.

A refused read returns an :class:`Outcome` carrying the decision; the caller
commits its session (keeping the refusal's audit entry) and then calls
:meth:`Outcome.require`, which raises :class:`AccessRefused`. Given a
:class:`~lindung.store.database.Database` instead of a session, the reader runs
each read in its own short transaction (each read is audited on its own anyway):
pages and the API do, so that concurrent pages on SQLite take the write lock for
one audit entry at a time instead of for a whole page.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.errors import NotFound
from lindung.exchange.datasets import get_dataset
from lindung.exchange.decision import AccessRefused, Decision
from lindung.exchange.gate import AccessGate, GatedRows, default_purpose
from lindung.exchange.guard import store_context
from lindung.exchange.principal import Principal
from lindung.exchange.registry_datasets import CORRECTION_MASKS
from lindung.exchange.sources import Match
from lindung.store.database import Database
from lindung.store.models import Placement, Worker

T = TypeVar("T")
Row = dict[str, Any]

#: Per-person datasets of a worker's profile, by the profile's attribute.
PERSON_DATASETS = {
    "passports": "passports",
    "family": "family_members",
    "health_checks": "health_checks",
    "certificates": "competence_certificates",
    "social_security": "social_security_memberships",
    "corrections": "worker_corrections",
}
#: Per-placement datasets, read for all of a worker's placements at once.
PLACEMENT_DATASETS = {
    "documents": "placement_documents",
    "events": "placement_events",
    "orientations": "orientations",
    "reintegrations": "reintegrations",
}
MAX_RECORDS = 500
ISO_DATE_LENGTH = 10


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A read's value, or the gate's refusal."""

    value: T | None = None
    refusal: Decision | None = None

    def require(self) -> T:
        if self.refusal is not None:
            raise AccessRefused(self.refusal)
        assert self.value is not None
        return self.value


@dataclass
class WorkerProfile:
    """Everything the gate let a principal see of one worker."""

    worker: Row
    placements: list[Row] = field(default_factory=list)
    passports: list[Row] = field(default_factory=list)
    family: list[Row] = field(default_factory=list)
    health_checks: list[Row] = field(default_factory=list)
    certificates: list[Row] = field(default_factory=list)
    social_security: list[Row] = field(default_factory=list)
    documents: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    orientations: list[Row] = field(default_factory=list)
    reintegrations: list[Row] = field(default_factory=list)
    #: corrections, oldest first: field, old and new value (as the gate showed them),
    #: who, when, why
    corrections: list[Row] = field(default_factory=list)


def correction_rows(rows: list[Row]) -> list[Row]:
    """The gate's correction rows (one old/new column per mask group) as one ``old``
    and one ``new`` value each, oldest first."""
    groups = (*CORRECTION_MASKS, "plain")
    out = []
    for row in rows:
        old = next((row[f"old_{g}"] for g in groups if row.get(f"old_{g}") is not None), None)
        new = next((row[f"new_{g}"] for g in groups if row.get(f"new_{g}") is not None), None)
        kept = {k: v for k, v in row.items() if not k.startswith(("old_", "new_"))}
        out.append({**kept, "old": old, "new": new})
    return sorted(out, key=lambda r: (str(r.get("corrected_at")), r.get("id") or 0))


@dataclass
class PlacementRecord:
    """One placement as the gate let a principal see it, with its records."""

    placement: Row
    worker: Row
    documents: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    orientations: list[Row] = field(default_factory=list)
    reintegrations: list[Row] = field(default_factory=list)


def typed(dataset: str, found: GatedRows) -> GatedRows:
    """The rows with clear dates as dates again (the gate hands them out as ISO text,
    as JSON carries them); masked dates (a year) stay text."""
    spec = get_dataset(dataset)
    dates = [f.name for f in spec.fields if f.kind == "date" and f.name in found.fields]
    for row in found.rows:
        for name in dates:
            value = row.get(name)
            if isinstance(value, str) and len(value) == ISO_DATE_LENGTH:
                row[name] = date.fromisoformat(value)
    return found


class RegistryReader:
    """The registry's reads for one principal, through one gate, in one session."""

    def __init__(self, source: Session | Database, gate: AccessGate, principal: Principal) -> None:
        self.source = source
        self.gate = gate
        self.principal = principal
        self.purpose = default_purpose(principal)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """The caller's session, or (given a database) a short transaction per read, so
        that on SQLite one page's audit entries do not hold the write lock together."""
        if isinstance(self.source, Database):
            with self.source.session() as session:
                yield session
        else:
            yield self.source

    def read(
        self, dataset: str, where: list[Match], region: str | None, limit: int = MAX_RECORDS
    ) -> GatedRows:
        filters = {"region": region} if region else None
        with self._session() as session:
            found = self.gate.read(
                session,
                self.principal,
                dataset,
                self.purpose,
                filters=filters,
                where=where,
                limit=limit,
            )
        return typed(dataset, found)

    def worker_profile(self, worker_id: int) -> Outcome[WorkerProfile]:
        """The worker and every record about them (NotFound when there is no such worker)."""
        origin = self._origin_of_worker(worker_id)
        found = self.read("workers", [Match("id", worker_id)], origin, limit=1)
        if not found.allowed:
            return Outcome(refusal=found.decision)
        if not found.rows:
            raise NotFound(f"no worker with id {worker_id}")
        profile = WorkerProfile(worker=found.rows[0])
        by_worker = [Match("worker_id", worker_id)]
        placements = self.read("placements", by_worker, origin)
        if placements.allowed:
            profile.placements = placements.rows
        datasets = dict(PERSON_DATASETS)
        if profile.placements:  # without a placement there are no placement records
            datasets.update(PLACEMENT_DATASETS)
        for attribute, dataset in datasets.items():
            rows = self.read(dataset, by_worker, origin)
            if rows.allowed:
                setattr(profile, attribute, rows.rows)
        profile.corrections = correction_rows(profile.corrections)
        return Outcome(profile)

    def placement(self, placement_id: int) -> Outcome[PlacementRecord]:
        """One placement with its worker's name and its records."""
        origin = self._origin_of_placement(placement_id)
        found = self.read("placements", [Match("id", placement_id)], origin, limit=1)
        if not found.allowed:
            return Outcome(refusal=found.decision)
        if not found.rows:
            raise NotFound(f"no placement with id {placement_id}")
        placement = found.rows[0]
        worker = self.read("workers", [Match("id", placement["worker_id"])], origin, limit=1)
        if not worker.allowed:
            return Outcome(refusal=worker.decision)
        record = PlacementRecord(placement=placement, worker=worker.rows[0] if worker.rows else {})
        by_placement = [Match("placement_id", placement_id)]
        for attribute, dataset in PLACEMENT_DATASETS.items():
            rows = self.read(dataset, by_placement, origin)
            if rows.allowed:
                setattr(record, attribute, rows.rows)
        return Outcome(record)

    def search_workers(
        self, nik: str | None, name: str | None, limit: int = 50
    ) -> Outcome[list[Row]]:
        """Workers by exact NIK or by a part of the name, inside the principal's scope."""
        where: list[Match] = []
        if nik:
            where.append(Match("nik", nik))
        if name:
            where.append(Match("full_name", name, "contains"))
        fields = ["id", "nik", "full_name", "sex", "birth_date", "origin_village_code"]
        with self._session() as session:
            found = self.gate.read(
                session,
                self.principal,
                "workers",
                self.purpose,
                fields=fields,
                where=where,
                limit=limit,
            )
        if not found.allowed:
            return Outcome(refusal=found.decision)
        return Outcome(typed("workers", found).rows)

    def _origin_of_worker(self, worker_id: int) -> str:
        # the origin village is a region code, not personal data; it only lets the
        # gate decide on the record's own region
        with self._session() as session, store_context("registry: region for the gate"):
            origin = session.scalar(
                select(Worker.origin_village_code).where(Worker.id == worker_id)
            )
        if origin is None:
            raise NotFound(f"no worker with id {worker_id}")
        return origin

    def _origin_of_placement(self, placement_id: int) -> str:
        with self._session() as session, store_context("registry: region for the gate"):
            origin = session.scalar(
                select(Worker.origin_village_code)
                .join(Placement, Placement.worker_id == Worker.id)
                .where(Placement.id == placement_id)
            )
        if origin is None:
            raise NotFound(f"no placement with id {placement_id}")
        return origin
