"""Passports, family, health checks, certificates and social security: impossible dates
and unknown codes are named at their fields; a refused write stores nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from lindung.errors import ValidationError
from lindung.exchange.decision import AccessRefused
from lindung.identity import make_td3
from lindung.registry import person_records as records
from lindung.registry.workers import register_worker
from lindung.store.database import Database
from lindung.store.models import (
    AuditEntry,
    CompetenceCertificate,
    FamilyMember,
    HealthCheck,
    Passport,
    SocialSecurityMembership,
)
from registry.conftest import ADMIN, FLOTIM, TODAY, count, worker_input


@pytest.fixture
def worker_id(db: Database, jember_village: str) -> int:
    with db.session() as s:
        return register_worker(s, ADMIN, worker_input(jember_village), TODAY).id


def problems(error: ValidationError) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in error.problems}


def mrz(number: str = "C1234567", expiry: date = date(2030, 5, 1)) -> str:
    lines = make_td3(
        surname="RAHAYU",
        given_names="SITI",
        passport_number=number,
        birth_date=date(2000, 2, 14),
        sex="F",
        expiry_date=expiry,
    )
    return "\n".join(lines)


def test_a_passport_with_a_matching_mrz_is_stored(db: Database, worker_id: int) -> None:
    data = {
        "number": "c 123-4567",
        "issued_on": "2025-05-02",
        "expires_on": "2030-05-01",
        "issuing_office": "Kantor Imigrasi Jember",
        "mrz": mrz(),
    }
    with db.session() as s:
        saved = records.add_passport(s, ADMIN, worker_id, data, TODAY)
    with db.session() as s:
        passport = s.get(Passport, saved.id)
        assert passport is not None
        assert passport.number == "C1234567"
        assert passport.mrz is not None
        assert len(passport.mrz) == 88


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"expires_on": "2025-01-01"}, {("expires_on", "date.order")}),
        ({"expires_on": "2025-05-02"}, {("expires_on", "date.order")}),
        ({"issued_on": "2027-01-01"}, {("issued_on", "date.future")}),
        ({"number": "C1"}, {("number", "passport_number.length")}),
        ({"mrz": mrz("C7654321")}, {("mrz", "mrz.number_mismatch")}),
        ({"mrz": mrz(expiry=date(2031, 5, 1))}, {("mrz", "mrz.expiry_mismatch")}),
        ({"mrz": mrz().replace("C1234567", "C1234568", 1)}, {("mrz", "mrz.check_digit")}),
    ],
)
def test_a_bad_passport_is_refused_with_its_fields(
    db: Database, worker_id: int, changes: dict[str, str], expected: set[tuple[str, str]]
) -> None:
    data = {"number": "C1234567", "issued_on": "2025-05-02", "expires_on": "2030-05-01"}
    with db.session() as s, pytest.raises(ValidationError) as raised:
        records.add_passport(s, ADMIN, worker_id, {**data, **changes}, TODAY)
    assert expected <= problems(raised.value)
    with db.session() as s:
        assert count(s, Passport) == 0


def test_a_minor_child_needs_a_caregiver(db: Database, worker_id: int) -> None:
    child: dict[str, Any] = {
        "relation": "child",
        "full_name": "Anak Satu",
        "birth_date": "2018-06-01",
        "village_code": "35.09.99.9999",
    }
    with db.session() as s, pytest.raises(ValidationError) as raised:
        records.add_family_member(s, ADMIN, worker_id, child, TODAY)
    assert problems(raised.value) == {
        ("caregiver_name", "required"),
        ("caregiver_relation", "required"),
        ("village_code", "region.unknown"),
    }
    child.update(caregiver_name="Nenek", caregiver_relation="grandparent", village_code="")
    with db.session() as s:
        records.add_family_member(s, ADMIN, worker_id, child, TODAY)
    adult = {"relation": "child", "full_name": "Anak Dewasa", "birth_date": "2000-01-01"}
    with db.session() as s:
        records.add_family_member(s, ADMIN, worker_id, adult, TODAY)
        assert count(s, FamilyMember) == 2


def test_health_certificate_and_membership_dates_are_checked(db: Database, worker_id: int) -> None:
    health = {
        "kind": "medical",
        "result": "fit",
        "examined_on": "2026-01-10",
        "valid_until": "2026-01-09",
        "facility": "Klinik Sehat",
    }
    with db.session() as s, pytest.raises(ValidationError) as raised:
        records.add_health_check(s, ADMIN, worker_id, health, TODAY)
    assert problems(raised.value) == {("valid_until", "date.order")}
    certificate = {"scheme": "plrt", "certifying_body": "LSP P3", "number": "N-1"}
    with db.session() as s, pytest.raises(ValidationError) as raised:
        records.add_competence_certificate(s, ADMIN, worker_id, certificate, TODAY)
    assert problems(raised.value) == {("issued_on", "required")}
    membership = {"programme": "bpjs", "membership_no": "12ab", "valid_from": "2026-01-01"}
    with db.session() as s, pytest.raises(ValidationError) as raised:
        records.add_social_security(s, ADMIN, worker_id, membership, TODAY)
    assert problems(raised.value) == {
        ("programme", "choice.unknown"),
        ("membership_no", "membership_no.format"),
    }
    with db.session() as s:
        records.add_health_check(s, ADMIN, worker_id, {**health, "valid_until": "2026-07-10"})
        records.add_competence_certificate(
            s, ADMIN, worker_id, {**certificate, "issued_on": "2026-01-05"}, TODAY
        )
        records.add_social_security(
            s,
            ADMIN,
            worker_id,
            {**membership, "programme": "bpjs_ketenagakerjaan", "membership_no": "1234 5678"},
            TODAY,
        )
    with db.session() as s:
        certificates = s.scalars(select(CompetenceCertificate)).all()
        assert count(s, HealthCheck) == count(s, SocialSecurityMembership) == 1
        assert [c.scheme for c in certificates] == ["PLRT"]
        assert count(s, AuditEntry) == 4  # the registration and three additions


def test_an_officer_from_another_region_cannot_add_records(db: Database, worker_id: int) -> None:
    health = {
        "kind": "medical",
        "result": "fit",
        "examined_on": "2026-01-10",
        "valid_until": "2026-07-10",
        "facility": "Klinik",
    }
    with db.session() as s, pytest.raises(AccessRefused):
        records.add_health_check(s, FLOTIM, worker_id, health, TODAY)
    with db.session() as s:
        assert count(s, HealthCheck) == 0
