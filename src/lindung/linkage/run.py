"""Link two files of person records (or find duplicates in one) with Splink on
DuckDB, or on Spark with ``backend="spark"``.

The features are always computed in DuckDB (:mod:`lindung.linkage.prepare`); the
model is trained on the files themselves, without labels: u probabilities by
random sampling, m probabilities by expectation maximisation on two blocking
rules (:func:`lindung.linkage.model.training_rules`), the prior from near-certain
rules. The same model (comparisons, blocking, training) runs on either backend,
written in its SQL dialect. The trained model is saved as JSON next to the
output, its version in the file name, and every output row names it.
"""

from __future__ import annotations

import logging
import math
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import duckdb

from lindung.errors import LindungError
from lindung.linkage import model
from lindung.linkage.prepare import prepare
from lindung.linkage.spark import BackendUnavailable, check_available

Progress = Callable[[str, int, int], None]

#: Pairs sampled to estimate the u probabilities (chance agreement).
#: The prior when no pair is near-certain (Splink cannot estimate one from zero).
DEFAULT_PRIOR = 1e-4
U_SAMPLE_PAIRS = 5e6
#: Pairs an EM blocking rule is sampled down to (the left records in a share of
#: the sample buckets): enough to learn from, and bounded at any scale.
EM_MAX_PAIRS = 1_000_000
#: Recall assumed for the near-certain rules that estimate the prior.
DETERMINISTIC_RECALL = 0.7
#: Below this many records on a side the model trains on too few pairs for its
#: probabilities to mean much (the u probabilities come from random pairs).
MIN_TRAINING_ROWS = 1_000
#: Backends ``lindung link --backend`` accepts.
BACKENDS = ("duckdb", "spark")

logger = logging.getLogger(__name__)

__all__ = [
    "BACKENDS",
    "BackendUnavailable",
    "CannotWrite",
    "LinkResult",
    "check_backend",
    "link_files",
    "model_path_for",
]


class CannotWrite(LindungError):
    """The output file or the model next to it cannot be written."""


class TooFewPairs(LindungError):
    """Training found no candidate pair under a training rule nor its fallback: the
    files are too small (or too unlike) to estimate the model from."""


@dataclass(frozen=True, slots=True)
class LinkResult:
    """What a run wrote: the pair count, the output CSV and the saved model."""

    pairs: int
    out: Path
    model_path: Path
    left_rows: int
    right_rows: int


def check_backend(backend: str) -> None:
    """Refuse a backend that cannot run here, with what to install."""
    if backend not in BACKENDS:
        raise BackendUnavailable(f"unknown backend '{backend}' (choose duckdb or spark)")
    if backend == "spark":
        check_available()


class Engine(Protocol):
    """Where Splink runs: the prepared tables registered, the predictions brought back."""

    dialect: model.Dialect
    #: Chunks of the u sample Splink scores one after another (each one query).
    u_chunks: int

    def inputs(self, dedupe: bool) -> Any:
        """The prepared tables registered with a new Splink database API."""

    def into_duckdb(self, predictions: Any) -> str:
        """The name of a DuckDB table or view holding Splink's predictions."""


class DuckDBEngine:
    """Splink on the DuckDB connection that holds the prepared tables."""

    dialect: model.Dialect = "duckdb"
    u_chunks = 10  # Splink's default: bounded memory, and a query is cheap here

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def inputs(self, dedupe: bool) -> Any:
        from splink import DuckDBAPI

        return _register(DuckDBAPI(self.con), dedupe)

    def into_duckdb(self, predictions: Any) -> str:
        return str(predictions.physical_name)


def _registered(con: duckdb.DuckDBPyConnection, dedupe: bool) -> Any:
    """The prepared tables in ``con`` registered with a new Splink DuckDB API (kept for
    :mod:`lindung.linkage.scoring`, the platform runs)."""
    return DuckDBEngine(con).inputs(dedupe)


def _register(db_api: Any, dedupe: bool) -> Any:
    left = db_api.register("lindung_left", dataset_display_name="left")
    if dedupe:
        return left
    return [left, db_api.register("lindung_right", dataset_display_name="right")]


@contextmanager
def engine_for(backend: str, con: duckdb.DuckDBPyConnection, dedupe: bool) -> Iterator[Engine]:
    """The engine of ``backend`` over the prepared tables in ``con``."""
    if backend == "duckdb":
        yield DuckDBEngine(con)
        return
    from lindung.linkage.spark import SparkEngine

    tables = ["lindung_left"] if dedupe else ["lindung_left", "lindung_right"]
    with tempfile.TemporaryDirectory(prefix="lindung-spark-") as work:
        spark_engine = SparkEngine(con, tables, Path(work))
        try:
            yield spark_engine
        finally:
            spark_engine.close()


def model_path_for(out: Path) -> Path:
    """Where the trained model of a run writing ``out`` is saved."""
    return out.with_name(f"{out.stem}.model-v{model.MODEL_VERSION}.json")


def link_files(
    left: Path,
    right: Path | None,
    out: Path,
    *,
    threshold: float = 0.9,
    seed: int = 2029,
    backend: str = "duckdb",
    progress: Progress | None = None,
) -> LinkResult:
    """Link ``left`` to ``right`` (or deduplicate ``left`` when ``right`` is None).

    Writes ``out`` (CSV: ``left_id, right_id, match_probability, match_weight``,
    one ``mw_<comparison>`` column per comparison, ``model``) with the pairs at or
    above ``threshold``, and the trained model next to it. ``backend`` is
    ``duckdb`` or ``spark`` (:mod:`lindung.linkage.spark`).
    """
    check_backend(backend)
    report = progress or (lambda stage, done, total: None)
    try:  # refuse an unwritable destination before minutes of training
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CannotWrite(f"cannot write {out}: {type(exc).__name__}") from None
    con = duckdb.connect()
    try:
        report("read left", 0, 1)
        left_rows = prepare(con, left, "lindung_left")
        report("read left", 1, 1)
        right_rows = left_rows
        if right is not None:
            report("read right", 0, 1)
            right_rows = prepare(con, right, "lindung_right")
            report("read right", 1, 1)
        with engine_for(backend, con, dedupe=right is None) as engine:
            linker = train(con, engine, dedupe=right is None, seed=seed, report=report)
            report("predict", 0, 1)
            predictions = linker.inference.predict(threshold_match_probability=threshold)
            table = engine.into_duckdb(predictions)
            report("predict", 1, 1)
            report("write", 0, 1)
            model_path = model_path_for(out)
            try:
                linker.misc.save_model_to_json(str(model_path), overwrite=True)
                pairs = _write(con, table, out, model_path.name, right is None)
            except (OSError, duckdb.Error) as exc:
                raise CannotWrite(f"cannot write {out}: {type(exc).__name__}") from None
            report("write", 1, 1)
    finally:
        con.close()
    return LinkResult(pairs, out, model_path, left_rows, right_rows)


def train(
    con: duckdb.DuckDBPyConnection, engine: Engine, *, dedupe: bool, seed: int, report: Progress
) -> Any:
    """A Splink linker with the model trained on the prepared tables, on ``engine``."""
    from splink import Linker

    trained = trained_settings(con, engine, dedupe=dedupe, seed=seed, report=report)
    return Linker(engine.inputs(dedupe), trained, log_level=logging.ERROR)


def trained_settings(
    con: duckdb.DuckDBPyConnection, engine: Engine, *, dedupe: bool, seed: int, report: Progress
) -> dict[str, Any]:
    """The model trained without labels on the prepared tables: the prior from
    near-certain rules (:data:`DEFAULT_PRIOR` when there is no near-certain pair at
    all, e.g. a registry whose NIKs are unique), u by random sampling, m by EM on the
    model's training rules (a rule that blocks no pair in these records is replaced by
    the last rule without NIK), m floored."""
    from splink import Linker
    from splink.internals.exceptions import EMTrainingException

    link_type = "dedupe_only" if dedupe else "link_only"
    present = _columns_present(
        con, ["lindung_left"] if dedupe else ["lindung_left", "lindung_right"]
    )
    settings = model.settings(link_type, present, engine.dialect)
    linker = Linker(engine.inputs(dedupe), settings, log_level=logging.ERROR)
    report("train: prior", 0, 1)
    try:
        linker.training.estimate_probability_two_random_records_match(
            list(model.DETERMINISTIC_RULES), recall=DETERMINISTIC_RECALL
        )
    except ValueError:  # no near-certain pair at all: keep Splink's default prior
        logger.info("no deterministic matches; default prior kept")
    estimated = linker.misc.save_model_to_json()
    if not estimated.get("probability_two_random_records_match"):
        # a prior of 0 (no near-certain pair counted) would make every weight infinite
        estimated["probability_two_random_records_match"] = DEFAULT_PRIOR
        linker = Linker(engine.inputs(dedupe), estimated, log_level=logging.ERROR)
    report("train: prior", 1, 1)
    training = linker.training
    report("train: chance agreement", 0, 1)
    training.estimate_u_using_random_sampling(
        max_pairs=U_SAMPLE_PAIRS, seed=seed, num_chunks=engine.u_chunks
    )
    report("train: chance agreement", 1, 1)
    rules = model.training_columns(present)
    fallback = model.training_columns(present - {"nik"})[-1]
    for number, columns in enumerate(rules, start=1):
        stage = f"train: EM {number}/{len(rules)}"
        report(stage, 0, 1)
        try:
            _em(con, training, columns, dedupe)
        except EMTrainingException:  # the rule blocks no pair in these records
            try:
                _em(con, training, fallback, dedupe)
            except EMTrainingException:
                raise TooFewPairs(
                    "too few records to train the model: no candidate pair on "
                    f"{', '.join(columns)} nor on {', '.join(fallback)} (import more "
                    "records, or run with a saved model)"
                ) from None
        report(stage, 1, 1)
    trained: dict[str, Any] = model.floored(linker.misc.save_model_to_json())
    return trained


def _em(
    con: duckdb.DuckDBPyConnection, training: Any, columns: tuple[str, ...], dedupe: bool
) -> None:
    share = training_share(con, columns, dedupe)
    training.estimate_parameters_using_expectation_maximisation(model.training_rule(columns, share))


def training_share(con: duckdb.DuckDBPyConnection, columns: tuple[str, ...], dedupe: bool) -> int:
    """How many of the model's sample buckets keep EM on ``columns`` near
    :data:`EM_MAX_PAIRS` pairs (all of them on small files)."""
    keys = ", ".join(columns)
    present = " AND ".join(f"{c} IS NOT NULL" for c in columns)
    counts = "SELECT {keys}, count(*) AS n FROM {table} WHERE {present} GROUP BY ALL"
    left = counts.format(keys=keys, table="lindung_left", present=present)
    if dedupe:
        query = f"SELECT sum(n * (n - 1) / 2) FROM ({left})"  # noqa: S608
    else:
        right = counts.format(keys=keys, table="lindung_right", present=present)
        query = f"SELECT sum(a.n * b.n) FROM ({left}) a JOIN ({right}) b USING ({keys})"  # noqa: S608
    pairs = float(con.execute(query).fetchall()[0][0] or 0)
    if pairs <= EM_MAX_PAIRS:
        return model.SAMPLE_BUCKETS
    return math.ceil(model.SAMPLE_BUCKETS * EM_MAX_PAIRS / pairs)


def _columns_present(con: duckdb.DuckDBPyConnection, tables: list[str]) -> set[str]:
    """Optional columns with at least one value in every table: a comparison on a
    column empty on one side could never be trained, so it is left out."""
    present = set(model.OPTIONAL_COLUMNS)
    for table in tables:
        counts = ", ".join(f"count({c})" for c in model.OPTIONAL_COLUMNS)
        row = con.execute(f"SELECT {counts} FROM {table}").fetchall()[0]  # noqa: S608
        present &= {c for c, n in zip(model.OPTIONAL_COLUMNS, row, strict=True) if n}
    return present


def _write(
    con: duckdb.DuckDBPyConnection, table: str, out: Path, model_name: str, dedupe: bool
) -> int:
    columns = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
    names = [n for n in _COMPARISON_ORDER if f"mw_{n}" in columns]
    # Splink writes one match weight per comparison (mw_<name>) and, where a term
    # frequency adjustment applies, its own column (mw_tf_adj_<name>): summed here
    # so each output column explains one comparison.
    weights = ", ".join(
        f"round(mw_{n} + coalesce(mw_tf_adj_{n}, 0), 4) AS mw_{n}"
        if f"mw_tf_adj_{n}" in columns
        else f"round(mw_{n}, 4) AS mw_{n}"
        for n in names
    )
    if dedupe:
        ids = "unique_id_l AS left_id, unique_id_r AS right_id"
    else:
        ids = (
            "CASE WHEN source_dataset_l = 'left' THEN unique_id_l ELSE unique_id_r END AS left_id, "
            "CASE WHEN source_dataset_l = 'left' THEN unique_id_r ELSE unique_id_l END AS right_id"
        )
    con.execute(
        f"""
        COPY (
            SELECT {ids}, round(match_probability, 6) AS match_probability,
                   round(match_weight, 4) AS match_weight, {weights}, ? AS model
            FROM {table} ORDER BY match_probability DESC, left_id, right_id
        ) TO '{_sql_path(out)}' (HEADER, DELIMITER ',')
        """,  # noqa: S608
        [model_name],
    )
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchall()  # noqa: S608
    return int(rows[0][0])


_COMPARISON_ORDER = [str(c.create_output_column_name()) for c in model.comparisons()]


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
