"""A store prepared for a signals run: generated, loaded, partner files imported, linked.

``prepare`` runs what ``lindung demo`` runs on its first start (the registry, the
founding agreements, then :mod:`lindung.demo.pipeline`'s import and linkage steps)
into a fresh SQLite database, so the quality benchmark measures the product's own
path (every file of ``PARTNER_FILES``, the missions' lapor diri included).
``prepare_oracle`` is the scale run's: the same files, but persons taken from the
ground truth and written straight into ``persons``/``person_records`` ("linkage
excluded").
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from sqlalchemy import insert

from lindung.demo import DemoConfig, generate, load_into_store
from lindung.demo.agreements import seed_founding_agreements
from lindung.demo.pipeline import (
    PAIRINGS,
    PipelineSummary,
    import_partner_files,
    link_partner_data,
)
from lindung.settings import Settings, load_settings
from lindung.store.database import Database
from lindung.store.migrate import upgrade
from lindung.store.models import LinkageRun, Person, PersonRecord, RecordLink

AS_OF = date(2026, 11, 1)


@dataclass
class Prepared:
    """A prepared store and what it took."""

    settings: Settings
    database: Database
    config: DemoConfig
    seconds: dict[str, float] = field(default_factory=dict)
    pipeline: PipelineSummary = field(default_factory=PipelineSummary)

    def truth(self, name: str) -> Any:
        return pq.read_table(self.config.out_dir / "ground_truth" / f"{name}.parquet")


def _store(work: Path, election_day: date) -> tuple[Settings, Database]:
    settings = load_settings(
        demo_mode=True,
        database_url=f"sqlite:///{work / 'lindung.sqlite3'}",
        data_dir=work / "data",
        election_day=election_day,
    )
    database = Database(settings)
    upgrade(database.engine)
    return settings, database


def _timed(seconds: dict[str, float], name: str, start: float) -> float:
    now = time.perf_counter()
    seconds[name] = round(now - start, 1)
    return now


def prepare(
    work: Path, workers: int, election_day: date, voters: int | None = None, link: bool = True
) -> Prepared:
    """Generate ``workers``, load, import the partner files, and (``link``) run the
    platform pairings; a store in ``work``."""
    work.mkdir(parents=True, exist_ok=True)
    config = DemoConfig(
        workers=workers, seed=2029, out_dir=work / "demo", as_of=AS_OF, voters_abroad=voters
    )
    settings, database = _store(work, election_day)
    prepared = Prepared(settings, database, config)
    say = print
    start = time.perf_counter()
    generate(config)
    start = _timed(prepared.seconds, "generate", start)
    load_into_store(database, config)
    seed_founding_agreements(database, AS_OF)
    start = _timed(prepared.seconds, "load", start)
    import_partner_files(database, config.out_dir / "partners", prepared.pipeline, say)
    start = _timed(prepared.seconds, "import", start)
    if link:
        link_partner_data(database, settings, prepared.pipeline, say)
        _timed(prepared.seconds, "linkage", start)
    return prepared


#: (truth file, person_records source, the truth's column holding the row's natural
#: key): the registry's key is the worker id; a partner row's store id is looked up
#: by its natural key (``record_id``; the lapor diri's ``registration_number``)
ORACLE_SOURCES = (
    ("registry_workers", "registry", "worker_id"),
    ("imigrasi_crossings", "border_crossings", "record_id"),
    ("dpt_ln", "dpt_ln", "record_id"),
    ("dukcapil", "civil_registry", "record_id"),
    ("consular_registrations", "consular_registrations", "registration_number"),
)


def _store_keys(prepared: Prepared) -> Any:
    """(source, record_id, id) of every stored partner row, as an Arrow table
    (``record_id``: the row's natural key, as in its truth file)."""
    import pyarrow as pa
    from sqlalchemy import select

    from lindung.store.models import (
        BorderCrossing,
        CivilRegistryRecord,
        ConsularRegistration,
        DptLnEntry,
    )

    sources, record_ids, ids = [], [], []
    with prepared.database.session() as session:
        for source, natural, key_column in (
            ("border_crossings", BorderCrossing.record_id, BorderCrossing.id),
            ("dpt_ln", DptLnEntry.record_id, DptLnEntry.id),
            ("civil_registry", CivilRegistryRecord.record_id, CivilRegistryRecord.id),
            (
                "consular_registrations",
                ConsularRegistration.registration_number,
                ConsularRegistration.id,
            ),
        ):
            for record_id, key in session.execute(select(natural, key_column)):
                sources.append(source)
                record_ids.append(record_id)
                ids.append(key)
    return pa.table({"source": sources, "record_id": record_ids, "id": ids})


def insert_oracle_persons(prepared: Prepared) -> int:
    """Persons from the ground truth: each true person one ``persons`` row, each record
    of a person one ``person_records`` row (store ids looked up by ``record_id``)."""
    import duckdb

    con = duckdb.connect()
    con.register("store_keys", _store_keys(prepared))
    truth = prepared.config.out_dir / "ground_truth"
    parts = [
        "SELECT person_id, 'registry' AS source, worker_id AS record_key "
        f"FROM read_parquet('{truth / 'registry_workers.parquet'}')"
    ]
    for name, source, natural in ORACLE_SOURCES[1:]:
        parts.append(
            f"SELECT t.person_id, '{source}', k.id FROM read_parquet('{truth / name}.parquet') t "
            f"JOIN store_keys k ON k.source = '{source}' AND k.record_id = t.{natural} "
            "WHERE t.person_id IS NOT NULL"
        )
    con.execute("CREATE TABLE recs AS " + " UNION ALL ".join(parts))
    rows = con.execute("SELECT * FROM recs ORDER BY 1, 2, 3").fetchall()
    persons = sorted({row[0] for row in rows})
    with prepared.database.session() as session:
        for chunk in range(0, len(persons), 50_000):
            session.execute(
                insert(Person), [{"id": int(p)} for p in persons[chunk : chunk + 50_000]]
            )
        for chunk in range(0, len(rows), 50_000):
            session.execute(
                insert(PersonRecord),
                [
                    {"person_id": int(p), "source": s, "record_key": int(k)}
                    for p, s, k in rows[chunk : chunk + 50_000]
                ],
            )
        # the oracle stands in for every platform pairing (detectors check they ran)
        for pairing in PAIRINGS:
            run = LinkageRun(
                pairing=pairing, kind="full", status="finished", model_version=0,
                model_sha256="0" * 64, link_threshold=0.9, review_low=0.5,
                review_high=0.9, actor="benchmark-oracle",
            )  # fmt: skip
            session.add(run)
            session.flush()
            prepared.pipeline.linked[pairing] = _insert_oracle_links(session, con, pairing, run.id)
    return len(rows)


def _insert_oracle_links(session: Any, con: Any, pairing: str, run_id: int) -> int:
    """The pairing's links as a perfect linkage would store them: every pair of
    records of one true person across the pairing's two sources (within one source
    for a de-duplication), ``linked`` at 0.99, so the detectors that read
    ``record_links`` (match probabilities, the civil-registry candidate of the
    departure rule) read as many rows as after a real run. Returns their count."""
    from lindung.linkage.pairings import PAIRINGS as DECLARED

    left, right = DECLARED[pairing].left.name, DECLARED[pairing].right_source.name
    same = "AND a.record_key < b.record_key" if left == right else ""
    cursor = con.execute(
        f"""SELECT a.record_key, b.record_key FROM recs a JOIN recs b USING (person_id)
            WHERE a.source = '{left}' AND b.source = '{right}' {same}"""
    )
    done = 0
    while batch := cursor.fetchmany(50_000):
        session.execute(
            insert(RecordLink),
            [
                {"run_id": run_id, "pairing": pairing, "left_source": left,
                 "left_key": int(a), "right_source": right, "right_key": int(b),
                 "match_probability": 0.99, "match_weight": 9.0, "explanation": {},
                 "state": "linked", "model_accepts": True, "current": True}
                for a, b in batch
            ],
        )  # fmt: skip
        done += len(batch)
    return done
