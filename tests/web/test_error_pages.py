from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI

from support.http import TestClient

FAKE_NIK = "3509014101010001"


def test_unknown_page_is_a_friendly_bilingual_404(client: TestClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Halaman tidak ditemukan" in response.text
    assert "Page not found" in response.text
    assert '<html lang="id">' in response.text


def test_unknown_api_path_is_json(client: TestClient) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {
        "error": "Alamat yang Anda buka tidak ada atau sudah dipindahkan.",
        "status": 404,
        "problems": [],
    }


def test_wrong_method_is_405(client: TestClient) -> None:
    response = client.get("/logout")
    assert response.status_code == 405
    assert "Metode tidak diizinkan" in response.text


@pytest.fixture
def failing_app(app: FastAPI) -> FastAPI:
    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError(f"duplicate key nik={FAKE_NIK}")

    @app.get("/api/v1/boom")
    def api_boom() -> None:
        raise RuntimeError(f"duplicate key nik={FAKE_NIK}")

    return app


def test_an_unexpected_error_is_a_500_page_without_details(
    failing_app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="lindung.web"), TestClient(failing_app) as client:
        page = client.get("/boom")
        api = client.get("/api/v1/boom")
    assert page.status_code == 500
    assert "Terjadi kesalahan sistem" in page.text
    assert "Something went wrong" in page.text
    assert api.status_code == 500
    assert api.json()["status"] == 500
    # The message (with its value) is neither shown nor logged; the log keeps the
    # frames (file, line, source code) to find the fault.
    for text in (page.text, api.text, caplog.text):
        assert FAKE_NIK not in text
    assert "duplicate key" not in page.text + api.text
    assert "test_error_pages.py" in caplog.text
    assert "Traceback" not in page.text
    assert "RuntimeError during GET /boom" in caplog.text
    error_id = caplog.records[0].getMessage().split("error id ")[1].split(")")[0]
    assert error_id in page.text


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    page = client.get("/login")
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["cache-control"] == "no-store"
    css = client.get("/static/lindung.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert "cache-control" not in css.headers


def test_pages_load_nothing_from_elsewhere(client: TestClient) -> None:
    for path in ("/login", "/api/docs", "/no-such-page"):
        html = client.get(path).text
        assert 'src="http' not in html
        assert 'href="http' not in html
        assert "@import" not in html
    css = client.get("/static/lindung.css").text
    assert "http" not in css
    assert "@import" not in css
