# ruff: noqa: S608  (SQL composed from constants, dates and the domain's tables only)
"""Overseas voter list (DPT LN) signals for Bawaslu, and the per-PPLN coverage table.

UU 7/2017 Pasal 198(1): a citizen abroad may vote when 17 or older on voting day or
married (now or before), and is listed exactly once, by the PPLN of where they live.
Election day is configuration (``LINDUNG_ELECTION_DAY``). The Kuala Lumpur 2024
failure was a list nobody could check against the people it should hold; these
signals check it against the registry, the civil registry and the linkage's persons
(definitions in :mod:`lindung.signals.detectors.voter_relations`):

- ``voter_missing``: a worker abroad on election day, eligible, whose person has no
  DPT LN row (one signal per worker; workers no linkage run has given a person yet
  are not judged, and are counted ``not_linked`` in the coverage table).
- ``voter_duplicate``: a person with several DPT LN rows, in one PPLN or in several
  (one signal per person; the evidence lists every row with its PPLN; high severity
  across PPLN, where one person could vote twice).
- ``voter_returned``: a DPT LN row of a person whose registry placements have all
  ended with a return before the run's date (and election day), with no departure
  since (no later placement, no linked departure crossing) and nothing abroad now.
- ``voter_ineligible``: a DPT LN row of a person under 17 on election day and never
  married, by the row itself or a linked civil-registry record; values that
  disagree between them are shown as conflicts and lower the severity. A row whose
  birth date is a placeholder day (01/01 or 31/12, :data:`PLACEHOLDER_DAYS`) gives
  only its year when a linked civil record of that year has the full date: its age
  is then shown (``placeholder_date``) but does not decide.

``ppln_coverage`` (no personal data): per PPLN and its country, the workers abroad
on election day whose destination it covers, how many are on the list (anywhere),
missing, not linked, the coverage share, and the list's rows, duplicate rows (rows
beyond a person's first), returned and ineligible rows.
"""

from __future__ import annotations

from lindung.domain.signals import SignalType
from lindung.signals.detector import Detector, DetectorContext
from lindung.signals.detectors.voter_relations import (
    NEVER_MARRIED,
    VOTING_AGE,
    age,
    with_clause,
)
from lindung.signals.sql import day

RULE = "uu_7_2017_pasal_198_1"
#: Days (MM-DD) the DPT LN writes for a birth date it does not know: such a row gives
#: only the year when a linked civil record of the same year has the full date.
PLACEHOLDER_DAYS = ("01-01", "12-31")

REASON_LABELS: dict[str, tuple[str, str]] = {
    "not_on_dpt_ln": (
        "Pekerja di luar negeri pada hari pemungutan suara ({election_day}) tidak terdaftar "
        "di DPT LN (PPLN {ppln}, {country})",
        "Worker abroad on election day ({election_day}) not on the DPT LN (PPLN {ppln}, {country})",
    ),
    "listed_twice_same_ppln": (
        "Terdaftar {entries} kali di DPT LN pada PPLN yang sama",
        "Listed {entries} times on the DPT LN in the same PPLN",
    ),
    "listed_in_several_ppln": (
        "Terdaftar di {pplns} PPLN berbeda ({entries} entri): dapat memilih lebih dari sekali",
        "Listed in {pplns} different PPLN ({entries} entries): could vote more than once",
    ),
    "returned_home": (
        "Terdaftar di DPT LN (PPLN {ppln}) padahal sudah pulang ke Indonesia pada "
        "{returned_on} tanpa keberangkatan sesudahnya",
        "On the DPT LN (PPLN {ppln}) although back in Indonesia since {returned_on} "
        "with no departure since",
    ),
    "under_voting_age": (
        "Berusia {age} tahun pada hari pemungutan suara (di bawah 17) dan belum pernah kawin",
        "Aged {age} on election day (under 17) and never married",
    ),
    "sources_disagree": (
        "Sumber data tidak sepakat (lihat konflik)",
        "The sources disagree (see the conflicts)",
    ),
}


def _json(expr: str) -> str:
    return f"CAST({expr} AS VARCHAR)"


def _reason(code: str, params: str, weight: float = 1.0) -> str:
    """One ``risk_reasons`` item (SQL): ``code`` a SQL text expression."""
    return f"json_object('code', {code}, 'weight', {weight}, 'params', {params})"


def _missing(ctx: DetectorContext) -> str:
    election = day(ctx.election_day)
    params = f"json_object('ppln', a.ppln, 'country', a.country_code, 'election_day', {election})"
    reason = _reason("'not_on_dpt_ln'", params)
    evidence = f"""json_object(
      'records', json_array(json_object('source', 'registry', 'key', a.worker_id,
        'role', 'worker_abroad', 'match_probability', NULL,
        'facts', json_object('placement_id', a.placement_id, 'departed_on', a.departed_on,
                             'expected_end', a.expected_end))),
      'facts', json_object('election_day', {election}, 'country', a.country_code,
                           'ppln', a.ppln, 'departed_on', a.departed_on,
                           'expected_end', a.expected_end),
      'rule', json_object('id', '{RULE}', 'voting_age', {VOTING_AGE}),
      'conflicts', json_array())"""
    return f"""{with_clause(ctx)}
SELECT 'worker' AS subject_kind, CAST(a.worker_id AS VARCHAR) AS subject_key,
       a.person_id, a.worker_id, a.agency_id, a.region_code, a.country_code, a.ppln,
       'registry' AS primary_source, a.worker_id AS primary_key,
       CASE WHEN a.country_code = 'MY' THEN 'high' ELSE 'medium' END AS severity,
       CASE WHEN a.country_code = 'MY' THEN 0.7 ELSE 0.5 END AS risk_score,
       {_json(f"json_array({reason})")}
         AS risk_reasons,
       {_json(evidence)} AS evidence
FROM abroad a
WHERE a.person_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM voter_entries e WHERE e.person_id = a.person_id)
ORDER BY a.worker_id"""


def _duplicate(ctx: DetectorContext) -> str:
    groups = """voter_groups AS (
  SELECT person_id, count(*) AS entries, count(DISTINCT ppln) AS pplns, min(id) AS first_id,
         count(DISTINCT year(birth_date)) AS birth_years
  FROM voter_entries WHERE person_id IS NOT NULL
  GROUP BY person_id HAVING count(*) > 1
)"""
    record = """json_object('source', 'dpt_ln', 'key', e.id,
        'role', CASE WHEN e.id = g.first_id THEN 'first_entry' ELSE 'repeat_entry' END,
        'match_probability', l.probability,
        'facts', json_object('ppln', e.ppln, 'country', e.country_code,
                             'year_of_birth', year(e.birth_date)))"""
    counts = "json_object('entries', g.entries, 'pplns', g.pplns)"
    code = "CASE WHEN g.pplns > 1 THEN 'listed_in_several_ppln' ELSE 'listed_twice_same_ppln' END"
    return f"""{with_clause(ctx, groups)}
SELECT 'person' AS subject_kind, CAST(g.person_id AS VARCHAR) AS subject_key,
       g.person_id, any_value(r.worker_id) AS worker_id, NULL::INTEGER AS agency_id,
       any_value(r.region_code) AS region_code,
       any_value(e.country_code) FILTER (WHERE e.id = g.first_id) AS country_code,
       any_value(e.ppln) FILTER (WHERE e.id = g.first_id) AS ppln,
       'dpt_ln' AS primary_source, g.first_id AS primary_key,
       CASE WHEN g.pplns > 1 THEN 'high' ELSE 'medium' END AS severity,
       CASE WHEN g.pplns > 1 THEN 0.9 ELSE 0.6 END AS risk_score,
       {_json(f"json_array({_reason(code, counts)})")}
         AS risk_reasons,
       {
        _json(f'''json_object(
         'records', to_json(list({record} ORDER BY e.id)),
         'facts', json_object('entries', g.entries, 'pplns', g.pplns,
                              'ppln_list', to_json(list(DISTINCT e.ppln ORDER BY e.ppln))),
         'rule', json_object('id', '{RULE}', 'listed', 'exactly_once'),
         'conflicts', CASE WHEN g.birth_years > 1 THEN json_array(json_object(
             'field', 'year_of_birth',
             'values', to_json(list(json_object('source', 'dpt_ln', 'key', e.id,
                                                    'value', year(e.birth_date))
                                        ORDER BY e.id)))) ELSE json_array() END)''')
    }
         AS evidence
FROM voter_groups g
JOIN voter_entries e ON e.person_id = g.person_id
LEFT JOIN entry_links l ON l.id = e.id
LEFT JOIN person_regions r ON r.person_id = g.person_id
GROUP BY g.person_id, g.entries, g.pplns, g.first_id, g.birth_years
ORDER BY g.person_id"""


def _home_persons(ctx: DetectorContext) -> str:
    until = f"least({day(ctx.as_of)}, {day(ctx.election_day)})"
    return f"""last_returns AS (
  SELECT worker_id, max(returned_on) AS returned_on FROM placements
  WHERE returned_on IS NOT NULL GROUP BY worker_id
),
home_workers AS (
  SELECT r.worker_id, r.returned_on, wp.person_id
  FROM last_returns r JOIN worker_persons wp ON wp.worker_id = r.worker_id
  WHERE r.returned_on <= {until}
    AND NOT EXISTS (SELECT 1 FROM placements p
                    WHERE p.worker_id = r.worker_id AND p.departed_on > r.returned_on)
),
home_persons AS (
  SELECT h.person_id, max(h.returned_on) AS returned_on, min(h.worker_id) AS worker_id
  FROM home_workers h
  WHERE NOT EXISTS (SELECT 1 FROM abroad a WHERE a.person_id = h.person_id)
    AND NOT EXISTS (
      SELECT 1 FROM border_crossings b
      JOIN person_of pr ON pr.source = 'border_crossings' AND pr.record_key = b.id
      WHERE pr.person_id = h.person_id AND b.direction = 'departure'
        AND b.crossing_date > h.returned_on)
  GROUP BY h.person_id
)"""


def _returned(ctx: DetectorContext) -> str:
    election = day(ctx.election_day)
    reason = _reason("'returned_home'", "json_object('ppln', e.ppln, 'returned_on', h.returned_on)")
    return f"""{with_clause(ctx, _home_persons(ctx))}
SELECT 'dpt_ln' AS subject_kind, CAST(e.id AS VARCHAR) AS subject_key,
       e.person_id, h.worker_id, NULL::INTEGER AS agency_id, w.origin_village_code AS region_code,
       e.country_code, e.ppln, 'dpt_ln' AS primary_source, e.id AS primary_key,
       'medium' AS severity, 0.6 AS risk_score,
       {_json(f"json_array({reason})")}
         AS risk_reasons,
       {
        _json(f'''json_object(
         'records', json_array(
           json_object('source', 'dpt_ln', 'key', e.id, 'role', 'entry',
                       'match_probability', rl.probability,
                       'facts', json_object('ppln', e.ppln, 'country', e.country_code)),
           json_object('source', 'registry', 'key', h.worker_id, 'role', 'returned_worker',
                       'match_probability', NULL,
                       'facts', json_object('returned_on', h.returned_on))),
         'facts', json_object('returned_on', h.returned_on, 'election_day', {election},
                              'ppln', e.ppln),
         'rule', json_object('id', '{RULE}', 'lives', 'abroad'),
         'conflicts', json_array())''')
    }
         AS evidence
FROM voter_entries e
JOIN home_persons h ON h.person_id = e.person_id
JOIN workers w ON w.id = h.worker_id
LEFT JOIN registry_links rl ON rl.entry_id = e.id AND rl.worker_id = h.worker_id
ORDER BY e.id"""


def _eligibility_sources(ctx: DetectorContext) -> str:
    election = day(ctx.election_day)
    never_dpt = ", ".join(f"'{v}'" for v in NEVER_MARRIED["dpt_ln"])
    never_civil = ", ".join(f"'{v}'" for v in NEVER_MARRIED["civil_registry"])
    placeholder = ", ".join(f"'{v}'" for v in PLACEHOLDER_DAYS)
    return f"""civil_sources AS (
  SELECT e.id AS entry_id, 'civil_registry' AS source, c.id AS key,
         {age("c.birth_date", election)} AS age, year(c.birth_date) AS birth_year,
         CASE WHEN c.marital_status IS NULL THEN NULL
              ELSE c.marital_status IN ({never_civil}) END AS never_married,
         FALSE AS year_only
  FROM voter_entries e
  JOIN person_of pr ON pr.source = 'civil_registry' AND pr.person_id = e.person_id
  JOIN civil_registry_records c ON c.id = pr.record_key
),
eligibility_sources AS (
  SELECT e.id AS entry_id, 'dpt_ln' AS source, e.id AS key,
         {age("e.birth_date", election)} AS age, year(e.birth_date) AS birth_year,
         CASE WHEN e.marital_status IS NULL THEN NULL
              ELSE e.marital_status IN ({never_dpt}) END AS never_married,
         strftime(e.birth_date, '%m-%d') IN ({placeholder})
           AND EXISTS (SELECT 1 FROM civil_sources c WHERE c.entry_id = e.id
                         AND c.birth_year = year(e.birth_date)) AS year_only
  FROM voter_entries e
  UNION ALL
  SELECT * FROM civil_sources
),
under_age_entries AS (
  SELECT entry_id FROM eligibility_sources GROUP BY entry_id
  HAVING min(age) FILTER (WHERE NOT year_only) < {VOTING_AGE} AND bool_or(never_married)
),
eligibility AS (
  SELECT entry_id, min(age) FILTER (WHERE NOT year_only) AS youngest,
         count(DISTINCT age) AS ages,
         count(DISTINCT never_married) AS marital_views,
         bool_or(never_married) AS some_never, bool_and(coalesce(never_married, TRUE)) AS all_never,
         to_json(list(json_object('source', source, 'key', key, 'value', age)
                          ORDER BY source, key)) AS age_values,
         to_json(list(json_object('source', source, 'key', key, 'value',
                          CASE WHEN never_married THEN 'never_married'
                               WHEN NOT never_married THEN 'ever_married' END)
                          ORDER BY source, key)) AS marital_values,
         to_json(list(json_object('source', source, 'key', key,
             'role', CASE WHEN source = 'dpt_ln' THEN 'entry' ELSE 'civil_record' END,
             'match_probability', NULL,
             'facts', json_object('age_on_election_day', age, 'year_of_birth', birth_year,
                                  'never_married', never_married,
                                  'placeholder_date', year_only)) ORDER BY source, key))
           AS records
  FROM eligibility_sources SEMI JOIN under_age_entries USING (entry_id)
  GROUP BY entry_id
)"""


def _ineligible(ctx: DetectorContext) -> str:
    election = day(ctx.election_day)
    conflicts = """list_concat(
        CASE WHEN g.ages > 1 THEN [json_object('field', 'age_on_election_day',
                                               'values', g.age_values)] ELSE [] END,
        CASE WHEN g.marital_views > 1 THEN [json_object('field', 'marital_status',
                                                        'values', g.marital_values)] ELSE [] END)"""
    agree = "g.ages = 1 AND g.marital_views = 1 AND g.all_never"
    under = _reason("'under_voting_age'", "json_object('age', g.youngest)")
    disagree = _reason("'sources_disagree'", "json_object()", -0.3)
    reasons = f"list_concat([{under}], CASE WHEN {agree} THEN [] ELSE [{disagree}] END)"
    return f"""{with_clause(ctx, _eligibility_sources(ctx))}
SELECT 'dpt_ln' AS subject_kind, CAST(e.id AS VARCHAR) AS subject_key,
       e.person_id, r.worker_id, NULL::INTEGER AS agency_id, r.region_code,
       e.country_code, e.ppln, 'dpt_ln' AS primary_source, e.id AS primary_key,
       CASE WHEN {agree} THEN 'high' ELSE 'medium' END AS severity,
       CASE WHEN {agree} THEN 0.8 ELSE 0.5 END AS risk_score,
       {_json(reasons)}
         AS risk_reasons,
       {
        _json(f'''json_object(
         'records', g.records,
         'facts', json_object('election_day', {election}, 'youngest_age', g.youngest,
                              'ppln', e.ppln),
         'rule', json_object('id', '{RULE}', 'voting_age', {VOTING_AGE},
                             'or', 'ever_married'),
         'conflicts', {conflicts})''')
    }
         AS evidence
FROM eligibility g
JOIN voter_entries e ON e.id = g.entry_id
LEFT JOIN person_regions r ON r.person_id = e.person_id
ORDER BY e.id"""


def _coverage(ctx: DetectorContext) -> str:
    """The per-PPLN coverage table (aggregates only)."""
    tables = ",\n".join(
        (
            _home_persons(ctx),
            _eligibility_sources(ctx),
            """first_entries AS (
  SELECT person_id, min(id) AS first_id FROM voter_entries
  WHERE person_id IS NOT NULL GROUP BY person_id
)""",
            """worker_counts AS (
  SELECT a.ppln, any_value(a.country_code) AS country_code, count(*) AS workers_abroad,
         count(*) FILTER (WHERE on_list) AS on_list,
         count(*) FILTER (WHERE a.person_id IS NOT NULL AND NOT on_list) AS missing,
         count(*) FILTER (WHERE a.person_id IS NULL) AS not_linked
  FROM (SELECT a.*, EXISTS (SELECT 1 FROM voter_entries e WHERE e.person_id = a.person_id)
               AS on_list FROM abroad a) a
  GROUP BY a.ppln
)""",
            """entry_counts AS (
  SELECT e.ppln, any_value(e.country_code) AS country_code, count(*) AS dpt_rows,
         count(*) FILTER (WHERE f.first_id IS NOT NULL AND f.first_id <> e.id) AS duplicates,
         count(*) FILTER (WHERE h.person_id IS NOT NULL) AS returned,
         count(*) FILTER (WHERE g.entry_id IS NOT NULL) AS ineligible
  FROM voter_entries e
  LEFT JOIN first_entries f ON f.person_id = e.person_id
  LEFT JOIN home_persons h ON h.person_id = e.person_id
  LEFT JOIN eligibility g ON g.entry_id = e.id
  GROUP BY e.ppln
)""",
        )
    )
    return f"""{with_clause(ctx, tables)}
SELECT coalesce(w.ppln, c.ppln) AS ppln,
       coalesce(p.country_code, w.country_code, c.country_code) AS country_code,
       coalesce(w.workers_abroad, 0) AS workers_abroad, coalesce(w.on_list, 0) AS on_list,
       coalesce(w.missing, 0) AS missing, coalesce(w.not_linked, 0) AS not_linked,
       CASE WHEN coalesce(w.workers_abroad, 0) = 0 THEN NULL
            ELSE round(w.on_list / w.workers_abroad, 4) END AS coverage,
       coalesce(c.dpt_rows, 0) AS dpt_rows, coalesce(c.duplicates, 0) AS duplicates,
       coalesce(c.returned, 0) AS returned, coalesce(c.ineligible, 0) AS ineligible
FROM worker_counts w
FULL OUTER JOIN entry_counts c ON c.ppln = w.ppln
LEFT JOIN ppln_countries p ON p.ppln = coalesce(w.ppln, c.ppln)
ORDER BY country_code NULLS LAST, ppln NULLS LAST"""


NEEDS = (
    "dpt_ln_entries",
    "person_records",
    "placements",
    "job_orders",
    "workers",
    "linkage:registry-dpt-ln",  # who of the registry is on the list
)

DETECTORS: tuple[Detector, ...] = (
    Detector(SignalType.VOTER_MISSING, NEEDS, _missing, (("ppln_coverage", _coverage),)),
    Detector(
        SignalType.VOTER_DUPLICATE,
        ("dpt_ln_entries", "person_records", "linkage:dpt-ln-dedupe"),
        _duplicate,
    ),
    Detector(SignalType.VOTER_RETURNED, NEEDS, _returned),
    Detector(SignalType.VOTER_INELIGIBLE, ("dpt_ln_entries",), _ineligible),
)
