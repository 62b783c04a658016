from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from lindung.demo.logins import DemoLogin
from support.http import TestClient
from support.web import csrf_token


def post_routes(routes: Sequence[BaseRoute]) -> list[str]:
    """Paths of every POST route, descending into included routers.

    FastAPI 0.16x wraps included routers (``original_router`` is not public API);
    if that changes, the assertion on the known routes below fails loudly.
    """
    paths = []
    for route in routes:
        if isinstance(route, APIRoute) and "POST" in route.methods:
            paths.append(route.path.replace("{code}", "en"))
        included = getattr(route, "original_router", None)
        if included is not None:
            paths += post_routes(included.routes)
    return paths


def test_every_post_route_refuses_a_missing_token(app: FastAPI, client: TestClient) -> None:
    paths = post_routes(app.routes)
    assert {"/login", "/logout", "/lang/en"} <= set(paths)
    csrf_token(client)  # a session exists, but the token is not sent
    for path in paths:
        response = client.post(path, data={"username": "x"}, follow_redirects=False)
        # the partner API is exempt (a bearer token, no cookie): refused without the token
        expected = 401 if path.startswith("/api/partner/") else 403
        assert response.status_code == expected, path


def test_refusal_is_a_clear_bilingual_page(
    client: TestClient, demo_users: dict[str, DemoLogin]
) -> None:
    admin = demo_users["admin"]
    response = client.post("/login", data={"username": admin.username, "password": admin.password})
    assert response.status_code == 403
    assert "Formulir sudah kedaluwarsa atau tidak sah" in response.text
    assert "The form has expired or is not valid" in response.text
    assert client.get("/", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("token", ["", "forged-token", "A" * 43])
def test_a_wrong_token_is_refused(
    client: TestClient, demo_users: dict[str, DemoLogin], token: str
) -> None:
    admin = demo_users["admin"]
    csrf_token(client)
    response = client.post(
        "/login", data={"username": admin.username, "password": admin.password, "csrf_token": token}
    )
    assert response.status_code == 403


def test_a_token_from_another_session_is_refused(
    app: FastAPI, client: TestClient, demo_users: dict[str, DemoLogin]
) -> None:
    admin = demo_users["admin"]
    with TestClient(app) as other:
        foreign = csrf_token(other)
    csrf_token(client)
    response = client.post(
        "/login",
        data={"username": admin.username, "password": admin.password, "csrf_token": foreign},
    )
    assert response.status_code == 403


def test_the_header_carries_the_token_too(signed_in: Callable[[str], TestClient]) -> None:
    client = signed_in("admin")
    token = csrf_token(client, "/")
    refused = client.post("/logout", follow_redirects=False)
    assert refused.status_code == 403
    assert client.get("/api/v1/me").status_code == 200
    accepted = client.post("/logout", headers={"X-CSRF-Token": token}, follow_redirects=False)
    assert accepted.status_code == 303
    assert client.get("/api/v1/me").status_code == 401


def test_api_refusal_is_json(app: FastAPI, client: TestClient) -> None:
    @app.post("/api/v1/probe")
    def probe() -> dict[str, str]:
        return {"ok": "yes"}

    response = client.post("/api/v1/probe", json={})
    assert response.status_code == 403
    body = response.json()
    assert body["status"] == 403
    assert [p["code"] for p in body["problems"]] == ["csrf.invalid"]
