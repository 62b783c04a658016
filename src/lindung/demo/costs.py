"""The itemised costs of each job order, and who bears them (``job_order_costs``).

UU 18/2017 Pasal 30 and Peraturan BP2MI 9/2020: workers in ten jobs may not be
charged placement costs (housekeeper, baby carer, elderly carer, cook, family
driver, gardener, child carer, cleaner, farm or plantation worker, fishing-vessel
crew); the exempt items (air tickets, visa, contract legalisation, training,
competence certificate, agency fee, passport, police certificate, social
security, medical and psychological checks, local transport, accommodation)
are borne by the employer. :data:`ZERO_COST_JOB_TYPES` maps the catalogue's job
types to that list. Other jobs may charge the worker some items, within a
per-country ceiling of the total (:data:`WORKER_CEILING_IDR`: the generator's
assumption, not a legal figure; the policy engine's rule files hold the real
parameters). Amounts are in rupiah.

On purpose, a few zero-cost household job orders charge the worker the agency
fee (ground truth ``placement_violations``, kind ``fee_on_exempt_job``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from lindung.demo.arrays import F64, I32, I64, Bools, strings, take
from lindung.demo.jobs import JOBS

#: Job types of the catalogue on Peraturan BP2MI 9/2020's zero-cost list.
ZERO_COST_JOB_TYPES = frozenset(
    {
        "domestic_worker", "housekeeper",  # penata laksana rumah tangga
        "babysitter",  # pengasuh bayi
        "caregiver", "elderly_caretaker",  # pengurus lansia
        "family_cook",  # juru masak
        "family_driver",  # sopir keluarga
        "child_care",  # pengasuh anak
        "cleaner",  # petugas kebersihan
        "plantation_worker", "agriculture_worker",  # pekerja ladang/perkebunan
        "fishing_crew",  # awak kapal perikanan
    }
)  # fmt: skip

ITEMS = (
    "air_ticket", "visa", "contract_legalisation", "training", "competence_certificate",
    "agency_fee", "passport", "police_certificate", "social_security", "medical_check",
    "local_transport", "accommodation",
)  # fmt: skip
#: Chance that an order lists the item (the first ones always).
LISTED = (1.0, 1.0, 0.25, 1.0, 0.4, 1.0, 1.0, 0.3, 0.6, 1.0, 0.2, 0.15)
#: Amount range of each item in rupiah.
AMOUNT_IDR = (
    (1_500_000, 12_000_000), (1_000_000, 3_000_000), (300_000, 1_000_000),
    (2_000_000, 6_000_000), (500_000, 1_500_000), (3_000_000, 15_000_000),
    (350_000, 650_000), (30_000, 30_000), (370_000, 370_000), (800_000, 1_500_000),
    (300_000, 1_000_000), (1_000_000, 3_000_000),
)  # fmt: skip
#: Items a worker in a job off the zero-cost list may be charged.
WORKER_MAY_PAY = frozenset(
    {"visa", "training", "competence_certificate", "passport", "police_certificate",
     "social_security", "medical_check"}
)  # fmt: skip
#: Ceiling of the total charged to a worker in a job off the zero-cost list (rupiah).
WORKER_CEILING_IDR = {"KR": 9_000_000, "JP": 15_000_000, "TW": 20_000_000, "MY": 8_000_000}
DEFAULT_CEILING_IDR = 12_000_000
#: Flights cost more the farther the destination (multiplier of the air-ticket range).
FAR = {"MY": 0.2, "SG": 0.2, "BN": 0.25, "HK": 0.35, "TW": 0.4, "MO": 0.35, "KR": 0.6}


def zero_cost(job_type: str) -> bool:
    return job_type in ZERO_COST_JOB_TYPES


def job_order_costs(rng: np.random.Generator, order_job: I32, fee_orders: I32) -> Any:
    """The cost table: items of each order (ids from 1, by order then item)."""
    n = len(order_job)
    exempt = np.array([zero_cost(j.job_type) for j in JOBS])[order_job]
    listed = rng.random((n, len(ITEMS))) < np.array(LISTED)
    order, item = np.nonzero(listed)
    low = np.array([a for a, _ in AMOUNT_IDR], dtype=np.float64)[item]
    high = np.array([b for _, b in AMOUNT_IDR], dtype=np.float64)[item]
    far = np.array([FAR.get(j.country, 0.9) for j in JOBS])[order_job[order]]
    share = np.where(item == ITEMS.index("air_ticket"), far, rng.random(len(item)))
    amount = np.round((low + (high - low) * share) / 1000) * 1000
    worker_pays = ~exempt[order] & np.isin(item, [ITEMS.index(i) for i in WORKER_MAY_PAY])
    amount = _within_ceiling(amount, order, worker_pays, order_job)
    payer = np.where(worker_pays, 0, np.where(np.isin(item, _AGENCY_ITEMS), 2, 1))
    fee = np.isin(order, fee_orders) & (item == ITEMS.index("agency_fee"))
    payer = np.where(fee, 0, payer)
    return pa.table(
        {
            "id": pa.array(np.arange(1, len(order) + 1, dtype=np.int64)),
            "job_order_id": pa.array(order.astype(np.int64) + 1),
            "item": take(strings(ITEMS), item.astype(np.int32)),
            "amount": pa.array(amount),
            "currency": pa.array(np.full(len(order), "IDR")),
            "charged_to": take(strings(("worker", "employer", "agency")), payer.astype(np.int32)),
        }
    )


_AGENCY_ITEMS = [ITEMS.index("local_transport"), ITEMS.index("accommodation")]


def _within_ceiling(amount: F64, order: I64, worker_pays: Bools, order_job: I32) -> F64:
    """Scale down what a worker pays where the total would pass the country's ceiling."""
    ceiling = np.array([WORKER_CEILING_IDR.get(j.country, DEFAULT_CEILING_IDR) for j in JOBS])
    paid = np.bincount(order, weights=np.where(worker_pays, amount, 0), minlength=len(order_job))
    factor = np.minimum(1.0, 0.95 * ceiling[order_job] / np.maximum(paid, 1.0))
    scaled: F64 = np.where(worker_pays, np.floor(amount * factor[order] / 1000) * 1000, amount)
    return scaled
