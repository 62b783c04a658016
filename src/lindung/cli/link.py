"""``lindung link``: link two files of person records, or find duplicates in one."""

from __future__ import annotations

from pathlib import Path

import typer

from lindung.cli.output import console, errors, progress_bar
from lindung.errors import Problem, ValidationError


def link(
    left: Path | None = typer.Option(
        None, "--left", help="CSV or Parquet file of person records (the left side)."
    ),
    right: Path | None = typer.Option(
        None, "--right", help="CSV or Parquet file of person records (the right side)."
    ),
    dedupe: Path | None = typer.Option(
        None, "--dedupe", help="Find duplicates within this one file (instead of --left/--right)."
    ),
    out: Path = typer.Option(..., "--out", help="CSV to write the scored pairs to."),
    threshold: float = typer.Option(
        0.9, "--threshold", min=0.0, max=1.0, help="Lowest match probability written."
    ),
    backend: str = typer.Option("duckdb", "--backend", help="duckdb (default) or spark."),
) -> None:
    """Link person records across two files (or deduplicate one) with the Indonesian
    name model. Input columns: record_id, full_name, birth_date, sex, nik,
    passport_no, birth_place (all but record_id may be empty). Output: left_id,
    right_id, match_probability, match_weight and one mw_<comparison> column per
    comparison explaining the link; the trained model is saved next to --out."""
    from lindung.linkage.run import MIN_TRAINING_ROWS, check_backend, link_files

    check_backend(backend)
    first, second = _inputs(left, right, dedupe)
    with progress_bar() as progress:
        result = link_files(
            first, second, out, threshold=threshold, backend=backend, progress=progress
        )
    what = "duplicate pairs" if second is None else "linked pairs"
    console.print(
        f"{result.pairs:,} {what} (match probability >= {threshold}) written to "
        f"[bold]{result.out}[/]; model saved to [bold]{result.model_path}[/]",
        highlight=False,
    )
    if min(result.left_rows, result.right_rows) < MIN_TRAINING_ROWS:
        errors.print(
            f"warning: fewer than {MIN_TRAINING_ROWS:,} records on a side; the model was "
            "trained on too few pairs for its probabilities to be reliable",
            highlight=False,
        )


def _inputs(left: Path | None, right: Path | None, dedupe: Path | None) -> tuple[Path, Path | None]:
    """Either --dedupe FILE, or both --left and --right."""
    if dedupe is not None and left is None and right is None:
        return dedupe, None
    if dedupe is None and left is not None and right is not None:
        return left, right
    raise ValidationError(
        [
            Problem(
                "--left, --right, --dedupe",
                "link.inputs",
                "berikan --left dan --right, atau --dedupe saja",
                "give --left and --right, or --dedupe alone",
            )
        ],
        message="wrong inputs",
    )
