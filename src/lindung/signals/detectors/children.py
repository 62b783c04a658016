"""Children left behind: family members recorded as children, under 18 on the run's
date, of a worker abroad on that date (a placement departed, working or extended
and not returned), with no caregiver recorded, or whose other parent (the worker's
spouse, when the spouse is a registered worker too) is abroad as well.

Subject: the family member. Region: the child's village, else the worker's origin
village.
"""

from __future__ import annotations

from lindung.domain.signals import SignalType
from lindung.signals import sql
from lindung.signals.detector import Detector, DetectorContext

ADULT_AGE = 18
#: a child younger than this left without a recorded caregiver is high severity
YOUNG_CHILD_AGE = 12


def abroad_sql(ctx: DetectorContext) -> str:
    """CTEs ending in ``abroad``: (worker_id, placement_id, country_code) of every
    placement in a stage abroad on the run's date."""
    return f"""
    on_date AS (
      SELECT id AS placement_id, worker_id, country_code, {sql.day(ctx.as_of)} AS on_day
      FROM placement_orders
    ),
    staged_on_date AS ({sql.stage_on("on_date", ("placement_id",))}),
    abroad AS (
      SELECT worker_id, placement_id, country_code FROM staged_on_date
      WHERE stage IN {sql.texts(sql.ABROAD_STAGES)}
    )"""  # noqa: S608


def _query(ctx: DetectorContext) -> str:
    score, reasons = sql.reasons(
        [
            ("no_caregiver", "NOT caregiver_recorded", 0.5, "'{}'"),
            ("both_parents_abroad", "other_parent_abroad", 0.4,
             "json_object('countries', countries)"),
            ("young_child", f"age < {YOUNG_CHILD_AGE}", 0.2, "json_object('age', age)"),
        ]
    )  # fmt: skip
    return f"""
    WITH {abroad_sql(ctx)},
    parents AS (
      SELECT worker_id, list(DISTINCT country_code ORDER BY country_code) AS countries,
             list(DISTINCT placement_id ORDER BY placement_id) AS placements
      FROM abroad GROUP BY worker_id
    ),
    spouses_abroad AS (
      SELECT f.worker_id, min(f.spouse_worker_id) AS spouse_worker_id,
             list(DISTINCT a.country_code ORDER BY a.country_code) AS countries
      FROM family_members f JOIN abroad a ON a.worker_id = f.spouse_worker_id
      WHERE f.relation = 'spouse' GROUP BY f.worker_id
    ),
    children AS (
      SELECT f.id, f.worker_id, f.birth_date, f.caregiver_relation IS NOT NULL
               AS caregiver_recorded,
             f.caregiver_relation, coalesce(f.village_code, w.origin_village_code) AS village,
             age_years(f.birth_date, {sql.day(ctx.as_of)}) AS age, p.placements,
             s.spouse_worker_id,
             s.spouse_worker_id IS NOT NULL AS other_parent_abroad,
             list_sort(list_distinct(list_concat(p.countries, coalesce(s.countries, []))))
               AS countries
      FROM family_members f
      JOIN parents p ON p.worker_id = f.worker_id
      JOIN workers w ON w.id = f.worker_id
      LEFT JOIN spouses_abroad s ON s.worker_id = f.worker_id
      WHERE f.relation = 'child' AND f.birth_date IS NOT NULL
        AND f.birth_date <= {sql.day(ctx.as_of)}
        AND age_years(f.birth_date, {sql.day(ctx.as_of)}) < {ADULT_AGE}
    ),
    flagged AS (
      SELECT * FROM children WHERE NOT caregiver_recorded OR other_parent_abroad
    ),
    scored AS (SELECT *, {score} AS score, {reasons} AS reasons FROM flagged)
    SELECT 'family_member' AS subject_kind, CAST(id AS VARCHAR) AS subject_key,
           NULL AS person_id, worker_id, NULL AS agency_id, village AS region_code,
           countries[1] AS country_code, NULL AS ppln,
           'family_members' AS primary_source, id AS primary_key,
           CASE WHEN (NOT caregiver_recorded AND (age < {YOUNG_CHILD_AGE}
                      OR other_parent_abroad)) THEN 'high'
                WHEN NOT caregiver_recorded THEN 'medium' ELSE 'low' END AS severity,
           score AS risk_score, reasons AS risk_reasons,
           CAST(to_json(struct_pack(
             records := [
               struct_pack(source := 'family_members', key := id, role := 'child',
                 match_probability := NULL,
                 facts := struct_pack(age := age, birth_year := year(birth_date))),
               struct_pack(source := 'registry', key := worker_id, role := 'parent_abroad',
                 match_probability := NULL,
                 facts := struct_pack(age := NULL::INTEGER, birth_year := NULL::INTEGER))]
               || CASE WHEN spouse_worker_id IS NULL THEN [] ELSE [
               struct_pack(source := 'registry', key := spouse_worker_id,
                 role := 'other_parent_abroad', match_probability := NULL,
                 facts := struct_pack(age := NULL::INTEGER, birth_year := NULL::INTEGER))]
               END,
             facts := struct_pack(age := age, birth_year := year(birth_date),
               caregiver_recorded := caregiver_recorded,
               caregiver_relation := caregiver_relation,
               other_parent_abroad := other_parent_abroad, countries := countries,
               placements := placements, village := village),
             rule := struct_pack(id := 'children_left_behind', threshold := {ADULT_AGE},
               abroad_stages := {list(sql.ABROAD_STAGES)}),
             conflicts := []
           )) AS VARCHAR) AS evidence
    FROM scored"""  # noqa: S608


DETECTORS = (
    Detector(
        SignalType.CHILDREN_LEFT_BEHIND,
        needs=("family_members", "placements"),
        query=_query,
    ),
)

REASON_LABELS: dict[str, tuple[str, str]] = {
    "no_caregiver": ("Tidak ada pengasuh tercatat", "No caregiver recorded"),
    "both_parents_abroad": (
        "Kedua orang tua di luar negeri ({countries})",
        "Both parents abroad ({countries})",
    ),
    "young_child": ("Anak kecil: {age} tahun", "Young child: {age} years"),
}
