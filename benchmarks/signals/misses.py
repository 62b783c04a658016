"""The misses of irregular departures and the voter types, counted by cause, with
a few example keys (ids only).

Causes are read off the truth and the platform's persons (``person_records``):

- ``irregular_departure``: a true irregular traveller not flagged (by their last
  irregular exit of working age: an ``exit_linked_to_a_worker`` whose placement
  cleared it, a false link or a former worker; ``registered_as_resident``: the
  person reported a non-placement status, e.g. homemaker, at a mission of the
  destination (lapor diri); ``other``), a flagged person who is not one (by the
  truth's kind of traveller: ``abroad`` residents, by what their lapor diri says:
  ``lapor_diri_worker_job`` (a professional employed there), ``lapor_diri_resident``
  (registered, but not matched to the exit), ``no_lapor_diri``; ``tourist``,
  ``worker`` with an
  ``exit_not_linked_to_the_registry`` or a ``linked_placement_not_cleared``; and
  the signal's severity);

- ``voter_missing``: a missing worker not flagged (``worker_without_person``; a
  ``person_has_a_dpt_row``, i.e. a false link put a voter row on their person; or
  ``not_abroad_by_rule``: the placement's stage or dates put them at home), a
  flagged worker who is listed (``entry_not_linked`` by the quality of the row's NIK:
  ``ok``, ``wrong_digits``, ``missing``; or ``entry_quarantined``);
- ``voter_duplicate``: a repeated voter not flagged (``repeat_not_linked`` by the
  repeat's NIK quality, or ``row_quarantined``), a flagged person whose rows are
  different people (``false_link``);
- ``voter_returned``: a stale row not flagged (``row_quarantined``;
  ``entry_not_linked_to_worker``;
  ``left_again_irregularly``: the generator marks the row stale, but the person left
  again outside the procedure after the return, so the rule sees someone abroad; or
  ``other``), a flagged row that is not stale (``false_link`` to a returned worker,
  or ``same_person_home``: truly that worker, but the generator listed them as a
  resident or irregular migrant abroad);
- ``voter_ineligible``: a never-married minor's row not flagged (``row_quarantined``;
  ``placeholder_birth_date``: the row's ``01/01`` makes them 17 and no linked civil
  record says otherwise; ``other``), a flagged row that is not one (by the truth:
  ``married_minor``; ``placeholder_birth_date``: the row's ``31/12`` makes a 17-year-old
  16; ``other_source_under_17``: the row's own date says 17 or more, so a linked civil
  record (a false link) made them a minor).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

EXAMPLES = 5

_VIEWS = """
CREATE OR REPLACE VIEW m_dpt AS
  SELECT t.*, k.id AS store_id, pr.pid
  FROM t_dpt_ln t LEFT JOIN dpt_keys k ON k.record_id = t.record_id
  LEFT JOIN person_records pr ON pr.source = 'dpt_ln' AND pr.key = k.id;
CREATE OR REPLACE VIEW m_worker AS
  SELECT key AS worker_id, pid FROM person_records WHERE source = 'registry';
CREATE OR REPLACE VIEW m_flagged AS
  SELECT DISTINCT signal_type, worker_id, source, key FROM signals;
"""

_CAUSES: dict[str, str] = {
    "irregular_departure:missed": """
      SELECT CASE WHEN k.destination_country NOT IN (SELECT country FROM m_destinations)
                    THEN 'not_a_placement_country'
                  WHEN EXISTS (SELECT 1 FROM person_records a JOIN person_records b
                                 ON b.pid = a.pid AND b.source = 'registry'
                               WHERE a.source = 'border_crossings' AND a.key = k.id)
                    THEN 'exit_linked_to_a_worker:' || t.traveller
                  WHEN EXISTS (SELECT 1 FROM m_consular r WHERE r.person_id = t.person_id
                                 AND r.country = k.destination_country AND r.resident)
                    THEN 'registered_as_resident:' || t.traveller
                  ELSE 'other:' || t.traveller END AS cause,
             CAST(t.person_id AS VARCHAR) AS key
      FROM t_imigrasi_crossings t JOIN crossing_keys k ON k.record_id = t.record_id
      JOIN t_persons p ON p.person_id = t.person_id
      WHERE t.irregular AND k.direction = 'departure'
        AND age_years(p.birth_date, k.crossing_date) BETWEEN 18 AND 55
        AND t.person_id NOT IN (SELECT u FROM m_departure_persons)
      QUALIFY row_number() OVER (PARTITION BY t.person_id ORDER BY k.crossing_date DESC) = 1""",
    "irregular_departure:false_alarm": """
      SELECT t.traveller || CASE
               WHEN t.irregular THEN ':irregular_but_outside_working_age'
               WHEN t.traveller = 'worker' AND NOT EXISTS (
                 SELECT 1 FROM person_records a JOIN person_records b
                   ON b.pid = a.pid AND b.source = 'registry'
                 WHERE a.source = 'border_crossings' AND a.key = k.id)
                 THEN ':exit_not_linked_to_the_registry'
               WHEN t.traveller = 'worker' THEN ':linked_placement_not_cleared'
               WHEN t.traveller = 'abroad' THEN coalesce((
                 SELECT CASE WHEN count(*) = 0 THEN NULL
                             WHEN bool_or(NOT r.resident) THEN ':lapor_diri_worker_job'
                             ELSE ':lapor_diri_resident' END
                 FROM m_consular r WHERE r.person_id = t.person_id), ':no_lapor_diri')
               ELSE '' END || ':' || s.severity AS cause,
             CAST(t.person_id AS VARCHAR) AS key
      FROM signals s JOIN crossing_keys k ON k.id = s.key
      JOIN t_imigrasi_crossings t ON t.record_id = k.record_id
      WHERE s.signal_type = 'irregular_departure' AND s.source = 'border_crossings'
        AND t.person_id NOT IN (SELECT u FROM m_departure_truth)""",
    "voter_missing:missed": """
      SELECT CASE WHEN w.pid IS NULL THEN 'worker_without_person'
                  WHEN EXISTS (SELECT 1 FROM m_dpt d WHERE d.pid = w.pid)
                    THEN 'person_has_a_dpt_row'
                  ELSE 'not_abroad_by_rule' END AS cause, CAST(t.worker_id AS VARCHAR) AS key
      FROM t_dpt_ln_missing_workers t LEFT JOIN m_worker w ON w.worker_id = t.worker_id
      WHERE t.worker_id NOT IN (SELECT worker_id FROM m_flagged
                                WHERE signal_type = 'voter_missing' AND worker_id IS NOT NULL)""",
    "voter_missing:false_alarm": """
      SELECT CASE WHEN d.store_id IS NULL THEN 'entry_quarantined'
                  ELSE 'entry_not_linked:' || d.nik_quality END AS cause,
             CAST(f.worker_id AS VARCHAR) AS key
      FROM m_flagged f JOIN m_dpt d ON d.worker_id = f.worker_id
      WHERE f.signal_type = 'voter_missing'
        AND f.worker_id NOT IN (SELECT worker_id FROM t_dpt_ln_missing_workers)
      QUALIFY row_number() OVER (PARTITION BY f.worker_id ORDER BY d.record_id) = 1""",
    "voter_duplicate:missed": """
      SELECT CASE WHEN bool_or(store_id IS NULL) THEN 'row_quarantined'
                  ELSE 'repeat_not_linked:' || min(nik_quality) FILTER (
                    WHERE duplicate_of IS NOT NULL) END AS cause,
             CAST(person_id AS VARCHAR) AS key
      FROM m_dpt GROUP BY person_id
      HAVING count(*) > 1 AND (count(DISTINCT pid) > 1 OR bool_or(pid IS NULL))""",
    "voter_duplicate:false_alarm": """
      SELECT 'false_link' AS cause, CAST(d.pid AS VARCHAR) AS key
      FROM m_dpt d WHERE d.pid IN (
        SELECT pr.pid FROM m_flagged f JOIN person_records pr
          ON pr.source = 'dpt_ln' AND pr.key = f.key WHERE f.signal_type = 'voter_duplicate')
      GROUP BY d.pid HAVING count(DISTINCT d.person_id) > 1""",
    "voter_returned:missed": """
      SELECT CASE WHEN d.store_id IS NULL THEN 'row_quarantined'
                  WHEN NOT EXISTS (SELECT 1 FROM m_worker w WHERE w.pid = d.pid)
                    THEN 'entry_not_linked_to_worker'
                  WHEN EXISTS (SELECT 1 FROM t_imigrasi_crossings c
                               WHERE c.person_id = d.person_id AND c.placement_id IS NULL
                                 AND c.irregular)
                    THEN 'left_again_irregularly' ELSE 'other' END AS cause,
             d.record_id AS key
      FROM m_dpt d WHERE d.stale AND (d.store_id IS NULL OR d.store_id NOT IN (
        SELECT key FROM m_flagged WHERE signal_type = 'voter_returned'))""",
    "voter_returned:false_alarm": """
      SELECT CASE WHEN d.worker_id IS NOT NULL AND EXISTS (
                    SELECT 1 FROM m_worker w WHERE w.pid = d.pid AND w.worker_id = d.worker_id)
                  THEN 'same_person_home' ELSE 'false_link' END AS cause,
             d.record_id AS key
      FROM m_dpt d JOIN m_flagged f ON f.key = d.store_id AND f.signal_type = 'voter_returned'
      WHERE NOT d.stale""",
    "voter_ineligible:missed": """
      SELECT CASE WHEN d.store_id IS NULL THEN 'row_quarantined'
                  WHEN d.birth_date_placeholder THEN 'placeholder_birth_date'
                  ELSE 'other' END AS cause, d.record_id AS key
      FROM m_dpt d JOIN t_persons p USING (person_id)
      WHERE age_years(p.birth_date, (SELECT day FROM m_election)) < 17
        AND p.marital_status = 'single'
        AND (d.store_id IS NULL OR d.store_id NOT IN (
          SELECT key FROM m_flagged WHERE signal_type = 'voter_ineligible'))""",
    "voter_ineligible:false_alarm": """
      SELECT CASE WHEN age_years(p.birth_date, (SELECT day FROM m_election)) < 17
                    THEN 'married_minor'
                  WHEN d.birth_date_placeholder THEN 'placeholder_birth_date'
                  ELSE 'other_source_under_17' END AS cause, d.record_id AS key
      FROM m_dpt d JOIN t_persons p USING (person_id)
      JOIN m_flagged f ON f.key = d.store_id AND f.signal_type = 'voter_ineligible'
      WHERE NOT (age_years(p.birth_date, (SELECT day FROM m_election)) < 17
                 AND p.marital_status = 'single')""",
}


def _consular(con: duckdb.DuckDBPyConnection) -> None:
    """``m_consular``: each true person's lapor diri registrations (alpha-2 country,
    whether the status is not a placement), empty when the truth has none."""
    from lindung.domain.consular import NOT_A_PLACEMENT
    from lindung.domain.countries import all_countries

    con.register(
        "m_alpha3",
        pa.table({
            "alpha3": [c.alpha3 for c in all_countries().values()],
            "alpha2": list(all_countries()),
        }),
    )  # fmt: skip
    con.register("m_not_a_placement", pa.table({"status": sorted(NOT_A_PLACEMENT)}))
    exists = con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = 't_consular_registrations'"
    ).fetchall()[0][0]
    source = (
        "SELECT person_id, job_type, country FROM t_consular_registrations"
        if exists
        else "SELECT NULL::BIGINT AS person_id, NULL AS job_type, NULL AS country WHERE false"
    )
    con.execute(
        f"""CREATE OR REPLACE VIEW m_consular AS
        SELECT t.person_id, a.alpha2 AS country,
               t.job_type IN (SELECT status FROM m_not_a_placement) AS resident
        FROM ({source}) t JOIN m_alpha3 a ON a.alpha3 = t.country"""
    )


def explain(
    con: duckdb.DuckDBPyConnection, departures: tuple[str, str], election_day: date
) -> dict[str, dict[str, Any]]:
    """``{"<type>:missed|false_alarm": {cause: {"count": n, "examples": [keys]}}}``;
    ``departures``: the irregular departures' (truth SQL, predicted SQL)."""
    from lindung.domain.countries import DESTINATIONS

    con.execute(_VIEWS)
    con.execute(f"CREATE OR REPLACE VIEW m_election AS SELECT DATE '{election_day}' AS day")
    truth, predicted = departures
    con.execute(f"CREATE OR REPLACE VIEW m_departure_truth AS {truth}")
    con.execute(f"CREATE OR REPLACE VIEW m_departure_persons AS {predicted}")
    con.register("m_destinations_a", pa.table({"country": sorted(DESTINATIONS)}))
    _consular(con)
    con.execute("CREATE OR REPLACE VIEW m_destinations AS SELECT * FROM m_destinations_a")
    found: dict[str, dict[str, Any]] = {}
    for name, query in _CAUSES.items():
        rows = con.execute(
            f"SELECT cause, count(*), list(key ORDER BY key)[1:{EXAMPLES}] "
            f"FROM ({query}) GROUP BY cause ORDER BY 2 DESC"
        ).fetchall()
        found[name] = {str(c): {"count": int(n), "examples": list(k)} for c, n, k in rows}
    return found
