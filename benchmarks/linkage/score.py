"""Precision, recall and F1 of a pairs CSV (``left_id, right_id, match_probability``)
against the true pairs, at several match-probability thresholds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

THRESHOLDS = (0.5, 0.9, 0.99)
#: The threshold the targets are judged at (``lindung link``'s default).
HEADLINE = 0.9


def score(pairs_csv: Path, truth: Path, dedupe: bool) -> dict[str, Any]:
    """Scores by threshold; a de-duplication pair counts in either order."""
    con = duckdb.connect()
    total = con.execute(f"SELECT count(*) FROM '{truth}'").fetchall()[0][0]
    order = (
        "least(left_id, right_id) AS left_id, greatest(left_id, right_id) AS right_id"
        if dedupe
        else "left_id, right_id"
    )
    con.execute(
        f"""CREATE TABLE found AS
            SELECT DISTINCT {order}, CAST(match_probability AS DOUBLE) AS p
            FROM read_csv('{pairs_csv}', all_varchar = true)"""
    )
    scores = {}
    for threshold in THRESHOLDS:
        found, hits = con.execute(
            f"""SELECT count(*), count(t.left_id) FROM found f
                LEFT JOIN '{truth}' t ON t.left_id = f.left_id AND t.right_id = f.right_id
                WHERE f.p >= {threshold}"""
        ).fetchall()[0]
        precision = hits / found if found else 0.0
        recall = hits / total if total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        scores[str(threshold)] = {
            "pairs": found,
            "true_positives": hits,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }
    con.close()
    return {"true_pairs": total, "by_threshold": scores}


def errors(result: dict[str, Any]) -> float:
    """1 - F1 at the headline threshold."""
    return round(1 - result["by_threshold"][str(HEADLINE)]["f1"], 4)
