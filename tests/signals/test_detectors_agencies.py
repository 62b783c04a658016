"""Agency risk: findings, linked irregular departures, under-age candidates,
complaints and sanctions, with the evidence."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from lindung.domain.lifecycle import PlacementStatus as S
from lindung.store.database import Database
from lindung.store.models import AgencySanction
from support.oversight import agency, complaint, policy_run
from support.signals import RunSignals, World, signals_of


def _scenario(w: World) -> dict[str, int]:
    bad, clean = w.agency_id, agency(w.session, "PT Bersih").id
    early = w.worker()
    p1 = w.placement(early, S.CONTRACTS_SIGNED, registered_on=date(2025, 12, 1), agency_id=bad)
    exit_ = w.crossing(date(2026, 1, 15))
    w.person(("registry", early.id), ("border_crossings", exit_.id))
    girl = w.worker(birth=date(2003, 1, 1), nik_birth=date(2009, 5, 5))
    w.placement(girl, S.REGISTERED, registered_on=date(2025, 6, 1), agency_id=bad)
    fine = w.worker()
    w.placement(fine, S.WORKING, agency_id=clean)
    run = policy_run(w.session, [(p1.id, bad, "documents.visa", "error")])
    run.finished_at = datetime.now(UTC)
    complaint(w.session, bad, early.id, date(2026, 2, 1))
    w.session.add(
        AgencySanction(
            agency_id=bad,
            kind="warning",
            decided_on=date(2026, 3, 1),
            effective_from=date(2026, 3, 1),
            reason="test",
            recorded_by="test",
        )
    )
    return {"bad": bad, "clean": clean, "run": run.id, "placement": p1.id}


def test_agency_risk_with_its_reasons(db: Database, build: Any, run: RunSignals) -> None:
    rows = build(_scenario)
    summary = run()
    found = signals_of(db, "agency_risk")
    assert [s.agency_id for s in found] == [rows["bad"]]
    signal = found[0]
    facts = signal.evidence["facts"]
    assert facts["irregular_departures"] == 1
    assert facts["underage_candidates"] == 1
    assert facts["complaints"] == 1
    assert facts["sanctions"] == 1
    assert facts["policy_run"] == rows["run"]
    assert facts["findings_by_rule"] == [{"rule": "documents.visa", "severity": "error", "n": 1}]
    codes = {r["code"] for r in signal.risk_reasons}
    assert codes == {
        "violations", "irregular_departures", "underage_candidates", "complaints", "sanctions",
    }  # fmt: skip
    assert signal.severity == "high"
    assert 0 < signal.risk_score < 1
    assert summary.counts["agency_risk"]["raised"] == 1


def test_a_policy_run_after_the_date_is_not_read(db: Database, build: Any, run: RunSignals) -> None:
    rows = build(_scenario)
    summary = run(as_of=date(2026, 5, 31))  # the policy run is dated 2026-06-01
    assert summary.counts["agency_risk"]["raised"] == 1
    with db.session() as session:
        from lindung.store.models import SignalRun

        stored = session.get(SignalRun, summary.run_id)
        assert stored is not None
        assert stored.inputs["policy_run"] is None
    facts = signals_of(db, "agency_risk")[0].evidence["facts"]
    assert facts["policy_run"] is None
    assert facts["errors"] == 0
    del rows
