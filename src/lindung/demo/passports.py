"""Passports: one letter and seven digits, issued before they are needed.

A worker gets a passport while completing documents (Status.DOCUMENTS_COMPLETE)
and keeps it for a later placement unless it has expired. Ordinary passports
were valid five years until the 2022 change to ten years. Irregular migrants,
tourists and residents abroad hold passports too: irregular departures through
a checkpoint are made on ordinary passports, often with a tourist or umrah
visa. Numbers are unique (FACTS.md: no official public format; commonly a
letter and 7 digits).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import I32, I64, strings, take
from lindung.demo.calendar import YEAR, day_number
from lindung.demo.lifecycle import Placements, Status

TEN_YEAR_PASSPORTS_FROM = date(2022, 10, 12)
#: Series letters: older A/B books, C, and electronic X and E passports.
_LETTERS = "ABCXE"


@dataclass(frozen=True)
class Passports:
    person: I64  # row in People
    number: I64  # letter index * 10^7 + seven digits
    issued: I32
    expires: I32

    def __len__(self) -> int:
        return len(self.person)


def expiry(issued: I32) -> I32:
    years = np.where(issued < day_number(TEN_YEAR_PASSPORTS_FROM), 5, 10)
    return (issued + np.floor(years * YEAR)).astype(np.int32)


def worker_passports(
    rng: np.random.Generator, placements: Placements, worker_rows: I64
) -> tuple[I64, I32, I32]:
    """Workers' passports as (person row, issue day) and each placement's passport number
    in that list (-1 without one). ``worker_rows`` maps a worker index to its People row.

    A second placement reuses the first one's passport if it is still valid on the
    planned departure; otherwise the worker gets a new one.
    """
    n = len(placements)
    needed = placements.reached(Status.DOCUMENTS_COMPLETE)
    issue_day = placements.milestones[:, Status.DOCUMENTS_COMPLETE] - rng.integers(0, 20, n)
    issue_day = np.maximum(issue_day, placements.milestones[:, 0]).astype(np.int32)
    first = needed & (placements.sequence == 1)
    first_of_worker = np.full(int(placements.worker.max(initial=-1)) + 1, -1, dtype=np.int64)
    first_of_worker[placements.worker[first]] = np.flatnonzero(first)
    earlier = first_of_worker[placements.worker]
    has_earlier = (placements.sequence == 2) & (earlier >= 0)
    still_valid = has_earlier & (
        expiry(issue_day[earlier.clip(0)]) > placements.milestones[:, Status.DEPARTED]
    )
    new = needed & ~still_valid
    passport_of = np.full(n, -1, dtype=np.int32)
    passport_of[new] = np.arange(int(new.sum()), dtype=np.int32)
    reuse = needed & still_valid
    passport_of[reuse] = passport_of[earlier[reuse]]
    person = worker_rows[placements.worker[new]].astype(np.int64)
    return person, issue_day[new], passport_of


def traveller_passports(
    rng: np.random.Generator, person: I64, before: I32, oldest: int
) -> tuple[I64, I32]:
    """Passports of travellers, issued between ``oldest`` days and two weeks before a trip."""
    age = rng.integers(14, max(15, oldest), len(person))
    return person, (before - age).astype(np.int32)


def numbered(rng: np.random.Generator, person: I64, issued: I32) -> Passports:
    """Give every passport a unique number; the series letter follows the issue year."""
    n = len(person)
    year = 1970 + issued.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)
    electronic = rng.random(n) < np.where(year >= 2023, 0.45, np.where(year >= 2019, 0.2, 0.05))
    series = np.where(year < 2016, rng.integers(0, 2, n), 2)
    series = np.where(electronic, np.where(year >= 2023, 4, 3), series)
    number = series * 10_000_000 + rng.integers(1_000_000, 10_000_000, n)
    number = _unique(rng, number.astype(np.int64))
    return Passports(person=person, number=number, issued=issued, expires=expiry(issued))


def _unique(rng: np.random.Generator, number: I64) -> I64:
    for _ in range(20):
        order = np.argsort(number, kind="stable")
        repeated = np.zeros(len(number), dtype=np.bool_)
        repeated[order[1:]] = number[order[1:]] == number[order[:-1]]
        if not repeated.any():
            break
        number[repeated] = (number[repeated] // 10_000_000) * 10_000_000 + rng.integers(
            1_000_000, 10_000_000, int(repeated.sum())
        )
    return number


def passport_text(number: I64) -> Any:
    """'C1234567': the series letter and seven digits, as a pyarrow string column."""
    letters = take(strings(tuple(_LETTERS)), (number // 10_000_000).astype(np.int32))
    digits = pc.utf8_lpad(pc.cast(pa.array(number % 10_000_000), pa.string()), 7, "0")
    return pc.binary_join_element_wise(letters, digits, "")
