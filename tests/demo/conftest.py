"""A small demo data set, generated once per test session."""

from __future__ import annotations

import pytest

from lindung.demo import DemoConfig, DemoSummary, generate

WORKERS = 2_000
SEED = 7


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoSummary:
    config = DemoConfig(workers=WORKERS, seed=SEED, out_dir=tmp_path_factory.mktemp("demo"))
    return generate(config)
