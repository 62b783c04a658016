"""Returnees: workers due reintegration support, and returns no agency reported.

- ``reintegration_due``: a placement returned (or repatriated) on or before the
  run's date, within :attr:`ReturnRule.months` months of it, with no reintegration
  record. One signal per worker (the latest such return).
- ``unreported_return``: an arrival crossing from the placement's country, by the
  person of a worker whose placement was still abroad (departed, working,
  extended) on the run's date, after the placement's departure, at least
  :attr:`ReturnRule.grace_days` days before the run's date (time for the agency to
  report), and not followed by another exit to that country (home leave).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lindung.domain.signals import SignalType
from lindung.signals import sql
from lindung.signals.detector import Detector, DetectorContext
from lindung.signals.detectors.children import abroad_sql

RETURN_STAGES = ("returned", "repatriated")


@dataclass(frozen=True)
class ReturnRule:
    months: int = 12
    grace_days: int = 14


def _due(rule: ReturnRule) -> Callable[[DetectorContext], str]:
    def query(ctx: DetectorContext) -> str:
        as_of = sql.day(ctx.as_of)
        score, reasons = sql.reasons(
            [
                ("no_reintegration", "true", 0.5,
                 f"json_object('months', {rule.months}, 'return_date', returned_on)"),
                ("repatriated", "stage = 'repatriated'", 0.4, "'{}'"),
            ]
        )  # fmt: skip
        return f"""
        WITH on_date AS (
          SELECT p.id AS placement_id, p.worker_id, p.agency_id, p.country_code,
                 {as_of} AS on_day,
                 coalesce(p.returned_on, (SELECT max(s.occurred_on) FROM stage_changes s
                   WHERE s.placement_id = p.id AND s.status IN {sql.texts(RETURN_STAGES)}))
                   AS returned_on
          FROM placement_orders p
        ),
        staged AS ({sql.stage_on("on_date", ("placement_id",))}),
        due AS (
          SELECT s.* FROM staged s
          WHERE s.stage IN {sql.texts(RETURN_STAGES)} AND s.returned_on IS NOT NULL
            AND s.returned_on <= {as_of}
            AND s.returned_on > {as_of} - INTERVAL {rule.months} MONTH
            AND NOT EXISTS (SELECT 1 FROM reintegrations r WHERE r.placement_id = s.placement_id)
          QUALIFY row_number() OVER (PARTITION BY s.worker_id
                                     ORDER BY s.returned_on DESC, s.placement_id DESC) = 1
        ),
        scored AS (SELECT *, {score} AS score, {reasons} AS reasons FROM due)
        SELECT 'worker' AS subject_kind, CAST(s.worker_id AS VARCHAR) AS subject_key,
               po.person_id, s.worker_id, s.agency_id, w.origin_village_code AS region_code,
               s.country_code, NULL AS ppln, 'registry' AS primary_source,
               s.worker_id AS primary_key,
               CASE WHEN s.stage = 'repatriated' THEN 'high' ELSE 'medium' END AS severity,
               s.score AS risk_score, s.reasons AS risk_reasons,
               CAST(to_json(struct_pack(
                 records := [struct_pack(source := 'placements', key := s.placement_id,
                   role := 'returned_placement', match_probability := NULL,
                   facts := struct_pack(stage := s.stage, return_date := s.returned_on,
                     country := s.country_code))],
                 facts := struct_pack(return_date := s.returned_on, stage := s.stage,
                   country := s.country_code, agency_id := s.agency_id,
                   village := w.origin_village_code),
                 rule := struct_pack(id := 'reintegration_due', months := {rule.months}),
                 conflicts := []
               )) AS VARCHAR) AS evidence
        FROM scored s JOIN workers w ON w.id = s.worker_id
        LEFT JOIN person_of po ON po.source = 'registry' AND po.record_key = s.worker_id"""  # noqa: S608

    return query


def _unreported(rule: ReturnRule) -> Callable[[DetectorContext], str]:
    def query(ctx: DetectorContext) -> str:
        as_of = sql.day(ctx.as_of)
        score, reasons = sql.reasons(
            [
                ("arrival_not_reported", "true", 0.6,
                 "json_object('arrival_date', arrival_date, 'days', days_since)"),
                ("long_unreported", "days_since > 90", 0.3, "json_object('days', days_since)"),
            ]
        )  # fmt: skip
        return f"""
        WITH {abroad_sql(ctx)},
        crossings AS (
          SELECT c.id, c.direction, c.crossing_date, c.origin_country, c.destination_country,
                 po.person_id
          FROM border_crossings c
          JOIN person_of po ON po.source = 'border_crossings' AND po.record_key = c.id
        ),
        arrivals AS (
          SELECT a.worker_id, a.placement_id, a.country_code, p.agency_id, x.id AS crossing_id,
                 x.crossing_date AS arrival_date, x.person_id,
                 date_diff('day', x.crossing_date, {as_of}) AS days_since
          FROM abroad a
          JOIN placements pl ON pl.id = a.placement_id
          JOIN placement_orders p ON p.id = a.placement_id
          JOIN person_of pw ON pw.source = 'registry' AND pw.record_key = a.worker_id
          JOIN crossings x ON x.person_id = pw.person_id AND x.direction = 'arrival'
            AND x.origin_country = a.country_code
          WHERE x.crossing_date > coalesce(pl.departed_on, pl.registered_on)
            AND x.crossing_date <= {as_of} - INTERVAL {rule.grace_days} DAY
            AND NOT EXISTS (
              SELECT 1 FROM crossings y WHERE y.person_id = x.person_id
                AND y.direction = 'departure' AND y.destination_country = a.country_code
                AND y.crossing_date >= x.crossing_date)
          QUALIFY row_number() OVER (PARTITION BY a.worker_id
                                     ORDER BY x.crossing_date DESC, x.id DESC) = 1
        ),
        scored AS (SELECT *, {score} AS score, {reasons} AS reasons FROM arrivals)
        SELECT 'worker' AS subject_kind, CAST(s.worker_id AS VARCHAR) AS subject_key,
               s.person_id, s.worker_id, s.agency_id, w.origin_village_code AS region_code,
               s.country_code, NULL AS ppln, 'registry' AS primary_source,
               s.worker_id AS primary_key,
               CASE WHEN s.days_since > 90 THEN 'high' ELSE 'medium' END AS severity,
               s.score AS risk_score, s.reasons AS risk_reasons,
               CAST(to_json(struct_pack(
                 records := [
                   struct_pack(source := 'border_crossings', key := s.crossing_id,
                     role := 'arrival', match_probability := NULL,
                     facts := struct_pack(date := s.arrival_date,
                       country := s.country_code)),
                   struct_pack(source := 'placements', key := s.placement_id,
                     role := 'placement_abroad', match_probability := NULL,
                     facts := struct_pack(date := NULL::DATE,
                       country := s.country_code))],
                 facts := struct_pack(arrival_date := s.arrival_date, days := s.days_since,
                   country := s.country_code, agency_id := s.agency_id,
                   village := w.origin_village_code),
                 rule := struct_pack(id := 'unreported_return', grace_days := {rule.grace_days}),
                 conflicts := []
               )) AS VARCHAR) AS evidence
        FROM scored s JOIN workers w ON w.id = s.worker_id"""  # noqa: S608

    return query


RULE = ReturnRule()

DETECTORS = (
    Detector(SignalType.REINTEGRATION_DUE, needs=("placements",), query=_due(RULE)),
    Detector(
        SignalType.UNREPORTED_RETURN,
        needs=("placements", "border_crossings", "person_records", "linkage:registry-imigrasi"),
        query=_unreported(RULE),
    ),
)

REASON_LABELS: dict[str, tuple[str, str]] = {
    "no_reintegration": (
        "Pulang {return_date}, belum ada catatan reintegrasi (batas {months} bulan)",
        "Returned {return_date}, no reintegration record (within {months} months)",
    ),
    "repatriated": ("Dipulangkan (repatriasi)", "Repatriated"),
    "arrival_not_reported": (
        "Tiba di Indonesia {arrival_date} ({days} hari lalu), kepulangan belum dilaporkan",
        "Arrived in Indonesia {arrival_date} ({days} days ago), return not reported",
    ),
    "long_unreported": (
        "Belum dilaporkan selama {days} hari",
        "Not reported for {days} days",
    ),
}
