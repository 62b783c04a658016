# ruff: noqa: S608  (SQL composed from constants, dates and the domain's tables only)
"""The relations the voter-list detectors share, as SQL common table expressions.

Each function returns ``name AS (...)`` text for a ``WITH`` clause over the snapshot
and its derived views (:mod:`lindung.signals.inputs`: ``person_of`` resolves merged
persons); :func:`with_clause` strings the ones a query
needs together, in dependency order. Definitions (UU 7/2017 Pasal 198(1)):

- ``worker_persons``: the person of each registry worker (linkage: ``registry``).
- ``voter_entries``: every DPT LN row with its person (``dpt_ln``; NULL when no
  linkage run has seen it) and its PPLN's country.
- ``abroad``: workers abroad on election day, one row per worker (their latest such
  placement) with the PPLN whose jurisdiction covers the destination
  (:mod:`lindung.domain.ppln`). A placement counts when it departed by election day
  and either returned after it, or has not returned, is ``departed``, ``working``
  or ``extended`` on the run's date and, when election day is still ahead, is
  expected to last to it: its contract end, or two years after departure when no
  contract end is recorded yet (the usual PMI contract). Only voters eligible on
  election day: 17 or older by the registry's birth date, or ever married.
- ``entry_links``: for each DPT LN row, the highest probability of a ``linked``
  record link joining it to another record of the same person (the match
  probability shown in the evidence).
"""

from __future__ import annotations

from lindung.domain.ppln import COUNTRY_OF_PPLN, jurisdiction_rows
from lindung.signals.detector import DetectorContext
from lindung.signals.sql import day

VOTING_AGE = 17
#: months a placement is expected to last when no contract end is recorded yet
DEFAULT_CONTRACT_MONTHS = 24
ABROAD_STATUSES = ("departed", "working", "extended")
NEVER_MARRIED = {"dpt_ln": ("B",), "civil_registry": ("BELUM KAWIN",), "registry": ("single",)}


def text(value: str | None) -> str:
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def age(birth: str, on: str) -> str:
    """Completed years of age on ``on`` (SQL expressions; the snapshot's macro, as
    lindung.domain.dates.age_on)."""
    return f"age_years({birth}, {on})"


def jurisdictions() -> str:
    rows = ", ".join(
        f"({text(country)}, {text(city)}, {text(ppln)})"
        for country, city, ppln in jurisdiction_rows()
    )
    return (
        "jurisdictions AS (SELECT CAST(c AS VARCHAR) AS country_code, "
        f"CAST(t AS VARCHAR) AS city, CAST(p AS VARCHAR) AS ppln FROM (VALUES {rows}) v(c, t, p))"
    )


def ppln_countries() -> str:
    rows = ", ".join(
        f"({text(ppln)}, {text(country)})" for ppln, country in sorted(COUNTRY_OF_PPLN.items())
    )
    return (
        "ppln_countries AS (SELECT CAST(p AS VARCHAR) AS ppln, CAST(c AS VARCHAR) "
        f"AS country_code FROM (VALUES {rows}) v(p, c))"
    )


def worker_persons() -> str:
    return (
        "worker_persons AS (SELECT record_key AS worker_id, min(person_id) AS person_id "
        "FROM person_of WHERE source = 'registry' GROUP BY record_key)"
    )


def voter_entries() -> str:
    return (
        "voter_entries AS (SELECT d.id, d.ppln, d.birth_date, d.marital_status, "
        "pr.person_id, pc.country_code "
        "FROM dpt_ln_entries d "
        "LEFT JOIN person_of pr ON pr.source = 'dpt_ln' AND pr.record_key = d.id "
        "LEFT JOIN ppln_countries pc ON pc.ppln = d.ppln)"
    )


def abroad(ctx: DetectorContext) -> str:
    election, as_of = day(ctx.election_day), day(ctx.as_of)
    statuses = ", ".join(text(s) for s in ABROAD_STATUSES)
    expected_end = (
        f"coalesce(p.contract_ends_on, "
        f"CAST(p.departed_on + INTERVAL {DEFAULT_CONTRACT_MONTHS} MONTH AS DATE))"
    )
    return f"""abroad_placements AS (
  SELECT p.worker_id, p.id AS placement_id, p.departed_on, p.contract_ends_on,
         {expected_end} AS expected_end, j.country_code, j.city, j.agency_id,
         row_number() OVER (PARTITION BY p.worker_id
                            ORDER BY p.departed_on DESC, p.id DESC) AS latest
  FROM placements p JOIN job_orders j ON j.id = p.job_order_id
  WHERE p.departed_on IS NOT NULL AND p.departed_on <= {election}
    AND (p.returned_on > {election}
         OR (p.returned_on IS NULL AND p.status IN ({statuses})
             AND ({election} <= {as_of} OR {expected_end} >= {election})))
),
abroad AS (
  SELECT a.*, coalesce(c.ppln, d.ppln) AS ppln, w.origin_village_code AS region_code,
         wp.person_id
  FROM abroad_placements a
  JOIN workers w ON w.id = a.worker_id
  LEFT JOIN jurisdictions c ON c.country_code = a.country_code AND c.city = a.city
  LEFT JOIN jurisdictions d ON d.country_code = a.country_code AND d.city IS NULL
  LEFT JOIN worker_persons wp ON wp.worker_id = a.worker_id
  WHERE a.latest = 1
    AND (w.birth_date IS NULL OR {age("w.birth_date", election)} >= {VOTING_AGE}
         OR coalesce(w.marital_status, 'single') <> 'single')
)"""


def entry_links() -> str:
    return """voter_links AS (
  SELECT left_key AS a, right_key AS b, match_probability AS p FROM record_links
  WHERE left_source = 'dpt_ln' AND right_source = 'dpt_ln' AND state = 'linked'
  UNION ALL
  SELECT right_key, left_key, match_probability FROM record_links
  WHERE left_source = 'dpt_ln' AND right_source = 'dpt_ln' AND state = 'linked'
),
entry_links AS (
  SELECT e.id, max(l.p) AS probability
  FROM voter_entries e JOIN voter_links l ON l.a = e.id
  JOIN voter_entries o ON o.id = l.b AND o.person_id = e.person_id
  GROUP BY e.id
),
registry_links AS (
  SELECT CASE WHEN left_source = 'registry' THEN left_key ELSE right_key END AS worker_id,
         CASE WHEN left_source = 'registry' THEN right_key ELSE left_key END AS entry_id,
         max(match_probability) AS probability
  FROM record_links
  WHERE state = 'linked' AND ((left_source = 'registry' AND right_source = 'dpt_ln')
                              OR (left_source = 'dpt_ln' AND right_source = 'registry'))
  GROUP BY ALL
)"""


def person_regions() -> str:
    """The origin village of each person: a registry worker's, else the civil registry's."""
    return """person_regions AS (
  SELECT person_id, min(region_code) AS region_code, min(worker_id) AS worker_id
  FROM (
    SELECT wp.person_id, w.origin_village_code AS region_code, w.id AS worker_id
    FROM worker_persons wp JOIN workers w ON w.id = wp.worker_id
    UNION ALL
    SELECT pr.person_id, c.village_code, NULL
    FROM civil_registry_records c
    JOIN person_of pr ON pr.source = 'civil_registry' AND pr.record_key = c.id
    WHERE NOT EXISTS (SELECT 1 FROM worker_persons wp WHERE wp.person_id = pr.person_id)
  ) GROUP BY person_id
)"""


def with_clause(ctx: DetectorContext, *extra: str) -> str:
    """The shared relations then ``extra`` CTEs, as one ``WITH`` clause."""
    parts = (
        jurisdictions(),
        ppln_countries(),
        worker_persons(),
        voter_entries(),
        abroad(ctx),
        entry_links(),
        person_regions(),
        *extra,
    )
    return "WITH " + ",\n".join(parts)
