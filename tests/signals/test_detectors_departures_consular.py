"""Irregular departures and the missions' consular registrations (lapor diri): a
citizen registered as living in the destination is not raised, one registered there
as a worker is raised higher (docs/signals.md, "Consular registrations")."""

from __future__ import annotations

from datetime import date
from typing import Any

from lindung.domain import consular
from lindung.domain.identity.nik import make_nik
from lindung.signals.detectors.departures import RULE
from lindung.store.database import Database
from support.consular_departures import BIRTH, EXIT
from support.consular_departures import registered as _registered
from support.signals import RunSignals, World, departures_by_crossing, reason_of


def _exit(w: World, passport: str, nik: str | None = None, country: str = "MY") -> int:
    """An unregistered exit by sea (Nunukan) to Malaysia unless told otherwise."""
    return w.crossing(EXIT, country=country, birth=BIRTH, passport=passport, nik=nik).id


def _scenario(w: World) -> dict[str, Any]:
    w.person(("registry", w.worker().id))  # a registry and a linkage to compare with
    ids: dict[str, Any] = {}
    # a student registered in Malaysia, by passport, after a sea exit: not raised
    ids["student"] = _exit(w, "C1000001")
    _registered(w, "MY", consular.STUDENT, passport="C1000001")
    # a homemaker registered in Malaysia a year BEFORE the exit (going back): not raised
    ids["homemaker"] = _exit(w, "C1000002")
    _registered(w, "MY", consular.HOMEMAKER, passport="C1000002", on=date(2025, 2, 1))
    # registered by NIK only (the registration carries no passport): not raised
    nik = make_nik("530601", BIRTH, "F", 901)
    ids["by_nik"] = _exit(w, "C1000003", nik=nik)
    _registered(w, "MY", consular.OWN_BUSINESS, nik=nik)
    # a student registered in Malaysia, but the exit is to Singapore: raised
    ids["other_country"] = _exit(w, "C1000004", country="SG")
    _registered(w, "MY", consular.STUDENT, passport="C1000004")
    # another passport number: no bearing
    ids["other_passport"] = _exit(w, "C1000005")
    _registered(w, "MY", consular.STUDENT, passport="C9999999")
    # registered as a plantation worker: raised, higher
    ids["worker"] = _exit(w, "C1000006")
    ids["worker_registration"] = _registered(
        w, "MY", "Pekerja Perkebunan ", passport="C1000006", mission="KJRI Kota Kinabalu"
    ).id
    # a professional with an employer is wage work: raised, higher
    ids["professional"] = _exit(w, "C1000007")
    _registered(w, "MY", consular.PROFESSIONAL, passport="C1000007")
    # a homemaker AND a worker registration: the worker one wins, raised
    ids["both"] = _exit(w, "C1000008")
    _registered(w, "MY", consular.HOMEMAKER, passport="C1000008")
    _registered(w, "MY", "PENATA LAKSANA RUMAH TANGGA", passport="C1000008")
    # an occupation outside the vocabulary says nothing: raised as plain
    ids["unknown"] = _exit(w, "C1000009")
    _registered(w, "MY", "LAINNYA", passport="C1000009")
    # a registration made after the run date is not known yet: raised as plain
    ids["later"] = _exit(w, "C1000010")
    _registered(w, "MY", consular.STUDENT, passport="C1000010", on=date(2026, 9, 1))
    # matched by passport number and NIK at once: listed once, saying both
    both_nik = make_nik("530601", BIRTH, "F", 902)
    ids["both_keys"] = _exit(w, "C1000012", nik=both_nik)
    _registered(w, "MY", "PEKERJA KONSTRUKSI", passport="C1000012", nik=both_nik)
    # the reference: the same exit, no registration
    ids["plain"] = _exit(w, "C1000011")
    return ids


def test_residents_registered_in_the_destination_are_not_raised_workers_are_raised_higher(
    db: Database, build: Any, run: RunSignals
) -> None:
    ids = build(_scenario)
    run()
    found = departures_by_crossing(db)
    assert not {ids["student"], ids["homemaker"], ids["by_nik"]} & set(found)
    raised = (
        "other_country", "other_passport", "worker", "professional", "both", "unknown",
        "both_keys",
    )  # fmt: skip
    assert {ids[k] for k in (*raised, "later", "plain")} <= set(found)

    plain = found[ids["plain"]]
    for key in ("worker", "professional", "both"):
        signal = found[ids[key]]
        assert reason_of(signal, "registered_as_worker_abroad")["weight"] == (
            RULE.registered_as_worker_weight
        )
        assert signal.risk_score == min(
            1.0, round(plain.risk_score + RULE.registered_as_worker_weight, 4)
        )
    for key in ("other_country", "other_passport", "unknown", "later"):
        assert reason_of(found[ids[key]], "registered_as_worker_abroad") is None
    for key in ("other_passport", "unknown", "later"):  # Malaysia by sea, as the plain exit
        assert found[ids[key]].risk_score == plain.risk_score
    worker = found[ids["worker"]]
    assert reason_of(worker, "registered_as_worker_abroad")["params"] == {
        "jobs": "PEKERJA PERKEBUNAN",
        "matched_by": "passport_number",
    }
    assert worker.evidence["facts"]["registered_abroad"] == [
        {
            "key": ids["worker_registration"],
            "source": "consular_registrations",
            "mission": "KJRI Kota Kinabalu",
            "status": "PEKERJA PERKEBUNAN",
            "kind": "worker",
            "date": "2026-03-01",
            "matched_by": "passport_number",
        }
    ]
    assert worker.evidence["rule"]["registered_abroad_by"] == ["passport_number", "nik"]
    assert plain.evidence["facts"]["registered_abroad"] == []
    (twice,) = found[ids["both_keys"]].evidence["facts"]["registered_abroad"]
    assert twice["matched_by"] == "nik, passport_number"
    kinds = {r["kind"] for r in found[ids["both"]].evidence["facts"]["registered_abroad"]}
    assert kinds == {"worker", "not_a_placement"}


def test_without_consular_registrations_the_type_is_still_computed(
    db: Database, build: Any, run: RunSignals
) -> None:
    def scenario(w: World) -> int:
        w.person(("registry", w.worker().id))
        return _exit(w, "C2000001")

    exit_id = build(scenario)
    summary = run()
    assert "irregular_departure" not in summary.not_computed
    signal = departures_by_crossing(db)[exit_id]
    assert signal.evidence["rule"]["registered_abroad_by"] == []
    assert signal.evidence["facts"]["registered_abroad"] == []


def test_a_registered_worker_not_cleared_stays_raised_whatever_the_registration(
    db: Database, build: Any, run: RunSignals
) -> None:
    from lindung.domain.lifecycle import PlacementStatus

    def scenario(w: World) -> int:
        worker = w.worker(birth=BIRTH)
        w.placement(worker, PlacementStatus.REGISTERED, registered_on=date(2025, 12, 1))
        crossing = w.crossing(EXIT, birth=BIRTH, passport="C3000001")
        w.person(("registry", worker.id), ("border_crossings", crossing.id))
        _registered(w, "MY", consular.STUDENT, passport="C3000001")
        return crossing.id

    exit_id = build(scenario)
    run()
    signal = departures_by_crossing(db)[exit_id]
    assert reason_of(signal, "not_cleared") is not None
    assert reason_of(signal, "registered_as_worker_abroad") is None


def test_the_vocabulary_keeps_work_and_residence_apart() -> None:
    assert not consular.NOT_A_PLACEMENT.keys() & consular.WORKER_JOBS
    assert consular.PROFESSIONAL in consular.WORKER_JOBS
    assert consular.is_not_a_placement(" pelajar/mahasiswa")
    assert not consular.is_not_a_placement(consular.PROFESSIONAL)
    assert not consular.is_worker_job(None)
    for status in consular.NOT_A_PLACEMENT.values():
        assert status.basis_id.startswith("UU 18/2017")
        assert status.basis_en.startswith("Law 18/2017")


def test_the_registered_as_worker_reason_reads_in_both_languages() -> None:
    from lindung.signals.inbox import reason_text

    params = {"jobs": "PEKERJA PERKEBUNAN", "matched_by": "passport_number, person"}
    indonesian = reason_text("registered_as_worker_abroad", params, "id")
    assert indonesian.startswith("Lapor diri")
    assert "cocok lewat nomor paspor, nama dan data diri yang tertaut" in indonesian
    english = reason_text("registered_as_worker_abroad", params, "en")
    assert english.startswith("Registered at a mission")
    assert "PEKERJA PERKEBUNAN" in english
    assert "matched by passport number, linked name and identity" in english
