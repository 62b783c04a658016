"""Worker corrections keep the old values: field, old and new value, who, when and why,
append-only, read through the gate on the profile (both backends)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from lindung.errors import ValidationError
from lindung.exchange.gate import AccessGate
from lindung.exchange.registry_datasets import WORKER_CORRECTIONS, WORKERS
from lindung.registry.reads import RegistryReader
from lindung.registry.workers import correct_worker, register_worker
from lindung.store.database import Database
from lindung.store.models import AuditEntry, WorkerCorrection
from registry.conftest import ADMIN, FLOTIM, JEMBER, TODAY, count, worker_input


def test_each_correction_keeps_the_old_and_new_values_and_history_grows(
    db: Database, gate: AccessGate, jember_village: str
) -> None:
    with db.session() as s:
        saved = register_worker(s, JEMBER, worker_input(jember_village), TODAY)
    with db.session() as s:
        correct_worker(
            s,
            JEMBER,
            saved.id,
            {"full_name": "Siti Rahayu Ningsih", "birth_date": "2000-02-15", "reason": "akta"},
            TODAY,
        )
    with db.session() as s:
        correct_worker(s, ADMIN, saved.id, {"full_name": "Siti Rahayu", "reason": "KTP"}, TODAY)
    profile = RegistryReader(db, gate, ADMIN).worker_profile(saved.id).require()
    seen = [(c["field"], c["old"], c["new"], c["corrected_by"]) for c in profile.corrections]
    assert len(seen) == 3
    assert sorted(seen[:2]) == [
        ("birth_date", date(2000, 2, 14), date(2000, 2, 15), "jember"),
        ("full_name", "Siti Rahayu", "Siti Rahayu Ningsih", "jember"),
    ]
    assert seen[2] == ("full_name", "Siti Rahayu Ningsih", "Siti Rahayu", "admin")
    assert {c["reason"] for c in profile.corrections} == {"akta", "KTP"}
    assert all(c["corrected_at"] for c in profile.corrections)
    with db.session() as s:
        # the audit log names the fields, never the values
        entries = s.scalars(select(AuditEntry)).all()
        text = " ".join(repr(e.details) + repr(e.fields) for e in entries)
        assert "Ningsih" not in text
        assert "2000-02-15" not in text
        rows = s.scalars(select(WorkerCorrection).order_by(WorkerCorrection.id)).all()
        assert [r.old_value for r in rows if r.field == "birth_date"] == ["2000-02-14"]


def test_a_refused_correction_keeps_no_history(db: Database, jember_village: str) -> None:
    with db.session() as s:
        saved = register_worker(s, ADMIN, worker_input(jember_village), TODAY)
    with db.session() as s, pytest.raises(ValidationError):
        correct_worker(s, ADMIN, saved.id, {"full_name": "Siti X", "birth_date": "x"}, TODAY)
    with db.session() as s:
        assert count(s, WorkerCorrection) == 0


def test_an_officer_of_another_region_cannot_read_the_history(
    db: Database, gate: AccessGate, jember_village: str
) -> None:
    with db.session() as s:
        saved = register_worker(s, ADMIN, worker_input(jember_village), TODAY)
    with db.session() as s:
        correct_worker(s, ADMIN, saved.id, {"phone": "0813-1111-2222", "reason": "HP"}, TODAY)
    outcome = RegistryReader(db, gate, FLOTIM).worker_profile(saved.id)
    assert outcome.refusal is not None
    found = RegistryReader(db, gate, JEMBER).worker_profile(saved.id).require()
    assert [(c["field"], c["old"], c["new"]) for c in found.corrections] == [
        ("phone", "+6281234567890", "+6281311112222")
    ]


def test_old_values_are_masked_as_the_field_itself() -> None:
    """Each personal worker field's old and new values sit in a column of the
    corrections dataset with the field's own mask; non-personal ones stay plain."""
    by_name = {f.name: f for f in WORKER_CORRECTIONS.fields}
    for spec in WORKERS.fields:
        group = spec.mask if spec.personal else "plain"
        for side in ("old", "new"):
            column = by_name[f"{side}_{group}"]
            assert column.personal == spec.personal
            if spec.personal:
                assert column.mask == spec.mask
