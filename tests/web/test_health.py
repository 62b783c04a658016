from __future__ import annotations

from pathlib import Path

from lindung import __version__
from lindung.settings import load_settings
from lindung.web.app import create_app
from support.http import TestClient
from support.postgres import free_port


def test_healthz_reports_ok(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "version": __version__}
    assert "set-cookie" not in response.headers


def unreachable_app(tmp_path: Path) -> TestClient:
    url = f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/lindung?connect_timeout=2"
    settings = load_settings(demo_mode=True, database_url=url, data_dir=tmp_path)
    return TestClient(create_app(settings))


def test_healthz_is_503_when_the_database_does_not_answer(tmp_path: Path) -> None:
    with unreachable_app(tmp_path) as client:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "version": __version__,
    }


def test_pages_say_the_database_is_unavailable(tmp_path: Path) -> None:
    with unreachable_app(tmp_path) as client:
        login_page = client.get("/login")
        assert login_page.status_code == 200
        token = login_page.text.split('name="csrf_token" value="')[1].split('"')[0]
        response = client.post(
            "/login", data={"username": "admin", "password": "whatever-it-is", "csrf_token": token}
        )
    assert response.status_code == 503
    assert "Layanan sementara tidak tersedia" in response.text
    assert "Traceback" not in response.text
    assert "psycopg" not in response.text
