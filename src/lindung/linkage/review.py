"""Clerical review: the queue of uncertain pairs, the pair side by side, decisions.

The queue holds the current links in state ``review`` (probability inside the
pairing's review band, not decided yet), but for those a decision could not change:
a pair of a guarded pairing one of whose records belongs to a registered worker's
person (:mod:`lindung.linkage.persons` refuses such a link, a reviewer's match
included; at 100,000 generated workers most of the crossings <-> civil registry
band was a worker's own crossing and civil record). It lists ids, pairings and
probabilities only. A pair's two records are personal data and are read through
the access gate (dataset ``linkage_pairs``), which decides and audits the read.

A decision (``match``, ``non-match``, ``unsure``, with a reason) is kept in
``review_decisions`` as a label, sets the pair's state (linked, rejected, or
review), is audited (the reason stays in the decision row: it is free text and
may quote the records), and reclusters persons so that it takes effect at once;
later runs keep it (:mod:`lindung.linkage.platform`). Only national
administrators and analysts review (:func:`can_review`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session, aliased

from lindung.errors import LindungError, NotFound, Problem, ValidationError
from lindung.exchange.audit import Actor, AuditEvent, append
from lindung.exchange.gate import AccessGate, GatedRows, default_purpose
from lindung.exchange.principal import Principal
from lindung.linkage import persons
from lindung.linkage.pairings import PAIRINGS
from lindung.linkage.sources import SHAPE
from lindung.store.models import PersonRecord, RecordLink, ReviewDecision

DECISIONS = ("match", "non-match", "unsure")
STATES = ("review", "linked", "rejected")
REVIEW_ROLES = frozenset({"national_admin", "national_analyst"})
MAX_REASON = 1_000
DATASET = "linkage_pairs"


class ReviewNotAllowed(LindungError):
    """The principal's role may not review links."""


def can_review(role: str | None) -> bool:
    """Whether a role may see the queue and decide (national roles only)."""
    return role in REVIEW_ROLES


@dataclass(frozen=True)
class QueueItem:
    """One link in a queue listing (no personal data)."""

    link_id: int
    run_id: int
    pairing: str
    state: str
    match_probability: float
    left_source: str
    left_key: int
    right_source: str
    right_key: int


def queue(
    session: Session,
    pairing: str | None = None,
    state: str = "review",
    limit: int = 200,
    offset: int = 0,
) -> list[QueueItem]:
    """Current links in ``state`` (default: awaiting review, without the pairs the
    guard refuses: :func:`refused_by_the_guard`), most uncertain first (probability
    nearest 0.5), optionally of one pairing."""
    if state not in STATES:
        raise ValidationError(
            [
                Problem(
                    "state",
                    "state.unknown",
                    "status harus review, linked atau rejected",
                    "the state must be review, linked or rejected",
                )
            ]
        )
    statement = select(RecordLink).where(RecordLink.current.is_(True), RecordLink.state == state)
    if state == "review":
        statement = statement.where(~refused_by_the_guard())
    if pairing:
        statement = statement.where(RecordLink.pairing == pairing)
    statement = (
        statement.order_by(func.abs(RecordLink.match_probability - 0.5), RecordLink.id)
        .limit(limit)
        .offset(offset)
    )
    return [
        QueueItem(
            link.id,
            link.run_id,
            link.pairing,
            link.state,
            link.match_probability,
            link.left_source,
            link.left_key,
            link.right_source,
            link.right_key,
        )
        for link in session.scalars(statement)
    ]


def refused_by_the_guard() -> Any:
    """SQL condition on ``RecordLink``: a pair of a guarded pairing one of whose
    records belongs to a person holding a registry record (the guard never applies
    it, whatever a reviewer decides)."""
    guarded = sorted(p.name for p in persons.GUARDED.values())
    workers = select(PersonRecord.person_id).where(PersonRecord.source == persons.ANCHOR)

    def a_workers(source: Any, key: Any) -> Any:
        record = aliased(PersonRecord)
        return exists().where(
            record.source == source, record.record_key == key, record.person_id.in_(workers)
        )

    return RecordLink.pairing.in_(guarded) & (
        a_workers(RecordLink.left_source, RecordLink.left_key)
        | a_workers(RecordLink.right_source, RecordLink.right_key)
    )


@dataclass(frozen=True)
class Explained:
    """One comparison of a pair: its name, the level reached, the weight in bits."""

    comparison: str
    level: str
    weight: float


@dataclass
class PairView:
    """A link and (when the gate allowed) its two records, side by side."""

    link: RecordLink
    gated: GatedRows
    explanation: list[Explained]
    decisions: list[ReviewDecision] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return self.gated.allowed

    def record(self, side: str) -> dict[str, Any]:
        """The side's record in the link-input shape (empty when refused)."""
        if not self.gated.rows:
            return {}
        row = self.gated.rows[0]
        return {name: row.get(f"{side}_{name}") for name in ("source", "key", *SHAPE)}


def get_link(session: Session, link_id: int) -> RecordLink:
    link = session.get(RecordLink, link_id)
    if link is None:
        raise NotFound(f"no link {link_id}")
    return link


def show(session: Session, gate: AccessGate, principal: Principal, link_id: int) -> PairView:
    """The link, its explanation, its decisions and (through the gate) its records.

    A refused read is audited and returned (``allowed`` False): the caller commits,
    then refuses (``view.gated.require()``).
    """
    link = get_link(session, link_id)
    purpose = default_purpose(principal)
    gated = gate.read(
        session,
        principal,
        DATASET,
        purpose,
        after=link_id - 1,
        limit=1,
        details={"what": "linkage_review", "link_id": link_id},
    )
    if gated.allowed and (not gated.rows or gated.rows[0].get("link_id") != link_id):
        gated = GatedRows(gated.decision, [], None, gated.audit_id)  # out of the reader's scope
    decisions = list(
        session.scalars(
            select(ReviewDecision)
            .where(ReviewDecision.link_id == link_id)
            .order_by(ReviewDecision.id)
        )
    )
    return PairView(link, gated, explanation_of(link), decisions)


def explanation_of(link: RecordLink) -> list[Explained]:
    """The comparisons of a link, in the model's order."""
    return [
        Explained(name, str(part.get("level", "")), float(part.get("weight", 0.0)))
        for name, part in (link.explanation or {}).items()
    ]


def check_decision(decision: str, reason: str) -> None:
    """Every problem with a decision at once (bilingual)."""
    problems = []
    if decision not in DECISIONS:
        problems.append(
            Problem(
                "decision",
                "decision.unknown",
                "keputusan harus match, non-match atau unsure",
                "the decision must be match, non-match or unsure",
            )
        )
    if not reason.strip():
        problems.append(
            Problem("reason", "reason.required", "alasan wajib diisi", "a reason is required")
        )
    elif len(reason) > MAX_REASON:
        problems.append(
            Problem(
                "reason",
                "reason.too_long",
                f"alasan paling banyak {MAX_REASON} karakter",
                f"the reason may be at most {MAX_REASON} characters",
            )
        )
    if problems:
        raise ValidationError(problems, message="the decision was not recorded")


def decide(
    session: Session,
    principal: Principal,
    link_id: int,
    decision: str,
    reason: str,
) -> ReviewDecision:
    """Record ``decision`` on link ``link_id`` (see the module docstring); in the
    caller's transaction, so a refused or failed decision changes nothing."""
    if not can_review(principal.role) or principal.kind != "user":
        raise ReviewNotAllowed(
            "only national administrators and analysts review links",
            [
                Problem(
                    "role",
                    "role_not_allowed",
                    "hanya admin dan analis nasional yang dapat meninjau pasangan",
                    "only national administrators and analysts review pairs",
                )
            ],
        )
    check_decision(decision, reason)
    link = get_link(session, link_id)
    row = ReviewDecision(
        link_id=link.id,
        pairing=link.pairing,
        left_source=link.left_source,
        left_key=link.left_key,
        right_source=link.right_source,
        right_key=link.right_key,
        decision=decision,
        reason=reason.strip(),
        match_probability=link.match_probability,
        decided_by=principal.name,
    )
    session.add(row)
    state = {"match": "linked", "non-match": "rejected", "unsure": "review"}[decision]
    session.execute(
        update(RecordLink)
        .where(
            RecordLink.current.is_(True),
            RecordLink.left_source == link.left_source,
            RecordLink.left_key == link.left_key,
            RecordLink.right_source == link.right_source,
            RecordLink.right_key == link.right_key,
        )
        .values(state=state)
    )
    session.flush()
    append(
        session,
        AuditEvent(
            actor=Actor(principal.kind, principal.name),
            action="change",
            decision="allowed",
            details={
                "object": "review_decision",
                "op": decision,
                "decision_id": row.id,
                "link_id": link.id,
                "pairing": link.pairing,
                "state": state,
            },
            subjects=[("linkage_pair", str(link.id))],
        ),
    )
    persons.recluster(session)
    return row


@dataclass(frozen=True)
class Accuracy:
    """The model against reviewers' labels (match / non-match decisions)."""

    labels: int
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int

    @property
    def precision(self) -> float | None:
        called = self.true_positives + self.false_positives
        return self.true_positives / called if called else None

    @property
    def recall(self) -> float | None:
        real = self.true_positives + self.false_negatives
        return self.true_positives / real if real else None


def labels(session: Session, pairing: str | None = None) -> list[tuple[ReviewDecision, bool]]:
    """The latest match/non-match decision per pair, with whether the model accepted
    the decided link (probability at or above its run's link threshold)."""
    statement = (
        select(ReviewDecision, RecordLink.model_accepts)
        .join(RecordLink, RecordLink.id == ReviewDecision.link_id)
        .order_by(ReviewDecision.id)
    )
    if pairing:
        statement = statement.where(ReviewDecision.pairing == pairing)
    latest: dict[tuple[str, int, str, int], tuple[ReviewDecision, bool]] = {}
    for decision, accepts in session.execute(statement):
        key = (decision.left_source, decision.left_key, decision.right_source, decision.right_key)
        latest[key] = (decision, bool(accepts))
    return [pair for pair in latest.values() if pair[0].decision != "unsure"]


def accuracy(session: Session, pairing: str | None = None) -> Accuracy:
    """Precision and recall of the model's own answer (link threshold) against the
    labels. The labels come from the review band, so they measure the model where
    it is least sure, not over all pairs."""
    tp = fp = fn = tn = 0
    found = labels(session, pairing)
    for decision, accepts in found:
        match = decision.decision == "match"
        tp += accepts and match
        fp += accepts and not match
        fn += (not accepts) and match
        tn += (not accepts) and not match
    return Accuracy(len(found), tp, fp, fn, tn)


LABEL_COLUMNS = (
    "pairing",
    "source_dataset_l",
    "unique_id_l",
    "source_dataset_r",
    "unique_id_r",
    "clerical_match_score",
)


def label_rows(session: Session, pairing: str | None = None) -> list[dict[str, Any]]:
    """The labels as Splink training labels (``clerical_match_score`` 1 or 0; the
    dataset names and ids as a run registers them: ``left``/``right``, record keys)."""
    rows = []
    for decision, _accepts in labels(session, pairing):
        dedupe = PAIRINGS[decision.pairing].dedupe if decision.pairing in PAIRINGS else False
        rows.append(
            {
                "pairing": decision.pairing,
                "source_dataset_l": "left",
                "unique_id_l": str(decision.left_key),
                "source_dataset_r": "left" if dedupe else "right",
                "unique_id_r": str(decision.right_key),
                "clerical_match_score": 1 if decision.decision == "match" else 0,
            }
        )
    return rows
