"""The ``signals`` dataset through the access gate, on both backends: who sees which
signals (national all, a regional officer its subtree, Komnas Anak only child types
routed to it, Bawaslu only voter types), and subject fields masked per agreement."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from lindung.exchange.gate import AccessGate
from lindung.exchange.principal import Principal
from lindung.exchange.sources import Match
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.models import AuditEntry
from signals.factories import BAWASLU, KOMNAS, build_world, signal_agreement


@pytest.fixture
def gate(settings: Settings) -> AccessGate:
    return AccessGate(settings)


def user(role: str, region: str | None = None, org: int | None = None) -> Principal:
    return Principal(kind="user", name=role, role=role, region_code=region, organisation_id=org)


def client(number: str) -> Principal:
    return Principal(kind="client", name="client-1", agreement_number=number)


def ids(db: Database, gate: AccessGate, principal: Principal, purpose: str) -> set[int]:
    with db.session() as s:
        result = gate.read(s, principal, "signals", purpose, ["id", "signal_type"])
    assert result.allowed, result.decision.reason
    return {row["id"] for row in result.rows}


def test_the_dataset_declares_exactly_the_contract_fields() -> None:
    from lindung.exchange.datasets import get_dataset

    spec = get_dataset("signals")
    assert spec.field_names == (
        "id", "signal_type", "severity", "status", "subject_kind", "region_code",
        "country_code", "ppln", "agency_id", "risk_score", "evidence", "first_seen",
        "last_seen", "subject_name", "subject_nik", "subject_birth_date",
    )  # fmt: skip
    personal = {f.name: f.mask for f in spec.fields if f.personal}
    assert personal == {"subject_name": "name", "subject_nik": "nik", "subject_birth_date": "date"}


def test_national_roles_see_every_signal_in_clear(db: Database, gate: AccessGate) -> None:
    world = build_world(db)
    assert ids(db, gate, user("national_analyst"), "oversight") == world.all
    with db.session() as s:
        rows = gate.read(
            s, user("national_admin"), "signals", "oversight", where=[Match("id", world.underage)]
        ).rows
    [row] = rows
    assert row["subject_name"].startswith("Pekerja Uji")
    assert re.fullmatch(r"\d{16}", row["subject_nik"])
    assert row["subject_birth_date"] == "2001-01-01"
    assert row["first_seen"] == "2026-06-01"
    assert row["evidence"]["rule"]["id"] == "age.minimum"


def test_a_regional_officer_sees_only_their_subtree(db: Database, gate: AccessGate) -> None:
    world = build_world(db)
    jember = user("regional_officer", "35.09")
    assert ids(db, gate, jember, "regional_protection") == {world.underage, world.voter}
    flotim = user("regional_officer", "53.06")
    assert ids(db, gate, flotim, "regional_protection") == {world.clb}


def test_komnas_anak_sees_only_child_types_routed_to_it(db: Database, gate: AccessGate) -> None:
    world = build_world(db)
    komnas_user = user("partner_user", org=world.komnas_org)
    # the voter signal is routed to Komnas Anak too, but child_protection does not serve it
    assert ids(db, gate, komnas_user, "child_protection") == {world.underage, world.clb}
    assert ids(db, gate, client(KOMNAS), "child_protection") == {world.underage, world.clb}
    with db.session() as s:
        refused = gate.read(s, client(KOMNAS), "signals", "voter_list_oversight")
    assert not refused.allowed
    assert refused.decision.reason == "purpose_not_allowed"


def test_bawaslu_sees_only_voter_types(db: Database, gate: AccessGate) -> None:
    world = build_world(db)
    assert ids(db, gate, client(BAWASLU), "voter_list_oversight") == {world.voter}
    bawaslu_user = user("partner_user", org=world.bawaslu_org)
    assert ids(db, gate, bawaslu_user, "voter_list_oversight") == {world.voter}


def test_a_partner_without_routes_sees_nothing(db: Database, gate: AccessGate) -> None:
    build_world(db)
    with db.session() as s:
        signal_agreement(s, "PKS/IMI/SIG", "IMIGRASI", ["irregular_departure_prevention"])
    assert ids(db, gate, client("PKS/IMI/SIG"), "irregular_departure_prevention") == set()


def test_subject_fields_are_masked_per_agreement(db: Database, gate: AccessGate) -> None:
    build_world(db)
    with db.session() as s:
        rows = gate.read(s, client(KOMNAS), "signals", "child_protection").rows
    assert rows
    for row in rows:
        assert re.fullmatch(r"\d{4}\*{10}\d{2}", row["subject_nik"])
        assert re.fullmatch(r"[A-Z]\*+( [A-Z0-9]\*+)*", row["subject_name"]), row["subject_name"]
        assert row["subject_birth_date"] == "2001"


def test_fields_outside_the_agreement_are_refused(db: Database, gate: AccessGate) -> None:
    build_world(db)
    with db.session() as s:
        signal_agreement(
            s, "PKS/FLOTIM/SIG", "KAB-FLOTIM", ["regional_protection"], {"id": "clear"}, ["53.06"]
        )
        refused = gate.read(s, client("PKS/FLOTIM/SIG"), "signals", "regional_protection", None)
        assert refused.allowed
        assert refused.fields == ["id"]
        refused = gate.read(
            s, client("PKS/FLOTIM/SIG"), "signals", "regional_protection", ["subject_nik"]
        )
    assert not refused.allowed
    assert refused.decision.reason == "field_not_allowed"


def test_partner_aggregates_are_narrowed_too(db: Database, gate: AccessGate) -> None:
    build_world(db)
    with db.session() as s:
        counts = gate.aggregate(s, client(KOMNAS), "signals", "signal_type", "child_protection")
        national = gate.aggregate(s, user("national_admin"), "signals", "signal_type", "oversight")
    assert counts == {}  # one signal per type: cells below 5 are suppressed for partners
    assert national == {
        "underage": 1,
        "children_left_behind": 1,
        "voter_missing": 1,
        "irregular_departure": 1,
        "agency_risk": 1,
    }


def test_reads_are_audited_with_signal_subjects(db: Database, gate: AccessGate) -> None:
    world = build_world(db)
    ids(db, gate, client(BAWASLU), "voter_list_oversight")
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None
        assert (entry.dataset, entry.row_count, entry.agreement_number) == ("signals", 1, BAWASLU)
    assert world.voter


def test_ordering_by_risk(db: Database, gate: AccessGate) -> None:
    build_world(db)
    with db.session() as s:
        rows = gate.read(
            s, user("national_admin"), "signals", "oversight", ["id", "risk_score"],
            order_by=["-risk_score"],
        ).rows  # fmt: skip
    scores = [row["risk_score"] for row in rows]
    assert scores == sorted(scores, reverse=True)
