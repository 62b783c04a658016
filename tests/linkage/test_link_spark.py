"""``lindung link --backend spark``: the same model through Splink's SparkAPI, and a
clear message when pyspark or Java is missing (absence simulated, nothing uninstalled)."""

from __future__ import annotations

import csv
import json
import stat
import sys
from pathlib import Path

import duckdb
import pytest

from lindung.demo import DemoConfig, generate
from lindung.linkage.model import MODEL_VERSION
from support.cli import RunCli


@pytest.fixture(scope="module")
def small_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """250 registry workers (Parquet) and their ~580 immigration crossings (CSV): small
    enough for Spark in local mode on one core."""
    root = tmp_path_factory.mktemp("spark")
    demo = root / "demo"
    generate(DemoConfig(workers=250, seed=11, out_dir=demo))
    left, right = root / "registry.parquet", root / "crossings.csv"
    con = duckdb.connect()
    con.execute(
        f"""COPY (SELECT id AS record_id, full_name, birth_date, sex, nik,
                         NULL AS passport_no, birth_place
                  FROM '{demo}/registry/workers.parquet') TO '{left}' (FORMAT parquet)"""
    )
    con.execute(
        f"""COPY (SELECT record_id, name AS full_name, birth_date, sex, nik,
                         passport_number AS passport_no, NULL AS birth_place
                  FROM read_csv('{demo}/partners/imigrasi_crossings.csv', all_varchar = true))
            TO '{right}' (HEADER)"""
    )
    con.close()
    return left, right


def _links(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {(r["left_id"], r["right_id"]): r for r in csv.DictReader(handle)}


@pytest.mark.slow
def test_spark_finds_the_same_links_as_duckdb(
    run_cli: RunCli,
    small_files: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LINDUNG_SPARK_MASTER", "local[1]")
    monkeypatch.setenv("LINDUNG_SPARK_PARTITIONS", "2")
    left, right = (str(p) for p in small_files)
    runs = {}
    for backend in ("duckdb", "spark"):
        out = tmp_path / backend / "links.csv"
        run = run_cli(
            "link", "--left", left, "--right", right, "--out", str(out), "--backend", backend
        )
        assert run.code == 0, run.err
        runs[backend] = _links(out)

    duck, spark = runs["duckdb"], runs["spark"]
    assert len(duck) > 200  # most of the 250 workers crossed at least once
    assert set(spark) == set(duck)
    for pair, row in spark.items():
        # trained separately (each backend samples its own u pairs): close, not equal
        assert abs(float(row["match_probability"]) - float(duck[pair]["match_probability"])) < 0.05
    first = next(iter(spark.values()))
    assert list(first) == list(next(iter(duck.values())))  # same columns, same order
    saved = json.loads((tmp_path / "spark" / f"links.model-v{MODEL_VERSION}.json").read_text())
    assert saved["sql_dialect"] == "spark"
    assert saved["link_type"] == "link_only"


def test_spark_without_pyspark_names_the_extra(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now fails
    run = run_cli(
        "link", "--dedupe", "x.csv", "--out", str(tmp_path / "o.csv"), "--backend", "spark"
    )
    assert run.code == 1
    assert "pip install 'lindung[spark]'" in run.err
    assert "uv sync --extra spark" in run.err
    assert len(run.err.strip().splitlines()) == 1
    assert not (tmp_path / "o.csv").exists()


def test_spark_without_java_says_so(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no java on it
    run = run_cli(
        "link", "--dedupe", "x.csv", "--out", str(tmp_path / "o.csv"), "--backend", "spark"
    )
    assert run.code == 1
    assert "needs Java 17 or later: none found" in run.err
    assert "JAVA_HOME" in run.err

    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-such-jdk"))
    run = run_cli(
        "link", "--dedupe", "x.csv", "--out", str(tmp_path / "o.csv"), "--backend", "spark"
    )
    assert run.code == 1
    assert "needs Java 17 or later: none found" in run.err


@pytest.mark.parametrize(
    ("banner", "expected"),
    [('openjdk version "11.0.22" 2024-01-16', "Java 11"), ('java version "1.8.0_392"', "Java 8")],
)
def test_spark_with_an_old_java_names_its_version(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, banner: str, expected: str
) -> None:
    # A JAVA_HOME whose java answers -version as an old JDK does (on stderr).
    java = tmp_path / "jdk" / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text(f"#!/bin/sh\necho '{banner}' >&2\n", encoding="utf-8")
    java.chmod(java.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk"))
    run = run_cli(
        "link", "--dedupe", "x.csv", "--out", str(tmp_path / "o.csv"), "--backend", "spark"
    )
    assert run.code == 1
    assert f"needs Java 17 or later; {java} is {expected}" in run.err


def test_an_unknown_backend_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    run = run_cli(
        "link", "--dedupe", "x.csv", "--out", str(tmp_path / "o.csv"), "--backend", "polars"
    )
    assert run.code == 1
    assert "unknown backend 'polars' (choose duckdb or spark)" in run.err
