"""Hand-built voter-list data for the signal tests: DPT LN rows, civil-registry rows,
persons and their links, inserted through the store's models; and a helper that runs
one voter detector (or the coverage table) over a snapshot of the store."""

from __future__ import annotations

import itertools
import json
from datetime import date
from typing import Any

import duckdb
from sqlalchemy.orm import Session

from lindung.domain.signals import SignalType
from lindung.linkage.pairings import PAIRINGS
from lindung.signals.detector import CANDIDATE_COLUMNS, DetectorContext
from lindung.signals.detectors import voters
from lindung.signals.inputs import as_of_restriction, derive, latest_policy_run, snapshot
from lindung.store.database import Database
from lindung.store.models import (
    CivilRegistryRecord,
    DptLnEntry,
    Import,
    LinkageRun,
    Person,
    PersonRecord,
    RecordLink,
)

_serial = itertools.count(1)


class VoterData:
    """Inserts partner rows and linkage output into one session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.import_row = Import(
            dataset="dpt_ln",
            file_name="dpt_ln.csv",
            file_sha256="0" * 64,
            format="csv",
            status="committed",
            actor="test",
        )
        self.run = LinkageRun(
            pairing="registry-dpt-ln",
            kind="full",
            status="finished",
            model_version=1,
            model_sha256="0" * 64,
            link_threshold=0.9,
            review_low=0.5,
            review_high=0.9,
            actor="test",
        )
        # the list's own de-duplication ran too (the duplicates detector needs it)
        self.dedupe_run = LinkageRun(
            pairing="dpt-ln-dedupe",
            kind="full",
            status="finished",
            model_version=1,
            model_sha256="0" * 64,
            link_threshold=0.9,
            review_low=0.5,
            review_high=0.9,
            actor="test",
        )
        session.add_all([self.import_row, self.run, self.dedupe_run])
        session.flush()

    def _provenance(self) -> dict[str, Any]:
        serial = next(_serial)
        return {
            "import_id": self.import_row.id,
            "file_sha256": "0" * 64,
            "row_number": serial,
            "content_hash": f"{serial:032d}",
        }

    def dpt(self, ppln: str, birth: date, marital: str = "S") -> DptLnEntry:
        entry = DptLnEntry(
            record_id=f"DPT-T{next(_serial):06d}",
            ppln=ppln,
            name="PEMILIH UJI",
            birth_date=birth,
            sex="P",
            marital_status=marital,
            **self._provenance(),
        )
        self.session.add(entry)
        self.session.flush()
        return entry

    def civil(self, birth: date, marital: str) -> CivilRegistryRecord:
        record = CivilRegistryRecord(
            record_id=f"DKC-T{next(_serial):06d}",
            nik=f"3509014101{next(_serial):06d}",
            name="WARGA UJI",
            birth_date=birth,
            marital_status=marital,
            **self._provenance(),
        )
        self.session.add(record)
        self.session.flush()
        return record

    def person(self, *records: tuple[str, int], probability: float = 0.97) -> int:
        """One person holding ``records`` (source, key), each linked to the first."""
        person = Person()
        self.session.add(person)
        self.session.flush()
        for source, key in records:
            self.session.add(PersonRecord(source=source, record_key=key, person_id=person.id))
        (left_source, left_key), *rest = records
        for source, key in rest:
            self.session.add(
                RecordLink(
                    run_id=self.run.id,
                    pairing=_pairing(left_source, source),
                    left_source=left_source,
                    left_key=left_key,
                    right_source=source,
                    right_key=key,
                    match_probability=probability,
                    match_weight=5.0,
                    explanation={},
                    state="linked",
                    model_accepts=True,
                )
            )
        self.session.flush()
        return person.id


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    result = con.execute(sql)
    names = [column[0] for column in result.description or ()]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def _context(database: Database, as_of: date, election_day: date) -> DetectorContext:
    con = duckdb.connect()
    with database.session() as session:
        restriction = as_of_restriction(as_of, latest_policy_run(session, as_of))
        snapshot(con, session, restriction)
    derive(con)
    return DetectorContext(con, as_of, election_day)


def detect(
    database: Database, signal_type: SignalType, as_of: date, election_day: date
) -> list[dict[str, Any]]:
    """The candidates one voter detector finds, with ``evidence`` and ``risk_reasons``
    parsed; checks they have exactly the contract's columns."""
    detector = {d.signal_type: d for d in voters.DETECTORS}[signal_type]
    context = _context(database, as_of, election_day)
    result = context.con.execute(detector.query(context))
    assert tuple(column[0] for column in result.description or ()) == CANDIDATE_COLUMNS
    rows = _rows(context.con, detector.query(context))
    for row in rows:
        row["evidence"] = json.loads(row["evidence"])
        row["risk_reasons"] = json.loads(row["risk_reasons"])
    return rows


def coverage(database: Database, as_of: date, election_day: date) -> dict[str, dict[str, Any]]:
    """The ``ppln_coverage`` table, by PPLN."""
    context = _context(database, as_of, election_day)
    (detector,) = [d for d in voters.DETECTORS if d.tables]
    ((name, query),) = detector.tables
    assert name == "ppln_coverage"
    return {row["ppln"]: row for row in _rows(context.con, query(context))}


def _pairing(left: str, right: str) -> str:
    """The platform pairing that links records of these two sources (either order);
    none links some (the DPT LN and the civil registry meet through a worker): a name
    of the test's own, whose links no detector reads."""
    for pairing in PAIRINGS.values():
        if {pairing.left.name, pairing.right_source.name} == {left, right}:
            return pairing.name
    return f"test:{left}-{right}"
