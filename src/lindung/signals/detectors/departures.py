"""Non-procedural (irregular) departures: exits to a placement country by a person
of working age who links to no registry worker, or to a worker whose placement for
that destination had not reached a stage cleared for departure on the crossing date.

One signal per person (or per crossing when no linkage run gave the crossing a
person), with every such exit in the evidence; ranked by route (sea and land
checkpoints to Malaysia), destination (Malaysia, closed countries), age, repeated
exits and a linked agency. The evidence names the origin village (the linked
worker's, else the civil registry's, else the NIK's district) and the agency of
the linked placement, the keys the pages group by.

Citizens living abroad (students, spouses, professionals) also leave without a
placement. An exit whose traveller is on the DPT LN at a PPLN of the destination
country is a citizen registered as living there (``listed_abroad``):

- listed by identity (the crossing's NIK is on the list, or a linkage run put a
  DPT LN row of that country on the traveller's person: the crossings <-> DPT LN
  pairing ``imigrasi-dpt-ln`` compares them by name), unregistered, through an
  airport, to a country neither Malaysia nor closed to placement: not raised (a
  resident going back; docs/signals.md says so);
- otherwise (listed by birth date and sex only, a weak match used only while the
  crossings <-> DPT LN pairing has not run; or by a sea or land route, to Malaysia
  or a closed country, where irregular migrants are listed too): raised with a
  lower score, ``listed_abroad`` and how it matched in the reasons.

The detector does not wait for the crossings <-> DPT LN pairing: without it, it
computes with the weaker evidence. ``rule.listed_abroad_by`` in the evidence names
the routes that were compared.

Consular registrations (lapor diri) say what a citizen does where they live
(:mod:`lindung.domain.consular`). An exit is compared with the registrations in
its destination country by the crossing's passport number, by NIK when both carry
one, and by the traveller's person: a run of the crossings <-> lapor diri pairing
``imigrasi-lapor-diri`` compares them by name, birth date, sex, passport number and
NIK, and puts a registration on the crossing's person (``registered_abroad``):

- unregistered (no linked worker), with a registration whose status is not a
  placement (student, homemaker, own business, retired, mission staff...) and
  none with a worker job in that country: not raised, whatever the route (a
  citizen registered as living there, before or after the exit);
- unregistered, with a worker-job registration there: raised, and the score goes
  up (``registered_as_worker_abroad``, naming the jobs and how they matched): a
  registration of wage work is evidence of working abroad, never of residence.

An exit the registry <-> crossings linkage missed, which the crossings <-> civil
registry pairing linked to a registered worker's civil record, is not raised when
that worker's placement was cleared for the destination on the date (the worker's
own exit; :func:`cleared_via_civil_sql`); the candidate clears only, it never makes
the exit the worker's.

The CTEs of those three sources (the DPT LN listings, the consular registrations,
the civil-registry candidate) are in
:mod:`lindung.signals.detectors.departure_clearing`.

Without any consular registration in the snapshot the type is computed as before
(not in ``needs``); ``rule.registered_abroad_by`` names what was compared (empty
then; ``person`` only once the crossings <-> lapor diri pairing has run: the
detector does not wait for it, and without it compares the keys alone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lindung.domain.countries import IRREGULAR_DESTINATIONS, KEPMENAKER_260_2015
from lindung.domain.signals import SignalType
from lindung.signals import sql
from lindung.signals.detector import Detector, DetectorContext
from lindung.signals.detectors.departure_clearing import (
    cleared_via_civil_sql,
    consular_routes,
    listing_routes,
    listings_sql,
    registrations_sql,
)

#: Sea and land checkpoints to Malaysia and Singapore named in irregular routes
#: (Riau and Riau Islands, West and North Kalimantan, from NTT via Nunukan).
SEA_LAND_CHECKPOINTS = (
    "Batam Centre",
    "Bengkalis",
    "Dumai",
    "Entikong",
    "Nunukan",
    "Tanjung Balai Karimun",
    "Tanjung Pinang",
)
CLOSED_DESTINATIONS = KEPMENAKER_260_2015 | IRREGULAR_DESTINATIONS


@dataclass(frozen=True)
class DepartureRule:
    """The rule's parameters (docs/signals.md)."""

    min_age: int = 18
    max_age: int = 55
    #: a traveller younger than this is "very young" (a risk reason)
    young_age: int = 21
    #: stages in which a placement is cleared to depart (or already abroad)
    cleared_stages: tuple[str, ...] = ("oriented", "departed", "working", "extended")
    #: an exit followed within this many days by an arrival on the same passport from
    #: the destination is a round trip (a holiday, a pilgrimage), not a departure
    round_trip_days: int = 30
    #: score added when the traveller is on the DPT LN of the destination (negative)
    listed_abroad_weight: float = -0.25
    #: score added when an unregistered traveller reported a worker job at a mission
    #: of the destination (lapor diri)
    registered_as_worker_weight: float = 0.15


def exits_sql(ctx: DetectorContext, rule: DepartureRule) -> str:
    """CTEs ending in ``flagged``: one row per irregular exit (crossing) with its
    person, linked worker, agency, village, age and match probability."""
    # Lists are built unordered and sorted after (``list_sort``; structs sort by their
    # first field, a unique key): an ordered aggregate holds every group's rows in
    # memory, which at 1M workers was most of the detector's peak.
    return f"""
    exits AS (
      SELECT c.id AS crossing_id, c.crossing_date AS on_day, c.checkpoint,
             c.destination_country AS country, c.nik, c.birth_date AS stated_birth,
             c.sex, c.passport_number, po.person_id
      FROM border_crossings c
      LEFT JOIN person_of po ON po.source = 'border_crossings' AND po.record_key = c.id
      WHERE c.direction = 'departure' AND c.destination_country IN {sql.placement_countries()}
        AND c.id NOT IN ({sql.round_trips(rule.round_trip_days)})
    ),
    linked AS (
      SELECT e.crossing_id, w.id AS worker_id, w.birth_date AS worker_birth,
             w.origin_village_code
      FROM exits e
      JOIN person_of pw ON pw.source = 'registry' AND pw.person_id = e.person_id
      JOIN workers w ON w.id = pw.record_key
    ),
    pairs AS (
      SELECT l.crossing_id, p.id AS placement_id, p.agency_id, p.registered_on, e.on_day
      FROM linked l JOIN exits e USING (crossing_id)
      JOIN placement_orders p ON p.worker_id = l.worker_id AND p.country_code = e.country
    ),
    staged AS ({sql.stage_on("pairs", ("crossing_id", "placement_id"))}),
    cleared AS (
      SELECT crossing_id,
             bool_or(coalesce(stage IN {sql.texts(rule.cleared_stages)}, false)) AS cleared,
             arg_max(agency_id, (registered_on, placement_id)) AS agency_id,
             list_sort(list(struct_pack(key := placement_id, stage := stage))) AS placements
      FROM staged GROUP BY crossing_id
    ),
    workers_of AS (
      SELECT crossing_id, min(worker_id) AS worker_id, min(worker_birth) AS worker_birth,
             min(origin_village_code) AS village
      FROM linked GROUP BY crossing_id
    ),
    civil AS (
      SELECT e.crossing_id, min(r.village_code) AS village
      FROM exits e
      JOIN person_of pc ON pc.source = 'civil_registry' AND pc.person_id = e.person_id
      JOIN civil_registry_records r ON r.id = pc.record_key
      GROUP BY e.crossing_id
    ),
    probability AS (
      SELECT crossing_id, max(p) AS p FROM (
        SELECT w.crossing_id, l.match_probability AS p FROM workers_of w
        JOIN record_links l ON l.left_source = 'registry' AND l.left_key = w.worker_id
          AND l.right_source = 'border_crossings' AND l.right_key = w.crossing_id
        UNION ALL
        SELECT w.crossing_id, l.match_probability FROM workers_of w
        JOIN record_links l ON l.right_source = 'registry' AND l.right_key = w.worker_id
          AND l.left_source = 'border_crossings' AND l.left_key = w.crossing_id)
      GROUP BY crossing_id
    ),{listings_sql(listing_routes(ctx))},
    {registrations_sql(consular_routes(ctx))},{cleared_via_civil_sql(rule)},
    candidates AS (
      SELECT e.*, w.worker_id, coalesce(c.cleared, false) AS cleared, c.agency_id,
             c.placements, round(pr.p, 4) AS probability,
             coalesce(e.stated_birth, nik_birth(e.nik, e.on_day), w.worker_birth) AS birth,
             coalesce(w.village, cv.village, {sql.region_of_nik("e.nik")}) AS village,
             ls.how AS listed_how,
             w.worker_id IS NULL AND coalesce(rg.as_worker, false) AS as_worker,
             rg.worker_jobs, rg.worker_how, rg.registrations
      FROM exits e
      LEFT JOIN workers_of w USING (crossing_id)
      LEFT JOIN cleared c USING (crossing_id)
      LEFT JOIN civil cv USING (crossing_id)
      LEFT JOIN probability pr USING (crossing_id)
      LEFT JOIN listed ls USING (crossing_id)
      LEFT JOIN registered rg USING (crossing_id)
      WHERE (w.worker_id IS NULL OR NOT coalesce(c.cleared, false))
        AND e.crossing_id NOT IN (SELECT crossing_id FROM cleared_via_civil)
        AND NOT (w.worker_id IS NULL AND coalesce(rg.resident, false)
                 AND NOT coalesce(rg.as_worker, false))
        AND NOT (w.worker_id IS NULL AND coalesce(ls.strong, false)
                 AND e.checkpoint NOT IN {sql.texts(SEA_LAND_CHECKPOINTS)}
                 AND e.country <> 'MY' AND e.country NOT IN {sql.texts(CLOSED_DESTINATIONS)})
    ),
    flagged AS (
      SELECT *, age_years(birth, on_day) AS age FROM candidates
      WHERE birth IS NOT NULL
        AND age_years(birth, on_day) BETWEEN {rule.min_age} AND {rule.max_age}
    )"""  # noqa: S608


def _reasons(rule: DepartureRule) -> list[tuple[str, str, float, str]]:
    """The rule's reasons: (code, condition on ``grouped``, weight, params SQL)."""
    return [
        ("route_sea_land", "sea_land", 0.25, "json_object('checkpoints', checkpoints)"),
        ("destination_malaysia", "to_malaysia", 0.15, "'{}'"),
        ("destination_closed", "closed", 0.25, "json_object('countries', countries)"),
        ("age_young", f"age < {rule.young_age}", 0.15, "json_object('age', age)"),
        ("no_registration", "unregistered", 0.2, "'{}'"),
        ("not_cleared", "NOT unregistered", 0.15, "'{}'"),
        ("repeated_exits", "exits > 1", 0.1, "json_object('exits', exits)"),
        ("agency_linked", "agency_id IS NOT NULL", 0.1,
         "json_object('agency_id', agency_id)"),
        ("listed_abroad", "len(listed_how) > 0", rule.listed_abroad_weight,
         "json_object('matched_by', array_to_string(listed_how, ', '))"),
        ("registered_as_worker_abroad", "as_worker", rule.registered_as_worker_weight,
         "json_object('jobs', array_to_string(worker_jobs, ', '), "
         "'matched_by', array_to_string(worker_how, ', '))"),
    ]  # fmt: skip


def _query(rule: DepartureRule) -> Callable[[DetectorContext], str]:
    def query(ctx: DetectorContext) -> str:
        routes = listing_routes(ctx)
        consular = consular_routes(ctx)
        score, reasons = sql.reasons(_reasons(rule))
        return f"""
        WITH {exits_sql(ctx, rule)},
        grouped AS (
          SELECT CASE WHEN person_id IS NULL THEN 'record' ELSE 'person' END AS kind,
                 coalesce(CAST(person_id AS VARCHAR), 'border_crossings:' || crossing_id) AS key,
                 any_value(person_id) AS person_id,
                 arg_max(worker_id, (on_day, crossing_id)) AS worker_id,
                 arg_max(agency_id, (on_day, crossing_id)) AS agency_id,
                 arg_max(village, (on_day, crossing_id)) AS village,
                 arg_max(country, (on_day, crossing_id)) AS country,
                 arg_max(crossing_id, (on_day, crossing_id)) AS last_crossing,
                 min(age) AS age, min(year(birth)) AS birth_year, count(*) AS exits,
                 bool_or(checkpoint IN {sql.texts(SEA_LAND_CHECKPOINTS)}) AS sea_land,
                 bool_or(country = 'MY') AS to_malaysia,
                 bool_or(country IN {sql.texts(CLOSED_DESTINATIONS)}) AS closed,
                 bool_and(worker_id IS NULL) AS unregistered,
                 list_sort(list_distinct(flatten(list(coalesce(listed_how, []::VARCHAR[])))))
                   AS listed_how,
                 bool_or(as_worker) AS as_worker,
                 list_sort(list_distinct(flatten(list(worker_jobs) FILTER (WHERE as_worker))))
                   AS worker_jobs,
                 list_sort(list_distinct(flatten(list(worker_how) FILTER (WHERE as_worker))))
                   AS worker_how,
                 list_sort(list_distinct(flatten(list(registrations)
                   FILTER (WHERE registrations IS NOT NULL)))) AS registrations,
                 list_sort(list_distinct(list(checkpoint))) AS checkpoints,
                 list_sort(list_distinct(list(country))) AS countries,
                 list_sort(list(struct_pack(source := 'border_crossings', key := crossing_id,
                     role := 'exit', match_probability := probability,
                     facts := struct_pack(date := on_day, checkpoint := checkpoint,
                       country := country, age := age, worker_id := worker_id,
                       placements := placements)))) AS records
          FROM flagged GROUP BY 1, 2
        ),
        scored AS (
          SELECT *, greatest(0.0, {score}) AS score, {reasons} AS reasons FROM grouped
        )
        SELECT kind AS subject_kind, key AS subject_key, person_id, worker_id, agency_id,
               village AS region_code, country AS country_code, NULL AS ppln,
               'border_crossings' AS primary_source, last_crossing AS primary_key,
               {sql.severity("score", 0.6, 0.35)} AS severity, score AS risk_score,
               reasons AS risk_reasons,
               CAST(to_json(struct_pack(
                 records := records,
                 facts := struct_pack(age := age, birth_year := birth_year, exits := exits,
                   village := village, agency_id := agency_id, countries := countries,
                   registered := NOT unregistered, listed_abroad := listed_how,
                   registered_abroad := coalesce(registrations, [])),
                 rule := struct_pack(id := 'irregular_departure',
                   working_age := [{rule.min_age}, {rule.max_age}],
                   round_trip_days := {rule.round_trip_days},
                   listed_abroad_weight := {rule.listed_abroad_weight},
                   listed_abroad_by := {list(routes)},
                   registered_abroad_by := {list(consular)}::VARCHAR[],
                   registered_as_worker_weight := {rule.registered_as_worker_weight},
                   cleared_stages := {list(rule.cleared_stages)}),
                 conflicts := []
               )) AS VARCHAR) AS evidence
        FROM scored"""  # noqa: S608

    return query


RULE = DepartureRule()

DETECTORS = (
    Detector(
        SignalType.IRREGULAR_DEPARTURE,
        needs=("border_crossings", "person_records", "workers", "linkage:registry-imigrasi"),
        query=_query(RULE),
    ),
)

#: the codes of ``matched_by`` (``listed_abroad``, ``registered_as_worker_abroad``)
#: in words
PARAM_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "matched_by": {
        "nik": ("NIK", "NIK"),
        "passport_number": ("nomor paspor", "passport number"),
        "person": ("nama dan data diri yang tertaut", "linked name and identity"),
        "birth_date_sex": ("tanggal lahir dan jenis kelamin", "birth date and sex"),
    },
}

REASON_LABELS: dict[str, tuple[str, str]] = {
    "route_sea_land": (
        "Keluar lewat pos laut/darat ({checkpoints})",
        "Exit through a sea or land checkpoint ({checkpoints})",
    ),
    "destination_malaysia": ("Tujuan Malaysia", "Destination Malaysia"),
    "destination_closed": (
        "Tujuan negara tertutup untuk penempatan ({countries})",
        "Destination closed to placement ({countries})",
    ),
    "age_young": ("Sangat muda: {age} tahun", "Very young: {age} years"),
    "no_registration": (
        "Tidak cocok dengan PMI terdaftar mana pun",
        "Links to no registered worker",
    ),
    "not_cleared": (
        "Penempatan belum sampai tahap siap berangkat pada tanggal keluar",
        "Placement not cleared to depart on the crossing date",
    ),
    "repeated_exits": ("Keluar berulang: {exits} kali", "Repeated exits: {exits}"),
    "agency_linked": ("Terkait P3MI #{agency_id}", "Linked to agency #{agency_id}"),
    "listed_abroad": (
        "Terdaftar di DPT LN negara tujuan (cocok lewat {matched_by}): mungkin WNI "
        "yang tinggal di sana",
        "On the DPT LN of the destination (matched by {matched_by}): possibly a citizen "
        "living there",
    ),
    "registered_as_worker_abroad": (
        "Lapor diri di perwakilan RI negara tujuan sebagai pekerja ({jobs}; cocok lewat "
        "{matched_by}) tanpa penempatan terdaftar",
        "Registered at a mission in the destination as a worker ({jobs}; matched by "
        "{matched_by}) with no registered placement",
    ),
}
