"""Fixtures for the registry's services: principals of each role, the gate, valid input."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import cli.conftest as cli_fixtures
from lindung.exchange.gate import AccessGate
from lindung.exchange.guard import store_context
from lindung.exchange.principal import Principal
from lindung.identity import make_nik
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.models import Base
from support.registry import first_village

TODAY = date(2026, 3, 1)
ADMIN = Principal("user", "admin", "national_admin")
ANALYST = Principal("user", "analis", "national_analyst")
JEMBER = Principal("user", "jember", "regional_officer", region_code="35.09")
FLOTIM = Principal("user", "flotim", "regional_officer", region_code="53.06")


@pytest.fixture
def gate(settings: Settings) -> AccessGate:
    return AccessGate(settings)


@pytest.fixture
def jember_village(db: Database) -> str:
    with db.session() as s:
        return first_village(s, "35.09.01")


@pytest.fixture
def flotim_village(db: Database) -> str:
    with db.session() as s:
        return first_village(s, "53.06")


def worker_input(village: str, serial: int = 1, **changes: Any) -> dict[str, Any]:
    """A valid registration typed as a form would send it (a woman born 14 Feb 2000)."""
    birth = date(2000, 2, 14)
    data: dict[str, Any] = {
        "nik": make_nik(village.replace(".", "")[:6], birth, "F", serial),
        "full_name": "Siti  Rahayu",
        "sex": "F",
        "birth_date": birth.isoformat(),
        "birth_place": "Jember",
        "origin_village_code": village,
        "marital_status": "single",
        "education": "smp",
        "phone": "0812-3456-7890",
    }
    data.update(changes)
    return data


def count(session: Session, model: type[Base]) -> int:
    with store_context("test count"):
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


# the CLI tests' fixtures, shared with this package's command tests
run_cli = cli_fixtures.run_cli
cli_env = cli_fixtures.cli_env
