"""What a detector is: SQL over the snapshot that returns candidate signals.

A detector is data plus one SQL query, set-based in DuckDB (no Python loop per
row). The run (:mod:`lindung.signals.runs`) checks the detector's ``needs`` first:
if a needed relation is empty (no voter list imported yet, no linkage run for a
pairing) the type is recorded as not computed, with the reason, instead of raising
empty or wrong signals. Otherwise it runs ``query(context)`` and expects exactly
:data:`CANDIDATE_COLUMNS`, one row per subject:

- ``subject_kind`` / ``subject_key``: the signal's identity with its type (a person
  id, a worker id, an agency id, a family member id, a PPLN name, a region code, or
  ``<source>:<key>`` for a record no linkage run has given a person yet);
- ``person_id``, ``worker_id``, ``agency_id``: what the subject links to (NULL when
  none);
- ``region_code`` (origin village when known), ``country_code``, ``ppln``;
- ``primary_source`` / ``primary_key``: the record shown as the subject (source
  names as in ``person_records``: ``registry`` = ``workers.id``,
  ``border_crossings``, ``dpt_ln`` = ``dpt_ln_entries.id``, ``civil_registry`` =
  ``civil_registry_records.id``, ``family_members``);
- ``severity`` (``high|medium|low``), ``risk_score`` (0..1, higher first);
- ``risk_reasons``: JSON text, a list of ``{"code", "weight", "params"}``;
- ``evidence``: JSON text, an object with ``records`` (``[{"source", "key", "role",
  "match_probability", "facts": {...}}]``), ``facts`` (dates of events, ages in whole
  years, years of birth, countries, amounts), ``rule`` (``{"id", "threshold"...}``)
  and ``conflicts`` (``[{"field", "values": [{"source", "key", "value"}]}]``: values
  that disagree are kept side by side, never resolved silently). Never a name, NIK,
  passport number, full birth date, phone or address.

Evidence must be deterministic for the same inputs (sorted lists, no timestamps),
so the same data gives the same ``evidence_hash`` and a dismissed signal stays
dismissed.

Work several detectors share (the age detectors' birth reports, say) is declared as
``shared`` tables: ``(name, query)`` pairs the run creates once (``CREATE TABLE name
AS query``, in the order given, before the first detector that lists them) and drops
after the last one that lists them, instead of each query recomputing them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import duckdb

from lindung.domain.signals import SignalType

CANDIDATE_COLUMNS: tuple[str, ...] = (
    "subject_kind",
    "subject_key",
    "person_id",
    "worker_id",
    "agency_id",
    "region_code",
    "country_code",
    "ppln",
    "primary_source",
    "primary_key",
    "severity",
    "risk_score",
    "risk_reasons",
    "evidence",
)


@dataclass(frozen=True)
class DetectorContext:
    """What a detector's query may depend on besides the snapshot."""

    con: duckdb.DuckDBPyConnection
    as_of: date
    #: election day of Pemilu 2029 (configuration: LINDUNG_ELECTION_DAY)
    election_day: date
    #: a cross-source link counts when its probability is at least this
    link_threshold: float = 0.9
    #: birth dates further apart than this many days are a discrepancy
    birth_date_tolerance_days: int = 31


@dataclass(frozen=True)
class SharedTable:
    """A table some detectors read, created once per run from ``query`` (SQL over the
    snapshot and the shared tables listed before it)."""

    name: str
    query: Callable[[DetectorContext], str]


@dataclass(frozen=True)
class Detector:
    """One signal type's detector."""

    signal_type: SignalType
    #: relations (lindung.signals.inputs) that must hold rows for the type to be computed
    needs: tuple[str, ...]
    #: SQL returning CANDIDATE_COLUMNS, one row per subject
    query: Callable[[DetectorContext], str]
    #: the detector also produces aggregate tables: name -> SQL (no personal data)
    tables: tuple[tuple[str, Callable[[DetectorContext], str]], ...] = ()
    #: tables the query reads that the run creates once for every detector listing them
    shared: tuple[SharedTable, ...] = ()
