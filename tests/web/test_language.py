from __future__ import annotations

from collections.abc import Callable

from lindung.store.database import Database
from lindung.store.models import Role
from lindung.store.users import create_user
from support.http import TestClient
from support.web import csrf_token, log_in


def test_bahasa_indonesia_is_the_default(client: TestClient) -> None:
    page = client.get("/login").text
    assert '<html lang="id">' in page
    assert "Masuk ke Lindung" in page
    assert "Sign in to Lindung" not in page


def test_the_switch_changes_the_page_text(client: TestClient) -> None:
    token = csrf_token(client)
    response = client.post(
        "/lang/en", data={"csrf_token": token, "next": "/login"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith("lang=en")
    assert "samesite=lax" in cookie
    page = client.get("/login").text
    assert '<html lang="en">' in page
    assert "Sign in to Lindung" in page
    assert "Masuk ke Lindung" not in page
    back = client.get("/lang/id?next=/login")
    assert '<html lang="id">' in back.text
    assert "Masuk ke Lindung" in back.text


def test_the_switch_comes_back_to_the_same_page_and_query(client: TestClient) -> None:
    page = client.get("/login?next=/api/docs").text
    assert 'name="next" value="/login?next=/api/docs"' in page
    token = csrf_token(client)
    response = client.post(
        "/lang/en",
        data={"csrf_token": token, "next": "/login?next=/api/docs"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/login?next=/api/docs"


def test_a_link_switches_too_but_never_leaves_the_site(client: TestClient) -> None:
    response = client.get("/lang/en?next=https://evil.example/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert client.get("/lang/xx", follow_redirects=False).status_code == 404


def test_the_dashboard_and_role_follow_the_language(
    signed_in: Callable[[str], TestClient],
) -> None:
    client = signed_in("admin")
    page = client.get("/").text
    assert "Ringkasan Pekerja Migran" in page
    assert "Admin Nasional" in page
    client.get("/lang/en?next=/")
    page = client.get("/").text
    assert '<html lang="en">' in page
    assert "Migrant worker overview" in page
    assert "National administrator" in page
    assert "Ringkasan Pekerja Migran" not in page


def test_a_users_preferred_language_applies_without_a_cookie(
    client: TestClient, db: Database
) -> None:
    with db.session() as s:
        create_user(
            s, "analyst.en", "a-long-password", Role.NATIONAL_ANALYST, "Analyst", language="en"
        )
    log_in(client, "analyst.en", "a-long-password")
    assert "Migrant worker overview" in client.get("/").text
    client.get("/lang/id?next=/")
    assert "Ringkasan Pekerja Migran" in client.get("/").text
