"""Competence certificates from LPK/BLK training and LSP certification
(``partners/training_certificates.csv``, shared by HIPKI and PELITA Indonesia).

UU 18/2017 Pasal 5 asks a competence certificate for the job. A placement that
passed the training stage has one, issued by an LSP for the job's scheme after
training at an LPK (members of HIPKI or PELITA) or a public BLK near home,
valid three years; a few are missing (the registry says trained, the
association has no certificate). Some people trained and then left outside the
procedure: their certificates match no placement.

The source's conventions: names as typed by training staff (title case,
Muhammad often abbreviated M., degrees kept, a few typos), NIK sometimes
missing or mistyped, ISO dates.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.agencies import NAME_WORDS
from lindung.demo.arrays import I32, I64, ranks_within, strings, take
from lindung.demo.calendar import YEAR, date_parts, to_arrow
from lindung.demo.cohorts import Kind
from lindung.demo.jobs import JOBS
from lindung.demo.lifecycle import Status
from lindung.demo.names import NameStyle, render, vocabulary
from lindung.demo.partners.columns import nullable, record_ids, truth_columns
from lindung.demo.partners.noise import nik_column, nik_quality
from lindung.demo.streams import stream
from lindung.demo.world import World

TRAINING_STYLE = NameStyle(
    title=0.05, degree=0.2, relation=0.05, respell=0.03, other_form=0.12, boru=0.8, typo=0.02
)
MISSING_CERTIFICATES = 0.04
#: Irregular migrants who trained (and were certified) before leaving outside the procedure.
IRREGULAR_CERTIFIED = 0.08
VALID_YEARS = 3
NIK_MISSING_RATE = 0.05
NIK_WRONG_RATE = 0.02
LPK_PER_REGENCY = 3

SCHEMES = {
    "PLRT": ("Penata Laksana Rumah Tangga", "LSP P3MI Indonesia"),
    "PLN": ("Perawat Lansia (Caregiver)", "LSP Caregiver Indonesia"),
    "PBA": ("Pengasuh Bayi dan Anak", "LSP P3MI Indonesia"),
    "KGO": ("Kaigo (Perawatan Lansia Jepang)", "LSP Caregiver Indonesia"),
    "OPM": ("Operator Mesin Produksi", "LSP Manufaktur"),
    "ABK": ("Awak Kapal Perikanan (Basic Safety Training)", "LSP Perikanan"),
    "KON": ("Pekerja Konstruksi", "LSP Konstruksi"),
    "PKS": ("Pekerja Perkebunan Kelapa Sawit", "LSP Agribisnis"),
    "PTN": ("Pekerja Pertanian", "LSP Agribisnis"),
    "HOS": ("Pelayanan Perhotelan dan Restoran", "LSP Pariwisata Nusantara"),
    "SPA": ("Terapis Spa", "LSP Pariwisata Nusantara"),
    "NRS": ("Perawat", "LSP Kesehatan"),
    "SPR": ("Pengemudi", "LSP Transportasi"),
    "LAS": ("Juru Las", "LSP Manufaktur"),
}
SCHEME_CODES = tuple(SCHEMES)
LSPS = tuple(sorted({lsp for _, lsp in SCHEMES.values()}))


def certificates(world: World) -> tuple[Any, Any]:
    """The certificates file and its ground truth."""
    rng = stream(world.config.seed, "training")
    p = world.placements
    trained = np.flatnonzero(
        p.reached(Status.TRAINED) & (rng.random(len(p)) >= MISSING_CERTIFICATES)
    )
    issued = p.milestones[trained, Status.TRAINED] - rng.integers(0, 10, len(trained))
    scheme = np.array([SCHEME_CODES.index(JOBS[j].scheme) for j in p.job[trained]], dtype=np.int32)
    person = world.workers[p.worker[trained]]
    placement = trained.astype(np.int64)
    for journey in world.journeys:
        if journey.kind != Kind.IRREGULAR:
            continue
        chosen = np.flatnonzero(rng.random(len(journey.people)) < IRREGULAR_CERTIFIED)
        person = np.concatenate([person, journey.people[chosen]])
        when = journey.trips.departed[chosen] - rng.integers(20, 120, len(chosen))
        issued = np.concatenate([issued, when])
        scheme = np.concatenate([scheme, _irregular_schemes(rng, world, journey.people[chosen])])
        placement = np.concatenate([placement, np.full(len(chosen), -1, dtype=np.int64)])
    order = np.lexsort((person, issued))
    person, issued, scheme, placement = (
        person[order],
        issued[order],
        scheme[order],
        placement[order],
    )
    return _table(rng, world, person, issued.astype(np.int32), scheme), _truth(
        world, person, placement
    )


def _irregular_schemes(rng: np.random.Generator, world: World, person: I64) -> I32:
    """Household or care schemes for women, plantation or construction for men."""
    women = np.array([SCHEME_CODES.index(c) for c in ("PLRT", "PLN")], dtype=np.int32)
    men = np.array([SCHEME_CODES.index(c) for c in ("PKS", "KON")], dtype=np.int32)
    pick = rng.integers(0, 2, len(person))
    return np.where(world.people.female[person], women[pick], men[pick]).astype(np.int32)


def _table(rng: np.random.Generator, world: World, person: I64, issued: I32, scheme: I32) -> Any:
    n = len(person)
    lsp = np.array([LSPS.index(SCHEMES[code][1]) for code in SCHEME_CODES], dtype=np.int32)[scheme]
    institution, association = _institutions(rng, world, person)
    quality = nik_quality(rng, n, NIK_WRONG_RATE, NIK_MISSING_RATE)
    year, _, _ = date_parts(issued)
    serial = ranks_within(lsp.astype(np.int64) * 10_000 + year)
    number = pc.binary_join_element_wise(
        take(strings(SCHEME_CODES), scheme),
        pc.utf8_lpad(pc.cast(pa.array(lsp + 1), pa.string()), 2, "0"),
        pc.cast(pa.array(year), pa.string()),
        pc.utf8_lpad(pc.cast(pa.array(serial), pa.string()), 6, "0"),
        ".",
    )
    return pa.table(
        {
            "record_id": record_ids("CRT", n),
            "certificate_number": number,
            "scheme_code": take(strings(SCHEME_CODES), scheme),
            "scheme": take(strings(tuple(s for s, _ in SCHEMES.values())), scheme),
            "certification_body": take(strings(LSPS), lsp),
            "training_institution": institution,
            "association": association,
            "holder_name": render(rng, vocabulary(), world.people.names, TRAINING_STYLE, person),
            "holder_nik": nik_column(rng, world.people.nik[person], quality),
            "issued_on": to_arrow(issued),
            "valid_until": to_arrow((issued + np.floor(VALID_YEARS * YEAR)).astype(np.int32)),
        }
    )


def _institutions(rng: np.random.Generator, world: World, person: I64) -> tuple[Any, Any]:
    """Training near home: one of the regency's LPK (HIPKI or PELITA members) or its BLK."""
    geo = world.geo
    regencies = len(geo.regency_codes)
    words = strings(NAME_WORDS)
    first = take(words, rng.integers(0, len(NAME_WORDS), regencies * LPK_PER_REGENCY))
    second = take(words, rng.integers(0, len(NAME_WORDS), regencies * LPK_PER_REGENCY))
    lpk = pc.binary_join_element_wise(pa.array(["LPK"] * len(first)), first, second, " ")
    member = np.where(rng.random(len(first)) < 0.6, "HIPKI", "PELITA")
    regency = geo.village_regency[world.people.village[person]]
    public = rng.random(len(person)) < 0.2
    which = regency * LPK_PER_REGENCY + rng.integers(0, LPK_PER_REGENCY, len(person))
    blk = pc.binary_join_element_wise(
        pa.array(["BLK"] * len(person)), take(geo.regency_names, regency), " "
    )
    name = pc.if_else(pa.array(public), blk, lpk.take(pa.array(which)))
    association = pa.array(np.where(public, "", member[which]).tolist(), type=pa.string())
    return name, association


def _truth(world: World, person: I64, placement: I64) -> Any:
    return pa.table(
        {
            **truth_columns(world, record_ids("CRT", len(person)), person),
            "placement_id": nullable(placement + 1, placement < 0),
        }
    )
