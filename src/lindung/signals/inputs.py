"""The relations the detectors read, snapshotted from the store into DuckDB.

Only the columns some detector needs, under the store's table and column names
(no names, phones or addresses; NIKs and birth dates are here because the age and
identity detectors compare them, and they never leave the run except as ages,
years and differences in the evidence). ``person_records`` says which linked
person each record belongs to (the linkage runs' output: sources ``registry``,
``border_crossings``, ``dpt_ln``, ``civil_registry``); ``policy_findings`` are the
latest finished all-placements policy run's.

Every relation is registered even when the store has no rows for it: a detector
declares the relations it *needs* non-empty (:mod:`lindung.signals.detector`), and
a run over partial data records those types as not computed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
from sqlalchemy import Select
from sqlalchemy.orm import Session

from lindung.policy.relations import Relation, Restriction, columns, register_from_store
from lindung.store.models import (
    Agency,
    BorderCrossing,
    CivilRegistryRecord,
    Complaint,
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
        columns(
            "id:int placement_id:int kind:str from_status:str to_status:str occurred_on:date "
            "source:str"
        ),
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
    R("persons", Person, columns("id:int merged_into:int")),
    R("person_records", PersonRecord, columns("id:int source:str record_key:int person_id:int")),
    R(
        "record_links",
        RecordLink,
        columns(
            "id:int run_id:int pairing:str left_source:str left_key:int right_source:str "
            "right_key:int match_probability:num state:str"
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
    """Register every relation in ``con``; returns the row count of each."""
    register_from_store(con, session, RELATIONS, restrict, "signals", progress)
    return {
        relation.name: int(con.execute(f"SELECT count(*) FROM {relation.name}").fetchone()[0])  # type: ignore[index]  # noqa: S608
        for relation in RELATIONS
    }
