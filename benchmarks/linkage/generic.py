"""The reference: a generic Splink model a competent analyst would write without
Indonesian knowledge, run on the same files in the same run.

First token of the lower-cased name as forename, last token as surname; Jaro-Winkler
(0.92, 0.8) with term-frequency adjustment on each; Splink's ``DateOfBirthComparison``;
exact sex and NIK. Blocking on the date of birth, forename + surname, and NIK. Trained
the usual way: the prior from NIK and name + date, u by sampling the same 5 million
pairs as ``lindung link``, EM on the date of birth then on forename + surname.

Dates are parsed with the same formats ``lindung link`` accepts and sex codes mapped,
so the comparison is of the models, not of input parsing.
"""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from lindung.linkage.prepare import DATE_FORMATS
from lindung.linkage.run import DETERMINISTIC_RECALL, U_SAMPLE_PAIRS


def _source(path: Path) -> str:
    if path.suffix == ".parquet":
        return f"'{path}'"
    return f"read_csv('{path}', all_varchar = true)"


def _table(con: duckdb.DuckDBPyConnection, path: Path, name: str) -> None:
    date = "CAST(coalesce({}) AS DATE)".format(
        ", ".join(f"try_strptime(CAST(birth_date AS VARCHAR), '{f}')" for f in DATE_FORMATS)
    )
    con.execute(
        f"""CREATE TABLE {name} AS
            SELECT CAST(record_id AS VARCHAR) AS unique_id,
                   NULLIF(split_part(lower(trim(full_name)), ' ', 1), '') AS first_name,
                   NULLIF(list_last(string_split(lower(trim(full_name)), ' ')), '') AS surname,
                   {date} AS dob,
                   CASE upper(sex) WHEN 'M' THEN 'M' WHEN 'L' THEN 'M'
                                   WHEN 'F' THEN 'F' WHEN 'P' THEN 'F' END AS sex,
                   NULLIF(regexp_replace(CAST(nik AS VARCHAR), '[^0-9]', '', 'g'), '') AS nik
            FROM {_source(path)}"""
    )


def _inputs(con: duckdb.DuckDBPyConnection, dedupe: bool) -> object:
    db_api = DuckDBAPI(con)
    left = db_api.register("g_left", dataset_display_name="left")
    if dedupe:
        return left
    return [left, db_api.register("g_right", dataset_display_name="right")]


def settings(dedupe: bool) -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only" if dedupe else "link_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("first_name", [0.92, 0.8]).configure(
                term_frequency_adjustments=True
            ),
            cl.JaroWinklerAtThresholds("surname", [0.92, 0.8]).configure(
                term_frequency_adjustments=True
            ),
            cl.DateOfBirthComparison("dob", input_is_string=False),
            cl.ExactMatch("sex"),
            cl.ExactMatch("nik"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("dob"),
            block_on("first_name", "surname"),
            block_on("nik"),
        ],
        retain_intermediate_calculation_columns=True,
    )


def generic_link(left: Path, right: Path | None, out: Path, threshold: float) -> None:
    """Link ``left`` to ``right`` (or deduplicate ``left``) and write the scored pairs."""
    dedupe = right is None
    con = duckdb.connect()
    _table(con, left, "g_left")
    if right is not None:
        _table(con, right, "g_right")
    linker = Linker(_inputs(con, dedupe), settings(dedupe), log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("nik"), block_on("first_name", "surname", "dob")], recall=DETERMINISTIC_RECALL
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=U_SAMPLE_PAIRS, seed=2029)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname")
    )
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    if dedupe:
        ids = "unique_id_l AS left_id, unique_id_r AS right_id"
    else:
        ids = """CASE WHEN source_dataset_l = 'left' THEN unique_id_l ELSE unique_id_r END
                     AS left_id,
                 CASE WHEN source_dataset_l = 'left' THEN unique_id_r ELSE unique_id_l END
                     AS right_id"""
    con.execute(
        f"""COPY (SELECT {ids}, match_probability FROM {predictions.physical_name})
            TO '{out}' (HEADER)"""
    )
    con.close()
