"""Agency oversight records: the sanctions ledger, the licence history, branch
offices and complaints.

- Sanctions (Permen P2MI on administrative sanctions; deposit draws under Permen
  P2MI 31/2025 Pasal 23): warnings for some agencies, a suspension for each
  suspended agency on its suspension day (often after a warning), a revocation
  for each revoked one on the day it was revoked, deposit draws that paid for a
  failed, repatriated or deceased worker's case.
- Licence events: ``active`` when the SIP3MI was issued, then ``suspended`` or
  ``revoked`` (linked to the sanction, with its reason) or ``expired`` at the end
  of the five years, so that the latest event on a date is the status then.
- Branches in the regions workers come from.
- Complaints (FACTS.md: 1,500 in 2024 against about 300,000 placements; types of
  the first half of 2024; only 7% resolved in the first half of 2023; most from
  irregular workers, who have no placement or agency in the registry).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.arrays import I32, I64, choice, strings, take
from lindung.demo.calendar import YEAR, to_arrow
from lindung.demo.lifecycle import Status
from lindung.demo.records import between, ids, numbers, stamps
from lindung.demo.streams import stream
from lindung.demo.world import World

DEPOSIT_IDR = 1_500_000_000
SANCTIONS = ("warning", "suspension", "revocation", "deposit_draw")
REASONS = {
    "warning": (
        "Laporan penempatan tidak disampaikan tepat waktu",
        "Data CPMI tidak lengkap pada sistem",
        "Biaya penempatan tidak dirinci kepada CPMI",
    ),
    "suspension": (
        "Membebankan biaya penempatan kepada PMI yang dibebaskan",
        "Menempatkan PMI tidak sesuai perjanjian kerja",
        "Tidak menyelesaikan pengaduan PMI yang ditempatkan",
    ),
    "revocation": (
        "Menempatkan PMI ke negara tujuan yang ditutup (Kepmenaker 260/2015)",
        "Memalsukan data dan dokumen CPMI",
        "Menempatkan CPMI di bawah umur",
        "Tidak melaksanakan sanksi penghentian sementara",
    ),
    "deposit_draw": (
        "Pencairan deposito untuk pemulangan PMI",
        "Pencairan deposito untuk pembayaran hak PMI",
    ),
}
WARNED_ACTIVE = 0.2
WARNED_BEFORE = 0.65
DEPOSIT_DRAWS = 0.04
LICENCE_STATUSES = ("active", "suspended", "revoked", "expired")


@dataclass(frozen=True)
class Sanctions:
    agency: I64
    kind: I32
    decided: I32
    effective: I32
    until: I32  # -1 open
    reason: list[str]
    amount: I64  # -1 none
    placement: I64  # -1 none


def sanctions(world: World) -> Sanctions:
    rng = stream(world.config.seed, "sanctions")
    a = world.agencies
    n, as_of = len(a), world.as_of
    status = np.array(a.status)
    end = np.where(status == "suspended", a.suspended_on, a.valid_to)
    parts: list[tuple[Any, ...]] = []
    warned = np.where(np.isin(status, ["suspended", "revoked"]), WARNED_BEFORE, WARNED_ACTIVE)
    warned_rows = np.flatnonzero(rng.random(n) < warned)
    last = np.where(status[warned_rows] == "active", as_of, end[warned_rows] - 30)
    day = between(rng, a.valid_from[warned_rows] + 30, np.minimum(last, as_of))
    parts.append((warned_rows, 0, day, day, np.full(len(day), -1), -1, -1))
    for number, label in ((1, "suspended"), (2, "revoked")):
        rows = np.flatnonzero(status == label)
        start = end[rows]
        lifted = start + rng.integers(120, 400, len(rows))
        until = lifted if number == 1 else np.full(len(rows), -1)
        until = np.where(until > as_of, until, -1)
        decided = start - rng.integers(0, 15, len(rows))
        parts.append((rows, number, decided, start, until, -1, -1))
    parts.append(_deposit_draws(rng, world))
    agency = np.concatenate([np.asarray(part[0], dtype=np.int64) for part in parts])
    kind = np.concatenate([np.full(len(part[0]), part[1], dtype=np.int32) for part in parts])
    columns = [
        np.concatenate([np.broadcast_to(part[i], len(part[0])) for part in parts]).astype(np.int64)
        for i in range(2, 7)
    ]
    order = np.lexsort((kind, columns[1], agency))
    agency, kind = agency[order], kind[order]
    decided, effective, until, amount, placement = (c[order] for c in columns)
    pick = rng.integers(0, 4, len(kind))
    reason = [
        REASONS[SANCTIONS[k]][w % len(REASONS[SANCTIONS[k]])]
        for k, w in zip(kind.tolist(), pick.tolist(), strict=True)
    ]
    return Sanctions(
        agency, kind, decided.astype(np.int32), effective.astype(np.int32),
        until.astype(np.int32), reason, amount, placement,
    )  # fmt: skip


def _deposit_draws(rng: np.random.Generator, world: World) -> tuple[Any, ...]:
    p = world.placements
    troubled = np.isin(p.status, (Status.FAILED_DEPARTURE, Status.REPATRIATED, Status.DECEASED))
    agency = world.orders.agency[world.placement_order]
    wanted = max(3, round(len(world.agencies) * DEPOSIT_DRAWS))
    rows = np.flatnonzero(troubled)
    chosen = rows[rng.permutation(len(rows))[:wanted]] if len(rows) else rows
    day = np.minimum(p.status_on[chosen] + rng.integers(30, 200, len(chosen)), world.as_of)
    amount = rng.integers(25, 250, len(chosen)) * 1_000_000
    return (agency[chosen], 3, day, day, np.full(len(chosen), -1), amount, chosen)


def agency_sanctions(world: World, s: Sanctions) -> Any:
    n = len(s.agency)
    return pa.table(
        {
            "id": ids(0, n),
            "agency_id": pa.array(s.agency + 1),
            "kind": take(strings(SANCTIONS), s.kind),
            "decided_on": to_arrow(s.decided),
            "effective_from": to_arrow(s.effective),
            "effective_to": to_arrow(s.until, s.until >= 0),
            "reason": pa.array(s.reason, type=pa.string()),
            "decree_no": sanction_decrees(s),
            "amount": pa.array(s.amount.astype(np.float64), mask=s.amount < 0),
            "placement_id": pa.array(s.placement + 1, mask=s.placement < 0),
            "recorded_by": pa.array(np.full(n, "demo")),
            "recorded_at": stamps(s.decided),
        }
    )


def sanction_decrees(s: Sanctions) -> Any:
    return numbers("KEP", s.decided, np.arange(1, len(s.agency) + 1, dtype=np.int64), 4)


def deposits(world: World, s: Sanctions) -> Any:
    """Each agency's deposit after the draws (``agencies.deposit_amount``)."""
    drawn = np.bincount(
        s.agency, weights=np.where(s.amount > 0, s.amount, 0), minlength=len(world.agencies)
    )
    return pa.array(DEPOSIT_IDR - drawn)


def agency_licence_events(world: World, s: Sanctions) -> Any:
    a = world.agencies
    n = len(a)
    status = np.array(a.status)
    sanction_of = np.full((n, len(SANCTIONS)), -1, dtype=np.int64)
    sanction_of[s.agency, s.kind] = np.arange(len(s.agency))
    changed = np.flatnonzero(status != "active")
    code = np.array([LICENCE_STATUSES.index(x) for x in status], dtype=np.int32)
    day = np.where(status == "suspended", a.suspended_on, a.valid_to)
    linked = np.select(
        [status == "suspended", status == "revoked"], [sanction_of[:, 1], sanction_of[:, 2]], -1
    )
    agency = np.concatenate([np.arange(n), changed]).astype(np.int64)
    event = np.concatenate([np.zeros(n, dtype=np.int32), code[changed]])
    on = np.concatenate([a.valid_from, day[changed]]).astype(np.int32)
    sanction = np.concatenate([np.full(n, -1), linked[changed]]).astype(np.int64)
    order = np.lexsort((on, agency))
    agency, event, on, sanction = agency[order], event[order], on[order], sanction[order]
    reasons = [
        "Penerbitan SIP3MI" if e == 0 else
        ("Masa berlaku SIP3MI berakhir" if e == 3 else s.reason[k])
        for e, k in zip(event.tolist(), sanction.tolist(), strict=True)
    ]  # fmt: skip
    licence = pa.array(a.licence_no).take(pa.array(agency))
    decree = sanction_decrees(s).take(pa.array(sanction.clip(0)))
    return pa.table(
        {
            "id": ids(0, len(agency)),
            "agency_id": pa.array(agency + 1),
            "status": take(strings(LICENCE_STATUSES), event),
            "effective_on": to_arrow(on),
            "reason": pa.array(reasons, type=pa.string()),
            "decree_no": _decrees(licence, decree, event),
            "sanction_id": pa.array(sanction + 1, mask=sanction < 0),
            "recorded_by": pa.array(np.full(len(agency), "demo")),
            "recorded_at": stamps(on),
        }
    )


def _decrees(licence: Any, decree: Any, event: I32) -> Any:
    issued = pa.array(event == 0)
    expired = pa.array(event == 3)
    return pc.if_else(
        issued, licence, pc.if_else(expired, pa.nulls(len(event), pa.string()), decree)
    )


def agency_branches(world: World) -> Any:
    rng = stream(world.config.seed, "branches")
    a = world.agencies
    status = np.array(a.status)
    current = np.isin(status, ["active", "suspended"])
    count = np.minimum(rng.poisson(np.where(current, 3.0, 1.5)), 10)
    agency = np.repeat(np.arange(len(a)), count).astype(np.int64)
    origins = np.bincount(world.plan.regency, minlength=len(world.geo.regency_codes))
    regency = choice(rng, origins.astype(np.float64), len(agency))
    opened = between(rng, a.valid_from[agency], np.minimum(a.valid_to[agency], world.as_of) - 30)
    gone = ~current[agency]
    closed = np.where(gone, a.valid_to[agency], -1)
    return pa.table(
        {
            "id": ids(0, len(agency)),
            "agency_id": pa.array(agency + 1),
            "region_code": take(strings(world.geo.regency_codes), regency),
            "address": pa.nulls(len(agency), pa.string()),
            "opened_on": to_arrow(opened),
            "closed_on": to_arrow(closed.astype(np.int32), gone),
        }
    )


#: Complaint categories: (label, share, which placements, summary).
COMPLAINTS = (
    ("repatriation_request", 0.2, "abroad", "PMI meminta dipulangkan"),
    ("unpaid_wages", 0.13, "worked", "Gaji tidak dibayar"),
    ("deported", 0.09, "repatriated", "PMI dideportasi"),
    ("failed_departure", 0.07, "failed", "Gagal berangkat"),
    ("death", 0.06, "deceased", "PMI meninggal dunia"),
    ("job_fraud", 0.05, "withdrawn", "Penipuan lowongan kerja"),
    ("illegal_fee", 0.15, "any", "Biaya penempatan tidak sesuai ketentuan"),
    ("contract_violation", 0.12, "worked", "Pekerjaan tidak sesuai perjanjian kerja"),
    ("abuse", 0.07, "worked", "Kekerasan oleh pemberi kerja"),
    ("document_withheld", 0.06, "worked", "Dokumen ditahan pemberi kerja"),
)
#: Complaints per placement-year, and the share from workers outside the registry.
COMPLAINT_RATE = 0.005
IRREGULAR_COMPLAINTS = 0.3
RESOLVED = 0.07


def complaints(world: World) -> Any:
    rng = stream(world.config.seed, "complaints")
    p = world.placements
    total = max(10, round(len(p) * COMPLAINT_RATE))
    pools = {
        "abroad": p.abroad,
        "worked": p.stage >= Status.WORKING,
        "repatriated": p.status == Status.REPATRIATED,
        "failed": p.status == Status.FAILED_DEPARTURE,
        "deceased": p.status == Status.DECEASED,
        "withdrawn": p.status == Status.WITHDRAWN,
        "any": np.ones(len(p), dtype=np.bool_),
    }
    rows, category = [], []
    for number, (_, share, pool, _) in enumerate(COMPLAINTS):
        candidates = np.flatnonzero(pools[pool])
        wanted = min(len(candidates), round(total * share * (1 - IRREGULAR_COMPLAINTS)))
        rows.append(rng.choice(candidates, size=wanted, replace=False).astype(np.int64))
        category.append(np.full(wanted, number, dtype=np.int32))
    placement = np.concatenate(rows)
    kind = np.concatenate(category)
    start = np.where(p.departed[placement] >= 0, p.departed[placement], p.milestones[placement, 0])
    start = np.where(np.isin(kind, (2, 3, 4)), p.status_on[placement], start)
    end = np.where(p.returned[placement] >= 0, p.returned[placement] + 60, world.as_of)
    received = np.minimum(between(rng, start, np.minimum(end, world.as_of)), world.as_of)
    outside = round(len(placement) * IRREGULAR_COMPLAINTS / (1 - IRREGULAR_COMPLAINTS))
    received = np.concatenate([received, world.as_of - rng.integers(1, 700, outside)])
    kind = np.concatenate([kind, choice(rng, [c[1] for c in COMPLAINTS], outside)])
    placement = np.concatenate([placement, np.full(outside, -1, dtype=np.int64)])
    order = np.lexsort((placement, received))
    return _complaint_table(rng, world, placement[order], kind[order], received[order])


def _complaint_table(
    rng: np.random.Generator, world: World, placement: I64, kind: I32, received: I32
) -> Any:
    n = len(placement)
    known = placement >= 0
    agency = world.orders.agency[world.placement_order[placement.clip(0)]].astype(np.int64)
    worker = world.placements.worker[placement.clip(0)].astype(np.int64)
    age = (world.as_of - received) / YEAR
    resolved = rng.random(n) < RESOLVED + 0.1 * age
    status = np.where(resolved, 1, np.where(rng.random(n) < 0.05, 2, 0))
    return pa.table(
        {
            "id": ids(0, n),
            "agency_id": pa.array(agency + 1, mask=~known),
            "worker_id": pa.array(worker + 1, mask=~known),
            "placement_id": pa.array(placement + 1, mask=~known),
            "received_on": to_arrow(received.astype(np.int32)),
            "category": take(strings([c[0] for c in COMPLAINTS]), kind),
            "status": take(strings(("open", "resolved", "dismissed")), status.astype(np.int32)),
            "summary": take(strings([c[3] for c in COMPLAINTS]), kind),
            "created_at": stamps(received.astype(np.int32)),
        }
    )
