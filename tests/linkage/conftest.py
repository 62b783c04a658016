"""Fixtures: the ``lindung`` entry point in-process, and small generated partner files
mapped to the standard person-record columns, with their ground truth."""

from __future__ import annotations

import sys

import duckdb
import pytest

from lindung.cli import main
from lindung.demo import DemoConfig, generate
from support.cli import Run, RunCli
from support.linkage import LinkFiles


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> RunCli:
    """Run ``lindung ARGS`` in-process through the real entry point (``main``)."""

    def run(*args: str) -> Run:
        monkeypatch.setenv("COLUMNS", "200")
        monkeypatch.setattr(sys, "argv", ["lindung", *args])
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0) if not isinstance(exc.code, str) else 1
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def link_files(tmp_path_factory: pytest.TempPathFactory) -> LinkFiles:
    root = tmp_path_factory.mktemp("linkage")
    demo = root / "demo"
    generate(DemoConfig(workers=1_000, seed=11, out_dir=demo))
    left, right = root / "registry.parquet", root / "crossings.csv"
    con = duckdb.connect()
    # The registry export carries no passport number here, so names and dates must
    # do the work for the 88% of crossings without a NIK.
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
    truth = con.execute(
        f"""SELECT CAST(worker_id AS VARCHAR), record_id
            FROM '{demo}/ground_truth/imigrasi_crossings.parquet'
            WHERE worker_id IS NOT NULL"""
    ).fetchall()
    duplicates = con.execute(
        f"""SELECT a.record_id, b.record_id
            FROM '{demo}/ground_truth/imigrasi_crossings.parquet' a
            JOIN '{demo}/ground_truth/imigrasi_crossings.parquet' b
              ON a.person_id = b.person_id AND a.record_id < b.record_id"""
    ).fetchall()
    con.close()
    return LinkFiles(
        left,
        right,
        frozenset((str(a), str(b)) for a, b in truth),
        frozenset((str(a), str(b)) for a, b in duplicates),
    )
