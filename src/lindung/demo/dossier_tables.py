"""The dossier as the store's tables: ``placement_documents``, ``health_checks``,
``competence_certificates``, ``social_security_memberships`` and ``orientations``.

Documents are verified at the one-stop service of the worker's regency (LTSA
P2MI) within days of issue and before the milestone they belong to. A passport
document is the placement's passport (same number, issue and expiry). Health
checks, competence certificates and memberships belong to the worker (one set
per placement that reached the milestone); documents and orientations to the
placement.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import I32, I64, strings, take
from lindung.demo.calendar import to_arrow
from lindung.demo.dossier import Dossier, certificate_valid_until
from lindung.demo.lifecycle import Status
from lindung.demo.partners.training import LSPS, SCHEME_CODES, SCHEMES
from lindung.demo.passports import passport_text
from lindung.demo.planted import KINDS as PLANTED_KINDS
from lindung.demo.records import Tables, ids, numbers, sliced, stamps
from lindung.demo.streams import stream
from lindung.demo.world import World

KINDS = (
    "marital_status_letter",
    "family_permission",
    "passport",
    "competence_certificate",
    "health_certificate",
    "placement_agreement",
    "employment_contract",
    "work_visa",
)
_PREFIX = ("474.2", "SIZ", "", "", "", "PP", "PK", "")
FACILITIES = (
    "Klinik Utama Sarana Medika", "RS Bhayangkara", "Klinik Medical Check Up Sehat Sentosa",
    "RSUD", "Klinik Pratama Bina Sehat", "Laboratorium Klinik Prodia",
)  # fmt: skip
#: Share of placements that stalled after training whose medical examination found them unfit.
UNFIT_SHARE = 0.5


def _regency(world: World, placement: I64) -> Any:
    people_row = world.workers[world.placements.worker[placement]]
    return world.geo.village_regency[world.people.village[people_row]]


def _document_rows(world: World, d: Dossier) -> tuple[I64, I64, I32, I32]:
    """(placement, kind, issued, expires) of every document, by placement then kind."""
    p = world.placements
    issued = np.stack(
        [
            d.letters_on,
            d.letters_on,
            np.where(d.letters_on >= 0, world.passports.issued[world.placement_passport], -1),
            d.certificate_on,
            d.examined_on,
            d.signed_on,
            d.signed_on,
            d.visa_on,
        ],
        axis=1,
    )
    present = issued >= 0
    missing = world.planted.of("missing_document")
    chosen = world.planted.kind == PLANTED_KINDS.index("missing_document")
    detail = [world.planted.detail[i] for i in np.flatnonzero(chosen)]
    present[missing, [KINDS.index(str(k)) for k in detail]] = False
    placement, kind = np.nonzero(present)
    passport_expiry = world.passports.expires[world.placement_passport.clip(0)]
    expires = np.stack(
        [
            np.full(len(p), -1),
            np.full(len(p), -1),
            passport_expiry,
            certificate_valid_until(d.certificate_on),
            d.health_until,
            np.full(len(p), -1),
            d.contract_until,
            d.visa_until,
        ],
        axis=1,
    )[placement, kind]
    return placement, kind, issued[placement, kind].astype(np.int32), expires.astype(np.int32)


def placement_documents(world: World, d: Dossier) -> Tables:
    rng = stream(world.config.seed, "documents")
    placement, kind, issued, expires = _document_rows(world, d)
    milestone = np.array([1, 1, 1, 2, 3, 4, 4, 5])[kind]
    by = world.placements.milestones[placement, milestone]
    verified = np.minimum(issued + rng.integers(0, 6, len(kind)), np.maximum(by, issued))
    regency = _regency(world, placement)
    passport = world.placement_passport[placement]

    def build(start: int, stop: int) -> Any:
        cut = slice(start, stop)
        k, pl = kind[cut], placement[cut]
        number = _document_numbers(world, d, k, pl, issued[cut], passport[cut], start)
        subtype = np.where(d.tourist_visa[pl], "tourist", "work")
        return pa.table(
            {
                "id": ids(start, stop - start),
                "placement_id": pa.array(pl + 1),
                "kind": take(strings(KINDS), k.astype(np.int32)),
                "subtype": pa.array(subtype, mask=k != KINDS.index("work_visa")),
                "number": number,
                "issued_on": to_arrow(issued[cut]),
                "expires_on": to_arrow(expires[cut], expires[cut] >= 0),
                "verified_by": pc.binary_join_element_wise(
                    pa.array(np.full(stop - start, "LTSA P2MI")),
                    take(world.geo.regency_names, regency[cut]),
                    " ",
                ),
                "verified_on": to_arrow(verified[cut]),
            }
        )

    return sliced(len(kind), build)


def _document_numbers(
    world: World, d: Dossier, kind: I64, placement: I64, issued: I32, passport: I32, start: int
) -> Any:
    """Each document's number in its kind's format, built kind by kind."""
    serial = np.arange(start + 1, start + len(kind) + 1, dtype=np.int64) % 1_000_000
    positions, texts = [], []
    for number, name in enumerate(KINDS):
        rows = np.flatnonzero(kind == number)
        if name == "passport":
            text = passport_text(world.passports.number[passport[rows].clip(0)])
        elif name == "competence_certificate":
            pl = placement[rows]
            text = certificate_numbers(d.scheme[pl], d.certificate_on[pl], pl)
        elif name == "health_certificate":
            text = numbers("MCU", issued[rows], placement[rows] + 1)
        elif name == "work_visa":
            visa = pc.cast(pa.array(placement[rows] * 7 + 100_000_003), pa.string())
            text = pc.binary_join_element_wise(pa.array(np.full(len(rows), "V")), visa, "")
        else:
            text = numbers(_PREFIX[number], issued[rows], serial[rows])
        positions.append(rows)
        texts.append(text)
    order = np.concatenate(positions)
    inverse = np.empty(len(kind), dtype=np.int64)
    inverse[order] = np.arange(len(kind))
    return pa.concat_arrays([pa.array(t, type=pa.string()) for t in texts]).take(inverse)


def certificate_numbers(scheme: I32, issued: I32, placement: I64) -> Any:
    """'PLRT.02.2024.000123': scheme, LSP, year and a serial."""
    lsp = np.array([LSPS.index(SCHEMES[c][1]) for c in SCHEME_CODES], dtype=np.int64)[scheme]
    year_number = numbers("", issued, placement + 1)
    return pc.binary_join_element_wise(
        take(strings(SCHEME_CODES), scheme),
        pc.utf8_lpad(pc.cast(pa.array(lsp + 1), pa.string()), 2, "0"),
        pc.replace_substring(year_number, "/", "."),
        ".",
    )


def health_checks(world: World, d: Dossier) -> Any:
    """A medical and a psychological examination per placement that became medically
    fit; an unfit medical one for some that stalled after training."""
    rng = stream(world.config.seed, "health")
    p = world.placements
    left = (p.status == Status.WITHDRAWN) | (
        (p.status == Status.TRAINED) & (p.milestones[:, 3] <= world.as_of)
    )
    stalled = (p.stage == Status.TRAINED) & left & (rng.random(len(p)) < UNFIT_SHARE)
    fit = np.flatnonzero(d.examined_on >= 0)
    unfit = np.flatnonzero(stalled)
    placement = np.concatenate([np.repeat(fit, 2), unfit])
    kind = np.concatenate([np.tile([0, 1], len(fit)), np.zeros(len(unfit), dtype=np.int64)])
    examined = np.concatenate([np.repeat(d.examined_on[fit], 2), p.milestones[unfit, 2]]).astype(
        np.int32
    )
    until = np.concatenate(
        [np.repeat(d.health_until[fit], 2), p.milestones[unfit, 2] + 183]
    ).astype(np.int32)
    result = np.concatenate([np.zeros(2 * len(fit), dtype=np.int32), np.ones(len(unfit), np.int32)])
    order = np.lexsort((kind, placement))
    placement, kind, examined, until, result = (
        a[order] for a in (placement, kind, examined, until, result)
    )
    regency = _regency(world, placement.astype(np.int64))
    facility = pc.binary_join_element_wise(
        take(strings(FACILITIES), rng.integers(0, len(FACILITIES), len(placement))),
        take(world.geo.regency_names, regency),
        " ",
    )
    prefix = take(strings(("MCU", "PSI")), kind.astype(np.int32))
    number = pc.binary_join_element_wise(prefix, numbers("", examined, placement + 1), "")
    return pa.table(
        {
            "id": ids(0, len(placement)),
            "worker_id": pa.array(p.worker[placement].astype(np.int64) + 1),
            "kind": take(strings(("medical", "psychological")), kind.astype(np.int32)),
            "result": take(strings(("fit", "unfit")), result),
            "examined_on": to_arrow(examined),
            "valid_until": to_arrow(until),
            "facility": facility,
            "certificate_no": number,
            "created_at": stamps(examined),
        }
    )


def competence_certificates(world: World, d: Dossier) -> Any:
    placement = np.flatnonzero(d.certificate_on >= 0)
    scheme = d.scheme[placement]
    issued = d.certificate_on[placement]
    lsp = np.array([LSPS.index(SCHEMES[c][1]) for c in SCHEME_CODES], dtype=np.int32)[scheme]
    return pa.table(
        {
            "id": ids(0, len(placement)),
            "worker_id": pa.array(world.placements.worker[placement].astype(np.int64) + 1),
            "scheme": take(strings(SCHEME_CODES), scheme),
            "certifying_body": take(strings(LSPS), lsp),
            "number": certificate_numbers(scheme, issued, placement.astype(np.int64)),
            "issued_on": to_arrow(issued),
            "valid_until": to_arrow(certificate_valid_until(issued)),
            "created_at": stamps(issued),
        }
    )


def social_security_memberships(world: World, d: Dossier) -> Any:
    """BPJS Ketenagakerjaan for the placement's period (before, during and after work)."""
    covered = d.insured_from >= 0
    covered[world.planted.of("no_social_security")] = False
    placement = np.flatnonzero(covered)
    start = d.insured_from[placement]
    number = pc.utf8_lpad(pc.cast(pa.array(placement.astype(np.int64) + 1), pa.string()), 9, "0")
    year = pc.utf8_slice_codeunits(pc.cast(to_arrow(start), pa.string()), 2, 4)
    return pa.table(
        {
            "id": ids(0, len(placement)),
            "worker_id": pa.array(world.placements.worker[placement].astype(np.int64) + 1),
            "programme": pa.array(np.full(len(placement), "bpjs_ketenagakerjaan")),
            "membership_no": pc.binary_join_element_wise(year, number, ""),
            "valid_from": to_arrow(start),
            "valid_to": to_arrow(d.insured_to[placement]),
            "created_at": stamps(start),
        }
    )


def orientations(world: World, d: Dossier) -> Any:
    """The OPP, held by the province's UPT BP2MI for the worker's regency."""
    placement = np.flatnonzero(d.oriented_on >= 0).astype(np.int64)
    held = d.oriented_on[placement]
    regency = _regency(world, placement)
    codes = strings(world.geo.regency_codes)
    return pa.table(
        {
            "id": ids(0, len(placement)),
            "placement_id": pa.array(placement + 1),
            "held_on": to_arrow(held),
            "region_code": take(codes, regency),
            "certificate_no": numbers("OPP", held, placement + 1),
        }
    )
