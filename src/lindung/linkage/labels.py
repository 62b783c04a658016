"""Retraining a pairing's model from the reviewers' labels.

A retrained model is first trained without labels (:func:`lindung.linkage.run.
trained_settings`: prior, u by random sampling, m by EM). When the pairing has
reviewers' labels (the latest ``match`` / ``non-match`` decision per pair,
:func:`lindung.linkage.review.label_rows`; ``unsure`` is no label) they then move
the m probabilities, by this rule:

- Only **match** labels train: m is "how often true matches reach each level", and
  Splink's ``estimate_m_from_pairwise_labels`` counts the levels the labelled
  matches reach (it takes every row given to it as a match). Non-match labels are
  counted and recorded but change nothing: u (chance agreement) comes from random
  pairs, which reviewed non-matches (look-alikes from the review band) are not.
- A label whose record no longer exists in the store is skipped and counted.
- Labels are used only when at least :data:`MIN_MATCH_LABELS` match labels remain;
  otherwise the model is the label-free one and the run says why.
- A comparison's m moves only when at least :data:`MIN_MATCH_LABELS` match labels
  have a value on both sides for it (a missing NIK is no evidence about NIKs); the
  others keep EM's m.
- The labels do not replace EM, they are added to it: for each level,
  ``m = (n * p + PRIOR_PAIRS * m_em) / (n + PRIOR_PAIRS)``, where ``n`` is the
  comparison's labelled matches with a value, ``p`` the share of them at the level
  and ``m_em`` EM's m (0 for a level EM never saw). EM's estimate counts as
  :data:`PRIOR_PAIRS` labelled matches: the labels come from the review band, the
  pairs the model was least sure of, so they are not a fair sample of all matches;
  a few dozen of them nudge the model, hundreds move it most of the way. Every m is
  floored again afterwards (:func:`lindung.linkage.model.floored`).

What was used is a :class:`LabelUse`, kept in the model file's manifest and in the
run (``linkage_runs.training_labels``).
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from lindung.linkage import model

#: Fewest match labels (records still present) before labels train the model, and
#: fewest with a value on both sides before a comparison's m moves.
MIN_MATCH_LABELS = 20
#: How many labelled matches EM's estimate counts as when the two are combined.
PRIOR_PAIRS = 100

#: Why labels were not used (``LabelUse.reason``), with the sentence the CLI shows.
REASONS = {
    "none": ("belum ada label peninjau", "no reviewers' labels yet"),
    "turned_off": ("dimatikan dengan --no-labels", "turned off with --no-labels"),
    "too_few": (
        f"kurang dari {MIN_MATCH_LABELS} label cocok",
        f"fewer than {MIN_MATCH_LABELS} match labels",
    ),
}

_LABELS_TABLE = "lindung_label_pairs"
_SPLINK_LABELS = "lindung_match_labels"


@dataclass(frozen=True)
class LabelUse:
    """The reviewers' labels a training saw (keys and counts only, no personal data).

    ``match`` and ``non_match`` count labels whose two records exist; ``missing``
    those skipped because a record no longer exists; ``used`` whether they trained
    the model; ``reason`` why not (a key of :data:`REASONS`, empty when used);
    ``comparisons`` those whose m the labels moved.
    """

    match: int = 0
    non_match: int = 0
    missing: int = 0
    used: bool = False
    reason: str = "none"
    comparisons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def labels(self) -> int:
        """Labels that trained the model (the match labels, when used)."""
        return self.match if self.used else 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "match": self.match,
            "non_match": self.non_match,
            "missing": self.missing,
            "used": self.used,
            "reason": self.reason,
            "comparisons": list(self.comparisons),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LabelUse:
        return cls(
            int(data.get("match", 0)),
            int(data.get("non_match", 0)),
            int(data.get("missing", 0)),
            bool(data.get("used", False)),
            str(data.get("reason", "")),
            tuple(data.get("comparisons", ())),
        )

    def why(self) -> str:
        """Why the labels were not used, Bahasa Indonesia then English ('' when used)."""
        if self.used:
            return ""
        indonesian, english = REASONS.get(self.reason, (self.reason, self.reason))
        return f"{indonesian} / {english}"


def train_with_labels(
    con: duckdb.DuckDBPyConnection,
    dedupe: bool,
    trained: dict[str, Any],
    rows: list[dict[str, Any]],
    enabled: bool = True,
) -> tuple[dict[str, Any], LabelUse]:
    """``trained`` (a label-free model over the prepared tables in ``con``) moved by
    the labels ``rows`` (:func:`lindung.linkage.review.label_rows` of the pairing),
    by the rule of the module docstring; and what was used."""
    if not rows:
        return trained, LabelUse(reason="none")
    match, non_match, missing = _present_pairs(con, dedupe, rows)
    if not enabled:
        return trained, LabelUse(match, non_match, missing, reason="turned_off")
    if match < MIN_MATCH_LABELS:
        return trained, LabelUse(match, non_match, missing, reason="too_few")
    with_values = _labels_with_values(con, trained)
    proportions = _label_proportions(con, dedupe, trained)
    moved = []
    combined = copy.deepcopy(trained)
    for comparison in combined["comparisons"]:
        name = comparison["output_column_name"]
        n = with_values.get(name, 0)
        if n < MIN_MATCH_LABELS:
            continue
        _combine(comparison, proportions[name], n)
        moved.append(name)
    use = LabelUse(match, non_match, missing, used=True, reason="", comparisons=tuple(moved))
    return model.floored(combined), use


def _present_pairs(
    con: duckdb.DuckDBPyConnection, dedupe: bool, rows: list[dict[str, Any]]
) -> tuple[int, int, int]:
    """Join the labels to the prepared records (table :data:`_LABELS_TABLE`: both
    records' columns, suffixed ``_l`` and ``_r``, and ``is_match``); the counts of
    match and non-match labels whose records exist, and of those skipped."""
    labels = pa.table(
        {
            "unique_id_l": pa.array([str(r["unique_id_l"]) for r in rows], pa.string()),
            "unique_id_r": pa.array([str(r["unique_id_r"]) for r in rows], pa.string()),
            "is_match": pa.array([int(r["clerical_match_score"]) == 1 for r in rows]),
        }
    )
    right = "lindung_left" if dedupe else "lindung_right"
    left_columns = [r[0] for r in con.execute("DESCRIBE lindung_left").fetchall()]
    right_columns = {r[0] for r in con.execute(f"DESCRIBE {right}").fetchall()}
    columns = [c for c in left_columns if c in right_columns]
    selected = ", ".join(f"l.{c} AS {c}_l, r.{c} AS {c}_r" for c in columns)
    con.register("lindung_labels_in", labels)
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {_LABELS_TABLE} AS "  # noqa: S608
            f"SELECT {selected}, lab.is_match FROM lindung_labels_in lab "
            "JOIN lindung_left l ON l.unique_id = lab.unique_id_l "
            f"JOIN {right} r ON r.unique_id = lab.unique_id_r"
        )
    finally:
        con.unregister("lindung_labels_in")
    found = con.execute(
        f"SELECT count(*) FILTER (WHERE is_match), count(*) FILTER (WHERE NOT is_match) "  # noqa: S608
        f"FROM {_LABELS_TABLE}"
    ).fetchall()[0]
    match, non_match = int(found[0]), int(found[1])
    return match, non_match, len(rows) - match - non_match


def _labels_with_values(con: duckdb.DuckDBPyConnection, trained: dict[str, Any]) -> dict[str, int]:
    """Per comparison, the match labels not at its null level (both values present),
    by the null level's own SQL condition from the model."""
    counts = {}
    for comparison in trained["comparisons"]:
        null = next(
            (
                lv["sql_condition"]
                for lv in comparison["comparison_levels"]
                if lv.get("is_null_level")
            ),
            "FALSE",
        )
        query = f"SELECT count(*) FROM {_LABELS_TABLE} WHERE is_match AND NOT ({null})"  # noqa: S608
        counts[comparison["output_column_name"]] = int(con.execute(query).fetchall()[0][0])
    return counts


def _label_proportions(
    con: duckdb.DuckDBPyConnection, dedupe: bool, trained: dict[str, Any]
) -> dict[str, list[float | None]]:
    """Per comparison, the share of the match labels at each level (None for the null
    level), by Splink's ``estimate_m_from_pairwise_labels`` on a copy of the model with
    no m at all (so a level no labelled match reaches has none: a share of 0)."""
    from splink import DuckDBAPI, Linker

    blank = copy.deepcopy(trained)
    for comparison in blank["comparisons"]:
        for level in comparison["comparison_levels"]:
            level.pop("m_probability", None)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {_SPLINK_LABELS} AS "  # noqa: S608
        "SELECT 'left' AS source_dataset_l, unique_id_l, "
        f"'{'left' if dedupe else 'right'}' AS source_dataset_r, unique_id_r "
        f"FROM {_LABELS_TABLE} WHERE is_match"
    )
    api = DuckDBAPI(con)
    left = api.register("lindung_left", dataset_display_name="left")
    tables = left if dedupe else [left, api.register("lindung_right", dataset_display_name="right")]
    linker = Linker(tables, blank, log_level=logging.ERROR)
    linker.training.estimate_m_from_pairwise_labels(_SPLINK_LABELS)  # type: ignore[no-untyped-call]
    estimated = linker.misc.save_model_to_json()
    return {
        comparison["output_column_name"]: [
            None if level.get("is_null_level") else float(level.get("m_probability") or 0.0)
            for level in comparison["comparison_levels"]
        ]
        for comparison in estimated["comparisons"]
    }


def _combine(comparison: dict[str, Any], shares: list[float | None], n: int) -> None:
    """Each non-null level's m: EM's and the labels' shares, weighted (module docstring)."""
    for level, share in zip(comparison["comparison_levels"], shares, strict=True):
        if level.get("is_null_level") or share is None:
            continue
        em = float(level.get("m_probability") or 0.0)
        m = (n * share + PRIOR_PAIRS * em) / (n + PRIOR_PAIRS)
        if m > 0:
            level["m_probability"] = m
