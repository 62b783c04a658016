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
from lindung.signals.detector import Detector, DetectorContext, SharedTable

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


# Subjects are keyed by two integers, ``k`` (0 a person, 1 a worker no linkage run gave a
# person, 2 such a crossing) and ``n`` (the person, worker or crossing id): joins and
# groupings over some ten million birth reports stay on integers. The subject's kind
# and key as stored (``person``/``worker``/``record``; ``<id>`` or
# ``border_crossings:<id>``) are made only for the signals found.
SUBJECT_KIND = "CASE {p}k WHEN 0 THEN 'person' WHEN 1 THEN 'worker' ELSE 'record' END"
SUBJECT_KEY = "CASE {p}k WHEN 2 THEN 'border_crossings:' || {p}n ELSE CAST({p}n AS VARCHAR) END"


def _workers(_ctx: DetectorContext) -> str:
    return """
      SELECT w.id AS worker_id, po.person_id,
             CAST(CASE WHEN po.person_id IS NULL THEN 1 ELSE 0 END AS UTINYINT) AS k,
             coalesce(po.person_id, w.id) AS n,
             w.nik, w.birth_date, w.sex, w.origin_village_code
      FROM workers w LEFT JOIN person_of po ON po.source = 'registry' AND po.record_key = w.id"""


def _crossings(_ctx: DetectorContext) -> str:
    return """
      SELECT c.id AS crossing_id, po.person_id,
             CAST(CASE WHEN po.person_id IS NULL THEN 2 ELSE 0 END AS UTINYINT) AS k,
             coalesce(po.person_id, c.id) AS n,
             c.nik, c.birth_date, c.sex, c.direction, c.crossing_date, c.destination_country
      FROM border_crossings c
      LEFT JOIN person_of po ON po.source = 'border_crossings' AND po.record_key = c.id"""


def _civil(_ctx: DetectorContext) -> str:
    return """
      SELECT DISTINCT * FROM (
        SELECT CAST(0 AS UTINYINT) AS k, pc.person_id AS n, pc.person_id,
               r.id, r.birth_date, r.sex, r.village_code
        FROM civil_registry_records r
        JOIN person_of pc ON pc.source = 'civil_registry' AND pc.record_key = r.id
        UNION ALL
        SELECT s.k, s.n, s.person_id, r.id, r.birth_date, r.sex, r.village_code
        FROM civil_registry_records r JOIN age_workers s ON s.nik = r.nik
        WHERE NOT EXISTS (SELECT 1 FROM person_of pc
                          WHERE pc.source = 'civil_registry' AND pc.record_key = r.id))"""


def _reports(ctx: DetectorContext) -> str:
    ref = sql.day(ctx.as_of)
    return f"""
      SELECT * FROM (
        SELECT k, n, 'registry' AS source, worker_id AS rkey, birth_date AS birth, sex
        FROM age_workers
        UNION ALL
        SELECT k, n, 'registry_nik', worker_id, nik_birth(nik, {ref}), nik_sex(nik)
        FROM age_workers
        UNION ALL
        SELECT s.k, s.n, 'passport_mrz', p.id, mrz_birth(p.mrz, {ref}), mrz_sex(p.mrz)
        FROM passports p JOIN age_workers s ON s.worker_id = p.worker_id
        UNION ALL
        SELECT k, n, 'civil_registry', id, birth_date, sex FROM age_civil
        UNION ALL
        SELECT k, n, 'border_crossings', crossing_id, birth_date, sex FROM age_crossings
        UNION ALL
        SELECT k, n, 'crossing_nik', crossing_id, nik_birth(nik, {ref}), nik_sex(nik)
        FROM age_crossings)
      WHERE birth IS NOT NULL OR sex IS NOT NULL"""  # noqa: S608


def _events(_ctx: DetectorContext) -> str:
    return f"""
      SELECT s.k, s.n, 'registration' AS event, p.registered_on AS on_day,
             'placements' AS source, p.id AS rkey, p.agency_id, p.country_code
      FROM placement_orders p JOIN age_workers s ON s.worker_id = p.worker_id
      UNION ALL
      SELECT k, n, 'departure', crossing_date, 'border_crossings', crossing_id, NULL,
             destination_country
      FROM age_crossings WHERE direction = 'departure'
        AND destination_country IN {sql.placement_countries()}
        AND crossing_id NOT IN ({sql.round_trips(ROUND_TRIP_DAYS)})"""  # noqa: S608


#: The birth reports and events of every subject, made once for the detectors that read
#: them (``age_reports``: subject, source, record, birth, sex; ``age_events``:
#: registrations and exits per subject).
SHARED = (
    SharedTable("age_workers", _workers),
    SharedTable("age_crossings", _crossings),
    SharedTable("age_civil", _civil),
    SharedTable("age_reports", _reports),
    SharedTable("age_events", _events),
)


def subject_info_sql(wanted: str) -> str:
    """CTE ``subject_info``: per subject of ``wanted`` (a CTE with ``k``, ``n``) its
    person, lowest worker id and lowest village over every source."""
    return f"""
    subject_info AS (
      SELECT k, n, any_value(person_id) AS person_id, min(worker_id) AS worker_id,
             min(village) AS village
      FROM (
        SELECT k, n, person_id, worker_id, origin_village_code AS village
        FROM age_workers SEMI JOIN {wanted} USING (k, n)
        UNION ALL
        SELECT k, n, person_id, NULL, {sql.region_of_nik("nik")}
        FROM age_crossings SEMI JOIN {wanted} USING (k, n)
        UNION ALL
        SELECT k, n, person_id, NULL, village_code FROM age_civil SEMI JOIN {wanted} USING (k, n))
      GROUP BY k, n
    )"""  # noqa: S608


def under_age_sql(age: str = "r.birth") -> str:
    """The join of events and birth reports on which some source is under 18 (SQL
    ``FROM ... WHERE``), with ``e`` the event and ``r`` the report."""
    return f"""
      FROM age_events e JOIN age_reports r ON r.k = e.k AND r.n = e.n
      WHERE {age} IS NOT NULL AND {age} <= e.on_day
        AND age_years({age}, e.on_day) < {ADULT_AGE}"""


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
    WITH under AS (
      SELECT * FROM (
        SELECT DISTINCT e.k, e.n, e.event, e.on_day, e.source AS event_source,
               e.rkey AS event_key {under_age_sql()})
      QUALIFY row_number() OVER (PARTITION BY k, n ORDER BY on_day, event_source, event_key) = 1
    ),
    ages AS (
      SELECT u.k, u.n, u.event, u.on_day, u.event_source, u.event_key, e.agency_id,
             e.country_code, r.source, r.rkey, age_years(r.birth, e.on_day) AS age,
             year(r.birth) AS birth_year
      FROM under u
      JOIN age_events e ON e.k = u.k AND e.n = u.n AND e.source = u.event_source
        AND e.rkey = u.event_key
      JOIN age_reports r ON r.k = u.k AND r.n = u.n
      WHERE r.birth IS NOT NULL AND r.birth <= e.on_day
    ),
    chosen AS (
      SELECT k, n, event, on_day, event_source, event_key,
             any_value(agency_id) AS agency_id, any_value(country_code) AS country_code,
             min(age) AS min_age,
             arg_min(age, ({_rank("source")}, rkey)) AS primary_age,
             arg_min(source, ({_rank("source")}, rkey)) AS primary_source,
             count(DISTINCT age) > 1 AS ages_differ,
             list(struct_pack(source := source, key := rkey, value := age)
                  ORDER BY source, rkey) AS age_values,
             list(struct_pack(source := source, key := rkey, role := 'birth_report',
                  match_probability := NULL,
                  facts := struct_pack(age := age, birth_year := birth_year))
                  ORDER BY source, rkey) AS records
      FROM ages GROUP BY k, n, event, on_day, event_source, event_key
    ),
    scored AS (SELECT *, {score} AS score, {reasons} AS reasons FROM chosen),
    {subject_info_sql("scored")}
    SELECT {SUBJECT_KIND.format(p="s.")} AS subject_kind,
           {SUBJECT_KEY.format(p="s.")} AS subject_key, i.person_id, i.worker_id,
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
    FROM scored s JOIN subject_info i ON i.k = s.k AND i.n = s.n"""  # noqa: S608


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
    compared = f"FROM age_reports WHERE source IN {sql.texts(COMPARED)}"
    # found on bare aggregates first: the lists below are built for those subjects only
    return f"""
    WITH found AS (
      SELECT k, n {compared} GROUP BY k, n
      HAVING date_diff('day', min(birth), max(birth)) > {tolerance} OR min(sex) <> max(sex)
    ),
    registered AS (
      SELECT k, n, min(on_day) AS first_registration,
             arg_min(agency_id, (on_day, rkey)) AS agency_id
      FROM age_events SEMI JOIN found USING (k, n)
      WHERE event = 'registration' GROUP BY k, n
    ),
    compared AS (
      SELECT k, n,
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
      FROM (SELECT * {compared}) SEMI JOIN found USING (k, n)
      GROUP BY k, n
    ),
    joined AS (
      SELECT c.*, g.first_registration, g.agency_id,
             age_years(c.youngest_birth, g.first_registration) AS youngest_age_at_registration
      FROM compared c LEFT JOIN registered g USING (k, n)
    ),
    scored AS (SELECT *, {score} AS score, {reasons} AS reasons FROM joined),
    {subject_info_sql("scored")}
    SELECT {SUBJECT_KIND.format(p="s.")} AS subject_kind,
           {SUBJECT_KEY.format(p="s.")} AS subject_key, i.person_id, i.worker_id,
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
    FROM scored s JOIN subject_info i ON i.k = s.k AND i.n = s.n"""  # noqa: S608


_AGE_NEEDS = ("workers",)

DETECTORS = (
    Detector(SignalType.UNDERAGE, needs=_AGE_NEEDS, query=_underage, shared=SHARED),
    Detector(SignalType.AGE_DISCREPANCY, needs=_AGE_NEEDS, query=_discrepancy, shared=SHARED),
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
