"""Under-age candidates and travellers; birth date and sex discrepancies."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from lindung.domain.lifecycle import PlacementStatus as S
from lindung.store.database import Database
from lindung.store.models import Signal
from support.signals import RunSignals, World, signals_of

REGISTERED = date(2025, 6, 1)


def _scenario(w: World) -> dict[str, Any]:
    # "claims 22, actually 16": the NIK keeps the true birth date
    forged = w.worker(birth=date(2003, 1, 1), nik_birth=date(2009, 5, 5))
    w.placement(forged, S.REGISTERED, registered_on=REGISTERED)
    # a registry typo makes her 16, but the NIK (recorded first) says 30
    typo = w.worker(birth=date(2009, 1, 1), nik_birth=date(1995, 1, 1))
    w.placement(typo, S.REGISTERED, registered_on=REGISTERED)
    # consistent adult, passport two weeks off (within the 31-day tolerance)
    adult = w.worker(birth=date(1995, 3, 4))
    w.passport(adult, date(1995, 3, 20))
    w.placement(adult, S.REGISTERED, registered_on=REGISTERED)
    # the passport says two years older: a discrepancy, not under age
    older = w.worker(birth=date(1995, 3, 4))
    w.passport(older, date(1993, 3, 4))
    # the NIK says male, the registry female
    sex = w.worker(birth=date(1990, 1, 1), sex="F", nik_sex="M")
    # the civil registry (same NIK) says another year
    civil = w.worker(birth=date(1992, 6, 1))
    w.civil(civil.nik, date(1988, 6, 1))
    # a child crossing to Malaysia, linked to nobody
    child = w.crossing(date(2026, 2, 1), birth=date(2010, 1, 1))
    w.person(("registry", adult.id))
    return {
        "forged": forged, "typo": typo, "adult": adult, "older": older, "sex": sex,
        "civil": civil, "child": child.id,
    }  # fmt: skip


def _by_key(db: Database, signal_type: str) -> dict[tuple[str, str], Signal]:
    return {(s.subject_kind, s.subject_key): s for s in signals_of(db, signal_type)}


def test_underage_by_any_source_with_every_age_side_by_side(
    db: Database, build: Any, run: RunSignals
) -> None:
    rows = build(_scenario)
    run()
    found = _by_key(db, "underage")
    forged = found[("worker", str(rows["forged"].id))]
    assert forged.severity == "high"
    ages = {r["source"]: r["facts"]["age"] for r in forged.evidence["records"][1:]}
    assert ages == {"registry": 22, "registry_nik": 16}
    assert forged.evidence["facts"]["event"] == "registration"
    assert forged.evidence["conflicts"][0]["field"] == "age"
    assert rows["forged"].nik not in json.dumps(forged.evidence)
    assert "2009-05-05" not in json.dumps(forged.evidence)

    typo = found[("worker", str(rows["typo"].id))]
    assert typo.severity == "medium"  # only a later source says under 18

    child = found[("record", f"border_crossings:{rows['child']}")]
    assert child.evidence["facts"]["event"] == "departure"
    assert child.evidence["facts"]["min_age"] == 16

    assert ("worker", str(rows["adult"].id)) not in found
    assert len(found) == 3


def test_discrepancies_beyond_the_tolerance_and_sex(
    db: Database, build: Any, run: RunSignals
) -> None:
    rows = build(_scenario)
    run()
    found = _by_key(db, "age_discrepancy")
    forged = found[("worker", str(rows["forged"].id))]
    assert forged.severity == "high"  # under 18 on registration by the youngest source
    assert forged.evidence["facts"]["youngest_age_at_registration"] == 16
    older = found[("worker", str(rows["older"].id))]
    assert older.severity == "medium"
    years = {v["source"]: v["value"] for v in older.evidence["conflicts"][0]["values"]}
    assert years == {"registry": "1995", "registry_nik": "1995", "passport_mrz": "1993"}
    sex = found[("worker", str(rows["sex"].id))]
    assert [c["field"] for c in sex.evidence["conflicts"]] == ["sex"]
    assert {r["code"] for r in sex.risk_reasons} == {"sex_differs"}
    civil = found[("worker", str(rows["civil"].id))]
    assert "civil_registry" in {r["source"] for r in civil.evidence["records"]}
    # the adult's passport is 16 days off: inside the tolerance; linked adult is a person
    assert ("person", str(rows["adult"].id)) not in found
    assert not [s for s in found.values() if s.worker_id == rows["adult"].id]
    assert len(found) == 5  # forged, typo, older, sex, civil


def test_a_wider_tolerance_drops_the_smaller_discrepancies(
    db: Database, build: Any, run: RunSignals
) -> None:
    build(_scenario)
    run(birth_date_tolerance_days=3 * 366)
    kept = {s.worker_id for s in signals_of(db, "age_discrepancy")}
    assert len(kept) == 4  # the two-year passport difference is inside three years
