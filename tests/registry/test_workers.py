"""Registering and correcting workers on both backends: every problem named at its
field, nothing stored when refused, NIK disagreements kept as warnings, audited."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from lindung.errors import ValidationError
from lindung.exchange.decision import AccessRefused
from lindung.identity import make_nik, parse_nik
from lindung.registry.authority import WriteRefused
from lindung.registry.workers import correct_worker, nik_warnings, register_worker
from lindung.store.database import Database
from lindung.store.models import AuditEntry, AuditSubject, Worker
from registry.conftest import ADMIN, ANALYST, JEMBER, TODAY, count, worker_input


def fields_of(error: ValidationError) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for problem in error.problems:
        found.setdefault(problem.field, set()).add(problem.code)
    return found


def test_a_valid_registration_is_stored_and_audited_without_personal_data(
    db: Database, jember_village: str
) -> None:
    data = worker_input(jember_village)
    with db.session() as s:
        saved = register_worker(s, JEMBER, data, TODAY)
    assert saved.warnings == ()
    with db.session() as s:
        worker = s.get(Worker, saved.id)
        assert worker is not None
        assert worker.full_name == "Siti Rahayu"  # spaces folded
        assert worker.phone == "+6281234567890"
        assert worker.nik == data["nik"]
        [entry] = s.scalars(select(AuditEntry)).all()
        subjects = s.scalars(select(AuditSubject.subject_id)).all()
    assert (entry.action, entry.actor, entry.details["op"]) == ("change", "jember", "register")
    assert "nik" in entry.fields
    assert "full_name" in entry.fields
    assert subjects == [str(saved.id)]
    text = repr(entry.details) + repr(entry.fields)
    assert data["nik"] not in text
    assert "Rahayu" not in text


def test_every_bad_field_is_reported_at_once_and_nothing_is_stored(
    db: Database, jember_village: str
) -> None:
    data = worker_input(
        jember_village,
        nik="12345",
        sex="X",
        birth_date="2030-01-01",
        origin_village_code="35.09.01.9999",
        marital_status="engaged",
        phone="12",
        email="not-an-address",
        full_name="",
    )
    with db.session() as s, pytest.raises(ValidationError) as raised:
        register_worker(s, ADMIN, data, TODAY)
    found = fields_of(raised.value)
    assert found["nik"] == {"nik.length"}
    assert found["sex"] == {"choice.unknown"}
    assert found["birth_date"] == {"date.future"}
    assert found["origin_village_code"] == {"region.unknown"}
    assert found["marital_status"] == {"choice.unknown"}
    assert "phone" in found
    assert found["email"] == {"email.format"}
    assert found["full_name"] == {"required"}
    for problem in raised.value.problems:  # bilingual, and never the typed value
        assert problem.message_id
        assert problem.message_en
        assert "12345" not in problem.message_id + problem.message_en
    with db.session() as s:
        assert count(s, Worker) == 0
        assert count(s, AuditEntry) == 0


def test_a_district_code_is_not_a_village(db: Database, jember_village: str) -> None:
    data = worker_input(jember_village, origin_village_code="35.09.01")
    with db.session() as s, pytest.raises(ValidationError) as raised:
        register_worker(s, ADMIN, data, TODAY)
    assert fields_of(raised.value) == {"origin_village_code": {"region.level"}}


def test_a_duplicate_nik_is_refused(db: Database, jember_village: str) -> None:
    with db.session() as s:
        register_worker(s, ADMIN, worker_input(jember_village), TODAY)
    with db.session() as s, pytest.raises(ValidationError) as raised:
        register_worker(s, ADMIN, worker_input(jember_village, full_name="Orang Lain"), TODAY)
    assert fields_of(raised.value) == {"nik": {"nik.duplicate"}}
    with db.session() as s:
        assert count(s, Worker) == 1


def test_a_nik_that_disagrees_is_stored_with_warnings_to_review(
    db: Database, jember_village: str
) -> None:
    data = worker_input(jember_village, sex="M", birth_date="2000-02-15")
    with db.session() as s:
        saved = register_worker(s, ADMIN, data, TODAY)
    assert {w.code for w in saved.warnings} == {"nik.birth_date_mismatch", "nik.sex_mismatch"}
    with db.session() as s:
        assert s.get(Worker, saved.id) is not None
        entry = s.scalars(select(AuditEntry)).one()
    assert sorted(entry.details["warnings"]) == ["nik.birth_date_mismatch", "nik.sex_mismatch"]


def test_an_officer_cannot_register_a_worker_from_another_region(
    db: Database, flotim_village: str
) -> None:
    with db.session() as s, pytest.raises(AccessRefused) as raised:
        register_worker(s, JEMBER, worker_input(flotim_village), TODAY)
    assert raised.value.decision.reason == "out_of_region"
    with db.session() as s:
        assert count(s, Worker) == 0


def test_an_analyst_only_reads(db: Database, jember_village: str) -> None:
    with db.session() as s, pytest.raises(WriteRefused):
        register_worker(s, ANALYST, worker_input(jember_village), TODAY)


def test_a_correction_changes_the_named_fields_and_names_them_in_the_audit(
    db: Database, jember_village: str
) -> None:
    with db.session() as s:
        saved = register_worker(s, JEMBER, worker_input(jember_village), TODAY)
    changes = {"marital_status": "married", "education": "smp", "reason": "akta nikah"}
    with db.session() as s:
        correct_worker(s, JEMBER, saved.id, changes, TODAY)
    with db.session() as s:
        worker = s.get(Worker, saved.id)
        assert worker is not None
        assert worker.marital_status == "married"
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None
    assert last.details["op"] == "correct"
    assert last.fields == ["marital_status"]  # education did not change


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"nik": "3509010101010001", "reason": "x"}, {"nik": {"nik.immutable"}}),
        ({"marital_status": "single"}, {"reason": {"required"}}),
        ({"marital_status": "single", "reason": "x"}, {"fields": {"correction.no_change"}}),
        ({"birth_date": "2000-02-30", "reason": "x"}, {"birth_date": {"date.format"}}),
        ({"full_name": "", "reason": "x"}, {"full_name": {"required"}}),
    ],
)
def test_a_bad_correction_changes_nothing(
    db: Database, jember_village: str, changes: dict[str, str], expected: dict[str, set[str]]
) -> None:
    with db.session() as s:
        saved = register_worker(s, ADMIN, worker_input(jember_village), TODAY)
    with db.session() as s, pytest.raises(ValidationError) as raised:
        correct_worker(s, ADMIN, saved.id, changes, TODAY)
    assert fields_of(raised.value) == expected
    with db.session() as s:
        worker = s.get(Worker, saved.id)
        assert worker is not None
        assert worker.full_name == "Siti Rahayu"
        assert count(s, AuditEntry) == 1


@given(
    birth=st.dates(date(1930, 1, 1), date(2025, 12, 31)),
    sex=st.sampled_from(["M", "F"]),
    serial=st.integers(1, 9999),
)
def test_a_nik_agrees_with_the_facts_it_was_made_from(birth: date, sex: str, serial: int) -> None:
    nik = parse_nik(make_nik("350901", birth, sex, serial), date(2026, 1, 1))
    assert nik_warnings(nik, birth, sex) == ()
    other = "F" if sex == "M" else "M"
    assert [w.code for w in nik_warnings(nik, birth, other)] == ["nik.sex_mismatch"]
    if birth.day < 28:
        shifted = birth.replace(day=birth.day + 1)
        codes = [w.code for w in nik_warnings(nik, shifted, sex)]
        assert codes == ["nik.birth_date_mismatch"]
