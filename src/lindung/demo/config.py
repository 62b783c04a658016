"""What to generate (:class:`DemoConfig`) and what was written (:class:`DemoSummary`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lindung.errors import Problem, ValidationError

#: progress(stage, done, total): lets a CLI draw a progress bar per stage.
Progress = Callable[[str, int, int], None]

MIN_WORKERS = 100
MAX_WORKERS = 5_000_000
MAX_VOTERS_ABROAD = 20_000_000
#: Citizens abroad who are not migrant workers, per registered worker, by default.
ABROAD_PER_WORKER = 0.15


@dataclass(frozen=True, kw_only=True)
class DemoConfig:
    """A demo data set: how many registered workers, the seed, where, and 'today'.

    The same configuration always gives byte-identical files.
    """

    workers: int = 20_000
    seed: int = 2029
    out_dir: Path
    as_of: date = date(2026, 11, 1)
    #: Citizens abroad who are not migrant workers (students, spouses, professionals):
    #: most of the overseas voter list (DPT LN). ``None``: 0.15 per worker.
    voters_abroad: int | None = None

    @property
    def citizens_abroad(self) -> int:
        if self.voters_abroad is not None:
            return self.voters_abroad
        return round(self.workers * ABROAD_PER_WORKER)

    def __post_init__(self) -> None:
        problems = []
        if self.voters_abroad is not None and not 0 <= self.voters_abroad <= MAX_VOTERS_ABROAD:
            problems.append(
                Problem(
                    "voters_abroad",
                    "demo.voters_abroad_range",
                    f"jumlah pemilih luar negeri harus antara 0 dan {MAX_VOTERS_ABROAD:,}",
                    f"the number of voters abroad must be between 0 and {MAX_VOTERS_ABROAD:,}",
                )
            )
        if not MIN_WORKERS <= self.workers <= MAX_WORKERS:
            problems.append(
                Problem(
                    "workers",
                    "demo.workers_range",
                    f"jumlah pekerja harus antara {MIN_WORKERS:,} dan {MAX_WORKERS:,}",
                    f"the number of workers must be between {MIN_WORKERS:,} and {MAX_WORKERS:,}",
                )
            )
        if self.seed < 0:
            problems.append(
                Problem(
                    "seed",
                    "demo.seed_negative",
                    "seed tidak boleh negatif",
                    "the seed must not be negative",
                )
            )
        if not date(2020, 1, 1) <= self.as_of <= date(2035, 12, 31):
            problems.append(
                Problem(
                    "as_of",
                    "demo.as_of_range",
                    "tanggal acuan harus antara 2020 dan 2035",
                    "the reference date must be between 2020 and 2035",
                )
            )
        if problems:
            raise ValidationError(problems, "invalid demo configuration")

    @property
    def registry_dir(self) -> Path:
        return self.out_dir / "registry"

    @property
    def partners_dir(self) -> Path:
        return self.out_dir / "partners"

    @property
    def ground_truth_dir(self) -> Path:
        return self.out_dir / "ground_truth"

    @property
    def manifest_path(self) -> Path:
        return self.out_dir / "manifest.json"

    def describe(self) -> dict[str, object]:
        described: dict[str, object] = {
            "workers": self.workers,
            "seed": self.seed,
            "as_of": self.as_of.isoformat(),
        }
        if self.voters_abroad is not None:
            described["voters_abroad"] = self.voters_abroad
        return described


@dataclass(frozen=True)
class FileSummary:
    """One written file: its part (registry, partners, ground_truth), name, path, rows."""

    part: str
    name: str
    path: Path
    rows: int


@dataclass(frozen=True)
class DemoSummary:
    config: DemoConfig
    files: tuple[FileSummary, ...] = field(default_factory=tuple)

    @property
    def counts(self) -> dict[str, int]:
        """Rows per file, keyed 'part/name' (e.g. 'partners/dpt_ln')."""
        return {f"{f.part}/{f.name}": f.rows for f in self.files}

    def path(self, part: str, name: str) -> Path:
        for f in self.files:
            if f.part == part and f.name == name:
                return f.path
        raise KeyError(f"{part}/{name}")
