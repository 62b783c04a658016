"""What other sources say of an exit, for the irregular-departure rule
(:mod:`lindung.signals.detectors.departures`, whose docstring states the rule): the
DPT LN listings of its destination, the consular registrations (lapor diri) there,
and the civil-registry candidate of a registered worker's exit the registry
linkage missed. Each is a function returning CTEs over the rule's ``exits`` (and,
for the candidate, ``linked``), and, where the evidence names them, the routes
that were compared; what was compared depends on which linkage pairings have run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lindung.domain.consular import NOT_A_PLACEMENT, WORKER_JOBS
from lindung.domain.ppln import COUNTRY_OF_PPLN
from lindung.signals import sql
from lindung.signals.detector import DetectorContext

if TYPE_CHECKING:
    from lindung.signals.detectors.departures import DepartureRule

#: the linkage pairing that compares crossings with the DPT LN by name
NAME_LINKAGE = "imigrasi-dpt-ln"
#: the linkage pairing that compares crossings with the consular registrations by name
CONSULAR_LINKAGE = "imigrasi-lapor-diri"


def linkage_ran(ctx: DetectorContext, pairing: str) -> bool:
    """Whether a finished run of ``pairing`` is in the snapshot."""
    rows = ctx.con.execute(
        "SELECT count(*) FROM linkage_runs WHERE pairing = ?", [pairing]
    ).fetchall()
    return bool(rows[0][0])


def name_linkage_ran(ctx: DetectorContext) -> bool:
    """Whether a finished run of the crossings <-> DPT LN pairing is in the snapshot."""
    return linkage_ran(ctx, NAME_LINKAGE)


def listing_routes(ctx: DetectorContext) -> tuple[str, ...]:
    """How an exit may be found on the DPT LN of its destination (named in the
    evidence as ``rule.listed_abroad_by``): by the crossing's NIK and by a linked
    person always; by birth date and sex only while no crossings <-> DPT LN linkage
    has run (once names have been compared, a shared birth date and sex says
    nothing more)."""
    if name_linkage_ran(ctx):
        return ("nik", "person")
    return ("nik", "person", "birth_date_sex")


def listings_sql(routes: tuple[str, ...]) -> str:
    """CTEs ``listings`` (DPT LN rows with their PPLN's country) and ``listed``: per
    exit, whether its traveller is on the list of the destination country and how
    (``routes``: ``nik``, ``person``: strong; ``birth_date_sex``: weak). Each route
    joins an exit to distinct keys, so an exit gives at most one row per route."""
    pplns = ", ".join(f"('{p}', '{c}')" for p, c in sorted(COUNTRY_OF_PPLN.items()))
    weak = (
        ""
        if "birth_date_sex" not in routes
        else """
      UNION ALL
      SELECT e.crossing_id, 'birth_date_sex' FROM exits e
      JOIN (SELECT DISTINCT birth_date, sex, country FROM listings) l
        ON l.birth_date = e.stated_birth AND l.sex = e.sex AND l.country = e.country"""
    )
    return f"""
    listings AS (
      SELECT d.id, d.nik, d.birth_date, d.sex, p.country FROM dpt_ln_entries d
      JOIN (VALUES {pplns}) p(ppln, country) ON p.ppln = d.ppln
    ),
    listed_by AS (
      SELECT e.crossing_id, 'nik' AS how FROM exits e
      JOIN (SELECT DISTINCT nik, country FROM listings) l
        ON l.nik = e.nik AND l.country = e.country
      UNION ALL
      SELECT DISTINCT e.crossing_id, 'person' FROM exits e
      JOIN person_of pd ON pd.source = 'dpt_ln' AND pd.person_id = e.person_id
      JOIN listings l ON l.id = pd.record_key AND l.country = e.country{weak}
    ),
    listed AS (
      SELECT crossing_id, bool_or(how <> 'birth_date_sex') AS strong,
             list_sort(list_distinct(list(how))) AS how
      FROM listed_by GROUP BY crossing_id
    )"""  # noqa: S608


def consular_routes(ctx: DetectorContext) -> tuple[str, ...]:
    """How an exit is compared with the consular registrations (named in the evidence
    as ``rule.registered_abroad_by``): by passport number and NIK, and by the
    traveller's person once the crossings <-> lapor diri pairing has run; not at all
    when none were imported."""
    rows = ctx.con.execute("SELECT count(*) FROM consular_registrations").fetchall()
    if not rows[0][0]:
        return ()
    if linkage_ran(ctx, CONSULAR_LINKAGE):
        return ("passport_number", "nik", "person")
    return ("passport_number", "nik")


def registrations_sql(routes: tuple[str, ...]) -> str:
    """CTEs ``registered_by`` and ``registered``: per exit, the consular registrations
    in its destination country with the same passport number, or the same NIK (both
    present), or (``person`` in ``routes``) on the traveller's person (a run of the
    crossings <-> lapor diri pairing put them there: compared by name, birth date and
    sex too), whose occupation is in the vocabulary of :mod:`lindung.domain.consular`
    (``not_a_placement`` or ``worker``); a value outside it says nothing. Each
    registration is listed once, with how it matched (``nik, passport_number`` when
    both); ``worker_how``: the routes that found a worker-job registration."""
    by_person = (
        ""
        if "person" not in routes
        else """
      UNION
      SELECT e.crossing_id, r.id, 'person' FROM exits e
      JOIN person_of pc ON pc.source = 'consular_registrations' AND pc.person_id = e.person_id
      JOIN consular r ON r.id = pc.record_key AND r.country = e.country
      WHERE r.kind IS NOT NULL"""
    )
    return f"""
    consular AS (
      SELECT id, mission, country, nik, passport_number, registered_on,
             upper(trim(job_type)) AS status,
             CASE WHEN upper(trim(job_type)) IN {sql.texts(NOT_A_PLACEMENT)}
                  THEN 'not_a_placement'
                  WHEN upper(trim(job_type)) IN {sql.texts(WORKER_JOBS)} THEN 'worker'
             END AS kind
      FROM consular_registrations
    ),
    registered_by AS (
      SELECT e.crossing_id, r.id, 'passport_number' AS how FROM exits e
      JOIN consular r ON r.passport_number = e.passport_number AND r.country = e.country
      WHERE r.kind IS NOT NULL
      UNION
      SELECT e.crossing_id, r.id, 'nik' FROM exits e
      JOIN consular r ON r.nik = e.nik AND r.country = e.country
      WHERE r.kind IS NOT NULL{by_person}
    ),
    registered AS (
      SELECT b.crossing_id, bool_or(r.kind = 'not_a_placement') AS resident,
             bool_or(r.kind = 'worker') AS as_worker,
             list_distinct(list(r.status) FILTER (WHERE r.kind = 'worker')) AS worker_jobs,
             list_distinct(flatten(list(b.how) FILTER (WHERE r.kind = 'worker')))
               AS worker_how,
             list_sort(list(struct_pack(key := r.id, source := 'consular_registrations',
               mission := r.mission, status := r.status, kind := r.kind,
               date := r.registered_on, matched_by := array_to_string(b.how, ', '))))
               AS registrations
      FROM (SELECT crossing_id, id, list_sort(list(how)) AS how
            FROM registered_by GROUP BY crossing_id, id) b
      JOIN consular r ON r.id = b.id
      GROUP BY b.crossing_id
    )"""  # noqa: S608


def cleared_via_civil_sql(rule: DepartureRule) -> str:
    """CTEs ending in ``cleared_via_civil``: exits no registry worker is linked to,
    whose crossing a linkage run linked to the civil record of a registered worker
    (the crossings <-> civil registry pairing), when that worker's placement for the
    destination had reached a stage cleared for departure on the crossing date: the
    worker's own procedural exit that the registry <-> crossings linkage missed. The
    persons' guard keeps such a crossing off the worker (a false link must not make a
    stranger's exit a worker's); here the candidate only clears, it never attributes:
    an exit it does not clear is judged as unregistered, as before."""
    return f"""
    civil_links AS (
      SELECT left_key AS crossing_id, right_key AS civil_id FROM record_links
      WHERE state = 'linked' AND left_source = 'border_crossings'
        AND right_source = 'civil_registry'
      UNION
      SELECT right_key, left_key FROM record_links
      WHERE state = 'linked' AND right_source = 'border_crossings'
        AND left_source = 'civil_registry'
    ),
    via_civil AS (
      SELECT DISTINCT e.crossing_id, pw.record_key AS worker_id, e.on_day, e.country
      FROM exits e JOIN civil_links cl USING (crossing_id)
      JOIN person_of pc ON pc.source = 'civil_registry' AND pc.record_key = cl.civil_id
      JOIN person_of pw ON pw.source = 'registry' AND pw.person_id = pc.person_id
      WHERE e.crossing_id NOT IN (SELECT crossing_id FROM linked)
    ),
    via_civil_pairs AS (
      SELECT v.crossing_id, p.id AS placement_id, v.on_day FROM via_civil v
      JOIN placement_orders p ON p.worker_id = v.worker_id AND p.country_code = v.country
    ),
    via_civil_staged AS ({sql.stage_on("via_civil_pairs", ("crossing_id", "placement_id"))}),
    cleared_via_civil AS (
      SELECT crossing_id FROM via_civil_staged GROUP BY crossing_id
      HAVING bool_or(coalesce(stage IN {sql.texts(rule.cleared_stages)}, false))
    )"""  # noqa: S608
