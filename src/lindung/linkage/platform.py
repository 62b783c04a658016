"""Linkage runs inside the platform: ``lindung linkage run PAIRING``.

A run extracts the pairing's records from the store (:mod:`lindung.linkage.sources`),
trains a model (first run, or ``retrain``; with the reviewers' labels when there are
enough and ``labels`` is on, :mod:`lindung.linkage.labels`) or loads the newest saved
one (:mod:`lindung.linkage.model_files`), scores the pairs
(:mod:`lindung.linkage.scoring`), stores them in ``record_links`` with their state,
and recomputes persons (:mod:`lindung.linkage.persons`), all under one
``linkage_runs`` row and one audit entry.

- **Full** run: every blocked pair; the pairing's earlier links stop being
  ``current``.
- **Incremental** run: records with no person yet are new (and records added since
  the pairing's last run, which another pairing may have given a person); the pairs
  scored are those with at least one new record, with the saved model; earlier
  links stay.

States: a pair inside the review band is ``review`` (queued), else ``linked`` at or
above the link threshold, else ``rejected``; the latest reviewer decision on a pair
overrides the model (``match`` -> linked, ``non-match`` -> rejected, ``unsure`` ->
review). The store writes happen in one transaction: a failed run leaves the
previous links and persons as they were, and is recorded as ``failed``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from lindung.errors import LindungError, Problem, ValidationError
from lindung.exchange.audit import Actor, AuditEvent, append
from lindung.linkage import model_files, persons
from lindung.linkage.labels import LabelUse, train_with_labels
from lindung.linkage.pairings import Pairing, get_pairing
from lindung.linkage.review import label_rows
from lindung.linkage.scoring import ScoredPair, Scorer
from lindung.linkage.sources import RecordSource, all_keys, count, extract
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.models import LinkageRun, RecordLink

Progress = Callable[[str, int, int], None]
DECISION_STATES = {"match": "linked", "non-match": "rejected", "unsure": "review"}
INSERT_CHUNK = 5_000


class NoSavedModel(LindungError):
    """An incremental run needs a saved model of the pairing, and there is none."""


class NothingToLink(LindungError):
    """A source of the pairing has no record in the store."""


@dataclass(frozen=True)
class RunSummary:
    """What a run did (no personal data)."""

    run_id: int
    pairing: str
    kind: str
    model_version: int
    model_sha256: str
    retrained: bool
    left_rows: int
    right_rows: int
    new_records: int
    pairs: int
    linked: int
    review: int
    rejected: int
    persons: int
    #: The reviewers' labels the training saw (None: a saved model was used).
    labels: LabelUse | None = None


@dataclass(frozen=True)
class RunOptions:
    retrain: bool = False
    threshold: float | None = None
    incremental: bool = False
    seed: int = 2029
    #: Train from the reviewers' labels too, when there are enough (a training only).
    labels: bool = True


def check_threshold(threshold: float | None) -> None:
    if threshold is not None and not 0.0 < threshold < 1.0:
        raise ValidationError(
            [
                Problem(
                    "threshold",
                    "threshold.range",
                    "ambang harus antara 0 dan 1 (tidak termasuk)",
                    "the threshold must lie between 0 and 1 (exclusive)",
                )
            ]
        )


def run_pairing(
    database: Database,
    settings: Settings,
    pairing_name: str,
    options: RunOptions,
    actor: Actor,
    progress: Progress | None = None,
) -> RunSummary:
    """Run ``pairing_name`` over the store (see the module docstring)."""
    pairing = get_pairing(pairing_name)
    check_threshold(options.threshold)
    report = progress or (lambda stage, done, total: None)
    folder = model_files.models_dir(settings.data_dir)
    saved = None if options.retrain else model_files.latest(folder, pairing.name)
    if options.incremental and saved is None:
        raise NoSavedModel(
            f"an incremental run of {pairing.name} needs a saved model: run it in full first"
        )
    with database.session() as session:
        empty = [source.name for source in pairing.sources if count(session, source) == 0]
        if empty:
            raise NothingToLink(
                f"nothing to link: no records in {', '.join(empty)} "
                "(load the registry or import the partner file first)"
            )
        run_id = _start(session, pairing, options, actor)
    try:
        with database.session() as session:
            summary = _execute(session, pairing, options, saved, folder, run_id, report)
            _audit(session, actor, summary, options)
    except BaseException as exc:
        with database.session() as session:
            _fail(session, run_id, exc)
        raise
    return summary


def _start(session: Session, pairing: Pairing, options: RunOptions, actor: Actor) -> int:
    run = LinkageRun(
        pairing=pairing.name,
        kind="incremental" if options.incremental else "full",
        status="running",
        model_version=0,
        model_sha256="",
        link_threshold=options.threshold or pairing.link_threshold,
        review_low=pairing.review_low,
        review_high=pairing.review_high,
        actor=actor.name,
    )
    session.add(run)
    session.flush()
    return run.id


def _execute(
    session: Session,
    pairing: Pairing,
    options: RunOptions,
    saved: model_files.ModelFile | None,
    folder: Path,
    run_id: int,
    report: Progress,
) -> RunSummary:
    report("extract", 0, 1)
    left = extract(session, pairing.left)
    right = extract(session, pairing.right) if pairing.right is not None else None
    new_left, new_right = _new_records(session, pairing) if options.incremental else (set(), set())
    report("extract", 1, 1)
    scorer = Scorer(pairing, left, right)
    label_use = None
    try:
        if saved is None:
            saved, label_use = _train(session, scorer, pairing, options, folder, report)
        threshold = options.threshold or pairing.link_threshold
        floor = min(pairing.review_low, threshold)
        report("predict", 0, 1)
        if options.incremental:
            scored = scorer.score_new(saved.settings, floor, new_left, new_right)
        else:
            scored = scorer.score_all(saved.settings, floor)
        report("predict", 1, 1)
        left_rows, right_rows = scorer.left_rows, scorer.right_rows
    finally:
        scorer.close()
    report("store", 0, 1)
    counts = _store_links(session, pairing, run_id, scored, threshold, options.incremental)
    left_keys = all_keys(session, pairing.left)
    right_keys = all_keys(session, pairing.right) if pairing.right is not None else left_keys
    records = [(pairing.left.name, k) for k in left_keys]
    if pairing.right is not None:
        records += [(pairing.right.name, k) for k in right_keys]
    clusters = persons.recluster(session, records)
    report("store", 1, 1)
    run = session.get(LinkageRun, run_id)
    assert run is not None
    run.left_max_key = max(left_keys, default=None)
    run.right_max_key = max(right_keys, default=None)
    summary = RunSummary(
        run_id=run_id,
        pairing=pairing.name,
        kind=run.kind,
        model_version=saved.version,
        model_sha256=saved.sha256,
        retrained=label_use is not None,
        left_rows=left_rows,
        right_rows=right_rows,
        new_records=len(new_left) + (len(new_right) if pairing.right is not None else 0),
        pairs=len(scored),
        linked=counts["linked"],
        review=counts["review"],
        rejected=counts["rejected"],
        persons=clusters.persons,
        labels=label_use,
    )
    _finish(run, summary)
    return summary


def _train(
    session: Session,
    scorer: Scorer,
    pairing: Pairing,
    options: RunOptions,
    folder: Path,
    report: Progress,
) -> tuple[model_files.ModelFile, LabelUse]:
    """Train the pairing's model (with its reviewers' labels, when there are enough
    and ``options.labels``) and save it as the next version."""
    labelled = label_rows(session, pairing.name)
    trained = scorer.train(options.seed, report)
    report("train: labels", 0, 1)
    trained, use = train_with_labels(
        scorer.con, pairing.dedupe, trained, labelled, enabled=options.labels
    )
    report("train: labels", 1, 1)
    rows = {"left": scorer.left_rows, "right": scorer.right_rows}
    saved = model_files.save(folder, pairing.name, trained, rows, use.as_dict())
    return saved, use


def _new_records(session: Session, pairing: Pairing) -> tuple[set[int], set[int]]:
    """Keys of each side's new records: those with no person yet, and those above the
    highest key the pairing's last finished run saw (another pairing may have given
    them a person since)."""
    last = session.scalar(
        select(LinkageRun)
        .where(LinkageRun.pairing == pairing.name, LinkageRun.status == "finished")
        .order_by(LinkageRun.id.desc())
        .limit(1)
    )

    def new(source: RecordSource, mark: int | None) -> set[int]:
        linked = persons.records_with_person(session, source.name)
        return {
            k
            for k in all_keys(session, source)
            if k not in linked or (mark is not None and k > mark)
        }

    left = new(pairing.left, last.left_max_key if last else None)
    if pairing.right is None:
        return left, left
    return left, new(pairing.right, last.right_max_key if last else None)


def _store_links(
    session: Session,
    pairing: Pairing,
    run_id: int,
    scored: list[ScoredPair],
    threshold: float,
    incremental: bool,
) -> dict[str, int]:
    if not incremental:
        session.execute(
            update(RecordLink)
            .where(RecordLink.pairing == pairing.name, RecordLink.current.is_(True))
            .values(current=False)
        )
    decisions = persons.latest_decisions(session)
    left_source, right_source = pairing.left.name, pairing.right_source.name
    counts = {"linked": 0, "review": 0, "rejected": 0}
    rows = []
    for pair in scored:
        key = ((left_source, pair.left_key), (right_source, pair.right_key))
        decided = decisions.get(key)
        state = (
            DECISION_STATES[decided]
            if decided
            else pairing.state(pair.match_probability, threshold)
        )
        counts[state] += 1
        rows.append(
            {
                "run_id": run_id,
                "pairing": pairing.name,
                "left_source": left_source,
                "left_key": pair.left_key,
                "right_source": right_source,
                "right_key": pair.right_key,
                "match_probability": pair.match_probability,
                "match_weight": pair.match_weight,
                "explanation": pair.explanation,
                "state": state,
                "model_accepts": pair.match_probability >= threshold,
                "current": True,
            }
        )
    for start in range(0, len(rows), INSERT_CHUNK):
        session.execute(insert(RecordLink), rows[start : start + INSERT_CHUNK])
    return counts


def _finish(run: LinkageRun, summary: RunSummary) -> None:
    run.status = "finished"
    run.finished_at = datetime.now(UTC)
    run.model_version = summary.model_version
    run.model_sha256 = summary.model_sha256
    run.retrained = summary.retrained
    run.left_rows = summary.left_rows
    run.right_rows = summary.right_rows
    run.new_records = summary.new_records
    run.pairs = summary.pairs
    run.linked = summary.linked
    run.review = summary.review
    run.rejected = summary.rejected
    run.persons = summary.persons
    run.training_labels = summary.labels.as_dict() if summary.labels is not None else None


def _fail(session: Session, run_id: int, exc: BaseException) -> None:
    run = session.get(LinkageRun, run_id)
    if run is not None:
        run.status = "failed"
        run.finished_at = datetime.now(UTC)
        run.error = type(exc).__name__  # never the message: it might quote a value


def _audit(session: Session, actor: Actor, summary: RunSummary, options: RunOptions) -> None:
    append(
        session,
        AuditEvent(
            actor=actor,
            action="change",
            decision="allowed",
            row_count=summary.pairs,
            details={
                "object": "linkage_run",
                "op": summary.kind,
                "run_id": summary.run_id,
                "pairing": summary.pairing,
                "model_version": summary.model_version,
                "model_sha256": summary.model_sha256,
                "retrained": summary.retrained,
                "threshold": options.threshold,
                "records": summary.left_rows + summary.right_rows,
                "linked": summary.linked,
                "review": summary.review,
                "labels": summary.labels.as_dict() if summary.labels is not None else None,
            },
        ),
    )
