"""Shared fixtures: every store test runs on SQLite and on a throwaway PostgreSQL.

A migrated template database (schema + reference data) is built once per
session and backend; each test gets its own copy, so tests are isolated.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import hypothesis
import pytest
from sqlalchemy import create_engine, text

from lindung.settings import Settings, load_settings
from lindung.store.database import Database, create_db_engine
from lindung.store.migrate import upgrade
from support.postgres import PostgresCluster, find_bin_dir

BACKENDS = ["sqlite", "postgresql"]

# CI replays the same examples every run (a red build is then reproducible); local runs
# keep exploring new random examples, which is how property tests find new bugs.
hypothesis.settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("LINDUNG_TEST_REQUIRE_ALL"):
    hypothesis.settings.load_profile("ci")
_counter = itertools.count()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite3"
    engine = create_db_engine(load_settings(demo_mode=True, database_url=f"sqlite:///{path}").url)
    upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL server binaries (initdb, pg_ctl) not found; set LINDUNG_TEST_PG_BIN"
        )
    cluster = PostgresCluster(bin_dir)
    cluster.start()
    try:
        admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE lindung_template"))
        admin.dispose()
        engine = create_db_engine(
            load_settings(demo_mode=True, database_url=cluster.url("lindung_template")).url
        )
        upgrade(engine)
        engine.dispose()
        yield cluster
    finally:
        cluster.stop()


def _fresh_postgres(cluster: PostgresCluster) -> tuple[str, str]:
    name = f"test_{next(_counter)}"
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE lindung_template'))
    admin.dispose()
    return name, cluster.url(name)


def _drop_postgres(cluster: PostgresCluster, name: str) -> None:
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated database with reference data, private to this test."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "lindung.sqlite3"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    name, url = _fresh_postgres(cluster)
    yield url
    _drop_postgres(cluster, name)


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return load_settings(demo_mode=True, database_url=database_url, data_dir=tmp_path / "data")


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database(settings)
    yield database
    database.dispose()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI (LINDUNG_TEST_REQUIRE_ALL=1) a skipped test is a failure: PostgreSQL and
    the browser must really run there."""
    if not os.environ.get("LINDUNG_TEST_REQUIRE_ALL") or exitstatus != 0:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reasons = sorted({str(report.longrepr[-1]) for report in skipped})  # type: ignore[index]
        print(f"\nLINDUNG_TEST_REQUIRE_ALL: {len(skipped)} tests skipped: {'; '.join(reasons)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
