from __future__ import annotations

import pytest

from lindung.exchange.gate import AccessGate
from lindung.settings import Settings
from lindung.store.database import Database
from support.registry import Scenario


@pytest.fixture
def gate(settings: Settings) -> AccessGate:
    return AccessGate(settings)


@pytest.fixture
def scenario(db: Database) -> Scenario:
    with db.session() as s:
        return Scenario(s)
