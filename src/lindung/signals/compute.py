"""Running the detectors over a snapshot: the needs check, the candidates table and
each candidate's canonical evidence and its hash.

Every computed type's candidates go into one DuckDB table, ``candidates``
(``signal_type`` + :data:`CANDIDATE_COLUMNS` + ``evidence_hash``), so the diff
against the stored signals is one join (:mod:`lindung.signals.diff`). The evidence
is rewritten as canonical JSON (sorted keys, no spaces: :mod:`lindung.exchange.canonical`)
in Python, batch by batch, and ``evidence_hash`` is its SHA-256.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

import duckdb
import pyarrow as pa

from lindung.domain.signals import SignalType
from lindung.exchange.canonical import canonical_json
from lindung.signals.detector import CANDIDATE_COLUMNS, Detector, DetectorContext

Progress = Callable[[str, int, int], None]
HASH_BATCH = 50_000

#: The candidates' column types (a detector's NULL columns are cast to these).
TYPES: dict[str, str] = {
    "subject_kind": "VARCHAR",
    "subject_key": "VARCHAR",
    "person_id": "BIGINT",
    "worker_id": "BIGINT",
    "agency_id": "BIGINT",
    "region_code": "VARCHAR",
    "country_code": "VARCHAR",
    "ppln": "VARCHAR",
    "primary_source": "VARCHAR",
    "primary_key": "BIGINT",
    "severity": "VARCHAR",
    "risk_score": "DOUBLE",
    "risk_reasons": "VARCHAR",
    "evidence": "VARCHAR",
}


def missing_inputs(detector: Detector, rows: Mapping[str, int]) -> list[str]:
    """The relations the detector needs that hold no rows."""
    return [name for name in detector.needs if not rows.get(name)]


def evidence_hash(evidence: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of ``evidence``."""
    return hashlib.sha256(canonical_json(evidence).encode("utf-8")).hexdigest()


def run_detectors(
    ctx: DetectorContext,
    detectors: Mapping[SignalType, Detector],
    rows: Mapping[str, int],
    report: Progress,
) -> tuple[list[SignalType], dict[str, dict[str, Any]]]:
    """Fill ``candidates`` with every computable type's candidates; returns the types
    computed and, for the others, why not (``{"reason", "missing"}``)."""
    con = ctx.con
    columns = ", ".join(f"CAST({c} AS {TYPES[c]}) AS {c}" for c in CANDIDATE_COLUMNS)
    con.execute(
        "CREATE OR REPLACE TABLE raw_candidates (signal_type VARCHAR, "
        + ", ".join(f"{c} {TYPES[c]}" for c in CANDIDATE_COLUMNS)
        + ")"
    )
    computed: list[SignalType] = []
    not_computed: dict[str, dict[str, Any]] = {}
    for done, (signal_type, detector) in enumerate(detectors.items()):
        report("detect", done, len(detectors))
        missing = missing_inputs(detector, rows)
        if missing:
            not_computed[signal_type.value] = {"reason": "input_missing", "missing": missing}
            continue
        select = (
            f"SELECT '{signal_type.value}' AS signal_type, {columns} "  # noqa: S608 (ours)
            f"FROM ({detector.query(ctx)})"
        )
        con.execute(f"INSERT INTO raw_candidates {select}")
        computed.append(signal_type)
    report("detect", len(detectors), len(detectors))
    _add_hashes(con, report)
    return computed, not_computed


def _add_hashes(con: duckdb.DuckDBPyConnection, report: Progress) -> None:
    """``candidates``: ``raw_candidates`` with canonical evidence and its hash."""
    total = int(con.execute("SELECT count(*) FROM raw_candidates").fetchall()[0][0])
    con.execute(
        "CREATE OR REPLACE TABLE raw_numbered AS "
        "SELECT row_number() OVER () AS rid, * FROM raw_candidates"
    )
    reader = con.sql("SELECT rid, evidence FROM raw_numbered").to_arrow_reader(HASH_BATCH)
    batches: list[pa.RecordBatch] = []
    done = 0
    report("evidence", 0, total)
    for batch in reader:
        rids = batch.column(0).to_pylist()
        texts: list[str] = []
        hashes: list[str] = []
        for raw in batch.column(1).to_pylist():
            text = canonical_json(json.loads(raw))
            texts.append(text)
            hashes.append(hashlib.sha256(text.encode("utf-8")).hexdigest())
        batches.append(
            pa.RecordBatch.from_arrays(
                [pa.array(rids, pa.int64()), pa.array(texts), pa.array(hashes)],
                names=["rid", "evidence_canonical", "evidence_hash"],
            )
        )
        done += len(rids)
        report("evidence", done, total)
    reader.close()
    schema = pa.schema(
        [("rid", pa.int64()), ("evidence_canonical", pa.string()), ("evidence_hash", pa.string())]
    )
    con.register("candidate_hashes", pa.Table.from_batches(batches, schema=schema))
    con.execute(
        "CREATE OR REPLACE TABLE candidates AS SELECT r.* EXCLUDE (rid, evidence), "
        "h.evidence_canonical AS evidence, h.evidence_hash "
        "FROM raw_numbered r JOIN candidate_hashes h USING (rid)"
    )
    con.unregister("candidate_hashes")
    con.execute("DROP TABLE raw_numbered")
    con.execute("DROP TABLE raw_candidates")


def detector_tables(
    ctx: DetectorContext,
    detectors: Mapping[SignalType, Detector],
    computed: list[SignalType],
) -> dict[str, list[dict[str, Any]]]:
    """The aggregate tables of the computed detectors (``signal_runs.tables``), as JSON
    rows: dates as ISO text, decimals as floats. A type not computed has no table."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for signal_type in computed:
        for name, query in detectors[signal_type].tables:
            cursor = ctx.con.execute(query(ctx))
            names = [column[0] for column in cursor.description or ()]
            tables[name] = [
                {key: _json_value(value) for key, value in zip(names, row, strict=True)}
                for row in cursor.fetchall()
            ]
    return tables


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return float(value)
