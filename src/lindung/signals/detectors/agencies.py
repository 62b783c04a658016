"""Agency risk: per agency, the latest policy run's findings (by rule), irregular
departures linked to it (through the linked worker's placement for the
destination), under-age candidates (placements whose worker is under 18 on the
registration date by any source), complaints and sanctions.

The score reuses the registry's risk ranking weights (:mod:`lindung.registry.risk`:
violations per placement, sanctions in 3 years, complaints per 100 placements in 2
years, licence status) and adds :data:`IRREGULAR_WEIGHT` per linked irregular
departure and :data:`UNDERAGE_WEIGHT` per under-age candidate. ``risk_score`` maps
it to 0..1 (``score / (score + 50)``). An agency is signalled when it has a linked
irregular departure or under-age candidate, or its score reaches :data:`MIN_SCORE`.
"""

from __future__ import annotations

from lindung.domain.signals import SignalType
from lindung.registry.risk import (
    COMPLAINT_MIN_PLACEMENTS,
    COMPLAINT_WEIGHT,
    COMPLAINT_YEARS,
    ERROR_WEIGHT,
    LICENCE_POINTS,
    SANCTION_WEIGHTS,
    SANCTION_YEARS,
    WARNING_WEIGHT,
)
from lindung.signals import sql
from lindung.signals.detector import Detector, DetectorContext
from lindung.signals.detectors.ages import SHARED, under_age_sql
from lindung.signals.detectors.departures import RULE, exits_sql

IRREGULAR_WEIGHT = 5.0
UNDERAGE_WEIGHT = 10.0
MIN_SCORE = 20.0
#: record keys listed in the evidence per kind (the counts are complete)
LISTED = 20


_COLUMNS = {"licence": "licence_points"}


def _points(column: str, weights: dict[str, float]) -> str:
    cases = " ".join(f"WHEN '{k}' THEN {w}" for k, w in sorted(weights.items()))
    return f"CASE {column} {cases} ELSE 0.0 END"


def _components(ctx: DetectorContext) -> str:
    """CTEs ending in ``components``: per agency, each count the score is made of."""
    as_of = sql.day(ctx.as_of)
    return f"""
    placed AS (SELECT agency_id, count(*) AS n FROM placement_orders GROUP BY agency_id),
    found AS (
      SELECT agency_id,
             count(*) FILTER (WHERE severity = 'error') AS errors,
             count(*) FILTER (WHERE severity <> 'error') AS warnings,
             any_value(run_id) AS run_id
      FROM policy_findings GROUP BY agency_id
    ),
    by_rule AS (
      SELECT agency_id, list(struct_pack(rule := rule_id, severity := severity, n := n)
                             ORDER BY rule_id, severity) AS rules
      FROM (SELECT agency_id, rule_id, severity, count(*) AS n FROM policy_findings
            GROUP BY agency_id, rule_id, severity)
      GROUP BY agency_id
    ),
    irregular AS (
      SELECT agency_id, count(*) AS n, list(crossing_id ORDER BY crossing_id)[1:{LISTED}] AS keys
      FROM flagged WHERE agency_id IS NOT NULL GROUP BY agency_id
    ),
    underage AS (
      SELECT agency_id, count(*) AS n, list(rkey ORDER BY rkey)[1:{LISTED}] AS keys FROM (
        SELECT DISTINCT e.agency_id, e.rkey {under_age_sql()} AND e.event = 'registration')
      GROUP BY agency_id
    ),
    complained AS (
      SELECT agency_id, count(*) AS n FROM complaints
      WHERE received_on > {as_of} - INTERVAL {365 * COMPLAINT_YEARS} DAY
        AND received_on <= {as_of}
      GROUP BY agency_id
    ),
    sanctioned AS (
      SELECT agency_id, count(*) AS n, sum({_points("kind", SANCTION_WEIGHTS)}) AS points
      FROM agency_sanctions
      WHERE decided_on > {as_of} - INTERVAL {365 * SANCTION_YEARS} DAY
        AND decided_on <= {as_of}
      GROUP BY agency_id
    ),
    components AS (
      SELECT a.id AS agency_id, a.head_office_region_code AS region,
             a.licence_status, coalesce(p.n, 0) AS placements,
             coalesce(f.errors, 0) AS errors, coalesce(f.warnings, 0) AS warnings,
             f.run_id AS policy_run, coalesce(b.rules, []) AS rules,
             coalesce(i.n, 0) AS irregular, coalesce(i.keys, []) AS irregular_keys,
             coalesce(u.n, 0) AS underage, coalesce(u.keys, []) AS underage_keys,
             coalesce(c.n, 0) AS complaints, coalesce(s.n, 0) AS sanctions,
             coalesce(s.points, 0.0) AS sanctions_points,
             {_points("a.licence_status", LICENCE_POINTS)} AS licence_points
      FROM agencies a
      LEFT JOIN placed p ON p.agency_id = a.id LEFT JOIN found f ON f.agency_id = a.id
      LEFT JOIN by_rule b ON b.agency_id = a.id LEFT JOIN irregular i ON i.agency_id = a.id
      LEFT JOIN underage u ON u.agency_id = a.id LEFT JOIN complained c ON c.agency_id = a.id
      LEFT JOIN sanctioned s ON s.agency_id = a.id
    )"""  # noqa: S608


def _query(ctx: DetectorContext) -> str:
    reasons = [
        ("violations", "errors + warnings > 0", "json_object('errors', errors, "
         "'warnings', warnings, 'placements', placements)"),
        ("irregular_departures", "irregular > 0", "json_object('n', irregular)"),
        ("underage_candidates", "underage > 0", "json_object('n', underage)"),
        ("complaints", "complaints > 0", "json_object('n', complaints)"),
        ("sanctions", "sanctions > 0", "json_object('n', sanctions)"),
        ("licence", "licence_points > 0", "json_object('status', licence_status)"),
    ]  # fmt: skip
    reason_json = ", ".join(
        f"CASE WHEN {cond} THEN json_object('code', '{code}', 'weight', "
        f"round({column}, 2), 'params', {params}) END"
        for code, cond, params in reasons
        for column in [_COLUMNS.get(code, f"{code}_points")]
    )
    return f"""
    WITH {exits_sql(ctx, RULE)},
    {_components(ctx)},
    points AS (
      SELECT *,
        ({ERROR_WEIGHT} * errors + {WARNING_WEIGHT} * warnings) / greatest(placements, 1)
          AS violations_points,
        {IRREGULAR_WEIGHT} * irregular AS irregular_departures_points,
        {UNDERAGE_WEIGHT} * underage AS underage_candidates_points,
        {COMPLAINT_WEIGHT} * 100.0 * complaints
          / greatest(placements, {COMPLAINT_MIN_PLACEMENTS}) AS complaints_points
      FROM components
    ),
    scored AS (
      SELECT *, violations_points + irregular_departures_points + underage_candidates_points
                + complaints_points + sanctions_points + licence_points AS score
      FROM points
    ),
    signalled AS (
      SELECT * FROM scored WHERE irregular > 0 OR underage > 0 OR score >= {MIN_SCORE}
    )
    SELECT 'agency' AS subject_kind, CAST(agency_id AS VARCHAR) AS subject_key,
           NULL AS person_id, NULL AS worker_id, agency_id, region AS region_code,
           NULL AS country_code, NULL AS ppln, 'agencies' AS primary_source,
           agency_id AS primary_key,
           CASE WHEN underage > 0 OR irregular >= 3 OR score >= 50 THEN 'high'
                WHEN irregular > 0 OR score >= {MIN_SCORE} THEN 'medium' ELSE 'low' END
             AS severity,
           round(score / (score + 50.0), 4) AS risk_score,
           CAST(to_json(list_filter([{reason_json}], lambda r: r IS NOT NULL)) AS VARCHAR)
             AS risk_reasons,
           CAST(to_json(struct_pack(
             records := [struct_pack(source := 'agencies', key := agency_id, role := 'agency',
                                     match_probability := NULL)],
             facts := struct_pack(score := round(score, 2), placements := placements,
               errors := errors, warnings := warnings, findings_by_rule := rules,
               policy_run := policy_run, irregular_departures := irregular,
               irregular_crossings := irregular_keys, underage_candidates := underage,
               underage_placements := underage_keys, complaints := complaints,
               sanctions := sanctions, licence_status := licence_status),
             rule := struct_pack(id := 'agency_risk', min_score := {MIN_SCORE},
               irregular_weight := {IRREGULAR_WEIGHT}, underage_weight := {UNDERAGE_WEIGHT}),
             conflicts := []
           )) AS VARCHAR) AS evidence
    FROM signalled"""  # noqa: S608


DETECTORS = (
    Detector(SignalType.AGENCY_RISK, needs=("agencies", "placements"), query=_query, shared=SHARED),
)

REASON_LABELS: dict[str, tuple[str, str]] = {
    "violations": (
        "{errors} pelanggaran berat dan {warnings} peringatan pada {placements} penempatan",
        "{errors} serious violations and {warnings} warnings in {placements} placements",
    ),
    "irregular_departures": (
        "{n} keberangkatan non-prosedural terkait",
        "{n} linked non-procedural departures",
    ),
    "underage_candidates": ("{n} calon di bawah umur", "{n} under-age candidates"),
    "complaints": ("{n} pengaduan (2 tahun)", "{n} complaints (2 years)"),
    "sanctions": ("{n} sanksi (3 tahun)", "{n} sanctions (3 years)"),
    "licence": ("Status izin: {status}", "Licence status: {status}"),
}
