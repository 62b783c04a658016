"""The access gate on both backends: a Bawaslu client reads only what its agreement
allows, and is refused outside it with the reason; every read is audited."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from lindung.exchange.decision import AccessRefused, Reason
from lindung.exchange.gate import AccessGate
from lindung.exchange.principal import Principal
from lindung.store.database import Database
from lindung.store.models import AuditEntry, AuditSubject
from support.agreements import make_agreement
from support.registry import Scenario

BAWASLU = "PKS.07/KP2MI-BAWASLU/I/2026"
VOTERS = "voter_list_oversight"


def client(number: str = BAWASLU) -> Principal:
    return Principal(kind="client", name="client-1", agreement_number=number)


def bawaslu(db: Database, **kwargs: object) -> None:
    with db.session() as s:
        make_agreement(s, BAWASLU, "BAWASLU", [VOTERS], **kwargs)  # type: ignore[arg-type]


def audit_entries(db: Database) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_bawaslu_reads_only_the_allowed_fields(
    db: Database, gate: AccessGate, scenario: Scenario
) -> None:
    bawaslu(db)
    with db.session() as s:
        result = gate.read(s, client(), "workers", VOTERS)
    assert result.allowed
    assert result.decision.agreement_number == BAWASLU
    assert result.fields == ["nik", "full_name"]
    assert len(result.rows) == 6
    for row in result.rows:
        assert set(row) == {"nik", "full_name"}
        assert re.fullmatch(r"\d{4}\*{10}\d{2}", row["nik"])
        assert row["full_name"].startswith("Pekerja Uji")


def test_an_allowed_read_is_audited_once_with_its_subjects(
    db: Database, gate: AccessGate, scenario: Scenario
) -> None:
    bawaslu(db)
    with db.session() as s:
        result = gate.read(s, client(), "workers", VOTERS, ["nik"], request_hash="ab" * 32)
    [entry] = audit_entries(db)
    assert (entry.action, entry.decision, entry.reason) == ("read", "allowed", None)
    assert (entry.dataset, entry.purpose, entry.agreement_number) == ("workers", VOTERS, BAWASLU)
    assert entry.fields == ["nik"]
    assert entry.row_count == 6
    assert entry.request_hash == "ab" * 32
    assert entry.actor_kind == "client"
    with db.session() as s:
        subjects = s.scalars(select(AuditSubject).where(AuditSubject.audit_id == entry.id)).all()
    assert len(subjects) == 6
    assert {x.subject_kind for x in subjects} == {"worker"}
    assert result.audit_id == entry.id


def test_a_purpose_outside_the_agreement_is_refused_and_audited(
    db: Database, gate: AccessGate, scenario: Scenario
) -> None:
    bawaslu(db)
    with db.session() as s:
        result = gate.read(s, client(), "workers", "child_protection")
    assert not result.allowed
    assert result.rows == []
    assert result.decision.reason is Reason.PURPOSE_NOT_ALLOWED
    assert "child_protection" in result.decision.explanation("en")
    assert BAWASLU in result.decision.explanation("id")
    [entry] = audit_entries(db)
    assert (entry.action, entry.decision, entry.reason) == (
        "refused",
        "refused",
        "purpose_not_allowed",
    )
    assert entry.row_count == 0


def test_a_field_outside_the_agreement_is_refused(
    db: Database, gate: AccessGate, scenario: Scenario
) -> None:
    bawaslu(db)
    with db.session() as s:
        result = gate.read(s, client(), "workers", VOTERS, ["nik", "birth_date"])
    assert result.decision.reason is Reason.FIELD_NOT_ALLOWED
    assert result.decision.refused_fields == ("birth_date",)
    assert "birth_date" in result.decision.explanation("en")
    with pytest.raises(AccessRefused) as refused:
        result.require()
    assert refused.value.problems[0].code == "field_not_allowed"


def test_a_dataset_outside_the_agreement_is_refused(
    db: Database, gate: AccessGate, scenario: Scenario
) -> None:
    bawaslu(db)
    with db.session() as s:
        assert gate.decide(s, client(), "placements", VOTERS).reason is Reason.DATASET_NOT_ALLOWED
        assert gate.decide(s, client(), "no_such", VOTERS).reason is Reason.DATASET_NOT_ALLOWED


def test_agreement_status_and_validity_decide(db: Database, gate: AccessGate) -> None:
    with db.session() as s:
        make_agreement(s, "EXPIRED", "A", [VOTERS], valid_to=date(2025, 6, 30))
        make_agreement(s, "SUSPENDED", "B", [VOTERS], status="suspended")
        make_agreement(s, "FUTURE", "C", [VOTERS], valid_from=date(2098, 1, 1))
        make_agreement(s, "TERMINATED", "D", [VOTERS], status="terminated")
    expected = {
        "EXPIRED": Reason.AGREEMENT_EXPIRED,
        "SUSPENDED": Reason.AGREEMENT_SUSPENDED,
        "FUTURE": Reason.AGREEMENT_NOT_IN_FORCE,
        "TERMINATED": Reason.AGREEMENT_NOT_IN_FORCE,
        "NONE": Reason.NO_AGREEMENT,
    }
    with db.session() as s:
        for number, reason in expected.items():
            assert gate.decide(s, client(number), "workers", VOTERS).reason is reason, number
        # Valid on a day inside its term: expiry is decided on the day asked about.
        assert gate.decide(s, client("EXPIRED"), "workers", VOTERS, on=date(2025, 3, 1)).allowed


def test_the_agreements_regions_narrow_the_rows_in_sql(
    db: Database, gate: AccessGate, scenario: Scenario
) -> None:
    with db.session() as s:
        make_agreement(
            s,
            "PKS/JEMBER",
            "JEMBER",
            ["regional_protection"],
            datasets={("workers", "to_partner"): {"origin_village_code": "clear"}},
            region_codes=["35.09"],
        )
        result = gate.read(s, client("PKS/JEMBER"), "workers", "regional_protection")
        assert sorted(r["origin_village_code"][:5] for r in result.rows) == ["35.09"] * 3
        outside = gate.read(
            s, client("PKS/JEMBER"), "workers", "regional_protection", filters={"region": "53.06"}
        )
        assert outside.decision.reason is Reason.OUT_OF_REGION


def test_a_regional_officer_reads_its_subtree_and_is_refused_outside(
    db: Database, gate: AccessGate, scenario: Scenario
) -> None:
    officer = Principal("user", "jember", role="regional_officer", region_code="35.09")
    with db.session() as s:
        inside = gate.read(s, officer, "workers", "regional_protection", ["origin_village_code"])
        village = gate.read(
            s, officer, "workers", "regional_protection", filters={"region": "35.09.02"}
        )
        outside = gate.read(
            s, officer, "workers", "regional_protection", filters={"region": "53.06"}
        )
        wrong_purpose = gate.decide(s, officer, "workers", "voter_list_oversight")
    assert len(inside.rows) == 3
    assert len(village.rows) == 1
    assert village.rows[0]["full_name"].startswith("Pekerja")
    assert outside.decision.reason is Reason.OUT_OF_REGION
    assert wrong_purpose.reason is Reason.PURPOSE_NOT_ALLOWED
    assert [e.reason for e in audit_entries(db)] == [None, None, "out_of_region"]


def test_national_roles_read_everything_in_clear(
    db: Database, gate: AccessGate, scenario: Scenario
) -> None:
    analyst = Principal("user", "analis", role="national_analyst")
    with db.session() as s:
        result = gate.read(s, analyst, "workers", "oversight", limit=4)
        page2 = gate.read(s, analyst, "workers", "oversight", after=result.next_after)
        refused = gate.decide(
            s, Principal("user", "x", role="partner_user"), "workers", "oversight"
        )
    assert len(result.rows) == 4
    assert len(page2.rows) == 2
    assert len(result.rows[0]["nik"]) == 16
    assert "*" not in result.rows[0]["nik"]
    assert result.rows[0]["birth_date"] == "2001-01-01"
    assert refused.reason is Reason.ROLE_NOT_ALLOWED


def test_pseudonyms_join_within_an_agreement_not_across(
    db: Database, gate: AccessGate, scenario: Scenario
) -> None:
    flows = {
        ("workers", "to_partner"): {"nik": "pseudonym"},
        ("placements", "to_partner"): {"worker_nik": "pseudonym", "status": "clear"},
    }
    with db.session() as s:
        make_agreement(s, "PKS/A", "IMI", ["irregular_departure_prevention"], datasets=flows)
        make_agreement(s, "PKS/B", "KPAI", ["irregular_departure_prevention"], datasets=flows)
        purpose = "irregular_departure_prevention"
        a_workers = gate.read(s, client("PKS/A"), "workers", purpose).rows
        a_places = gate.read(s, client("PKS/A"), "placements", purpose).rows
        b_workers = gate.read(s, client("PKS/B"), "workers", purpose).rows
    a_ids = {row["nik"] for row in a_workers}
    assert {row["worker_nik"] for row in a_places} <= a_ids  # joinable within PKS/A
    assert not a_ids & {row["nik"] for row in b_workers}  # not across agreements
    assert all(re.fullmatch(r"[0-9a-f]{32}", x) for x in a_ids)


def test_partner_users_act_under_their_organisations_agreements(
    db: Database, gate: AccessGate, scenario: Scenario
) -> None:
    with db.session() as s:
        agreement = make_agreement(s, BAWASLU, "BAWASLU", [VOTERS])
        user = Principal("user", "mitra", role="partner_user", organisation_id=agreement.partner_id)
        assert gate.read(s, user, "workers", VOTERS).decision.agreement_number == BAWASLU
        assert gate.decide(s, user, "workers", "outreach").reason is Reason.PURPOSE_NOT_ALLOWED


def test_aggregates_suppress_small_cells_for_partners(
    db: Database, gate: AccessGate, scenario: Scenario
) -> None:
    fields = {"full_name": "clear", "nik": "masked", "origin_village_code": "clear"}
    bawaslu(db, datasets={("workers", "to_partner"): fields})
    analyst = Principal("user", "analis", role="national_analyst")
    with db.session() as s:
        national = gate.aggregate(s, analyst, "workers", "origin_village_code", "oversight", 2)
        partner = gate.aggregate(s, client(), "workers", "origin_village_code", VOTERS, 2)
        with pytest.raises(AccessRefused) as refused:
            gate.aggregate(s, client(), "workers", "nik", VOTERS)
        # not personal, but not in the agreement either: its distribution is not shared
        with pytest.raises(AccessRefused) as outside:
            gate.aggregate(s, client(), "workers", "sex", VOTERS)
    assert refused.value.decision.reason is Reason.FIELD_NOT_ALLOWED
    assert outside.value.decision.reason is Reason.FIELD_NOT_ALLOWED
    assert outside.value.decision.refused_fields == ("sex",)
    assert national == {"35": 4, "53": 1, "33": 1}
    assert partner == {}  # every cell is below the threshold of 5
