"""Running the detectors over a snapshot: the needs check, the shared tables, the
candidates table and each candidate's canonical evidence and its hash.

Every computed type's candidates go into one DuckDB table, ``candidates``
(``signal_type`` + :data:`CANDIDATE_COLUMNS` + ``evidence_hash``), so the diff
against the stored signals is one join (:mod:`lindung.signals.diff`). The evidence
is rewritten as canonical JSON (sorted keys, no spaces: :mod:`lindung.exchange.canonical`)
batch by batch, and ``evidence_hash`` is its SHA-256 (:func:`canonical_evidence`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import duckdb
import orjson
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


@dataclass
class Detected:
    """What :func:`run_detectors` did: the types computed, the others and why not
    (``{"reason", "missing"}``), and the computed detectors' aggregate tables."""

    computed: list[SignalType] = field(default_factory=list)
    not_computed: dict[str, dict[str, Any]] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def missing_inputs(detector: Detector, rows: Mapping[str, int]) -> list[str]:
    """The relations the detector needs that hold no rows."""
    return [name for name in detector.needs if not rows.get(name)]


def evidence_hash(evidence: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of ``evidence``."""
    return hashlib.sha256(canonical_json(evidence).encode("utf-8")).hexdigest()


def canonical_evidence(raw: str) -> bytes:
    """The canonical JSON (UTF-8) of the JSON text ``raw``: exactly
    ``canonical_json(json.loads(raw))``, made by orjson (several times faster). Where
    orjson differs from Python the text takes Python's way: floats of magnitude under
    1e-4 (orjson writes ``1e-5`` or ``0.00001`` for Python's ``1e-05``) and integers
    beyond 64 bits (orjson reads them as floats, written in exponent form), so any
    output holding ``e-``, ``e+`` or ``0.0000`` (in a string too: only slower), and
    anything orjson refuses (``NaN``, lone surrogates)."""
    try:
        text = orjson.dumps(orjson.loads(raw), option=orjson.OPT_SORT_KEYS)
    except (orjson.JSONDecodeError, TypeError):
        text = b"e-"
    if b"e-" in text or b"e+" in text or b"0.0000" in text:
        return canonical_json(json.loads(raw)).encode("utf-8")
    return text


def run_detectors(
    ctx: DetectorContext,
    detectors: Mapping[SignalType, Detector],
    rows: Mapping[str, int],
    report: Progress,
) -> Detected:
    """Fill ``candidates`` with every computable type's candidates (and compute their
    aggregate tables); shared tables live from the first detector that lists them to
    the last."""
    con = ctx.con
    columns = ", ".join(f"CAST({c} AS {TYPES[c]}) AS {c}" for c in CANDIDATE_COLUMNS)
    con.execute(
        "CREATE OR REPLACE TABLE raw_candidates (signal_type VARCHAR, "
        + ", ".join(f"{c} {TYPES[c]}" for c in CANDIDATE_COLUMNS)
        + ")"
    )
    found = Detected()
    runnable = {t: d for t, d in detectors.items() if not missing_inputs(d, rows)}
    last_use = {s.name: t for t, d in runnable.items() for s in d.shared}
    for done, (signal_type, detector) in enumerate(detectors.items()):
        report("detect", done, len(detectors))
        if signal_type not in runnable:
            missing = missing_inputs(detector, rows)
            found.not_computed[signal_type.value] = {"reason": "input_missing", "missing": missing}
            continue
        create_shared(ctx, detector)
        select = (
            f"SELECT '{signal_type.value}' AS signal_type, {columns} "  # noqa: S608 (ours)
            f"FROM ({detector.query(ctx)})"
        )
        con.execute(f"INSERT INTO raw_candidates {select}")
        found.tables.update(detector_tables(ctx, detector))
        found.computed.append(signal_type)
        for shared in detector.shared:
            if last_use[shared.name] == signal_type:
                con.execute(f"DROP TABLE IF EXISTS {shared.name}")
    report("detect", len(detectors), len(detectors))
    _drop_all_but(con, "raw_candidates")  # the snapshot's memory goes to what follows
    _add_hashes(con, report)
    return found


def _drop_all_but(con: duckdb.DuckDBPyConnection, keep: str) -> None:
    names = con.execute("SELECT table_name FROM duckdb_tables() WHERE table_name <> ?", [keep])
    for (name,) in names.fetchall():
        con.execute(f'DROP TABLE "{name}"')


def create_shared(ctx: DetectorContext, detector: Detector) -> None:
    """Create the detector's shared tables that do not exist yet (in the order listed)."""
    existing = {
        row[0] for row in ctx.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    }
    for shared in detector.shared:
        if shared.name not in existing:
            ctx.con.execute(f"CREATE TABLE {shared.name} AS {shared.query(ctx)}")
            existing.add(shared.name)


def _add_hashes(con: duckdb.DuckDBPyConnection, report: Progress) -> None:
    """``candidates``: ``raw_candidates`` with canonical evidence and its hash, batch by
    batch (each batch appended as it is done: no second copy of every evidence)."""
    total = int(con.execute("SELECT count(*) FROM raw_candidates").fetchall()[0][0])
    con.execute(
        "CREATE OR REPLACE TABLE candidates AS SELECT * EXCLUDE (evidence), "
        "evidence, '' AS evidence_hash FROM raw_candidates LIMIT 0"
    )
    source = con.cursor()  # reads while ``con`` appends
    reader = source.sql("SELECT * FROM raw_candidates").to_arrow_reader(HASH_BATCH)
    done = 0
    report("evidence", 0, total)
    for batch in reader:
        texts: list[bytes] = []
        hashes: list[str] = []
        for raw in batch.column("evidence").to_pylist():
            text = canonical_evidence(raw)
            texts.append(text)
            hashes.append(hashlib.sha256(text).hexdigest())
        hashed = batch.drop_columns(["evidence"]).append_column(
            "evidence", pa.array(texts, pa.binary()).cast(pa.string())
        )
        hashed = hashed.append_column("evidence_hash", pa.array(hashes, pa.string()))
        con.register("candidate_batch", hashed)
        con.execute("INSERT INTO candidates BY NAME SELECT * FROM candidate_batch")
        con.unregister("candidate_batch")
        done += batch.num_rows
        report("evidence", done, total)
    reader.close()
    source.close()
    con.execute("DROP TABLE raw_candidates")


def detector_tables(ctx: DetectorContext, detector: Detector) -> dict[str, list[dict[str, Any]]]:
    """A computed detector's aggregate tables (``signal_runs.tables``), as JSON rows:
    dates as ISO text, decimals as floats."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, query in detector.tables:
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
