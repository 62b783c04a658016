"""The same seed and configuration write the same bytes; another seed does not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lindung.demo import DemoConfig, DemoSummary, generate
from lindung.errors import ValidationError


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_seed_writes_byte_identical_files(demo: DemoSummary, tmp_path: Path) -> None:
    again = generate(
        DemoConfig(workers=demo.config.workers, seed=demo.config.seed, out_dir=tmp_path)
    )
    first, second = _files(demo.config.out_dir), _files(again.config.out_dir)
    assert sorted(first) == sorted(second)
    assert len(first) == 40  # registry, partner files (5), their truth, manifest
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_same_bytes_in_another_process_with_another_hash_seed(
    demo: DemoSummary, tmp_path: Path
) -> None:
    """Nothing depends on Python's per-process string hashing (set or dict order)."""
    script = (
        "import sys; from pathlib import Path; from lindung.demo import DemoConfig, generate; "
        "workers, seed, out = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]); "
        "generate(DemoConfig(workers=workers, seed=seed, out_dir=out))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    arguments = [str(demo.config.workers), str(demo.config.seed), str(tmp_path)]
    subprocess.run([sys.executable, "-c", script, *arguments], check=True, env=env)
    assert _files(tmp_path) == _files(demo.config.out_dir)


def test_another_seed_writes_other_data(demo: DemoSummary, tmp_path: Path) -> None:
    other = generate(
        DemoConfig(workers=demo.config.workers, seed=demo.config.seed + 1, out_dir=tmp_path)
    )
    first, second = _files(demo.config.out_dir), _files(other.config.out_dir)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] == second[name]] == []


def test_summary_lists_every_file_with_its_rows(demo: DemoSummary) -> None:
    counts = demo.counts
    assert counts["registry/workers"] == demo.config.workers
    for part, name in [
        ("partners", "imigrasi_crossings"),
        ("partners", "dpt_ln"),
        ("partners", "dukcapil"),
        ("partners", "training_certificates"),
        ("partners", "consular_registrations"),
    ]:
        path = demo.path(part, name)
        assert path.exists()
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines == counts[f"{part}/{name}"] + 1  # header
        assert counts[f"ground_truth/{name}"] == counts[f"{part}/{name}"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"workers": 10}, "workers"), ({"seed": -1}, "seed"), ({"workers": 0, "seed": -2}, "seed")],
)
def test_a_bad_configuration_is_refused_naming_the_field(
    changes: dict[str, int], field: str, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError) as caught:
        DemoConfig(out_dir=tmp_path, **changes)  # type: ignore[arg-type]
    assert field in {p.field for p in caught.value.problems}
