"""Console output shared by the commands: Rich consoles, errors, progress bars."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from lindung.errors import LindungError

console = Console()
errors = Console(stderr=True)

ProgressCallback = Callable[[str, int, int], None]


def fail(exc: LindungError) -> NoReturn:
    """Print an error as one line (every problem included) and exit 1."""
    # escaped: a message may hold brackets (e.g. pip install 'lindung[spark]')
    message = escape(exc.describe("en"))
    errors.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise SystemExit(1)


@contextmanager
def progress_bar() -> Iterator[ProgressCallback]:
    """A callback ``(stage, done, total)`` drawing one Rich bar per stage."""
    with Progress(
        TextColumn("{task.description:<28}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=False,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update
