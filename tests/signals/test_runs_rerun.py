"""A second run over an unchanged store changes nothing; the evidence hash keeps its
definition; shared tables are made once; the run's DuckDB memory setting."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pytest
from sqlalchemy import func, select

from lindung.domain.lifecycle import PlacementStatus as S
from lindung.domain.signals import SignalType
from lindung.errors import ConfigurationError
from lindung.signals.compute import evidence_hash
from lindung.signals.detector import Detector, DetectorContext, SharedTable
from lindung.signals.runs import DEFAULT_MEMORY_LIMIT, connect, memory_limit
from lindung.store.database import Database
from lindung.store.models import Signal, SignalEvent, SignalRoute, Worker
from support.agreements import make_agreement
from support.signals import RunSignals, World


def _many_types(w: World) -> None:
    mother = w.worker()
    w.placement(mother, S.WORKING, registered_on=date(2025, 1, 1))
    w.child(mother, date(2018, 5, 1))  # children left behind
    girl = w.worker(birth=date(2003, 1, 1), nik_birth=date(2009, 5, 5))
    w.placement(girl, S.REGISTERED, registered_on=date(2025, 6, 1))  # under age, discrepancy
    early = w.worker()
    w.placement(early, S.VISA_ISSUED, registered_on=date(2025, 12, 1))
    exit_ = w.crossing(date(2026, 3, 1), birth=date(2006, 1, 1))  # irregular departure
    w.person(("registry", early.id), ("border_crossings", exit_.id))
    w.crossing(date(2026, 2, 1), birth=date(1990, 1, 1))  # unlinked exit
    back = w.worker()
    w.placement(back, S.RETURNED, registered_on=date(2024, 1, 1), returned_on=date(2026, 3, 1))
    signals = {("signals", "to_partner"): {"subject_key": "clear"}}
    make_agreement(w.session, "PKS/KA/1", "komnas-anak", ["child_protection"], signals)


def _stored(db: Database) -> dict[tuple[str, str, str], tuple[Any, ...]]:
    with db.session() as session:
        return {
            (s.signal_type, s.subject_kind, s.subject_key): (
                s.id, s.status, s.current, s.evidence, s.evidence_hash, s.first_run_id,
                s.severity, s.risk_score, s.risk_reasons, s.region_code,
            )
            for s in session.scalars(select(Signal))
        }  # fmt: skip


def _count(db: Database, model: type[Any]) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_second_run_over_the_same_store_changes_nothing(
    db: Database, build: Any, run: RunSignals
) -> None:
    build(_many_types)
    first = run()
    assert sum(c["raised"] for c in first.counts.values()) >= 6
    before, events, routes = _stored(db), _count(db, SignalEvent), _count(db, SignalRoute)
    assert routes > 0
    assert events == len(before)  # one "raised" event each

    second = run()
    for signal_type, counts in second.counts.items():
        assert counts == {"raised": 0, "updated": 0, "unchanged": first.current(signal_type),
                          "reopened": 0, "closed": 0, "suppressed": 0}, signal_type  # fmt: skip
    assert _stored(db) == before  # same rows, same ids, nothing duplicated
    assert _count(db, SignalEvent) == events  # no event for an unchanged signal
    assert _count(db, SignalRoute) == routes
    with db.session() as session:
        last = set(session.scalars(select(Signal.last_run_id)))
    assert last == {second.run_id}


def test_the_evidence_hash_is_the_sha256_of_the_canonical_json(
    db: Database, build: Any, run: RunSignals
) -> None:
    """The definition stored signals were hashed with: a change of it would reopen every
    dismissed signal at the next run."""
    build(_many_types)
    run()
    with db.session() as session:
        stored = session.scalars(select(Signal)).all()
        assert stored
        for signal in stored:
            assert signal.evidence_hash == evidence_hash(signal.evidence)


def test_shared_tables_are_made_once_and_dropped_after_their_last_reader(
    db: Database, build: Any, run: RunSignals
) -> None:
    build(_many_types)
    made: list[str] = []

    def numbers(_ctx: DetectorContext) -> str:
        made.append("numbers")
        return "SELECT id FROM workers"

    def reader(kind: str) -> Any:
        def query(_ctx: DetectorContext) -> str:
            return (
                f"SELECT '{kind}' AS subject_kind, CAST(id AS VARCHAR) AS subject_key, "
                "NULL AS person_id, id AS worker_id, NULL AS agency_id, NULL AS region_code, "
                "NULL AS country_code, NULL AS ppln, 'registry' AS primary_source, "
                "id AS primary_key, 'low' AS severity, 0.1 AS risk_score, "
                "'[]' AS risk_reasons, '{\"records\": []}' AS evidence FROM shared_numbers"
            )

        return query

    def after(_ctx: DetectorContext) -> str:
        return "SELECT * FROM shared_numbers"  # gone by now: the run fails

    shared = (SharedTable("shared_numbers", numbers),)
    detectors = {
        SignalType.UNDERAGE: Detector(SignalType.UNDERAGE, (), reader("worker"), shared=shared),
        SignalType.AGE_DISCREPANCY: Detector(
            SignalType.AGE_DISCREPANCY, (), reader("worker"), shared=shared
        ),
    }
    summary = run(detectors=detectors)
    assert made == ["numbers"]
    raised = [summary.counts[t]["raised"] for t in ("underage", "age_discrepancy")]
    assert raised[0] == raised[1] == _count(db, Worker) > 0  # both read the shared table
    child = SignalType.CHILDREN_LEFT_BEHIND
    detectors[child] = Detector(child, (), after)
    with pytest.raises(duckdb.CatalogException, match="shared_numbers"):
        run(detectors=detectors)


def test_the_memory_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.delenv("LINDUNG_SIGNALS_MEMORY_LIMIT", raising=False)
    assert memory_limit() == DEFAULT_MEMORY_LIMIT
    monkeypatch.setenv("LINDUNG_SIGNALS_MEMORY_LIMIT", "2GB")
    with connect(tmp_path) as con:
        settings = dict(con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN "
            "('memory_limit', 'enable_progress_bar', 'temp_directory')").fetchall())  # fmt: skip
    assert settings == {"memory_limit": "1.8 GiB", "enable_progress_bar": "false",
                        "temp_directory": str(tmp_path)}  # fmt: skip


def test_a_memory_setting_duckdb_cannot_read_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setenv("LINDUNG_SIGNALS_MEMORY_LIMIT", "5 parsecs")
    with pytest.raises(ConfigurationError) as raised:
        connect(tmp_path)
    [problem] = raised.value.problems
    assert problem.field == "LINDUNG_SIGNALS_MEMORY_LIMIT"
    assert "5GB" in problem.message("en")
