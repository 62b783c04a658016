"""Synthetic demo data: a deterministic, realistic population of PMI and partner files.

``generate(config)`` writes, under ``config.out_dir``: the registry tables
(``registry/*.parquet``), the partner files (``partners/*.csv``: Imigrasi
border crossings, the DPT LN overseas voter list, a Dukcapil civil-registry
extract, HIPKI/PELITA training certificates) and the ground truth
(``ground_truth/*.parquet``). ``load_into_store(database, config)`` loads the
registry tables into the store. See docs/demo-data.md.
"""

from lindung.demo.config import DemoConfig, DemoSummary, FileSummary, Progress
from lindung.demo.generate import generate
from lindung.demo.store_loader import (
    DemoDataError,
    DemoDataMissing,
    DemoDataPresent,
    ensure_store_empty,
    load_into_store,
)

__all__ = [
    "DemoConfig",
    "DemoDataError",
    "DemoDataMissing",
    "DemoDataPresent",
    "DemoSummary",
    "FileSummary",
    "Progress",
    "ensure_store_empty",
    "generate",
    "load_into_store",
]
