"""The relations the detectors read, snapshotted from the store into DuckDB.

Only the columns some detector needs, under the store's table and column names
(no names, phones or addresses; NIKs and birth dates are here because the age and
identity detectors compare them, and they never leave the run except as ages,
years and differences in the evidence). ``person_records`` says which linked
person each record belongs to (the linkage runs' output: sources ``registry``,
``border_crossings``, ``dpt_ln``, ``civil_registry``, ``consular_registrations``);
``policy_findings`` are the violations (not the blockers) of the latest finished
all-placements policy run; ``consular_registrations`` (lapor diri) keep the
country, mission, identity keys, occupation and date the departure rule compares,
no name, phone, address or employer. ``record_links`` holds the current links of
the pairings whose links some detector reads (:data:`LINKS_READ`); the others'
links reach the detectors through persons only, and at national scale they are
millions of rows the run would carry for nothing.

Every relation is registered even when the store has no rows for it: a detector
declares the relations it *needs* non-empty (:mod:`lindung.signals.detector`), and
a run over partial data records those types as not computed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import duckdb
from sqlalchemy import Select, false, select
from sqlalchemy.orm import Session

from lindung.exchange.guard import store_context
from lindung.policy.relations import Relation, Restriction, columns, register_from_store
from lindung.store.models import (
    Agency,
    AgencySanction,
    BorderCrossing,
    CivilRegistryRecord,
    Complaint,
    ConsularRegistration,
    DptLnEntry,
    FamilyMember,
    JobOrder,
    LinkageRun,
    Passport,
    Person,
    PersonRecord,
    Placement,
    PlacementEvent,
    PolicyFinding,
    PolicyRun,
    RecordLink,
    Reintegration,
    Worker,
)

R = Relation

RELATIONS: tuple[Relation, ...] = (
    R(
        "workers",
        Worker,
        columns(
            "id:int nik:str sex:str birth_date:date origin_village_code:str marital_status:str"
        ),
    ),
    R("passports", Passport, columns("id:int worker_id:int number:str issued_on:date mrz:str")),
    R(
        "family_members",
        FamilyMember,
        columns(
            "id:int worker_id:int relation:str birth_date:date spouse_worker_id:int "
            "caregiver_relation:str village_code:str"
        ),
    ),
    R(
        "placements",
        Placement,
        columns(
            "id:int worker_id:int job_order_id:int status:str registered_on:date "
            "departed_on:date arrived_on:date contract_ends_on:date returned_on:date"
        ),
    ),
    R(
        "placement_events",
        PlacementEvent,
        # the detectors read the stage each transition reached (``stage_changes``)
        columns("id:int placement_id:int kind:str to_status:str occurred_on:date"),
    ),
    R(
        "job_orders",
        JobOrder,
        columns(
            "id:int code:str agency_id:int employer_id:int country_code:str city:str "
            "sector:str job_type:str"
        ),
    ),
    R(
        "agencies",
        Agency,
        columns("id:int licence_no:str licence_status:str head_office_region_code:str"),
    ),
    R(
        "complaints",
        Complaint,
        columns("id:int agency_id:int worker_id:int received_on:date category:str status:str"),
    ),
    R(
        "agency_sanctions",
        AgencySanction,
        columns("id:int agency_id:int kind:str decided_on:date effective_from:date"),
    ),
    R(
        "reintegrations",
        Reintegration,
        columns("id:int placement_id:int recorded_on:date programme:str status:str"),
    ),
    R("policy_runs", PolicyRun, columns("id:int as_of:date scope:str")),
    R(
        "policy_findings",
        PolicyFinding,
        columns("id:int run_id:int placement_id:int agency_id:int rule_id:str severity:str"),
    ),
    R(
        "border_crossings",
        BorderCrossing,
        columns(
            "id:int passport_number:str birth_date:date sex:str nik:str direction:str "
            "crossing_date:date checkpoint:str origin_country:str destination_country:str"
        ),
    ),
    R(
        "dpt_ln_entries",
        DptLnEntry,
        columns("id:int ppln:str nik:str birth_date:date sex:str marital_status:str"),
    ),
    R(
        "civil_registry_records",
        CivilRegistryRecord,
        columns("id:int nik:str birth_date:date sex:str marital_status:str village_code:str"),
    ),
    R(
        "consular_registrations",
        ConsularRegistration,
        # what the departure rule compares: no names, phones, addresses or employers
        columns(
            "id:int mission:str country:str nik:str passport_number:str job_type:str "
            "registered_on:date"
        ),
    ),
    R("persons", Person, columns("id:int merged_into:int")),
    R("person_records", PersonRecord, columns("id:int source:str record_key:int person_id:int")),
    R(
        "record_links",
        RecordLink,
        columns(
            "id:int left_source:str left_key:int right_source:str right_key:int "
            "match_probability:num state:str"
        ),
    ),
    R("linkage_runs", LinkageRun, columns("id:int pairing:str status:str")),
)

BY_NAME = {relation.name: relation for relation in RELATIONS}

#: Narrows a relation's SELECT (e.g. to what was known on the run's date).
Restrict = Callable[[Relation, Select[Any]], Select[Any]]


def snapshot(
    con: duckdb.DuckDBPyConnection,
    session: Session,
    restrict: Restriction | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, int]:
    """Register every relation in ``con``; returns the row count of each, and of the
    finished linkage runs of each pairing as ``linkage:<pairing>`` (a detector that
    reads persons from a pairing needs that pairing to have run: without it every
    worker would look absent from the other source)."""
    for done, relation in enumerate(RELATIONS):
        if progress is not None:
            progress("snapshot", done, len(RELATIONS))
        # one relation at a time: its Arrow copy is freed before the next is read
        register_from_store(con, session, (relation,), restrict, "signals")
        _materialise(con, relation.name)
    if progress is not None:
        progress("snapshot", len(RELATIONS), len(RELATIONS))
    counts = {
        relation.name: int(con.execute(f"SELECT count(*) FROM {relation.name}").fetchall()[0][0])  # noqa: S608
        for relation in RELATIONS
    }
    pairings = con.execute("SELECT pairing, count(*) FROM linkage_runs GROUP BY pairing")
    for pairing, runs in pairings.fetchall():
        counts[f"linkage:{pairing}"] = int(runs)
    return counts


def _materialise(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Copy a registered Arrow view into a DuckDB table: the optimiser then has the
    table's statistics to order joins by (an Arrow scan has none, and a poor join
    order cost minutes), and the buffer manager may spill it to disk."""
    con.execute(f"CREATE OR REPLACE TABLE {name}__copy AS SELECT * FROM {name}")  # noqa: S608
    con.unregister(name)
    con.execute(f"ALTER TABLE {name}__copy RENAME TO {name}")


def latest_policy_run(session: Session, as_of: date) -> int | None:
    """The latest finished all-placements policy run dated on or before ``as_of``."""
    with store_context("signals"):
        return session.scalars(
            select(PolicyRun.id)
            .where(
                PolicyRun.scope == "all",
                PolicyRun.finished_at.is_not(None),
                PolicyRun.as_of <= as_of,
            )
            .order_by(PolicyRun.as_of.desc(), PolicyRun.id.desc())
            .limit(1)
        ).first()


#: The pairings whose record links some detector reads itself (match probabilities,
#: the voter list's duplicates, the civil-registry candidate of a worker's exit): a
#: detector that reads another pairing's links must add it here.
LINKS_READ = ("registry-imigrasi", "registry-dpt-ln", "dpt-ln-dedupe", "imigrasi-dukcapil")


def as_of_restriction(as_of: date, policy_run_id: int | None) -> Restriction:
    """What was known on ``as_of``: crossings, consular registrations, placement
    transitions, complaints, sanctions and reintegrations on or before it, placements
    registered by then, the current ``linked`` record links of :data:`LINKS_READ`, and
    the findings of one policy run (``policy_run_id``)."""
    conditions: dict[str, Any] = {
        "border_crossings": BorderCrossing.crossing_date <= as_of,
        "consular_registrations": ConsularRegistration.registered_on <= as_of,
        # the detectors read stages (transitions) only
        "placement_events": (PlacementEvent.occurred_on <= as_of)
        & (PlacementEvent.kind == "transition"),
        "placements": Placement.registered_on <= as_of,
        "complaints": Complaint.received_on <= as_of,
        "agency_sanctions": AgencySanction.decided_on <= as_of,
        "reintegrations": Reintegration.recorded_on <= as_of,
        "record_links": RecordLink.current.is_(True)
        & (RecordLink.state == "linked")
        & RecordLink.pairing.in_(LINKS_READ),
        "policy_runs": PolicyRun.id == policy_run_id if policy_run_id is not None else false(),
        "policy_findings": (
            (PolicyFinding.run_id == policy_run_id) & (PolicyFinding.kind == "violation")
            if policy_run_id is not None
            else false()
        ),
        "linkage_runs": LinkageRun.status == "finished",
    }

    def restrict(relation: Relation, statement: Select[Any]) -> Select[Any]:
        condition = conditions.get(relation.name)
        return statement if condition is None else statement.where(condition)

    return restrict


#: Helper macros and views every detector may use (created by :func:`derive`).
_MACROS = (
    # completed years of age on day d of someone born on b (domain.dates.age_on)
    """CREATE OR REPLACE MACRO age_years(b, d) AS
       date_diff('year', b, d)
       - CASE WHEN strftime(d, '%m%d') < strftime(b, '%m%d') THEN 1 ELSE 0 END""",
    # a two-digit-year date resolved as a birth date seen on ref (identity.dates)
    """CREATE OR REPLACE MACRO birth_yymmdd(yy, mm, dd, ref) AS try(make_date(
       CAST(year(ref) - ((year(ref) - yy) % 100)
            - CASE WHEN year(ref) - ((year(ref) - yy) % 100) = year(ref)
                    AND mm * 100 + dd > month(ref) * 100 + day(ref) THEN 100 ELSE 0 END
            AS BIGINT), CAST(mm AS BIGINT), CAST(dd AS BIGINT)))""",
    # the birth date a NIK encodes (women: day + 40), NULL when unreadable
    """CREATE OR REPLACE MACRO nik_birth(nik, ref) AS CASE
       WHEN regexp_full_match(coalesce(nik, ''), '[0-9]{16}') THEN birth_yymmdd(
         CAST(substr(nik, 11, 2) AS INTEGER), CAST(substr(nik, 9, 2) AS INTEGER),
         CAST(substr(nik, 7, 2) AS INTEGER) % 40, ref) END""",
    """CREATE OR REPLACE MACRO nik_sex(nik) AS CASE
       WHEN regexp_full_match(coalesce(nik, ''), '[0-9]{16}') THEN
         CASE WHEN CAST(substr(nik, 7, 2) AS INTEGER) > 40 THEN 'F' ELSE 'M' END END""",
    # the MRZ's second line (TD3: 44 characters), birth date and sex
    """CREATE OR REPLACE MACRO mrz_line2(mrz) AS
       right(replace(replace(coalesce(mrz, ''), chr(10), ''), chr(13), ''), 44)""",
    """CREATE OR REPLACE MACRO mrz_birth(mrz, ref) AS CASE
       WHEN regexp_full_match(substr(mrz_line2(mrz), 14, 6), '[0-9]{6}') THEN birth_yymmdd(
         CAST(substr(mrz_line2(mrz), 14, 2) AS INTEGER),
         CAST(substr(mrz_line2(mrz), 16, 2) AS INTEGER),
         CAST(substr(mrz_line2(mrz), 18, 2) AS INTEGER), ref) END""",
    """CREATE OR REPLACE MACRO mrz_sex(mrz) AS CASE
       WHEN substr(mrz_line2(mrz), 21, 1) IN ('M', 'F') THEN substr(mrz_line2(mrz), 21, 1) END""",
)

_VIEWS = (
    # persons resolved through merged_into (a chain of merges ends at its survivor)
    """CREATE OR REPLACE TABLE person_root AS
       WITH RECURSIVE walk(id, cur, depth) AS (
         SELECT id, id, 0 FROM persons
         UNION ALL
         SELECT w.id, p.merged_into, w.depth + 1 FROM walk w JOIN persons p ON p.id = w.cur
         WHERE p.merged_into IS NOT NULL AND w.depth < 50)
       SELECT id, arg_max(cur, depth) AS root FROM walk GROUP BY id""",
    # each record's person (source, record_key -> person_id), merges resolved
    """CREATE OR REPLACE TABLE person_of AS
       SELECT r.source, r.record_key, coalesce(p.root, r.person_id) AS person_id
       FROM person_records r LEFT JOIN person_root p ON p.id = r.person_id""",
    # a placement with its destination and agency
    """CREATE OR REPLACE TABLE placement_orders AS
       SELECT p.*, j.country_code, j.agency_id FROM placements p
       JOIN job_orders j ON j.id = p.job_order_id""",
    # the stage reached by each placement event (transitions only)
    """CREATE OR REPLACE TABLE stage_changes AS
       SELECT placement_id, to_status AS status, occurred_on, id FROM placement_events
       WHERE kind = 'transition' AND to_status IS NOT NULL""",
)


def derive(con: duckdb.DuckDBPyConnection) -> None:
    """Create the helper macros and views over the snapshot (see :data:`_MACROS`)."""
    for statement in (*_MACROS, *_VIEWS):
        con.execute(statement)
