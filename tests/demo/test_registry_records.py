"""The registry's records agree with each placement's lifecycle, and the planted
violations are exactly the ones listed in the ground truth (checked set-based in
DuckDB over the generated files, the way the policy engine will read the store)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any

import duckdb
import pytest

from lindung.demo import DemoSummary
from lindung.demo.costs import ITEMS, ZERO_COST_JOB_TYPES
from lindung.domain.lifecycle import PlacementStatus, can_move
from support.demo_data import registry, truth

REGISTRY_TABLES = [
    "workers",
    "placements",
    "job_orders",
    "job_order_costs",
    "placement_documents",
    "placement_events",
    "health_checks",
    "competence_certificates",
    "social_security_memberships",
    "agencies",
    "agency_licence_events",
    "agency_sanctions",
    "family_members",
    "enrolments",
    "training_programmes",
    "orientations",
    "passports",
]
#: The milestone (status) each Pasal 13 document belongs to.
DOCUMENT_STAGE = {
    "marital_status_letter": "documents_complete",
    "family_permission": "documents_complete",
    "passport": "documents_complete",
    "competence_certificate": "trained",
    "health_certificate": "medically_fit",
    "placement_agreement": "contracts_signed",
    "employment_contract": "contracts_signed",
    "work_visa": "visa_issued",
}


@pytest.fixture(scope="module")
def sql(demo: DemoSummary) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name in REGISTRY_TABLES:
        path = demo.path("registry", name).as_posix()
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
    for name in ("placement_violations", "job_order_violations", "child_protection"):
        path = demo.path("ground_truth", name).as_posix()
        con.execute(f"CREATE VIEW truth_{name} AS SELECT * FROM read_parquet('{path}')")
    return con


def _ids(con: duckdb.DuckDBPyConnection, query: str) -> set[int]:
    return {row[0] for row in con.execute(query).fetchall()}


def _planted(con: duckdb.DuckDBPyConnection, kind: str) -> set[int]:
    return _ids(
        con, f"SELECT placement_id FROM truth_placement_violations WHERE violation = '{kind}'"
    )


def test_every_kind_is_planted_and_listed_once(sql: duckdb.DuckDBPyConnection) -> None:
    counts = dict(
        sql.execute(
            "SELECT violation, count(*) FROM truth_placement_violations GROUP BY 1"
        ).fetchall()
    )
    assert set(counts) >= {
        "under_age", "fee_on_exempt_job", "missing_document", "expired_document",
        "tourist_visa", "health_expired", "competence_mismatch", "no_social_security",
    }  # fmt: skip
    assert all(count >= 3 for kind, count in counts.items() if kind != "agency_suspended_moves")
    rows = sql.execute(
        "SELECT count(*), count(DISTINCT placement_id) FROM truth_placement_violations"
    )
    total, distinct = rows.fetchone() or (0, 0)
    assert total == distinct


def test_event_sequences_follow_the_lifecycle_and_end_at_the_status(demo: DemoSummary) -> None:
    events: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for event in registry(demo, "placement_events"):
        events[event["placement_id"]].append(event)
    placements = registry(demo, "placements")
    assert set(events) == {p["id"] for p in placements}
    for p in placements:
        moves = [e for e in events[p["id"]] if e["kind"] == "transition"]
        assert moves[0]["from_status"] is None
        assert moves[0]["to_status"] == "registered"
        assert moves[0]["occurred_on"] == p["registered_on"]
        for before, after in itertools.pairwise(moves):
            assert after["from_status"] == before["to_status"], p
            here, there = PlacementStatus(after["from_status"]), PlacementStatus(after["to_status"])
            assert can_move(here, there), (here, there)
            assert after["occurred_on"] >= before["occurred_on"]
        assert moves[-1]["to_status"] == p["status"]
        assert all((e["recorded_by"], e["source"]) == ("demo", "demo") for e in events[p["id"]])
        departures = [e["occurred_on"] for e in events[p["id"]] if e["kind"] == "departure"]
        assert departures == ([p["departed_on"]] if p["departed_on"] else [])


def test_documents_are_issued_by_their_milestone_and_before_departure(
    sql: duckdb.DuckDBPyConnection,
) -> None:
    stage = " ".join(f"WHEN '{kind}' THEN '{to}'" for kind, to in DOCUMENT_STAGE.items())
    late = sql.execute(
        f"""
        SELECT d.placement_id, d.kind FROM placement_documents d
        JOIN placements p ON p.id = d.placement_id
        LEFT JOIN placement_events e ON e.placement_id = d.placement_id
             AND e.kind = 'transition' AND e.to_status = CASE d.kind {stage} END
        WHERE e.id IS NULL OR d.issued_on > e.occurred_on OR d.verified_on > e.occurred_on
           OR d.verified_on < d.issued_on OR d.issued_on > p.departed_on
        """
    ).fetchall()
    assert late == []


def test_passport_documents_are_the_workers_passports(sql: duckdb.DuckDBPyConnection) -> None:
    unmatched = sql.execute(
        """
        SELECT d.id FROM placement_documents d JOIN placements p ON p.id = d.placement_id
        LEFT JOIN passports s ON s.worker_id = p.worker_id AND s.number = d.number
             AND s.issued_on = d.issued_on AND s.expires_on = d.expires_on
        WHERE d.kind = 'passport' AND s.id IS NULL
        """
    ).fetchall()
    assert unmatched == []


def test_under_age_placements_are_exactly_the_planted_ones(
    sql: duckdb.DuckDBPyConnection, demo: DemoSummary
) -> None:
    as_of = demo.config.as_of.isoformat()
    minors = _ids(
        sql,
        f"""
        SELECT p.id FROM placements p JOIN workers w ON w.id = p.worker_id
        WHERE (p.departed_on IS NOT NULL AND p.departed_on < w.birth_date + INTERVAL 18 YEAR)
           OR (p.status = 'oriented' AND DATE '{as_of}' < w.birth_date + INTERVAL 18 YEAR)
        """,
    )
    assert minors == _planted(sql, "under_age")


def test_fees_on_exempt_jobs_are_exactly_the_planted_ones(sql: duckdb.DuckDBPyConnection) -> None:
    jobs = ", ".join(f"'{j}'" for j in sorted(ZERO_COST_JOB_TYPES))
    items = ", ".join(f"'{i}'" for i in ITEMS)
    charged = _ids(
        sql,
        f"""
        SELECT p.id FROM job_order_costs c JOIN job_orders o ON o.id = c.job_order_id
        JOIN placements p ON p.job_order_id = o.id
        WHERE c.charged_to = 'worker' AND o.job_type IN ({jobs}) AND c.item IN ({items})
        """,
    )
    assert charged == _planted(sql, "fee_on_exempt_job")


def test_document_problems_at_departure_are_exactly_the_planted_ones(
    sql: duckdb.DuckDBPyConnection,
) -> None:
    missing = _ids(
        sql,
        """
        SELECT p.id FROM placements p LEFT JOIN placement_documents d ON d.placement_id = p.id
        WHERE p.departed_on IS NOT NULL GROUP BY p.id HAVING count(DISTINCT d.kind) < 8
        """,
    )
    assert missing == _planted(sql, "missing_document")
    expired = _ids(
        sql,
        """
        SELECT p.id FROM placements p JOIN placement_documents d ON d.placement_id = p.id
        WHERE d.kind = 'work_visa' AND d.expires_on < p.departed_on
        """,
    )
    assert expired == _planted(sql, "expired_document")
    tourist = _ids(
        sql,
        "SELECT placement_id FROM placement_documents "
        "WHERE kind = 'work_visa' AND subtype <> 'work'",
    )
    assert tourist == _planted(sql, "tourist_visa")


def test_health_competence_and_social_security_gaps_are_exactly_the_planted_ones(
    sql: duckdb.DuckDBPyConnection,
) -> None:
    unhealthy = _ids(
        sql,
        """
        SELECT p.id FROM placements p WHERE p.departed_on IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM health_checks h WHERE h.worker_id = p.worker_id AND h.kind = 'medical'
            AND h.result = 'fit' AND h.examined_on <= p.departed_on
            AND p.departed_on <= h.valid_until)
        """,
    )
    assert unhealthy == _planted(sql, "health_expired")
    unqualified = _ids(
        sql,
        """
        SELECT p.id FROM placements p JOIN job_orders o ON o.id = p.job_order_id
        WHERE p.departed_on IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM competence_certificates c WHERE c.worker_id = p.worker_id
            AND c.scheme = o.skill_scheme AND c.issued_on <= p.departed_on)
        """,
    )
    assert unqualified == _planted(sql, "competence_mismatch")
    uninsured = _ids(
        sql,
        """
        SELECT p.id FROM placements p WHERE p.departed_on IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM social_security_memberships m WHERE m.worker_id = p.worker_id
            AND m.valid_from <= p.departed_on AND p.departed_on <= m.valid_to)
        """,
    )
    assert uninsured == _planted(sql, "no_social_security")


def test_forward_moves_after_the_agency_lost_its_licence_are_exactly_the_planted_ones(
    sql: duckdb.DuckDBPyConnection,
) -> None:
    forward = ", ".join(f"'{s}'" for s in [*[s.value for s in PlacementStatus][1:9], "extended"])
    moved = _ids(
        sql,
        f"""
        WITH lost AS (SELECT agency_id, min(effective_on) AS day FROM agency_licence_events
                      WHERE status <> 'active' GROUP BY 1)
        SELECT DISTINCT p.id FROM placements p JOIN job_orders o ON o.id = p.job_order_id
        JOIN lost l ON l.agency_id = o.agency_id
        JOIN placement_events e ON e.placement_id = p.id AND e.kind = 'transition'
        WHERE e.to_status IN ({forward}) AND e.occurred_on >= l.day
          AND o.id NOT IN (SELECT job_order_id FROM truth_job_order_violations)
        """,
    )
    assert moved == _planted(sql, "agency_suspended_moves")
    suspended = _ids(
        sql,
        """
        SELECT p.id FROM placements p JOIN job_orders o ON o.id = p.job_order_id
        JOIN agencies a ON a.id = o.agency_id WHERE a.licence_status = 'suspended'
        """,
    )
    assert moved <= suspended


def test_licence_history_ends_in_the_current_status_with_its_sanction(
    sql: duckdb.DuckDBPyConnection,
) -> None:
    wrong = sql.execute(
        """
        WITH last AS (SELECT agency_id, arg_max(status, effective_on) AS status,
                             arg_max(sanction_id, effective_on) AS sanction
                      FROM agency_licence_events GROUP BY 1)
        SELECT a.id FROM agencies a JOIN last l ON l.agency_id = a.id
        LEFT JOIN agency_sanctions s ON s.id = l.sanction
        WHERE l.status <> a.licence_status
           OR (a.licence_status = 'suspended' AND s.kind IS DISTINCT FROM 'suspension')
           OR (a.licence_status = 'revoked' AND s.kind IS DISTINCT FROM 'revocation')
        """
    ).fetchall()
    assert wrong == []
    first = sql.execute(
        "SELECT count(*) FROM agencies a JOIN agency_licence_events e ON e.agency_id = a.id "
        "AND e.status = 'active' AND e.effective_on = a.licence_valid_from"
    ).fetchone()
    assert first is not None
    assert first[0] == sql.execute("SELECT count(*) FROM agencies").fetchone()[0]  # type: ignore[index]


def test_children_are_younger_than_their_parents_and_flags_match(
    sql: duckdb.DuckDBPyConnection, demo: DemoSummary
) -> None:
    too_old = sql.execute(
        """
        SELECT f.id FROM family_members f JOIN workers w ON w.id = f.worker_id
        WHERE f.relation = 'child' AND f.birth_date < w.birth_date + INTERVAL 15 YEAR
        """
    ).fetchall()
    assert too_old == []
    as_of = demo.config.as_of.isoformat()
    uncared = _ids(
        sql,
        f"""
        SELECT id FROM family_members WHERE relation = 'child' AND caregiver_relation IS NULL
        AND DATE '{as_of}' < birth_date + INTERVAL 18 YEAR
        """,
    )
    flags = {row["family_member_id"]: row["flag"] for row in truth(demo, "child_protection")}
    assert uncared == {i for i, flag in flags.items() if flag == "no_caregiver"}
    both = {i for i, flag in flags.items() if flag == "both_parents_abroad"}
    assert both
    spouses = sql.execute(
        "SELECT count(*) FROM family_members WHERE spouse_worker_id IS NOT NULL"
    ).fetchone()
    assert spouses is not None
    assert spouses[0] >= 1


def test_enrolments_match_the_training_milestone(sql: duckdb.DuckDBPyConnection) -> None:
    wrong = sql.execute(
        """
        SELECT n.id FROM enrolments n JOIN training_programmes t ON t.id = n.programme_id
        JOIN placements p ON p.worker_id = n.worker_id
        JOIN job_orders o ON o.id = p.job_order_id
        LEFT JOIN placement_events e ON e.placement_id = p.id AND e.to_status = 'trained'
        WHERE t.skill_scheme = o.skill_scheme AND t.language = o.language
          AND p.worker_id IN (SELECT worker_id FROM placements GROUP BY 1 HAVING count(*) = 1)
          AND ((n.status = 'completed') <> (e.id IS NOT NULL)
               OR n.completed_on > e.occurred_on OR n.enrolled_on > n.completed_on)
        """
    ).fetchall()
    assert wrong == []
