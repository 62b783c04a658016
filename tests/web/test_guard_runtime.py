"""Every page and endpoint, as every role and as a partner client, with the guard on:
no statement reads a personal-data table outside the access gate."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy import select
from starlette.responses import PlainTextResponse
from starlette.routing import BaseRoute

from lindung.exchange import guard
from lindung.exchange.clients import create_client
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.web.app import create_app
from support.agreements import make_agreement
from support.http import TestClient
from support.registry import Scenario

#: A value for each path parameter of the app's routes.
PATH_VALUES = {
    "code": "35.09",
    "dataset": "workers",
    "agreement_id": "1",
    "worker_id": "1",
    "import_id": "1",
    "link_id": "1",
    "placement_id": "1",
    "record": "passport",
    "agency_id": "1",
    "job_order_id": "1",
    "programme_id": "1",
    "signal_id": "1",
}
QUERY = {"purpose": "voter_list_oversight"}
ROLES = ("admin", "analis", "jember", "flotim", "mitra")


@pytest.fixture
def guarded(db: Database) -> Iterator[guard.Guard]:
    hook = guard.install(db.engine)
    yield hook
    hook.remove()


def get_paths(routes: Sequence[BaseRoute]) -> list[str]:
    """Every GET route's path with sample parameters, descending into included routers
    (FastAPI 0.16x wraps them; see tests/web/test_csrf.py)."""
    paths = []
    for route in routes:
        if isinstance(route, APIRoute) and "GET" in route.methods:
            path = route.path
            for name, value in PATH_VALUES.items():
                path = path.replace("{" + name + "}", value)
            assert "{" not in path, f"no sample value for a parameter of {route.path}"
            paths.append(path)
        included = getattr(route, "original_router", None)
        if included is not None:
            paths += get_paths(included.routes)
    return paths


def test_every_route_as_every_role_reads_through_the_gate(
    app: FastAPI,
    db: Database,
    signed_in: Callable[[str], TestClient],
    client: TestClient,
    guarded: guard.Guard,
) -> None:
    with db.session() as s, guard.store_context("test data"):
        Scenario(s)
        make_agreement(s, "PKS/BAWASLU", "BAWASLU", ["voter_list_oversight"])
        token = create_client(s, "PKS/BAWASLU", "Bawaslu").token
    paths = get_paths(app.routes)
    assert "/api/partner/v1/datasets/workers/records" in paths
    callers = [signed_in(role) for role in ROLES] + [client]
    for caller in callers:
        caller.headers["Authorization"] = f"Bearer {token}"
        for path in paths:
            response = caller.get(path, params=QUERY)
            assert response.status_code < 500, (path, response.status_code)
    assert guarded.violations == []


def test_the_runtime_check_fails_a_route_that_reads_around_the_gate(
    app: FastAPI, db: Database, client: TestClient, guarded: guard.Guard
) -> None:
    from lindung.store import models  # the bad route's own import, for this test only

    with db.session() as s, guard.store_context("test data"):
        Scenario(s)

    def bad_route() -> PlainTextResponse:
        with db.session() as session:
            names = session.scalars(select(models.Worker.full_name)).all()
        return PlainTextResponse(str(len(names)))

    app.add_api_route("/bad", bad_route, methods=["GET"])
    response = client.get("/bad")
    assert response.status_code == 500
    assert guarded.violations == ["workers"]


def test_the_guard_spares_the_gate_and_the_store_but_not_raw_sql(
    db: Database, guarded: guard.Guard
) -> None:
    from sqlalchemy import text

    with db.session() as s, guard.gate_context():
        s.execute(text("SELECT count(*) FROM workers"))
    with db.session() as s, guard.store_context("demo load"):
        s.execute(text("SELECT id FROM passports"))
    with db.session() as s:
        s.execute(text("SELECT code FROM regions LIMIT 1"))  # not personal
        with pytest.raises(guard.PersonalReadOutsideGate):
            s.execute(text('SELECT nik FROM "workers" WHERE id = 1'))
    assert guarded.violations == ["workers"]
    assert guard.reads_personal_table("INSERT INTO workers (nik) VALUES ('x')") is None
    assert guard.reads_personal_table("SELECT total_workers FROM x") is None


@pytest.mark.parametrize(
    ("statement", "table"),
    [
        ("COPY (SELECT nik FROM workers) TO STDOUT", "workers"),
        ('COPY "passports" (number) TO STDOUT WITH (FORMAT csv)', "passports"),
        ("copy dpt_ln_entries to '/tmp/out.csv'", "dpt_ln_entries"),
        ("COPY workers TO PROGRAM 'gzip > /tmp/w.gz'", "workers"),
        ("COPY border_crossings (name, nik) FROM STDIN", None),  # an import's load
        ("COPY (SELECT code FROM regions) TO STDOUT", None),  # not personal
    ],
)
def test_a_copy_out_is_a_read(statement: str, table: str | None) -> None:
    assert guard.reads_personal_table(statement) == table


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_production_setting_turns_the_guard_on(settings: Settings, db: Database) -> None:
    from sqlalchemy import text

    create_app(settings.model_copy(update={"guard_personal_reads": True}), db)
    with db.session() as s, pytest.raises(guard.PersonalReadOutsideGate):
        s.execute(text("SELECT nik FROM workers"))
