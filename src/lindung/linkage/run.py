"""Link two files of person records (or find duplicates in one) with Splink on DuckDB.

The model is trained on the files themselves, without labels: u probabilities by
random sampling, m probabilities by expectation maximisation on two blocking
rules (:data:`lindung.linkage.model.TRAINING_RULES`), the prior from
near-certain rules. The trained model is saved as JSON next to the output, its
version in the file name, and every output row names it.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from lindung.errors import LindungError
from lindung.linkage import model
from lindung.linkage.prepare import prepare

Progress = Callable[[str, int, int], None]

#: Pairs sampled to estimate the u probabilities (chance agreement).
U_SAMPLE_PAIRS = 5e6
#: Recall assumed for the near-certain rules that estimate the prior.
DETERMINISTIC_RECALL = 0.7
#: Below this many records on a side the model trains on too few pairs for its
#: probabilities to mean much (the u probabilities come from random pairs).
MIN_TRAINING_ROWS = 1_000

logger = logging.getLogger(__name__)


class BackendUnavailable(LindungError):
    """The requested analytics backend is not installed or not supported yet."""


class CannotWrite(LindungError):
    """The output file or the model next to it cannot be written."""


@dataclass(frozen=True, slots=True)
class LinkResult:
    """What a run wrote: the pair count, the output CSV and the saved model."""

    pairs: int
    out: Path
    model_path: Path
    left_rows: int
    right_rows: int


def check_backend(backend: str) -> None:
    """Refuse a backend that cannot run here, with the command that installs it."""
    if backend == "duckdb":
        return
    if backend != "spark":
        raise BackendUnavailable(f"unknown backend '{backend}' (choose duckdb or spark)")
    if importlib.util.find_spec("pyspark") is None:
        raise BackendUnavailable(
            "the spark backend needs the optional 'spark' extra: "
            "pip install 'lindung[spark]' (or uv sync --extra spark)"
        )
    raise BackendUnavailable("the spark backend is not implemented yet; use --backend duckdb")


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
    progress: Progress | None = None,
) -> LinkResult:
    """Link ``left`` to ``right`` (or deduplicate ``left`` when ``right`` is None).

    Writes ``out`` (CSV: ``left_id, right_id, match_probability, match_weight``,
    one ``mw_<comparison>`` column per comparison, ``model``) with the pairs at or
    above ``threshold``, and the trained model next to it.
    """
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
        linker = _trained_linker(con, dedupe=right is None, seed=seed, report=report)
        report("predict", 0, 1)
        predictions = linker.inference.predict(threshold_match_probability=threshold)
        report("predict", 1, 1)
        report("write", 0, 1)
        model_path = model_path_for(out)
        try:
            linker.misc.save_model_to_json(str(model_path), overwrite=True)
            pairs = _write(con, predictions.physical_name, out, model_path.name, right is None)
        except (OSError, duckdb.Error) as exc:
            raise CannotWrite(f"cannot write {out}: {type(exc).__name__}") from None
        report("write", 1, 1)
    finally:
        con.close()
    return LinkResult(pairs, out, model_path, left_rows, right_rows)


def _trained_linker(
    con: duckdb.DuckDBPyConnection, *, dedupe: bool, seed: int, report: Progress
) -> Any:
    from splink import Linker

    link_type = "dedupe_only" if dedupe else "link_only"
    present = _columns_present(
        con, ["lindung_left"] if dedupe else ["lindung_left", "lindung_right"]
    )
    linker = Linker(
        _registered(con, dedupe), model.settings(link_type, present), log_level=logging.ERROR
    )
    training = linker.training
    report("train: prior", 0, 1)
    try:
        training.estimate_probability_two_random_records_match(
            list(model.DETERMINISTIC_RULES), recall=DETERMINISTIC_RECALL
        )
    except ValueError:  # no near-certain pair at all: keep Splink's default prior
        logger.info("no deterministic matches; default prior kept")
    report("train: prior", 1, 1)
    report("train: chance agreement", 0, 1)
    training.estimate_u_using_random_sampling(max_pairs=U_SAMPLE_PAIRS, seed=seed)
    report("train: chance agreement", 1, 1)
    rules = model.training_rules(present)
    for number, rule in enumerate(rules, start=1):
        stage = f"train: EM {number}/{len(rules)}"
        report(stage, 0, 1)
        training.estimate_parameters_using_expectation_maximisation(rule)
        report(stage, 1, 1)
    trained = model.floored(linker.misc.save_model_to_json())
    return Linker(_registered(con, dedupe), trained, log_level=logging.ERROR)


def _registered(con: duckdb.DuckDBPyConnection, dedupe: bool) -> Any:
    """The prepared tables registered with a new Splink DuckDB API on ``con``."""
    from splink import DuckDBAPI

    db_api = DuckDBAPI(con)
    left = db_api.register("lindung_left", dataset_display_name="left")
    if dedupe:
        return left
    return [left, db_api.register("lindung_right", dataset_display_name="right")]


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
