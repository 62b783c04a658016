"""Generate a demo data set: registry tables, partner files and ground truth.

``out_dir/registry/*.parquet``      the store's tables (load_into_store reads them)
``out_dir/partners/*.csv``          the five partner files
``out_dir/ground_truth/*.parquet``  who every row really is; never read by the product
``out_dir/manifest.json``           the configuration and the row count of every file
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lindung.demo import ground_truth
from lindung.demo.config import DemoConfig, DemoSummary, FileSummary, Progress
from lindung.demo.output import write_csv, write_manifest, write_parquet
from lindung.demo.partners.consular import consular_registrations
from lindung.demo.partners.dpt_ln import voter_list
from lindung.demo.partners.dukcapil import civil_registry
from lindung.demo.partners.imigrasi import crossings
from lindung.demo.partners.training import certificates
from lindung.demo.registry import registry_tables
from lindung.demo.world import World, build_world

PARTNER_FILES = (
    "imigrasi_crossings",
    "dpt_ln",
    "dukcapil",
    "training_certificates",
    "consular_registrations",
)


def _quiet(_stage: str, _done: int, _total: int) -> None:
    return None


class _Writer:
    def __init__(self, config: DemoConfig) -> None:
        self.config = config
        self.files: list[FileSummary] = []

    def parquet(self, part: str, name: str, table: Any) -> None:
        """Write a table, or an iterator of slices of one (one row group each)."""
        folder = self.config.registry_dir if part == "registry" else self.config.ground_truth_dir
        path = folder / f"{name}.parquet"
        rows = write_parquet(table, path)
        self.files.append(FileSummary(part, name, path, rows))

    def csv(self, name: str, table: Any) -> None:
        path = self.config.partners_dir / f"{name}.csv"
        write_csv(table, path)
        self.files.append(FileSummary("partners", name, path, table.num_rows))


def generate(config: DemoConfig, progress: Progress | None = None) -> DemoSummary:
    """Write the demo data set for ``config`` and say what was written.

    Deterministic: the same configuration writes byte-identical files.
    ``progress(stage, done, total)`` is called as stages advance.
    """
    report = progress or _quiet
    world = build_world(config, report)
    writer = _Writer(config)
    _write_registry(world, writer, report)
    _write_partners(world, writer, report)
    _write_truth(world, writer, report)
    write_manifest(config, writer.files)
    return DemoSummary(config=config, files=tuple(writer.files))


def _write_registry(world: World, writer: _Writer, report: Progress) -> None:
    tables = registry_tables(world)
    for done, (name, build) in enumerate(tables.items()):
        report("registry", done, len(tables))
        writer.parquet("registry", name, build())
    report("registry", len(tables), len(tables))


def _partner_builders() -> list[tuple[str, Callable[[World], tuple[Any, ...]]]]:
    return [
        ("imigrasi_crossings", crossings),
        ("dpt_ln", voter_list),
        ("dukcapil", civil_registry),
        ("training_certificates", certificates),
        ("consular_registrations", consular_registrations),
    ]


def _write_partners(world: World, writer: _Writer, report: Progress) -> None:
    builders = _partner_builders()
    for done, (name, build) in enumerate(builders):
        report("partners", done, len(builders))
        table, truth, *extra = build(world)
        writer.csv(name, table)
        writer.parquet("ground_truth", name, truth)
        if name == "dpt_ln":
            writer.parquet("ground_truth", "dpt_ln_missing_workers", extra[0])
    report("partners", len(builders), len(builders))


def _write_truth(world: World, writer: _Writer, report: Progress) -> None:
    tables = {
        "persons": ground_truth.persons,
        "registry_workers": ground_truth.registry_workers,
        "falsified_ages": ground_truth.falsified_ages,
        "job_order_violations": ground_truth.job_order_violations,
        "placement_violations": ground_truth.placement_violations,
        "child_protection": ground_truth.child_protection,
    }
    for done, (name, build) in enumerate(tables.items()):
        report("ground_truth", done, len(tables))
        writer.parquet("ground_truth", name, build(world))
    report("ground_truth", len(tables), len(tables))
