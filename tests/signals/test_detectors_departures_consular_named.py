"""Irregular departures once the crossings <-> lapor diri pairing
(``imigrasi-lapor-diri``) has run: a registration that shares no passport number or
NIK with the crossing reaches the exit through the traveller's person (route
``person``), with the same rule as the other routes (docs/signals.md, "Consular
registrations"); the guard keeps registrations off registered workers' persons."""

from __future__ import annotations

from typing import Any

import pytest

from lindung.linkage import persons
from lindung.signals.detectors.departures import RULE
from lindung.store.database import Database
from support.consular_departures import named_exits
from support.signals import RunSignals, departures_by_crossing, reason_of


def test_before_the_pairing_a_registration_without_passport_or_nik_says_nothing(
    db: Database, build: Any, run: RunSignals
) -> None:
    ids = build(lambda w: named_exits(w, linked=False))
    run()
    found = departures_by_crossing(db)
    assert {ids[k] for k in ("resident", "worker_job", "elsewhere", "plain")} <= set(found)
    resident = found[ids["resident"]]
    assert resident.evidence["facts"]["registered_abroad"] == []
    assert resident.evidence["rule"]["registered_abroad_by"] == ["passport_number", "nik"]
    assert reason_of(found[ids["worker_job"]], "registered_as_worker_abroad") is None
    assert found[ids["worker_job"]].risk_score == found[ids["plain"]].risk_score
    both = reason_of(found[ids["both"]], "registered_as_worker_abroad")
    assert both["params"]["matched_by"] == "passport_number"


def test_once_linked_a_resident_is_cleared_and_a_worker_job_raises_the_score(
    db: Database, build: Any, run: RunSignals
) -> None:
    ids = build(lambda w: named_exits(w, linked=True))
    run()
    found = departures_by_crossing(db)
    assert ids["resident"] not in found
    assert {ids[k] for k in ("worker_job", "both", "elsewhere", "plain", "worker")} <= set(found)
    plain = found[ids["plain"]]
    worker_job = found[ids["worker_job"]]
    assert reason_of(worker_job, "registered_as_worker_abroad")["params"] == {
        "jobs": "PEKERJA PERKEBUNAN",
        "matched_by": "person",
    }
    assert worker_job.risk_score == min(
        1.0, round(plain.risk_score + RULE.registered_as_worker_weight, 4)
    )
    (registration,) = worker_job.evidence["facts"]["registered_abroad"]
    assert registration["key"] == ids["worker_job_registration"]
    assert registration["matched_by"] == "person"
    assert worker_job.evidence["rule"]["registered_abroad_by"] == [
        "passport_number",
        "nik",
        "person",
    ]
    (twice,) = found[ids["both"]].evidence["facts"]["registered_abroad"]
    assert twice["matched_by"] == "passport_number, person"
    # a registration in another country than the exit's destination has no bearing
    assert found[ids["elsewhere"]].evidence["facts"]["registered_abroad"] == []
    assert found[ids["elsewhere"]].risk_score == plain.risk_score


def test_the_guard_keeps_a_registration_off_a_registered_workers_person(
    db: Database, build: Any, run: RunSignals
) -> None:
    ids = build(lambda w: named_exits(w, linked=True))
    run()
    with db.session() as session:
        worker = persons.person_of(session, "registry", ids["worker_id"])
        own = persons.person_of(session, "border_crossings", ids["worker"])
        registration = persons.person_of(
            session, "consular_registrations", ids["worker_registration"]
        )
    assert worker == own
    assert registration is not None
    assert registration != worker
    signal = departures_by_crossing(db)[ids["worker"]]
    assert signal.worker_id == ids["worker_id"]
    assert reason_of(signal, "not_cleared") is not None
    assert signal.evidence["facts"]["registered_abroad"] == []


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_person_route_reads_in_words(language: str) -> None:
    from lindung.signals.inbox import reason_text

    text = reason_text(
        "registered_as_worker_abroad", {"jobs": "PENGEMUDI", "matched_by": "person"}, language
    )
    words = "nama dan data diri yang tertaut" if language == "id" else "linked name and identity"
    assert words in text
    assert "person" not in text


def test_a_reason_stored_without_a_later_parameter_reads_without_placeholders() -> None:
    from lindung.signals.inbox import reason_text

    # stored before the detector named how the registration matched
    text = reason_text("registered_as_worker_abroad", {"jobs": "PENGEMUDI"}, "en")
    assert "PENGEMUDI" in text
    assert "{" not in text
    assert "matched by –" in text
