"""Placements stop moving forward when their agency may no longer place workers.

A suspended or revoked agency cannot move placements forward, and neither can
an agency whose licence expired (UU 18/2017 Pasal 54-57; docs/registry.md). The
lifecycle is simulated before job orders are given to agencies, so this stage
cuts it back for the placements of such agencies, from the day the agency lost
the right to place (:func:`lindung.demo.agencies.forward_deadline`):

- a placement that had not departed by then stays at the last stage it reached
  (a suspension is recent: the candidate waits); for a revoked or expired
  licence it ends as a failed departure some weeks later (FACTS.md: failed
  departures are a common complaint);
- a worker who had departed starts work by the day before;
- a contract extension after it does not happen: the worker comes home at the
  end of the first contract.

Placements on job orders that break a rule on purpose (ground truth
``job_order_violations``) are left as simulated. A few placements of
suspended agencies are also left moving forward on purpose: the planted
violation ``agency_suspended_moves`` (ground truth ``placement_violations``).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from lindung.demo.arrays import I32, Bools, sample_exact
from lindung.demo.lifecycle import Placements, Status

#: Failed departure this many days (at most) after a licence was revoked or expired.
FAIL_AFTER = (14, 60)


def affected(p: Placements, deadline: I32) -> Bools:
    """Placements with a forward move on or after ``deadline`` (per placement)."""
    cap = _cap(p, deadline)
    extension = (p.extended_on >= 0) & (p.extended_on >= deadline)
    result: Bools = (p.stage > cap) | extension
    return result


def _cap(p: Placements, deadline: I32) -> I32:
    cap: I32 = np.maximum((p.milestones < deadline[:, None]).sum(axis=1) - 1, 0).astype(np.int32)
    return cap


def freeze(
    rng: np.random.Generator,
    p: Placements,
    deadline: I32,
    suspended: Bools,
    exempt: Bools,
    planted: int,
    as_of: int,
) -> tuple[Placements, I32]:
    """Cut back the placements of agencies that lost the right to place.

    ``deadline`` per placement (its agency's), ``suspended`` per placement (its
    agency is suspended now), ``exempt`` per placement (left as simulated).
    Returns the placements and the ``planted`` placements of suspended agencies
    left moving forward on purpose.
    """
    hit = affected(p, deadline) & ~exempt
    kept = np.flatnonzero(sample_exact(rng, hit & suspended, planted)).astype(np.int32)
    hit[kept] = False
    p = _start_work_before(p, hit & (_cap(p, deadline) == Status.DEPARTED), deadline)
    cap = _cap(p, deadline)
    p = _drop_extension(rng, p, hit & (p.extended_on >= deadline), as_of)
    p = _stall(rng, p, hit & (cap < Status.DEPARTED), cap, deadline, suspended, as_of)
    return p, kept


def _start_work_before(p: Placements, rows: Bools, deadline: I32) -> Placements:
    milestones = p.milestones.copy()
    shift = np.where(rows, milestones[:, Status.WORKING] - (deadline - 1), 0)
    milestones[:, Status.WORKING] -= shift.astype(np.int32)
    status_on = np.where(rows & (p.status == Status.WORKING), p.status_on - shift, p.status_on)
    ends = np.where(rows & (p.contract_end >= 0), p.contract_end - shift, p.contract_end)
    extended = np.where(rows & (p.extended_on >= 0), p.extended_on - shift, p.extended_on)
    return replace(
        p,
        milestones=milestones,
        status_on=status_on.astype(np.int32),
        contract_end=ends.astype(np.int32),
        extended_on=extended.astype(np.int32),
    )


def _drop_extension(rng: np.random.Generator, p: Placements, rows: Bools, as_of: int) -> Placements:
    """No extension: the worker comes home at the end of the first contract (which
    was on or before ``as_of``, since the extension was)."""
    rows = rows & (p.extended_on >= 0)
    first_end = p.extended_on
    back_on = np.minimum(first_end + rng.integers(0, 15, len(p)), as_of)
    status = np.where(rows, Status.RETURNED, p.status)
    status_on = np.where(rows, back_on, p.status_on)
    returned = np.where(rows, back_on, p.returned)
    return replace(
        p,
        status=status.astype(np.int8),
        status_on=status_on.astype(np.int32),
        returned=returned.astype(np.int32),
        contract_end=np.where(rows, first_end, p.contract_end).astype(np.int32),
        extended_on=np.where(rows, -1, p.extended_on).astype(np.int32),
    )


def _stall(
    rng: np.random.Generator,
    p: Placements,
    rows: Bools,
    cap: I32,
    deadline: I32,
    suspended: Bools,
    as_of: int,
) -> Placements:
    index = np.arange(len(p))
    reached_on = p.milestones[index, cap]
    fail_on = np.maximum(deadline, reached_on) + rng.integers(*FAIL_AFTER, len(p))
    fails = rows & ~suspended & (fail_on <= as_of)
    status = np.where(fails, Status.FAILED_DEPARTURE, np.where(rows, cap, p.status))
    status_on = np.where(fails, fail_on, np.where(rows, reached_on, p.status_on))
    return replace(
        p,
        stage=np.where(rows, cap, p.stage).astype(np.int8),
        status=status.astype(np.int8),
        status_on=status_on.astype(np.int32),
        departed=np.where(rows, -1, p.departed).astype(np.int32),
        returned=np.where(rows, -1, p.returned).astype(np.int32),
        contract_end=np.where(rows, -1, p.contract_end).astype(np.int32),
        extended_on=np.where(rows, -1, p.extended_on).astype(np.int32),
    )
