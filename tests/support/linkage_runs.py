"""A small generated store for linkage runs: registry workers loaded, Imigrasi crossings
imported through the real import service, ground truth to check persons against, and a
model trained once per test session (copied into each test's data folder, so most runs
reuse it instead of training)."""

from __future__ import annotations

import atexit
import csv
import shutil
import tempfile
from collections import defaultdict
from functools import cache
from pathlib import Path

import pyarrow.parquet as pq
from sqlalchemy import select

from lindung.demo import DemoConfig, DemoSummary, generate
from lindung.demo.store_loader import load_into_store
from lindung.exchange.audit import Actor
from lindung.exchange.imports import run_import
from lindung.linkage import model_files
from lindung.linkage.platform import RunOptions, run_pairing
from lindung.settings import Settings, load_settings
from lindung.store.database import Database
from lindung.store.migrate import upgrade
from lindung.store.models import BorderCrossing, PersonRecord

WORKERS = 300
SEED = 11
PAIRING = "registry-imigrasi"
ACTOR = Actor("cli", "tester")

Record = tuple[str, int]


@cache
def demo() -> DemoSummary:
    """The generated data set (once per session)."""
    folder = Path(tempfile.mkdtemp(prefix="lindung-linkage-runs-"))
    atexit.register(shutil.rmtree, folder, True)  # was left behind by every session
    return generate(DemoConfig(workers=WORKERS, seed=SEED, out_dir=folder / "demo"))


def crossings_file() -> Path:
    return demo().path("partners", "imigrasi_crossings")


def split_crossings(folder: Path, first: int) -> tuple[Path, Path]:
    """The crossings file cut in two: its first ``first`` rows, and the rest."""
    with crossings_file().open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    header, body = rows[0], rows[1:]
    paths = (folder / "crossings-1.csv", folder / "crossings-2.csv")
    for path, part in zip(paths, (body[:first], body[first:]), strict=True):
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(part)
    return paths


def load_registry(database: Database) -> None:
    load_into_store(database, demo().config)


def import_crossings(database: Database, path: Path | None = None) -> None:
    report = run_import(database, "border_crossings", path or crossings_file(), actor=ACTOR)
    assert report.quarantined == 0


def load_store(database: Database) -> None:
    """Registry workers and every crossing."""
    load_registry(database)
    import_crossings(database)


@cache
def trained_models() -> Path:
    """The models folder after one training run of the pairing on the whole data set."""
    folder = Path(tempfile.mkdtemp(prefix="lindung-linkage-models-"))
    atexit.register(shutil.rmtree, folder, True)
    settings = load_settings(
        demo_mode=True, database_url=f"sqlite:///{folder / 'train.sqlite3'}", data_dir=folder
    )
    database = Database(settings)
    try:
        upgrade(database.engine)
        load_store(database)
        run_pairing(database, settings, PAIRING, RunOptions(retrain=True), ACTOR)
    finally:
        database.dispose()
    return model_files.models_dir(folder)


def install_models(settings: Settings) -> Path:
    """Copy the session's trained models into ``settings.data_dir``."""
    target = model_files.models_dir(settings.data_dir)
    shutil.copytree(trained_models(), target, dirs_exist_ok=True)
    return target


def person_map(database: Database) -> dict[Record, int]:
    with database.session() as session:
        rows = session.execute(
            select(PersonRecord.source, PersonRecord.record_key, PersonRecord.person_id)
        )
        return {(source, key): person for source, key, person in rows}


def partition(mapping: dict[Record, int]) -> set[frozenset[Record]]:
    """The clusters of a person map, without their ids."""
    groups: dict[int, set[Record]] = defaultdict(set)
    for record, person in mapping.items():
        groups[person].add(record)
    return {frozenset(group) for group in groups.values()}


def true_persons(database: Database) -> dict[Record, int]:
    """The generator's person of each stored worker and crossing (ground truth)."""
    summary = demo()
    truth: dict[Record, int] = {}
    for row in pq.read_table(summary.path("ground_truth", "registry_workers")).to_pylist():
        truth[("registry", int(row["worker_id"]))] = int(row["person_id"])
    by_record = {
        row["record_id"]: int(row["person_id"])
        for row in pq.read_table(summary.path("ground_truth", "imigrasi_crossings")).to_pylist()
    }
    with database.session() as session:
        for key, record_id in session.execute(select(BorderCrossing.id, BorderCrossing.record_id)):
            truth[("border_crossings", int(key))] = by_record[record_id]
    return truth


def pairwise_f1(found: dict[Record, int], truth: dict[Record, int]) -> float:
    """F1 of 'same person' over (worker, crossing) pairs: found clusters against true ones.

    Only pairs across the two sources count: two crossings of a traveller with no
    worker are joined by no pairing here (there is no crossings de-duplication)."""

    def pairs(mapping: dict[Record, int]) -> set[tuple[Record, Record]]:
        groups: dict[int, list[Record]] = defaultdict(list)
        for record, person in mapping.items():
            groups[person].append(record)
        return {
            (a, b)
            for group in groups.values()
            for a in group
            for b in group
            if a[0] == "registry" and b[0] == "border_crossings"
        }

    got, real = pairs(found), pairs(truth)
    if not got or not real:
        return 0.0
    tp = len(got & real)
    precision, recall = tp / len(got), tp / len(real)
    return 2 * precision * recall / (precision + recall) if tp else 0.0
