"""Gated reads of the registry: a record's own region decides (refused with the
reason, audited), matching only on fields seen in clear, the timeline's order."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from lindung.domain.lifecycle import Phase
from lindung.errors import NotFound
from lindung.exchange.decision import AccessRefused, Reason
from lindung.exchange.gate import AccessGate
from lindung.exchange.principal import Principal
from lindung.exchange.sources import Match
from lindung.registry.reads import RegistryReader
from lindung.registry.timeline import worker_timeline
from lindung.store.database import Database
from lindung.store.models import AuditEntry, AuditSubject, Placement
from registry.conftest import ADMIN, FLOTIM, JEMBER
from support.agreements import make_agreement
from support.placements import ON, Placements


@pytest.fixture
def built(db: Database) -> tuple[int, int]:
    with db.session() as s:
        placement = Placements(s).placement(status="returned", departed_on=ON)
        row = s.get(Placement, placement.placement_id)
        assert row is not None
        row.arrived_on, row.returned_on = date(2025, 6, 2), date(2027, 6, 1)
    return placement.worker_id, placement.placement_id


def test_a_profile_reads_every_record_and_audits_each_read(
    db: Database, gate: AccessGate, built: tuple[int, int]
) -> None:
    worker_id, _ = built
    with db.session() as s:
        profile = RegistryReader(s, gate, JEMBER).worker_profile(worker_id).require()
    assert profile.worker["id"] == worker_id
    assert isinstance(profile.worker["birth_date"], date)
    assert len(profile.documents) == 8
    assert len(profile.health_checks) == 2
    assert len(profile.certificates) == len(profile.social_security) == 1
    with db.session() as s:
        entries = s.scalars(select(AuditEntry)).all()
        subjects = set(s.scalars(select(AuditSubject.subject_id)))
    assert {e.dataset for e in entries} >= {"workers", "placements", "placement_documents"}
    assert {e.action for e in entries} == {"read"}
    assert all(e.details["where"] in (["id"], ["worker_id"]) for e in entries)
    assert subjects == {str(worker_id)}


def test_the_timeline_runs_through_the_three_phases_in_order(
    db: Database, gate: AccessGate, built: tuple[int, int]
) -> None:
    worker_id, placement_id = built
    with db.session() as s:
        profile = RegistryReader(s, gate, ADMIN).worker_profile(worker_id).require()
    entries = worker_timeline(profile, "en")
    assert [e.on for e in entries] == sorted(e.on for e in entries)
    assert entries[0].phase is Phase.BEFORE
    assert entries[-1].phase is Phase.AFTER
    titles = {e.title for e in entries}
    assert {"Passport", "Departed", "Working", "Returned", "Medical check"} <= titles
    assert all(e.placement_id in (None, placement_id) for e in entries)


def test_another_regions_officer_is_refused_with_the_reason(
    db: Database, gate: AccessGate, built: tuple[int, int]
) -> None:
    worker_id, placement_id = built
    with db.session() as s:
        worker = RegistryReader(s, gate, FLOTIM).worker_profile(worker_id)
        placement = RegistryReader(s, gate, FLOTIM).placement(placement_id)
    for outcome in (worker, placement):
        assert outcome.refusal is not None
        assert outcome.refusal.reason is Reason.OUT_OF_REGION
        with pytest.raises(AccessRefused):
            outcome.require()
    with db.session() as s:
        refused = s.scalars(select(AuditEntry).where(AuditEntry.action == "refused")).all()
    assert [(e.actor, e.reason) for e in refused] == [("flotim", "out_of_region")] * 2
    with db.session() as s, pytest.raises(NotFound):
        RegistryReader(s, gate, ADMIN).worker_profile(10_000)


def test_search_matches_in_scope_and_never_on_a_masked_field(
    db: Database, gate: AccessGate, built: tuple[int, int]
) -> None:
    with db.session() as s:
        found = RegistryReader(s, gate, JEMBER).search_workers(None, "KEBIJAKAN").require()
        elsewhere = RegistryReader(s, gate, FLOTIM).search_workers(None, "kebijakan").require()
        make_agreement(s, "PKS.T/BAWASLU", "BAWASLU", ["voter_list_oversight"])
    assert len(found) == 1
    assert elsewhere == []
    partner = Principal("client", "bawaslu", agreement_number="PKS.T/BAWASLU")
    with db.session() as s:
        masked = gate.read(
            s, partner, "workers", "voter_list_oversight", where=[Match("nik", found[0]["nik"])]
        )
    assert not masked.allowed
    assert masked.decision.reason is Reason.FIELD_NOT_ALLOWED
    assert masked.decision.refused_fields == ("nik",)
