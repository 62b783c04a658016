from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from lindung.exchange.audit import Actor
from lindung.signals.runs import SignalRunSummary, run_signals
from lindung.store.database import Database
from support.signals import AS_OF, RunSignals, World

ACTOR = Actor("cli", "signals-test")


@pytest.fixture
def build(db: Database) -> Callable[..., Any]:
    """``build(fn)``: run ``fn(world)`` in its own committed transaction."""
    state: dict[str, Any] = {}

    def run(fn: Callable[[World], Any]) -> Any:
        with db.session() as session:
            world = World.build(session) if "world" not in state else state["world"]
            world.session = session
            state["world"] = world
            return fn(world)

    return run


@pytest.fixture
def run(db: Database) -> RunSignals:
    def go(as_of: date = AS_OF, **kwargs: Any) -> SignalRunSummary:
        return run_signals(db, as_of, ACTOR, **kwargs)

    return go
