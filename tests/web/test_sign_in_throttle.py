"""Repeated failed sign-ins lock sign-in for a while, per address and per username."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import select

from lindung.demo.logins import DemoLogin
from lindung.store.database import Database
from lindung.store.models import AuditEntry
from lindung.web.sign_in_throttle import SignInThrottle
from support.http import TestClient
from support.web import log_in

Users = dict[str, DemoLogin]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _throttled(app: FastAPI, failures: int = 3, window: int = 600) -> Clock:
    clock = Clock()
    app.state.sign_in_throttle = SignInThrottle(failures, window, clock=clock)
    return clock


def _refusal_reasons(db: Database) -> list[str | None]:
    with db.session() as s:
        rows = s.scalars(
            select(AuditEntry.reason)
            .where(AuditEntry.action == "login", AuditEntry.decision == "refused")
            .order_by(AuditEntry.id)
        )
        return list(rows)


def test_too_many_failures_lock_even_the_right_password(
    app: FastAPI, client: TestClient, demo_users: Users, db: Database
) -> None:
    clock = _throttled(app)
    admin = demo_users["admin"]
    for _ in range(3):
        assert log_in(client, admin.username, "wrong-password").status_code == 200
    locked = log_in(client, admin.username, admin.password)
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) == 600
    assert "Terlalu banyak percobaan masuk yang gagal" in locked.text
    assert "10 menit" in locked.text
    assert client.get("/", follow_redirects=False).status_code == 303

    clock.now += 601
    assert log_in(client, admin.username, admin.password).status_code == 303
    # the lockout is audited once; the attempt refused during it is not written
    assert _refusal_reasons(db) == [
        "invalid_credentials",
        "invalid_credentials",
        "invalid_credentials_lockout",
    ]


def test_a_username_is_locked_from_every_address(
    app: FastAPI, client: TestClient, demo_users: Users
) -> None:
    throttle = SignInThrottle(3, 600, clock=Clock())
    app.state.sign_in_throttle = throttle
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        throttle.failed(address, "Analis ")
    assert not throttle.check("10.0.0.9", "analis").allowed
    assert throttle.check("10.0.0.9", "admin").allowed
    admin = demo_users["admin"]
    assert log_in(client, admin.username, admin.password).status_code == 303


def test_an_address_is_locked_for_every_username(
    app: FastAPI, client: TestClient, demo_users: Users
) -> None:
    _throttled(app)
    for name in ("a", "b", "c"):
        assert log_in(client, name, "x").status_code == 200
    analyst = demo_users["analis"]
    assert log_in(client, analyst.username, analyst.password).status_code == 429


def test_a_success_clears_the_username_but_not_the_address() -> None:
    clock = Clock()
    throttle = SignInThrottle(2, 60, clock=clock)
    assert throttle.failed("1.1.1.1", "budi") is False
    throttle.succeeded("budi")
    assert throttle.failed("2.2.2.2", "budi") is False
    assert throttle.check("3.3.3.3", "budi").allowed
    assert throttle.failed("1.1.1.1", "siti") is True  # second failure from 1.1.1.1
    verdict = throttle.check("1.1.1.1", "someone")
    assert (verdict.allowed, verdict.retry_after) == (False, 60)
    clock.now += 30
    assert throttle.check("1.1.1.1", "someone").retry_after == 30
    clock.now += 30
    assert throttle.check("1.1.1.1", "someone").allowed
