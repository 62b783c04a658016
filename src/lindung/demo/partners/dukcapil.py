"""The civil-registry extract from Dukcapil (``partners/dukcapil.csv``).

Requested for the registered workers (a few NIKs are not found) and, on the
same family cards, their spouses and children; also for part of the people
who left irregularly (the regencies ask about their own residents). This is
the reference for identity: names as in the civil registry, true birth dates
(so a falsified age shows as a worker under 18 here while the registry says
20 or more; the NIK, which never changes, is the same), birth place, family
card (KK) number and the relationship on it.

The source's conventions: upper case names with academic degrees, dates
DD-MM-YYYY, sex LAKI-LAKI/PEREMPUAN, marital status BELUM KAWIN / KAWIN /
CERAI HIDUP / CERAI MATI, village codes undotted (10 digits), addresses as a
street with RT/RW. Rows are ordered by village and family card.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from faker import Faker

from lindung.demo.arrays import I64, strings, take
from lindung.demo.calendar import formatted, to_arrow
from lindung.demo.cohorts import RELATIONSHIP_LABELS, Kind
from lindung.demo.names import NameStyle, render, vocabulary
from lindung.demo.partners.columns import record_ids, truth_columns, worker_of
from lindung.demo.partners.noise import labels
from lindung.demo.streams import stream
from lindung.demo.world import World

DUKCAPIL_STYLE = NameStyle(upper=True, title=0.15, degree=0.7, relation=0.01, typo=0.002)
#: Share of each kind of person in the extract (workers: NIKs not found for a few).
INCLUDED = {
    Kind.WORKER: 0.97,
    Kind.SPOUSE: 1.0,
    Kind.CHILD: 1.0,
    Kind.IRREGULAR: 0.6,
    Kind.ABROAD: 0.1,
    Kind.TOURIST: 0.0,
}
MARITAL_LABELS = ("BELUM KAWIN", "KAWIN", "CERAI HIDUP", "CERAI MATI")
STREETS = 400


@cache
def street_names(seed: int) -> tuple[str, ...]:
    """Indonesian street names from Faker id_ID (a small pool, drawn once per seed)."""
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    return tuple(sorted({fake.street_name() for _ in range(STREETS)}))


def civil_registry(world: World) -> tuple[Any, Any]:
    """The Dukcapil extract and its ground truth."""
    rng = stream(world.config.seed, "dukcapil")
    people = world.people
    share = np.array([INCLUDED[Kind(k)] for k in range(len(Kind))])[people.kind]
    rows = np.flatnonzero(rng.random(len(people)) < share).astype(np.int64)
    village_code = pc.replace_substring(
        take(world.geo.village_codes, people.village[rows]), ".", ""
    )
    table = pa.table(
        {
            "nik": pc.cast(pa.array(people.nik[rows]), pa.string()),
            "name": render(rng, vocabulary(), people.names, DUKCAPIL_STYLE, rows),
            "birth_place": pc.utf8_upper(take(world.geo.regency_names, people.birth_regency[rows])),
            "birth_date": formatted(people.birth[rows], "%d-%m-%Y"),
            "sex": pa.array(np.where(people.female[rows], "PEREMPUAN", "LAKI-LAKI").tolist()),
            "marital_status": labels(MARITAL_LABELS, people.marital[rows]),
            "family_card_number": pc.cast(pa.array(people.family_card[rows]), pa.string()),
            "family_relationship": labels(RELATIONSHIP_LABELS, people.relationship[rows]),
            "village_code": village_code,
            "address": _addresses(rng, world, rows),
        }
    )
    order = pc.sort_indices(
        pa.table(
            {
                "village": village_code,
                "card": table["family_card_number"],
                "relationship": pa.array(people.relationship[rows]),
            }
        ),
        [("village", "ascending"), ("card", "ascending"), ("relationship", "ascending")],
    ).to_numpy()
    record_id = record_ids("DKC", len(order))
    table = table.take(pa.array(order)).add_column(0, "record_id", record_id)
    return table, _truth(world, record_id, rows[order])


def _addresses(rng: np.random.Generator, world: World, rows: I64) -> Any:
    """A street with RT/RW, the same for everyone on a family card."""
    pool = street_names(world.config.seed)
    everyone = len(world.people)
    home = np.where(world.people.household >= 0, world.people.household, np.arange(everyone))
    home = home[rows]
    street = take(strings(pool), rng.integers(0, len(pool), everyone)[home])
    rt = pc.utf8_lpad(pc.cast(pa.array(rng.integers(1, 16, everyone)[home]), pa.string()), 3, "0")
    rw = pc.utf8_lpad(pc.cast(pa.array(rng.integers(1, 9, everyone)[home]), pa.string()), 3, "0")
    n = len(rows)
    return pc.binary_join_element_wise(
        street, pa.array(["RT"] * n), rt, pa.array(["RW"] * n), rw, " "
    )


def _truth(world: World, record_id: Any, rows: I64) -> Any:
    worker = worker_of(world, rows)
    falsified = np.zeros(len(rows), dtype=np.bool_)
    falsified[worker >= 0] = world.falsified[worker[worker >= 0]]
    registry_birth = np.zeros(len(rows), dtype=np.int32)
    registry_birth[falsified] = world.claimed_birth[worker[falsified]]
    return pa.table(
        {
            **truth_columns(world, record_id, rows),
            "kind": labels(tuple(k.label for k in Kind), world.people.kind[rows]),
            "falsified_age": pa.array(falsified),
            "registry_birth_date": to_arrow(registry_birth, falsified),
        }
    )
