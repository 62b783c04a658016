"""Retraining a pairing's model from the reviewers' labels (both backends).

Labels are made the way reviewers make them (``review.decide`` on the links of a
run); the model is retrained through ``run_pairing`` with and without them.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from lindung.exchange.principal import Principal
from lindung.linkage import model_files, review
from lindung.linkage.labels import MIN_MATCH_LABELS, LabelUse
from lindung.linkage.platform import RunOptions, RunSummary, run_pairing
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.models import AuditEntry, BorderCrossing, LinkageRun, RecordLink, Worker
from support import linkage_runs as lr

ADMIN = Principal("user", "admin", role="national_admin")


def _links_by_birth_date(db: Database) -> tuple[list[int], list[int]]:
    """The current links whose two records' stored birth dates differ, and those whose
    dates are the same (ids, in order)."""
    with db.session() as s:
        rows = s.execute(
            select(RecordLink.id, Worker.birth_date, BorderCrossing.birth_date)
            .join(Worker, Worker.id == RecordLink.left_key)
            .join(BorderCrossing, BorderCrossing.id == RecordLink.right_key)
            .where(RecordLink.current.is_(True))
            .order_by(RecordLink.id)
        ).all()
    differ = [i for i, a, b in rows if a is not None and b is not None and a != b]
    same = [i for i, a, b in rows if a is not None and a == b]
    return differ, same


def _decide(db: Database, link_ids: list[int], decision: str) -> None:
    with db.session() as s:
        for link_id in link_ids:
            review.decide(s, ADMIN, link_id, decision, "checked against the KTP copy")


def _birth_date_m(db: Database, settings: Settings, summary: RunSummary) -> dict[str, float]:
    """The m probability of each non-null birth-date level of the run's model (0 for a
    level the model never saw)."""
    folder = model_files.models_dir(settings.data_dir)
    saved = model_files.load(folder, lr.PAIRING, summary.model_version)
    comparison = next(
        c for c in saved.settings["comparisons"] if c["output_column_name"] == "birth_date"
    )
    return {
        level["label_for_charts"]: float(level.get("m_probability") or 0.0)
        for level in comparison["comparison_levels"]
        if not level.get("is_null_level")
    }


def _manifest_labels(settings: Settings, version: int) -> Any:
    folder = model_files.models_dir(settings.data_dir)
    manifest = folder / f"{lr.PAIRING}.v{version}.manifest.json"
    return json.loads(manifest.read_text())["labels"]


def test_a_retrain_with_labels_moves_m_their_way_and_records_them(
    db: Database, settings: Settings
) -> None:
    lr.load_store(db)
    lr.install_models(settings)
    # a low threshold keeps the pairs the model doubts, as a reviewer would see them
    first = run_pairing(db, settings, lr.PAIRING, RunOptions(threshold=1e-9), lr.ACTOR)
    assert first.labels is None  # a saved model: no training, nothing about labels
    differ, same = _links_by_birth_date(db)
    assert len(differ) >= 3
    matches = differ + same[: MIN_MATCH_LABELS + 4 - len(differ)]
    _decide(db, matches, "match")
    _decide(db, same[-3:], "non-match")
    _decide(db, same[-4:-3], "unsure")  # not a label
    with db.session() as s:  # a labelled crossing is deleted since: skipped, not fatal
        link = s.get(RecordLink, matches[-1])
        assert link is not None
        gone = s.get(BorderCrossing, link.right_key)
        assert gone is not None
        s.delete(gone)

    with_labels = run_pairing(db, settings, lr.PAIRING, RunOptions(retrain=True), lr.ACTOR)
    without = run_pairing(
        db, settings, lr.PAIRING, RunOptions(retrain=True, labels=False), lr.ACTOR
    )

    used = with_labels.labels
    assert used is not None
    assert (used.match, used.non_match, used.missing) == (len(matches) - 1, 3, 1)
    assert used.used
    assert used.labels == len(matches) - 1
    assert {"name", "birth_date", "sex"} <= set(used.comparisons)
    assert without.labels == LabelUse(
        used.match, used.non_match, used.missing, used=False, reason="turned_off"
    )
    assert _manifest_labels(settings, with_labels.model_version) == used.as_dict()
    assert _manifest_labels(settings, without.model_version)["used"] is False
    with db.session() as s:
        run = s.get(LinkageRun, with_labels.run_id)
        assert run is not None
        assert run.training_labels == used.as_dict()
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        audited = [e.details["labels"] for e in entries if e.details.get("object") == "linkage_run"]
        assert audited == [None, used.as_dict(), without.labels.as_dict()]

    # labels saying pairs with different birth dates are the same person move m from
    # 'exact' towards the levels where the dates differ
    labelled, plain = _birth_date_m(db, settings, with_labels), _birth_date_m(db, settings, without)
    assert labelled["exact"] < plain["exact"] - 0.02
    differing = [name for name in labelled if name not in ("exact", "exact, a placeholder date")]
    assert sum(labelled[n] for n in differing) > sum(plain[n] for n in differing) + 0.02
