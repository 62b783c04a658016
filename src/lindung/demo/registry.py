"""The registry part of the world as tables with the store's columns.

These tables are written to ``out_dir/registry/*.parquet`` and loaded into the
store by :func:`lindung.demo.store_loader.load_into_store`; the partner files
are drawn from the same world, so the store and the partner files agree.

Agency staff type names from documents: the registry keeps titles sometimes,
adds bin/binti and the father's name for some Muslims (more often for the
Middle East, where a three-part name is expected), and makes a few slips.
Birth dates are the ones presented: forged ones for the falsified ages.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lindung.demo.agency_records import (
    Sanctions,
    agency_branches,
    agency_licence_events,
    agency_sanctions,
    complaints,
    deposits,
    sanctions,
)
from lindung.demo.arrays import I32, I64, choice, strings, take
from lindung.demo.calendar import to_arrow
from lindung.demo.costs import job_order_costs
from lindung.demo.dossier import Dossier, dossier
from lindung.demo.dossier_tables import (
    competence_certificates,
    health_checks,
    orientations,
    placement_documents,
    social_security_memberships,
)
from lindung.demo.events import placement_events, reintegrations
from lindung.demo.family import family_members
from lindung.demo.jobs import CURRENCY, JOBS
from lindung.demo.lifecycle import Status
from lindung.demo.names import NameStyle, render, vocabulary
from lindung.demo.passports import passport_text
from lindung.demo.recruitment import MARITAL_LABELS, Education
from lindung.demo.streams import stream
from lindung.demo.training_registry import (
    LANGUAGE,
    programmes_and_enrolments,
    training_providers,
)
from lindung.demo.world import World

MIDDLE_EAST = frozenset({"SA", "AE", "QA", "KW", "OM"})
#: Indonesian mobile prefixes (Telkomsel, Indosat, XL, Axis, Tri, Smartfren).
MOBILE_PREFIXES: tuple[int, ...] = (812, 813, 821, 822, 852, 853, 811, 857, 856, 815, 817)
MOBILE_PREFIXES += (818, 819, 859, 877, 878, 831, 838, 895, 896, 897, 898, 881, 882)
PHONE_MISSING = 0.03
APPROVER = "Direktorat Penempatan KP2MI"
#: Destinations reached the same day (else the day after departure).
NEAR = frozenset({"MY", "SG", "BN", "HK", "MO", "TW"})


def registry_style(middle_east: Any) -> NameStyle:
    return NameStyle(
        title=0.3,
        degree=0.3,
        relation=np.where(middle_east, 0.35, 0.08),
        respell=0.02,
        other_form=0.03,
        boru=0.9,
        typo=0.01,
    )


class _Registry:
    """Builds each table on demand, sharing what several tables are drawn from."""

    def __init__(self, world: World) -> None:
        self.world = world

    @cached_property
    def dossier(self) -> Dossier:
        return dossier(self.world)

    @cached_property
    def sanctions(self) -> Sanctions:
        return sanctions(self.world)

    @cached_property
    def training(self) -> tuple[Any, Any]:
        return programmes_and_enrolments(self.world, self.dossier)

    def builders(self) -> dict[str, Callable[[], Any]]:
        w = self.world
        return {
            "agencies": lambda: _agencies(w, deposits(w, self.sanctions)),
            "employers": lambda: _employers(w),
            "job_orders": lambda: _job_orders(w),
            "job_order_costs": lambda: _costs(w),
            "workers": lambda: _workers(w),
            "passports": lambda: _passports(w),
            "family_members": lambda: family_members(w),
            "placements": lambda: _placements(w),
            "placement_documents": lambda: placement_documents(w, self.dossier),
            "health_checks": lambda: health_checks(w, self.dossier),
            "competence_certificates": lambda: competence_certificates(w, self.dossier),
            "social_security_memberships": lambda: social_security_memberships(w, self.dossier),
            "orientations": lambda: orientations(w, self.dossier),
            "placement_events": lambda: placement_events(w),
            "reintegrations": lambda: reintegrations(w),
            "agency_sanctions": lambda: agency_sanctions(w, self.sanctions),
            "agency_licence_events": lambda: agency_licence_events(w, self.sanctions),
            "agency_branches": lambda: agency_branches(w),
            "complaints": lambda: complaints(w),
            "training_providers": lambda: training_providers(w),
            "training_programmes": lambda: self.training[0],
            "enrolments": lambda: self.training[1],
        }


def registry_tables(world: World) -> dict[str, Callable[[], Any]]:
    """Builders of the store tables by name, in the order they must be loaded (foreign
    keys). A builder returns a pyarrow table or an iterator of slices of one."""
    return _Registry(world).builders()


def _costs(world: World) -> Any:
    household_fee = world.placement_order[world.planted.of("fee_on_exempt_job")]
    return job_order_costs(stream(world.config.seed, "costs"), world.orders.job, household_fee)


def ids(count: int) -> Any:
    return pa.array(np.arange(1, count + 1, dtype=np.int64))


def stamps(days: I32 | I64, seconds: I64 | None = None) -> Any:
    """UTC timestamps during Jakarta office hours (01:00 to 09:00 UTC) on ``days``."""
    offset = 3600 if seconds is None else seconds
    values = days.astype(np.int64) * 86_400 + offset
    return pa.array(values * 1_000_000, type=pa.timestamp("us", tz="UTC"))


def _agencies(world: World, deposit: Any) -> Any:
    a = world.agencies
    return pa.table(
        {
            "id": ids(len(a)),
            "licence_no": pa.array(a.licence_no),
            "name": pa.array(a.name),
            "licence_status": pa.array(a.status),
            "licence_valid_from": to_arrow(a.valid_from),
            "licence_valid_to": to_arrow(a.valid_to),
            "head_office_region_code": take(world.geo.village_codes, a.head_office_village),
            "deposit_amount": deposit,
            "created_at": stamps(a.valid_from),
        }
    )


def _employers(world: World) -> Any:
    slots = world.employers
    n = len(slots.job)
    created = np.full(n, np.iinfo(np.int32).max, dtype=np.int64)
    np.minimum.at(created, world.orders.employer, world.orders.valid_from)
    return pa.table(
        {
            "id": ids(n),
            "name": world.employer_name,
            "country_code": pa.array([JOBS[j].country for j in slots.job], type=pa.string()),
            "city": world.employer_city,
            "kind": pa.array(np.where(slots.household, "household", "company").tolist()),
            "registration_no": _registration_numbers(slots),
            "created_at": stamps(created),
        }
    )


def _job_orders(world: World) -> Any:
    o = world.orders
    jobs = [JOBS[j] for j in o.job]
    rng = stream(world.config.seed, "approvals")
    approved = (o.valid_from - rng.integers(1, 15, len(o))).astype(np.int32)
    return pa.table(
        {
            "id": ids(len(o)),
            "code": o.code,
            "agency_id": pa.array(o.agency.astype(np.int64) + 1),
            "employer_id": pa.array(o.employer.astype(np.int64) + 1),
            "country_code": pa.array([j.country for j in jobs], type=pa.string()),
            "city": world.employer_city.take(pa.array(o.employer)),
            "sector": pa.array([j.sector for j in jobs], type=pa.string()),
            "job_type": pa.array([j.job_type for j in jobs], type=pa.string()),
            "position": pa.array([j.position for j in jobs], type=pa.string()),
            "skill_scheme": pa.array([j.scheme for j in jobs], type=pa.string()),
            "language": pa.array([LANGUAGE[j.country] for j in jobs], type=pa.string()),
            "quota": pa.array(o.quota.astype(np.int64)),
            "salary_amount": pa.array(o.salary),
            "salary_currency": pa.array([CURRENCY[j.country] for j in jobs], type=pa.string()),
            "valid_from": to_arrow(o.valid_from),
            "valid_to": to_arrow(o.valid_to),
            "status": o.status,
            "approval_status": pa.array(np.full(len(o), "approved")),
            "approved_on": to_arrow(approved),
            "approved_by": pa.array(np.full(len(o), APPROVER)),
            "created_at": stamps(o.valid_from),
        }
    )


def _workers(world: World) -> Any:
    rng = stream(world.config.seed, "registry_workers")
    people, rows = world.people, world.workers
    middle_east = np.isin(np.array([JOBS[j].country for j in world.plan.job]), list(MIDDLE_EAST))
    names = render(rng, vocabulary(), people.names, registry_style(middle_east), rows)
    education = np.array([e.name for e in Education])[people.education[rows]]
    return pa.table(
        {
            "id": ids(len(rows)),
            "nik": pc.cast(pa.array(people.nik[rows]), pa.string()),
            "full_name": names,
            "sex": pa.array(np.where(people.female[rows], "F", "M").tolist()),
            "birth_date": to_arrow(world.claimed_birth),
            "birth_place": take(world.geo.regency_names, people.birth_regency[rows]),
            "origin_village_code": take(world.geo.village_codes, people.village[rows]),
            "marital_status": take(strings(MARITAL_LABELS), people.marital[rows].astype(np.int32)),
            "education": pa.array(education.tolist(), type=pa.string()),
            "phone": phones(rng, len(rows)),
            "created_at": stamps(world.plan.registered, rng.integers(3600, 32_400, len(rows))),
        }
    )


def phones(rng: np.random.Generator, n: int) -> Any:
    """Mobile numbers in E.164 (+62 8xx...), 10 or 11 digits after the country code."""
    prefix = np.array(MOBILE_PREFIXES, dtype=np.int64)[choice(rng, [1.0] * len(MOBILE_PREFIXES), n)]
    long_number = rng.random(n) < 0.75
    tail = np.where(long_number, rng.integers(10**7, 10**8, n), rng.integers(10**6, 10**7, n))
    number = np.where(long_number, prefix * 10**8, prefix * 10**7) + tail
    text = pc.binary_join_element_wise(
        pa.array(["+62"] * n), pc.cast(pa.array(number), pa.string()), ""
    )
    return pc.if_else(pa.array(rng.random(n) < PHONE_MISSING), pa.nulls(n, pa.string()), text)


def _registration_numbers(slots: Any) -> Any:
    """Company registration numbers ('TW-REG-00001234'); households have none."""
    n = len(slots.job)
    country = pa.array([JOBS[j].country for j in slots.job], type=pa.string())
    digits = pc.utf8_lpad(pc.cast(pa.array(np.arange(1, n + 1)), pa.string()), 8, "0")
    number = pc.binary_join_element_wise(country, pa.array(np.full(n, "REG")), digits, "-")
    return pc.if_else(pa.array(slots.household), pa.nulls(n, pa.string()), number)


def _passports(world: World) -> Any:
    p = world.passports
    worker_of_row = np.full(len(world.people), -1, dtype=np.int64)
    worker_of_row[world.workers] = np.arange(len(world.workers))
    owner = worker_of_row[p.person]
    mine = np.flatnonzero(owner >= 0)
    return pa.table(
        {
            "id": ids(len(mine)),
            "worker_id": pa.array(owner[mine] + 1),
            "number": passport_text(p.number[mine]),
            "issued_on": to_arrow(p.issued[mine]),
            "expires_on": to_arrow(p.expires[mine]),
        }
    )


def _placements(world: World) -> Any:
    p = world.placements
    far = np.array([j.country not in NEAR for j in JOBS])[p.job]
    arrived = np.where(far, p.departed + 1, p.departed).astype(np.int32)
    labels = strings([s.label for s in Status])
    return pa.table(
        {
            "id": ids(len(p)),
            "worker_id": pa.array(p.worker.astype(np.int64) + 1),
            "job_order_id": pa.array(world.placement_order.astype(np.int64) + 1),
            "status": take(labels, p.status.astype(np.int32)),
            "registered_on": to_arrow(p.milestones[:, 0]),
            "departed_on": to_arrow(p.departed, p.departed >= 0),
            "arrived_on": to_arrow(arrived, p.departed >= 0),
            "contract_ends_on": to_arrow(p.contract_end, p.contract_end >= 0),
            "returned_on": to_arrow(p.returned, p.returned >= 0),
            "created_at": stamps(p.milestones[:, 0]),
        }
    )
