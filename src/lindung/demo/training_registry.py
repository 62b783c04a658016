"""Vocational training in the registry: providers, programmes and enrolments.

Each regency has three private training centres (LPK, members of HIPKI or
PELITA Indonesia) and a public one (BLK, no association). A placement trains
near home after its documents are complete: it enrols in a programme of the
job's competence scheme (demo/jobs.py, partners/training.py SCHEMES) in the
destination's language, and completes it before the ``trained`` milestone (the
certificate follows); placements that left or stalled before that milestone
dropped out, those still in the stage are enrolled. Programmes exist for every
(provider, scheme, language) someone enrolled in.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.agencies import NAME_WORDS
from lindung.demo.arrays import I32, strings, take
from lindung.demo.calendar import to_arrow
from lindung.demo.dossier import Dossier
from lindung.demo.jobs import JOBS
from lindung.demo.lifecycle import Status
from lindung.demo.partners.training import SCHEME_CODES, SCHEMES
from lindung.demo.records import between, ids, stamps
from lindung.demo.streams import stream
from lindung.demo.world import World

PER_REGENCY = 4  # three LPK and the BLK
PUBLIC_SHARE = 0.2
#: ISO 639-1 language of each destination (job orders and programmes).
LANGUAGE = {
    "TW": "zh", "HK": "zh", "MO": "zh", "MY": "ms", "BN": "ms", "SG": "en", "KR": "ko",
    "JP": "ja", "SA": "ar", "AE": "ar", "QA": "ar", "KW": "ar", "OM": "ar", "PL": "en",
    "TR": "en", "IT": "en", "DE": "de", "AU": "en", "NZ": "en",
}  # fmt: skip
LANGUAGE_NAMES = {
    "zh": "Mandarin", "ms": "Melayu", "en": "Inggris", "ko": "Korea", "ja": "Jepang",
    "ar": "Arab", "de": "Jerman",
}  # fmt: skip
LANGUAGES = tuple(LANGUAGE_NAMES)
#: Course hours by scheme (the 600-hour course for household and care work).
HOURS = {"PLRT": 600, "PLN": 600, "PBA": 600, "KGO": 720, "NRS": 400}
DEFAULT_HOURS = 240


def training_providers(world: World) -> Any:
    rng = stream(world.config.seed, "training_providers")
    regencies = len(world.geo.regency_codes)
    n = regencies * PER_REGENCY
    regency = np.repeat(np.arange(regencies), PER_REGENCY).astype(np.int32)
    public = np.tile(np.arange(PER_REGENCY) == PER_REGENCY - 1, regencies)
    words = strings(NAME_WORDS)
    lpk = pc.binary_join_element_wise(
        pa.array(np.full(n, "LPK")),
        take(words, rng.integers(0, len(NAME_WORDS), n)),
        take(words, rng.integers(0, len(NAME_WORDS), n)),
        " ",
    )
    blk = pc.binary_join_element_wise(
        pa.array(np.full(n, "BLK")), take(world.geo.regency_names, regency), " "
    )
    codes = take(strings(world.geo.regency_codes), regency)
    licence = pc.binary_join_element_wise(
        pa.array(np.full(n, "LPK")),
        codes,
        pc.cast(pa.array(np.arange(1, n + 1)), pa.string()),
        "/",
    )
    association = np.where(rng.random(n) < 0.6, "HIPKI", "PELITA")
    return pa.table(
        {
            "id": ids(0, n),
            "name": pc.if_else(pa.array(public), blk, lpk),
            "kind": pa.array(np.where(public, "blk", "lpk")),
            "licence_no": pc.if_else(pa.array(public), pa.nulls(n, pa.string()), licence),
            "region_code": codes,
            "association": pa.array(association, mask=public),
            "created_at": stamps(np.full(n, world.as_of - 4000, dtype=np.int32)),
        }
    )


def _provider_of(world: World) -> I32:
    """The provider each placement trains at: an LPK of its regency or the BLK."""
    rng = stream(world.config.seed, "training_choice")
    p = world.placements
    people_row = world.workers[p.worker]
    regency = world.geo.village_regency[world.people.village[people_row]]
    public = rng.random(len(p)) < PUBLIC_SHARE
    which = np.where(public, PER_REGENCY - 1, rng.integers(0, PER_REGENCY - 1, len(p)))
    return (regency * PER_REGENCY + which).astype(np.int32)


def _language_of(world: World) -> I32:
    codes = np.array([LANGUAGES.index(LANGUAGE[j.country]) for j in JOBS], dtype=np.int32)
    language: I32 = codes[world.placements.job]
    return language


def programmes_and_enrolments(world: World, d: Dossier) -> tuple[Any, Any]:
    p = world.placements
    enrolled = np.flatnonzero(p.stage >= Status.DOCUMENTS_COMPLETE)
    provider = _provider_of(world)[enrolled].astype(np.int64)
    scheme = np.array([SCHEME_CODES.index(j.scheme) for j in JOBS])[p.job[enrolled]]
    language = _language_of(world)[enrolled].astype(np.int64)
    key = (provider * len(SCHEME_CODES) + scheme) * len(LANGUAGES) + language
    unique, programme = np.unique(key, return_inverse=True)
    return _programmes(world, unique), _enrolments(world, d, enrolled, programme)


def _programmes(world: World, key: Any) -> Any:
    language = (key % len(LANGUAGES)).astype(np.int32)
    scheme = ((key // len(LANGUAGES)) % len(SCHEME_CODES)).astype(np.int32)
    provider = key // (len(LANGUAGES) * len(SCHEME_CODES))
    titles = strings([SCHEMES[c][0] for c in SCHEME_CODES])
    language_names = strings([f"Bahasa {LANGUAGE_NAMES[c]}" for c in LANGUAGES])
    hours = np.array([HOURS.get(c, DEFAULT_HOURS) for c in SCHEME_CODES])[scheme]
    name = pc.binary_join_element_wise(take(titles, scheme), take(language_names, language), " - ")
    return pa.table(
        {
            "id": ids(0, len(key)),
            "provider_id": pa.array(provider.astype(np.int64) + 1),
            "name": name,
            "skill_scheme": take(strings(SCHEME_CODES), scheme),
            "language": take(strings(LANGUAGES), language),
            "hours": pa.array(hours.astype(np.int64)),
            "created_at": stamps(np.full(len(key), world.as_of - 4000, dtype=np.int32)),
        }
    )


def _enrolments(world: World, d: Dossier, rows: Any, programme: Any) -> Any:
    rng = stream(world.config.seed, "enrolments")
    p = world.placements
    m = p.milestones[rows]
    n = len(rows)
    trained = p.stage[rows] >= Status.TRAINED
    ceiling = np.where(trained, np.minimum(m[:, 2], d.certificate_on[rows]), world.as_of)
    enrolled = between(rng, m[:, 1], np.minimum(m[:, 1] + 3, ceiling))
    done = np.maximum(d.certificate_on[rows] - rng.integers(0, 4, n), enrolled)
    left = ~trained & ((p.status[rows] == Status.WITHDRAWN) | (p.status[rows] != p.stage[rows]))
    left |= ~trained & (m[:, 2] <= world.as_of)
    status = np.where(trained, 1, np.where(left, 2, 0)).astype(np.int32)
    score = np.round(rng.uniform(60, 98, n), 2)
    return pa.table(
        {
            "id": ids(0, n),
            "programme_id": pa.array(programme.astype(np.int64) + 1),
            "worker_id": pa.array(p.worker[rows].astype(np.int64) + 1),
            "enrolled_on": to_arrow(enrolled),
            "completed_on": to_arrow(done.astype(np.int32), trained),
            "status": take(strings(("enrolled", "completed", "dropped")), status),
            "score": pa.array(score, mask=~trained),
            "created_at": stamps(enrolled),
        }
    )
