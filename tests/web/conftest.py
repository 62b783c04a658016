"""Fixtures for web tests: the app, in-process clients, a live server and a real browser.

- ``app``: ``create_app(settings, db)`` on the test's database (SQLite and PostgreSQL).
- ``client``: an in-process HTTP client (Starlette TestClient) for ``app``.
- ``demo_users``: the demo accounts created in the database, by username.
- ``signed_in``: ``signed_in('admin')`` gives a new client already signed in as that
  demo user (several can be open at once).
- ``live_server``: ``app`` served by a real uvicorn in a background thread on a free
  port; the fixture's value is the base URL.
- ``browser`` (session) and ``page``: headless Chromium (/usr/bin/chromium) driven by
  Playwright; skipped with the reason when Chromium is not installed.

Web tests hash passwords with cheap Argon2 parameters (``fast_password_hashing``,
autouse) so that signing in five demo users per test stays quick;
tests/store/test_users.py covers the real parameters.

To test a page in the browser on SQLite only, mark the test
``@pytest.mark.browser`` and ``@pytest.mark.parametrize("backend", ["sqlite"])``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import uvicorn
from argon2 import PasswordHasher
from fastapi import FastAPI

from lindung.demo.logins import DEMO_LOGINS, DemoLogin, create_demo_users
from lindung.settings import Settings
from lindung.store import users
from lindung.store.database import Database
from lindung.web.app import create_app
from support.http import TestClient
from support.postgres import free_port
from support.web import log_in

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(users, "password_hasher", lambda: cheap)


@pytest.fixture
def app(settings: Settings, db: Database) -> FastAPI:
    return create_app(settings, db)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def demo_users(db: Database) -> dict[str, DemoLogin]:
    create_demo_users(db)
    return {login.username: login for login in DEMO_LOGINS}


@pytest.fixture
def signed_in(
    app: FastAPI, demo_users: dict[str, DemoLogin]
) -> Iterator[Callable[[str], TestClient]]:
    clients: list[TestClient] = []

    def sign_in(username: str) -> TestClient:
        login = demo_users[username]
        test_client = TestClient(app)
        test_client.__enter__()
        clients.append(test_client)
        response = log_in(test_client, login.username, login.password)
        assert response.status_code == 303, response.text
        return test_client

    yield sign_in
    for test_client in clients:
        test_client.__exit__(None, None, None)


@pytest.fixture
def live_server(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread; yields the base URL."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, loop="asyncio", log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="lindung-live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the live server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: browser tests need Chromium (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="id-ID")
    context.set_default_timeout(10_000)
    new_page = context.new_page()
    yield new_page
    context.close()
