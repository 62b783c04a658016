"""What the law asks of a placement before departure, dated along its lifecycle.

UU 18/2017 Pasal 5 and 13: each document or record is issued on or before the
milestone it belongs to, and so before departure:

- documents complete: the marital-status letter, the permission of the spouse
  or parent (acknowledged by the village head) and the passport;
- trained: the competence certificate (an LSP's, for the job's scheme);
- medically fit: the medical and psychological examinations (valid 6 or 12
  months, and still valid on the planned departure);
- contracts signed: the placement agreement, the employment contract and the
  BPJS Ketenagakerjaan membership;
- visa issued: the work visa (valid 90 to 180 days, past the departure);
- oriented: the pre-departure orientation (OPP).

A placement has the records of the milestones it reached, except the planted
violations (:mod:`lindung.demo.planted`). Dates are day numbers, -1 when the
milestone was not reached.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lindung.demo.arrays import I32, Bools
from lindung.demo.calendar import YEAR
from lindung.demo.jobs import JOBS
from lindung.demo.lifecycle import MONTH, Status
from lindung.demo.partners.training import SCHEME_CODES
from lindung.demo.records import between
from lindung.demo.streams import stream
from lindung.demo.world import World

HEALTH_VALID_MONTHS = (6, 12)
VISA_VALID_DAYS = (90, 180)
CERTIFICATE_VALID_YEARS = 3


@dataclass(frozen=True)
class Dossier:
    letters_on: I32
    certificate_on: I32
    scheme: I32  # index in SCHEME_CODES (another scheme for a planted mismatch)
    examined_on: I32
    health_until: I32
    signed_on: I32
    contract_until: I32
    visa_on: I32
    visa_until: I32
    tourist_visa: Bools
    insured_from: I32
    insured_to: I32
    oriented_on: I32


def contract_days(job: I32) -> I32:
    months = np.array([j.contract_months for j in JOBS])[job]
    days: I32 = np.round(months * MONTH).astype(np.int32)
    return days


def dossier(world: World) -> Dossier:
    rng = stream(world.config.seed, "dossier")
    p, planted = world.placements, world.planted
    m, n = p.milestones, len(world.placements)
    reached = [p.stage >= s for s in range(Status.DEPARTED + 1)]
    letters = between(rng, m[:, 0], m[:, 1])
    certificate = np.maximum(m[:, 2] - rng.integers(0, 10, n), m[:, 1]).astype(np.int32)
    scheme = np.array([SCHEME_CODES.index(j.scheme) for j in JOBS], dtype=np.int32)[p.job]
    mismatch = planted.of("competence_mismatch")
    scheme[mismatch] = (scheme[mismatch] + 1 + rng.integers(0, 5, len(mismatch))) % len(
        SCHEME_CODES
    )
    examined, health_until = _health(rng, m, planted.of("health_expired"))
    signed = np.maximum(m[:, 4] - rng.integers(0, 6, n), m[:, 3]).astype(np.int32)
    planned_end = m[:, Status.WORKING] + contract_days(p.job)
    contract_until = np.where(p.contract_end >= 0, p.contract_end, planned_end).astype(np.int32)
    visa_on, visa_until = _visas(rng, m, planted.of("expired_document"))
    insured = np.maximum(m[:, 4] - rng.integers(0, 11, n), m[:, 3]).astype(np.int32)
    oriented = np.maximum(m[:, 6] - rng.integers(0, 4, n), m[:, 5]).astype(np.int32)

    def only(stage: Status, days: I32) -> I32:
        return np.where(reached[stage], days, -1).astype(np.int32)

    return Dossier(
        letters_on=only(Status.DOCUMENTS_COMPLETE, letters),
        certificate_on=only(Status.TRAINED, certificate),
        scheme=scheme,
        examined_on=only(Status.MEDICALLY_FIT, examined),
        health_until=only(Status.MEDICALLY_FIT, health_until),
        signed_on=only(Status.CONTRACTS_SIGNED, signed),
        contract_until=only(Status.CONTRACTS_SIGNED, contract_until),
        visa_on=only(Status.VISA_ISSUED, visa_on),
        visa_until=only(Status.VISA_ISSUED, visa_until),
        tourist_visa=planted.mask("tourist_visa", n),
        insured_from=only(Status.CONTRACTS_SIGNED, insured),
        insured_to=only(Status.CONTRACTS_SIGNED, contract_until + 30),
        oriented_on=only(Status.ORIENTED, oriented),
    )


def _health(rng: np.random.Generator, m: I32, expired: I32) -> tuple[I32, I32]:
    """Examined in the week before 'medically fit'; valid 6 or 12 months, and at
    least a month past the planned departure, unless planted to have expired."""
    n = len(m)
    examined = np.maximum(m[:, 3] - rng.integers(0, 8, n), m[:, 2]).astype(np.int32)
    months = np.array(HEALTH_VALID_MONTHS)[rng.integers(0, 2, n)]
    until = examined + np.round(months * MONTH).astype(np.int32)
    until = np.maximum(until, m[:, Status.DEPARTED] + 30)
    lapsed = m[expired, Status.DEPARTED] - rng.integers(1, 30, len(expired))
    until[expired] = lapsed
    examined[expired] = lapsed - np.round(6 * MONTH).astype(np.int32)
    return examined, until.astype(np.int32)


def _visas(rng: np.random.Generator, m: I32, expired: I32) -> tuple[I32, I32]:
    n = len(m)
    issued = np.maximum(m[:, 5] - rng.integers(0, 11, n), m[:, 4]).astype(np.int32)
    until = issued + rng.integers(*VISA_VALID_DAYS, n)
    until = np.maximum(until, m[:, Status.DEPARTED] + 30)
    departure = m[expired, Status.DEPARTED]
    until[expired] = issued[expired] + (departure - 1 - issued[expired]) // 2
    return issued, until.astype(np.int32)


def certificate_valid_until(issued: I32) -> I32:
    days: I32 = (issued + np.floor(CERTIFICATE_VALID_YEARS * YEAR)).astype(np.int32)
    return days
