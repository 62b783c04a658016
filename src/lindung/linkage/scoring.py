"""Score a pairing's records with Splink on DuckDB: train or reuse a model, predict,
full or incremental, and explain every pair.

The records arrive as Arrow tables in the link-input shape (from
:mod:`lindung.linkage.sources`) and are prepared exactly as ``lindung link``
prepares files (:func:`lindung.linkage.prepare.prepare`), into the DuckDB
tables ``lindung_left`` and ``lindung_right`` that the trainer of
:mod:`lindung.linkage.run` reads.

**Incremental** scoring links only the new records: with ``new_left``/``new_right``
key sets, the pairs scored are new-left x all-right and old-left x new-right
(for de-duplication: new x old and new x new), through Splink's
``predict_between`` / ``predict_within``. Term frequencies are computed over all
records, as a full run computes them, so a pair gets the same probability either
way; pairs of two old records are never scored again. They keep the probability of
the run that scored them: as records arrive the term frequencies shift, so a later
full run may move such a pair across a threshold (and a person may then change).
"""

from __future__ import annotations

import logging
import math
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from lindung.linkage import run as file_run
from lindung.linkage.pairings import Pairing
from lindung.linkage.prepare import prepare

Progress = Callable[[str, int, int], None]
#: The prior used when no near-certain pair exists to estimate it from.
#: Term-frequency adjusted columns of the model (computed over all records).
TF_COLUMNS = ("name_sorted",)


@dataclass(frozen=True)
class ScoredPair:
    """One scored pair: keys as in the store, the probability, and why."""

    left_key: int
    right_key: int
    match_probability: float
    match_weight: float
    explanation: dict[str, dict[str, Any]]


class Scorer:
    """The DuckDB connection holding one pairing's prepared records."""

    def __init__(self, pairing: Pairing, left: pa.Table, right: pa.Table | None) -> None:
        self.pairing = pairing
        self.con = duckdb.connect()
        with tempfile.TemporaryDirectory(prefix="lindung-link-") as folder:
            self.left_rows = self._load(Path(folder), left, "lindung_left")
            self.right_rows = (
                self._load(Path(folder), right, "lindung_right")
                if right is not None
                else self.left_rows
            )

    def close(self) -> None:
        self.con.close()

    def _load(self, folder: Path, table: pa.Table, name: str) -> int:
        path = folder / f"{name}.parquet"
        pq.write_table(table, path)
        return prepare(self.con, path, name)

    def train(self, seed: int, progress: Progress) -> dict[str, Any]:
        """Train the pairing's model on these records (without labels); its settings
        (:func:`lindung.linkage.run.trained_settings`, as ``lindung link`` does)."""
        engine = file_run.DuckDBEngine(self.con)
        return file_run.trained_settings(
            self.con, engine, dedupe=self.pairing.dedupe, seed=seed, report=progress
        )

    def score_all(self, settings: dict[str, Any], floor: float) -> list[ScoredPair]:
        """Every blocked pair at or above probability ``floor``."""
        linker = self._linker(settings)
        predictions = linker.inference.predict(threshold_match_probability=floor)
        return self._pairs(predictions.physical_name, settings)

    def score_new(
        self,
        settings: dict[str, Any],
        floor: float,
        new_left: set[int],
        new_right: set[int],
    ) -> list[ScoredPair]:
        """Only pairs with at least one new record (see the module docstring)."""
        linker = self._linker(settings)
        tables = self._registered_tables
        for column in TF_COLUMNS:
            linker.table_management.compute_tf_table(column)
        api = self._api
        found: list[ScoredPair] = []
        if self.pairing.dedupe:
            if not new_left:
                return found
            new = self._subset(api, "lindung_left", new_left, "left_new")
            old = self._subset(api, "lindung_left", None, "left_old", exclude=new_left)
            results = [linker.inference.predict_within(new, threshold_match_probability=floor)]
            if self.left_rows > len(new_left):
                results.append(
                    linker.inference.predict_between(new, old, threshold_match_probability=floor)
                )
            for result in results:
                found += self._pairs(result.physical_name, settings)
            return found
        calls = []
        if new_left:
            new_l = self._subset(api, "lindung_left", new_left, "left_new")
            calls.append((new_l, tables[1]))
        if new_right and self.left_rows > len(new_left):
            old_l = self._subset(api, "lindung_left", None, "left_old", exclude=new_left)
            new_r = self._subset(api, "lindung_right", new_right, "right_new")
            calls.append((old_l, new_r))
        for left, right in calls:
            result = linker.inference.predict_between(
                left, right, threshold_match_probability=floor
            )
            found += self._pairs(result.physical_name, settings)
        return found

    def _linker(self, settings: dict[str, Any]) -> Any:
        from splink import DuckDBAPI, Linker

        self._api = DuckDBAPI(self.con)
        left = self._api.register("lindung_left", dataset_display_name="left")
        if self.pairing.dedupe:
            self._registered_tables: list[Any] = [left]
            return Linker(left, settings, log_level=logging.ERROR)
        right = self._api.register("lindung_right", dataset_display_name="right")
        self._registered_tables = [left, right]
        return Linker([left, right], settings, log_level=logging.ERROR)

    def _subset(
        self,
        api: Any,
        table: str,
        keys: set[int] | None,
        name: str,
        exclude: set[int] | None = None,
    ) -> Any:
        chosen = keys if keys is not None else (exclude or set())
        wanted = pa.table({"k": pa.array([str(k) for k in sorted(chosen)], pa.string())})
        self.con.register(f"{name}__keys", wanted)
        condition = "IN" if keys is not None else "NOT IN"
        self.con.execute(
            f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM {table} "  # noqa: S608
            f"WHERE unique_id {condition} (SELECT k FROM {name}__keys)"
        )
        self.con.unregister(f"{name}__keys")
        return api.register(name, dataset_display_name=name)

    def _pairs(self, table: str, settings: dict[str, Any]) -> list[ScoredPair]:
        columns = {r[0] for r in self.con.execute(f"DESCRIBE {table}").fetchall()}
        names = [c["output_column_name"] for c in settings["comparisons"]]
        levels = level_weights(settings)
        selected = ", ".join(
            f"mw_{n}, {f'mw_tf_adj_{n}' if f'mw_tf_adj_{n}' in columns else '0.0'}" for n in names
        )
        source = "source_dataset_l" if "source_dataset_l" in columns else "'left'"
        query = (
            f"SELECT {source}, unique_id_l, unique_id_r, match_probability, "  # noqa: S608
            f"match_weight, {selected} FROM {table}"
        )
        pairs = []
        for row in self.con.execute(query).fetchall():
            left_first = self.pairing.dedupe or str(row[0]).startswith("left")
            a, b = int(row[1]), int(row[2])
            left_key, right_key = (a, b) if left_first else (b, a)
            if self.pairing.dedupe and left_key > right_key:
                left_key, right_key = right_key, left_key
            explanation = {
                name: explain(levels[name], row[5 + 2 * i], row[6 + 2 * i])
                for i, name in enumerate(names)
            }
            pairs.append(
                ScoredPair(left_key, right_key, float(row[3]), round(float(row[4]), 4), explanation)
            )
        return pairs


def level_weights(settings: dict[str, Any]) -> dict[str, list[tuple[str, float | None]]]:
    """For each comparison, its levels as (label, match weight in bits; None for the
    null level), from a trained model's settings."""
    found: dict[str, list[tuple[str, float | None]]] = {}
    for comparison in settings["comparisons"]:
        levels: list[tuple[str, float | None]] = []
        for level in comparison["comparison_levels"]:
            label = str(level.get("label_for_charts", ""))
            if level.get("is_null_level"):
                levels.append((label, None))
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            weight = math.log2(m / u) if m and u else 0.0
            levels.append((label, weight))
        found[comparison["output_column_name"]] = levels
    return found


def explain(
    levels: list[tuple[str, float | None]], weight: float | None, tf_adjustment: float | None
) -> dict[str, Any]:
    """The level a pair reached on one comparison and its weight in bits (term-frequency
    adjustment included). Splink's output carries the weight, not the level, so the
    level is the one whose weight it is; a weight of exactly 0 is a missing value
    (the null level, which weighs nothing)."""
    base = float(weight or 0.0)
    total = round(base + float(tf_adjustment or 0.0), 4)
    if base == 0.0:
        null = next((label for label, w in levels if w is None), "missing")
        return {"level": null, "weight": total}
    candidates = [(abs(w - base), label) for label, w in levels if w is not None]
    label = min(candidates)[1] if candidates else ""
    return {"level": label, "weight": total}
