from __future__ import annotations

from collections.abc import Callable

import pytest

from support.http import TestClient

SignIn = Callable[[str], TestClient]


@pytest.mark.parametrize("path", ["/api/v1/me", "/api/v1/regions/35.09", "/api/v1/regions"])
def test_api_needs_a_login_and_answers_401_json(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["status"] == 401
    assert body["error"] == "Silakan masuk terlebih dahulu."
    assert body["problems"] == [
        {"field": "session", "code": "auth.login_required", "message": body["error"]}
    ]


def test_me_describes_the_signed_in_user(signed_in: SignIn) -> None:
    me = signed_in("jember").get("/api/v1/me").json()
    assert me == {
        "username": "jember",
        "display_name": "Petugas Kabupaten Jember",
        "role": "regional_officer",
        "role_label": "Petugas Daerah",
        "region_code": "35.09",
        "language": "id",
    }


def test_region_by_code(signed_in: SignIn) -> None:
    client = signed_in("analis")
    for code in ("35.09", "3509"):
        assert client.get(f"/api/v1/regions/{code}").json() == {
            "code": "35.09",
            "name": "Kabupaten Jember",
            "level": 2,
            "kind": "kabupaten",
            "parent_code": "35",
        }
    missing = client.get("/api/v1/regions/99.99")
    assert missing.status_code == 404
    assert missing.json()["status"] == 404
    malformed = client.get("/api/v1/regions/35-09")
    assert malformed.status_code == 422
    assert [p["code"] for p in malformed.json()["problems"]] == ["region.not_digits"]


def test_region_search(signed_in: SignIn) -> None:
    client = signed_in("analis")
    found = client.get("/api/v1/regions", params={"search": "kab. flores timur"}).json()
    assert found["items"][0]["code"] == "53.06"
    assert found["count"] == len(found["items"])
    provinces = client.get("/api/v1/regions", params={"limit": 100}).json()
    assert provinces["count"] == 38
    assert {item["level"] for item in provinces["items"]} == {1}


def test_invalid_parameters_list_every_problem(signed_in: SignIn) -> None:
    client = signed_in("analis")
    response = client.get("/api/v1/regions", params={"limit": 0, "level": 9})
    assert response.status_code == 422
    body = response.json()
    assert {p["field"] for p in body["problems"]} == {"limit", "level"}
    assert all(p["message"] for p in body["problems"])


def test_openapi_lists_the_api_and_not_the_pages(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/v1/me", "/api/v1/regions", "/api/v1/regions/{code}", "/healthz"} <= paths
    assert "/login" not in paths
    assert schema["components"]["securitySchemes"]["session"]["in"] == "cookie"


def test_api_docs_are_served_locally(client: TestClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "/api/v1/regions/{code}" in page.text
    assert "<script" not in page.text
    assert "cdn" not in page.text.lower()
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
