"""Types for running the command line in tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Run:
    """What a ``lindung`` invocation returned and printed."""

    code: int
    out: str
    err: str


RunCli = Callable[..., Run]
