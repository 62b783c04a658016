"""The placement lifecycle: every placement's milestone dates and its status on ``as_of``.

A placement walks registration -> documents complete -> trained -> medically fit
-> contracts signed -> visa issued -> oriented (OPP) -> departed -> working, then
either extends its contract or returns. Some leave the path: withdrawn before
departure, failed departure (FACTS.md: 45 complaints in half a year),
repatriated early, died abroad (41 in half a year), or stalled as a dormant
record. Dates are consistent: registered_on <= departed_on <= returned_on <= as_of.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from lindung.demo.arrays import I8, I32, Bools, sample_exact
from lindung.demo.jobs import JOBS

MONTH = 30.44


class Status(IntEnum):
    REGISTERED = 0
    DOCUMENTS_COMPLETE = 1
    TRAINED = 2
    MEDICALLY_FIT = 3
    CONTRACTS_SIGNED = 4
    VISA_ISSUED = 5
    ORIENTED = 6
    DEPARTED = 7
    WORKING = 8
    EXTENDED = 9
    RETURNED = 10
    WITHDRAWN = 11
    FAILED_DEPARTURE = 12
    REPATRIATED = 13
    DECEASED = 14

    @property
    def label(self) -> str:
        return self.name.lower()


#: Milestones, in order: the date each status of the path is reached.
MILESTONES = 9  # registered .. working (Status 0..8)
ABROAD = (Status.DEPARTED, Status.WORKING, Status.EXTENDED)

#: Mean days from one milestone to the next (documents, training, medical,
#: contracts, visa, orientation, departure, start of work). Training for household
#: and care work is longer (the 600-hour course for Hong Kong and Taiwan).
_STEP_DAYS = (21.0, 40.0, 10.0, 14.0, 30.0, 10.0, 6.0, 4.0)
_LONG_TRAINING = {"PLRT": 75.0, "PLN": 75.0, "PBA": 75.0, "KGO": 60.0}

#: How placements leave the path (shares of all placements).
OUTCOMES = {
    "stalled": 0.04,
    "withdrawn": 0.06,
    "failed_departure": 0.015,
    "repatriated": 0.03,
    "deceased": 0.0015,
}
EXTENSION_SHARE = 0.3


@dataclass
class Placements:
    """Placements as parallel columns (one row per placement)."""

    worker: I32  # index of the worker
    job: I32  # catalogue index
    sequence: I8  # 1 for a worker's first placement, 2 for the next
    milestones: I32  # rows x MILESTONES day numbers (planned; see ``stage``)
    stage: I8  # last milestone actually reached (0 registered .. 8 working)
    status: I8
    status_on: I32  # day the current status was reached
    departed: I32  # -1 when not departed
    returned: I32  # -1 when not returned
    contract_end: I32  # end of the (extended) contract once working, else -1
    extended_on: I32  # day the contract was extended, -1 when not extended

    def __len__(self) -> int:
        return len(self.worker)

    def reached(self, stage: Status) -> Bools:
        """Placements that reached milestone ``stage`` (e.g. documents complete)."""
        return self.stage >= stage

    @property
    def abroad(self) -> Bools:
        """Placements whose worker is abroad on ``as_of``."""
        return np.isin(self.status, ABROAD)


def simulate(
    rng: np.random.Generator, worker: I32, job: I32, registered: I32, sequence: int, as_of: int
) -> Placements:
    """Walk placements registered on ``registered`` through the lifecycle up to ``as_of``."""
    n = len(worker)
    m = _milestones(rng, job, registered)
    natural = ((m <= as_of).sum(axis=1) - 1).astype(np.int32)
    contract = np.round(np.array([j.contract_months for j in JOBS])[job] * MONTH).astype(np.int32)
    event = m[:, Status.WORKING] + (contract * rng.uniform(0.05, 0.9, n)).astype(np.int32)
    outcome = _outcomes(rng, n, (natural == Status.WORKING) & (event <= as_of))
    stop = _stops(rng, outcome, n)
    stage = np.minimum(natural, stop)
    status, status_on = _exits(rng, m, natural, stop, outcome, as_of)
    status, status_on, returned, extended = _abroad(
        rng, m, stage, outcome, contract, event, (status, status_on), as_of
    )
    departed = np.where(stage >= Status.DEPARTED, m[:, Status.DEPARTED], -1)
    first_end = m[:, Status.WORKING] + contract
    contract_end = np.where(extended, first_end + contract, first_end)
    contract_end = np.where(stage == Status.WORKING, contract_end, -1)
    return Placements(
        worker=worker.astype(np.int32),
        job=job.astype(np.int32),
        sequence=np.full(n, sequence, dtype=np.int8),
        milestones=m,
        stage=stage.astype(np.int8),
        status=status.astype(np.int8),
        status_on=status_on.astype(np.int32),
        departed=departed.astype(np.int32),
        returned=returned.astype(np.int32),
        contract_end=contract_end.astype(np.int32),
        extended_on=np.where(extended, first_end, -1).astype(np.int32),
    )


def _milestones(rng: np.random.Generator, job: I32, registered: I32) -> I32:
    n = len(job)
    means = np.tile(np.array(_STEP_DAYS), (n, 1))
    schemes = np.array([j.scheme for j in JOBS])[job]
    for scheme, days in _LONG_TRAINING.items():
        means[schemes == scheme, 1] = days
    steps = np.maximum(1, np.round(rng.gamma(3.0, means / 3.0)))
    out = np.empty((n, MILESTONES), dtype=np.int32)
    out[:, 0] = registered
    out[:, 1:] = registered[:, None] + np.cumsum(steps, axis=1)
    return out


def _outcomes(rng: np.random.Generator, n: int, can_end_abroad: Bools) -> I8:
    """0 for the normal path, else 1 + the index of the outcome in :data:`OUTCOMES`.

    Rare outcomes are drawn as exact counts (at least three each in a demo of a
    few hundred placements or more) so that even a small demo shows every status;
    repatriation and death are drawn among placements that are abroad by then.
    """
    outcome = np.zeros(n, dtype=np.int8)
    for number, share in enumerate(OUTCOMES.values(), start=1):
        wanted = max(3, round(share * n)) if n >= 200 else round(share * n)
        candidates = outcome == 0
        if number >= 4:
            candidates &= can_end_abroad
        outcome[sample_exact(rng, candidates, wanted)] = number
    return outcome


def _exits(
    rng: np.random.Generator, m: I32, natural: I32, stop: I32, outcome: I8, as_of: int
) -> tuple[I32, I32]:
    """Status on the path, or withdrawn / failed departure on a day between the
    milestone where the placement stops and the next one."""
    rows = np.arange(len(stop))
    stage = np.minimum(natural, stop)
    status_on = m[rows, stage]
    exit_status = np.select(
        [outcome == 2, outcome == 3], [Status.WITHDRAWN, Status.FAILED_DEPARTURE], -1
    )
    following = np.minimum(stop + 1, MILESTONES - 1)
    gap = np.maximum(m[rows, following] - m[rows, stop], 1)
    exit_on = m[rows, stop] + (rng.random(len(stop)) * gap).astype(np.int32)
    left = (exit_status >= 0) & (natural >= stop) & (exit_on <= as_of)
    status = np.where(left, exit_status, stage)
    return status.astype(np.int32), np.where(left, exit_on, status_on).astype(np.int32)


def _stops(rng: np.random.Generator, outcome: I8, n: int) -> I32:
    """The last milestone a placement can reach: stalled at 0-3, withdrawn at 0-6,
    failed at orientation; the others can reach work."""
    stop = np.full(n, Status.WORKING, dtype=np.int32)
    stop = np.where(outcome == 1, rng.integers(0, 4, n), stop)
    stop = np.where(outcome == 2, rng.integers(0, 7, n), stop)
    stop = np.where(outcome == 3, Status.ORIENTED, stop)
    return stop.astype(np.int32)


def _abroad(
    rng: np.random.Generator,
    m: I32,
    stage: I32,
    outcome: I8,
    contract: I32,
    event: I32,
    current: tuple[I32, I32],
    as_of: int,
) -> tuple[I32, I32, I32, Bools]:
    """Contract end, extension and return; repatriation or death on ``event``.
    Also says which placements extended their contract."""
    n = len(stage)
    status, status_on = current
    working = stage == Status.WORKING
    start = m[:, Status.WORKING]
    first_end = start + contract
    extend = (outcome == 0) & (rng.random(n) < EXTENSION_SHARE)
    end = np.where(extend, first_end + contract, first_end) + rng.integers(0, 15, n)
    extended = working & extend & (first_end <= as_of)
    status = np.where(extended, Status.EXTENDED, status)
    status_on = np.where(extended, first_end, status_on)
    back = working & (end <= as_of)
    status = np.where(back, Status.RETURNED, status)
    status_on = np.where(back, end, status_on)
    returned = np.where(back, end, -1)
    for number, event_status in ((4, Status.REPATRIATED), (5, Status.DECEASED)):
        hit = working & (outcome == number) & (event <= as_of)
        status = np.where(hit, event_status, status)
        status_on = np.where(hit, event, status_on)
        returned = np.where(hit, event if event_status == Status.REPATRIATED else -1, returned)
    status_columns = (status.astype(np.int32), status_on.astype(np.int32))
    return (*status_columns, returned.astype(np.int32), extended)
