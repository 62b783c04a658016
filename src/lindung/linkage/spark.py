"""Spark for ``lindung link --backend spark``: checks, the session, and moving tables.

Spark is an optional extra (``pip install 'lindung[spark]'``): nothing here imports
pyspark at module level. The features are computed in DuckDB as for the default
backend (:mod:`lindung.linkage.prepare`) and handed to Spark as Parquet files, so
both backends score exactly the same columns with the same model; the scored pairs
come back as Parquet and are written by the same code.

Settings, from the environment (a cluster is normally configured by
``spark-submit`` or ``spark-defaults.conf``, which these do not override when set
there):

- ``LINDUNG_SPARK_MASTER``: the master URL (default ``local[*]``: every core of
  this machine);
- ``LINDUNG_SPARK_PARTITIONS``: ``spark.sql.shuffle.partitions`` (default: twice the
  local cores, at least 2; Spark's own default of 200 is far too many for one
  machine).

pyspark 4 needs Java 17 or later: ``JAVA_HOME/bin/java`` when ``JAVA_HOME`` is set,
else ``java`` on the ``PATH`` (as Spark's own launcher looks for it).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import duckdb

from lindung.errors import LindungError

#: Least Java major version pyspark 4 runs on.
MIN_JAVA = 17

#: Spark's log settings: errors only (Spark's default prints its start-up chatter).
LOG_SETTINGS = Path(__file__).with_name("spark-log4j2.properties")

INSTALL_HINT = "pip install 'lindung[spark]' (or uv sync --extra spark)"


class BackendUnavailable(LindungError):
    """The requested analytics backend is not installed or cannot run here."""


def check_available() -> None:
    """Refuse, with what to install, when pyspark or a recent enough Java is missing."""
    if importlib.util.find_spec("pyspark") is None:
        raise BackendUnavailable(
            f"the spark backend needs the optional 'spark' extra: {INSTALL_HINT}"
        )
    java = java_executable()
    if java is None:
        raise BackendUnavailable(
            f"the spark backend needs Java {MIN_JAVA} or later: none found "
            "(set JAVA_HOME or put java on the PATH)"
        )
    version = java_major_version(java)
    if version is None or version < MIN_JAVA:
        found = "an unreadable version" if version is None else f"Java {version}"
        raise BackendUnavailable(
            f"the spark backend needs Java {MIN_JAVA} or later; {java} is {found} "
            "(set JAVA_HOME to a newer one)"
        )


def java_executable() -> str | None:
    """The java Spark's launcher would run: JAVA_HOME's, else the PATH's; None if absent."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        return str(candidate) if candidate.is_file() and os.access(candidate, os.X_OK) else None
    return shutil.which("java")


def java_major_version(java: str) -> int | None:
    """17 for ``openjdk version "17.0.15"``, 8 for ``"1.8.0_392"``; None if unreadable."""
    try:
        done = subprocess.run(  # noqa: S603 - a fixed argument list, no shell
            [java, "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    if match is None:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def _partitions() -> int:
    configured = os.environ.get("LINDUNG_SPARK_PARTITIONS")
    if configured:
        return max(1, int(configured))
    return max(2, 2 * (os.cpu_count() or 1))


def session() -> Any:
    """A Spark session with Splink's similarity functions (Jaro-Winkler, Damerau-
    Levenshtein) on its class path and quiet logs."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    master = os.environ.get("LINDUNG_SPARK_MASTER", "local[*]")
    builder = (
        SparkSession.builder.appName("lindung-link")
        .master(master)
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", str(_partitions()))
        .config("spark.default.parallelism", str(_partitions()))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={LOG_SETTINGS}")
    )
    if master.startswith("local"):  # no network interface needed on one machine
        builder = builder.config("spark.driver.host", "127.0.0.1").config(
            "spark.driver.bindAddress", "127.0.0.1"
        )
    for item in filter(None, os.environ.get("LINDUNG_SPARK_CONF", "").split(";")):
        key, _, value = item.partition("=")
        builder = builder.config(key.strip(), value.strip())
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def splink_api(spark: Any) -> Any:
    """Splink's SparkAPI on ``spark``; intermediate tables are kept in memory."""
    from splink import SparkAPI

    return SparkAPI(spark_session=spark, break_lineage_method="persist")  # type: ignore[no-untyped-call]


class SparkEngine:
    """Splink on Spark over the tables DuckDB prepared.

    Each prepared table is written to Parquet under ``work`` and read by Spark as a
    temporary view of the same name; Splink's predictions are written back to
    Parquet there and read by DuckDB. On a cluster, ``work`` must be a path every
    node sees (``LINDUNG_SPARK_WORKDIR``).
    """

    dialect = "spark"
    #: One pass over the u sample: each Spark job costs seconds of scheduling, and
    #: Splink's ten chunks (plus a probe) per comparison cost minutes on small data.
    u_chunks = 1

    def __init__(self, con: duckdb.DuckDBPyConnection, tables: list[str], work: Path) -> None:
        self.con = con
        self.work = Path(os.environ.get("LINDUNG_SPARK_WORKDIR") or work)
        self.spark = session()
        for table in tables:
            path = self.work / f"{table}.parquet"
            con.execute(f"COPY {table} TO '{_quoted(path)}' (FORMAT parquet)")
            self.spark.read.parquet(str(path)).createOrReplaceTempView(table)

    def inputs(self, dedupe: bool) -> Any:
        api = splink_api(self.spark)
        left = api.register("lindung_left", dataset_display_name="left")
        if dedupe:
            return left
        return [left, api.register("lindung_right", dataset_display_name="right")]

    def into_duckdb(self, predictions: Any) -> str:
        path = self.work / "predictions"
        predictions.as_spark_dataframe().write.mode("overwrite").parquet(str(path))
        # a view cannot take a parameter: the path (ours, quoted) is spelled out
        query = f"SELECT * FROM read_parquet('{_quoted(path)}/*.parquet')"  # noqa: S608
        self.con.execute(f"CREATE OR REPLACE VIEW lindung_predictions AS {query}")
        return "lindung_predictions"

    def close(self) -> None:
        self.spark.stop()


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
