"""Under-age candidates and travellers, and birth date or sex discrepancies.

Birth dates are gathered per subject (a linked person; a registry worker or a
crossing no linkage run gave a person) from every source: the registry's stated
birth date (``registry``), the date its NIK encodes (``registry_nik``), the
passport MRZ (``passport_mrz``), the civil registry (``civil_registry``, linked by
person or else by the same NIK), and border crossings (``border_crossings`` and
the crossing's NIK, ``crossing_nik``).

- ``underage``: under 18 by at least one source on a registration date (a
  placement's ``registered_on``) or an exit crossing date; one signal per subject,
  for the earliest such event, with every source's age on that day side by side.
  Severity is high when the earliest-recorded source (:data:`SOURCE_ORDER`: civil
  registry, then the NIK, then the passport, the registry, the crossing) says under
  18, medium when only a later one does.
- ``age_discrepancy``: birth dates of the registry, the NIK, the MRZ and the civil
  registry further apart than ``birth_date_tolerance_days``, or sexes that differ.
  High when the youngest source puts the worker under 18 on registration (the
  generator's falsified ages: "claims 20, actually 15").
"""

from __future__ import annotations

from lindung.domain.signals import SignalType
from lindung.signals import sql
from lindung.signals.detector import Detector, DetectorContext

ADULT_AGE = 18
#: Sources in the order their birth dates were first recorded (most trusted first).
SOURCE_ORDER = (
    "civil_registry",
    "registry_nik",
    "crossing_nik",
    "passport_mrz",
    "registry",
    "border_crossings",
)
#: Exits followed by a return within this many days are trips, not departures (as in
#: the departure rule); only exits to placement countries count.
ROUND_TRIP_DAYS = 30
#: Sources compared for discrepancies (a crossing's stated date is a traveller's claim).
COMPARED = ("registry", "registry_nik", "passport_mrz", "civil_registry")


def _rank(column: str) -> str:
    cases = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(SOURCE_ORDER))
    return f"CASE {column} {cases} END"


def reports_sql(ctx: DetectorContext) -> str:
    """CTEs ``wsub``, ``xsub``, ``reports`` (subject, source, record, birth, sex),
    ``events`` (registrations and exits per subject) and ``subject_info``."""
    ref = sql.day(ctx.as_of)
    return f"""
    wsub AS (
      SELECT w.id AS worker_id, po.person_id,
             CASE WHEN po.person_id IS NULL THEN 'worker' ELSE 'person' END AS kind,
             CAST(coalesce(po.person_id, w.id) AS VARCHAR) AS key,
             w.nik, w.birth_date, w.sex, w.origin_village_code
      FROM workers w LEFT JOIN person_of po ON po.source = 'registry' AND po.record_key = w.id
    ),
    xsub AS (
      SELECT c.id AS crossing_id, po.person_id,
             CASE WHEN po.person_id IS NULL THEN 'record' ELSE 'person' END AS kind,
             coalesce(CAST(po.person_id AS VARCHAR), 'border_crossings:' || c.id) AS key,
             c.nik, c.birth_date, c.sex, c.direction, c.crossing_date, c.destination_country
      FROM border_crossings c
      LEFT JOIN person_of po ON po.source = 'border_crossings' AND po.record_key = c.id
    ),
    csub AS (
      SELECT DISTINCT * FROM (
        SELECT 'person' AS kind, CAST(pc.person_id AS VARCHAR) AS key, pc.person_id,
               r.id, r.birth_date, r.sex, r.village_code
        FROM civil_registry_records r
        JOIN person_of pc ON pc.source = 'civil_registry' AND pc.record_key = r.id
        UNION ALL
        SELECT s.kind, s.key, s.person_id, r.id, r.birth_date, r.sex, r.village_code
        FROM civil_registry_records r JOIN wsub s ON s.nik = r.nik
        WHERE NOT EXISTS (SELECT 1 FROM person_of pc
                          WHERE pc.source = 'civil_registry' AND pc.record_key = r.id))
    ),
    reports AS (
      SELECT * FROM (
        SELECT kind, key, 'registry' AS source, worker_id AS rkey, birth_date AS birth, sex
        FROM wsub
        UNION ALL
        SELECT kind, key, 'registry_nik', worker_id, nik_birth(nik, {ref}), nik_sex(nik)
        FROM wsub
        UNION ALL
        SELECT s.kind, s.key, 'passport_mrz', p.id, mrz_birth(p.mrz, {ref}), mrz_sex(p.mrz)
        FROM passports p JOIN wsub s ON s.worker_id = p.worker_id
        UNION ALL
        SELECT kind, key, 'civil_registry', id, birth_date, sex FROM csub
        UNION ALL
        SELECT kind, key, 'border_crossings', crossing_id, birth_date, sex FROM xsub
        UNION ALL
        SELECT kind, key, 'crossing_nik', crossing_id, nik_birth(nik, {ref}), nik_sex(nik)
        FROM xsub)
      WHERE birth IS NOT NULL OR sex IS NOT NULL
    ),
    events AS (
      SELECT s.kind, s.key, 'registration' AS event, p.registered_on AS on_day,
             'placements' AS source, p.id AS rkey, p.agency_id, p.country_code
      FROM placement_orders p JOIN wsub s ON s.worker_id = p.worker_id
      UNION ALL
      SELECT kind, key, 'departure', crossing_date, 'border_crossings', crossing_id, NULL,
             destination_country
      FROM xsub WHERE direction = 'departure'
        AND destination_country IN {sql.placement_countries()}
        AND crossing_id NOT IN ({sql.round_trips(ROUND_TRIP_DAYS)})
    ),
    subject_info AS (
      SELECT kind, key, any_value(person_id) AS person_id, min(worker_id) AS worker_id,
             min(village) AS village
      FROM (
        SELECT kind, key, person_id, worker_id, origin_village_code AS village FROM wsub
        UNION ALL
        SELECT kind, key, person_id, NULL, {sql.region_of_nik("nik")} FROM xsub
        UNION ALL
        SELECT kind, key, person_id, NULL, village_code FROM csub)
      GROUP BY kind, key
    )"""  # noqa: S608


def _underage(ctx: DetectorContext) -> str:
    score, reasons = sql.reasons(
        [
            ("under_18", f"min_age < {ADULT_AGE}", 0.5,
             "json_object('age', min_age, 'event', event)"),
            ("under_18_earliest_source", f"primary_age < {ADULT_AGE}", 0.3,
             "json_object('source', primary_source, 'age', primary_age)"),
            ("very_young", "min_age < 16", 0.2, "json_object('age', min_age)"),
        ]
    )  # fmt: skip
    return f"""
    WITH {reports_sql(ctx)},
    ages AS (
      SELECT e.kind, e.key, e.event, e.on_day, e.source AS event_source, e.rkey AS event_key,
             e.agency_id, e.country_code, r.source, r.rkey, age_years(r.birth, e.on_day) AS age,
             year(r.birth) AS birth_year
      FROM events e JOIN reports r USING (kind, key)
      WHERE r.birth IS NOT NULL AND r.birth <= e.on_day
    ),
    under AS (
      SELECT * FROM (
        SELECT kind, key, event, on_day, event_source, event_key FROM ages
        GROUP BY kind, key, event, on_day, event_source, event_key
        HAVING min(age) < {ADULT_AGE})
      QUALIFY row_number() OVER (PARTITION BY kind, key
                                 ORDER BY on_day, event_source, event_key) = 1
    ),
    chosen AS (
      SELECT u.kind, u.key, u.event, u.on_day, u.event_source, u.event_key,
             any_value(a.agency_id) AS agency_id, any_value(a.country_code) AS country_code,
             min(a.age) AS min_age,
             arg_min(a.age, ({_rank("a.source")}, a.rkey)) AS primary_age,
             arg_min(a.source, ({_rank("a.source")}, a.rkey)) AS primary_source,
             count(DISTINCT a.age) > 1 AS ages_differ,
             list(struct_pack(source := a.source, key := a.rkey, value := a.age)
                  ORDER BY a.source, a.rkey) AS age_values,
             list(struct_pack(source := a.source, key := a.rkey, role := 'birth_report',
                  match_probability := NULL,
                  facts := struct_pack(age := a.age, birth_year := a.birth_year))
                  ORDER BY a.source, a.rkey) AS records
      FROM under u JOIN ages a ON a.kind = u.kind AND a.key = u.key
        AND a.event_source = u.event_source AND a.event_key = u.event_key
      GROUP BY u.kind, u.key, u.event, u.on_day, u.event_source, u.event_key
    ),
    scored AS (SELECT *, {score} AS score, {reasons} AS reasons FROM chosen)
    SELECT s.kind AS subject_kind, s.key AS subject_key, i.person_id, i.worker_id,
           s.agency_id, i.village AS region_code, s.country_code, NULL AS ppln,
           CASE WHEN i.worker_id IS NOT NULL THEN 'registry' ELSE 'border_crossings' END
             AS primary_source,
           CASE WHEN i.worker_id IS NOT NULL THEN i.worker_id
                WHEN s.event_source = 'border_crossings' THEN s.event_key END AS primary_key,
           CASE WHEN s.primary_age < {ADULT_AGE} THEN 'high' ELSE 'medium' END AS severity,
           s.score AS risk_score, s.reasons AS risk_reasons,
           CAST(to_json(struct_pack(
             records := list_concat([struct_pack(source := s.event_source, key := s.event_key,
               role := s.event, match_probability := NULL,
               facts := struct_pack(age := NULL::INTEGER, birth_year := NULL::INTEGER))],
               s.records),
             facts := struct_pack(event := s.event, event_date := s.on_day,
               min_age := s.min_age, earliest_source := s.primary_source,
               earliest_source_age := s.primary_age, village := i.village,
               agency_id := s.agency_id),
             rule := struct_pack(id := 'underage', threshold := {ADULT_AGE},
               source_order := {list(SOURCE_ORDER)}),
             conflicts := CASE WHEN s.ages_differ
               THEN [struct_pack(field := 'age', "values" := s.age_values)] ELSE [] END
           )) AS VARCHAR) AS evidence
    FROM scored s JOIN subject_info i USING (kind, key)"""  # noqa: S608


def _discrepancy(ctx: DetectorContext) -> str:
    tolerance = ctx.birth_date_tolerance_days
    score, reasons = sql.reasons(
        [
            ("birth_date_spread", f"spread_days > {tolerance}", 0.4,
             "json_object('days', spread_days, 'tolerance', " + str(tolerance) + ")"),
            ("sex_differs", "sex_differs", 0.3, "'{}'"),
            ("under_18_at_registration", f"youngest_age_at_registration < {ADULT_AGE}", 0.3,
             "json_object('age', youngest_age_at_registration)"),
        ]
    )  # fmt: skip
    ref = sql.day(ctx.as_of)
    return f"""
    WITH {reports_sql(ctx)},
    registered AS (
      SELECT kind, key, min(on_day) AS first_registration,
             arg_min(agency_id, (on_day, rkey)) AS agency_id
      FROM events WHERE event = 'registration' GROUP BY kind, key
    ),
    compared AS (
      SELECT kind, key,
             date_diff('day', min(birth), max(birth)) AS spread_days,
             count(DISTINCT sex) > 1 AS sex_differs, max(birth) AS youngest_birth,
             list(struct_pack(source := source, key := rkey,
                  value := CAST(year(birth) AS VARCHAR)) ORDER BY source, rkey)
               FILTER (WHERE birth IS NOT NULL) AS year_values,
             list(struct_pack(source := source, key := rkey,
                  value := CAST(age_years(birth, {ref}) AS VARCHAR)) ORDER BY source, rkey)
               FILTER (WHERE birth IS NOT NULL) AS age_values,
             list(struct_pack(source := source, key := rkey, value := sex)
                  ORDER BY source, rkey) FILTER (WHERE sex IS NOT NULL) AS sex_values,
             list(struct_pack(source := source, key := rkey, role := 'birth_report',
                  match_probability := NULL,
                  facts := struct_pack(age := age_years(birth, {ref}),
                    birth_year := year(birth), sex := sex)) ORDER BY source, rkey) AS records
      FROM reports WHERE source IN {sql.texts(COMPARED)}
      GROUP BY kind, key
      HAVING date_diff('day', min(birth), max(birth)) > {tolerance} OR count(DISTINCT sex) > 1
    ),
    joined AS (
      SELECT c.*, g.first_registration, g.agency_id,
             age_years(c.youngest_birth, g.first_registration) AS youngest_age_at_registration
      FROM compared c LEFT JOIN registered g USING (kind, key)
    ),
    scored AS (SELECT *, {score} AS score, {reasons} AS reasons FROM joined)
    SELECT s.kind AS subject_kind, s.key AS subject_key, i.person_id, i.worker_id,
           s.agency_id, i.village AS region_code, NULL AS country_code, NULL AS ppln,
           CASE WHEN i.worker_id IS NOT NULL THEN 'registry' END AS primary_source,
           i.worker_id AS primary_key,
           CASE WHEN s.youngest_age_at_registration < {ADULT_AGE} THEN 'high'
                WHEN s.spread_days > 365 OR s.sex_differs THEN 'medium' ELSE 'low' END
             AS severity,
           s.score AS risk_score, s.reasons AS risk_reasons,
           CAST(to_json(struct_pack(
             records := s.records,
             facts := struct_pack(difference_days := s.spread_days,
               sex_differs := s.sex_differs,
               youngest_age_at_registration := s.youngest_age_at_registration,
               village := i.village, agency_id := s.agency_id),
             rule := struct_pack(id := 'age_discrepancy', tolerance_days := {tolerance},
               compared := {list(COMPARED)}),
             conflicts := list_filter([
               CASE WHEN s.spread_days > {tolerance}
                 THEN struct_pack(field := 'birth_year', "values" := s.year_values) END,
               CASE WHEN s.spread_days > {tolerance}
                 THEN struct_pack(field := 'age', "values" := s.age_values) END,
               CASE WHEN s.sex_differs
                 THEN struct_pack(field := 'sex', "values" := s.sex_values) END],
               lambda c: c IS NOT NULL)
           )) AS VARCHAR) AS evidence
    FROM scored s JOIN subject_info i USING (kind, key)"""  # noqa: S608


_AGE_NEEDS = ("workers",)

DETECTORS = (
    Detector(SignalType.UNDERAGE, needs=_AGE_NEEDS, query=_underage),
    Detector(SignalType.AGE_DISCREPANCY, needs=_AGE_NEEDS, query=_discrepancy),
)

REASON_LABELS: dict[str, tuple[str, str]] = {
    "under_18": (
        "Di bawah 18 tahun ({age} tahun) pada {event}",
        "Under 18 ({age} years) on {event}",
    ),
    "under_18_earliest_source": (
        "Sumber paling awal ({source}) menyatakan {age} tahun",
        "The earliest-recorded source ({source}) says {age} years",
    ),
    "very_young": ("Sangat muda: {age} tahun", "Very young: {age} years"),
    "birth_date_spread": (
        "Tanggal lahir berbeda {days} hari (toleransi {tolerance})",
        "Birth dates {days} days apart (tolerance {tolerance})",
    ),
    "sex_differs": ("Jenis kelamin berbeda antar sumber", "Sex differs between sources"),
    "under_18_at_registration": (
        "Menurut sumber termuda, {age} tahun saat pendaftaran",
        "By the youngest source, {age} years at registration",
    ),
}
