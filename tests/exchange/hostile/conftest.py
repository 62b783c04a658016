"""Fixtures for the hostile file set: clean crossing rows to spoil."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lindung.demo import DemoConfig, generate


@pytest.fixture(scope="session")
def generated_crossings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile-demo")
    generate(DemoConfig(workers=100, seed=11, out_dir=out))
    return out / "partners" / "imigrasi_crossings.csv"


@pytest.fixture(scope="session")
def clean_rows(generated_crossings: Path) -> list[dict[str, str]]:
    """The first 30 generated crossings, with at least 5 carrying a NIK."""
    with generated_crossings.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    with_nik = [r for r in rows if r["nik"]][:5]
    rest = [r for r in rows if not r["nik"]][:25]
    return sorted(with_nik + rest, key=lambda r: r["record_id"])
