from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI

from lindung.demo.logins import DemoLogin
from lindung.settings import Settings, load_settings
from lindung.store.database import Database
from lindung.store.users import find_user
from lindung.web.app import create_app
from lindung.web.security import CurrentUser
from support.http import TestClient
from support.web import csrf_token, log_in

Users = dict[str, DemoLogin]


def test_pages_need_a_login(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login"


def test_login_succeeds_and_shows_the_user(
    client: TestClient, demo_users: Users, db: Database
) -> None:
    admin = demo_users["admin"]
    response = log_in(client, admin.username, admin.password)
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith("lindung_session=")
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie
    page = client.get("/")
    assert page.status_code == 200
    assert admin.display_name in page.text
    again = client.get("/login?next=/api/docs", follow_redirects=False)
    assert (again.status_code, again.headers["location"]) == (303, "/api/docs")
    assert "Admin Nasional" in page.text
    with db.session() as s:
        user = find_user(s, "admin")
        assert user is not None
        assert user.last_login_at is not None


def test_wrong_credentials_show_one_generic_message(client: TestClient, demo_users: Users) -> None:
    admin = demo_users["admin"]
    wrong_password = log_in(client, admin.username, "not-the-password")
    unknown_user = log_in(client, "nobody-here", admin.password)
    for response in (wrong_password, unknown_user):
        assert response.status_code == 200
        assert "Nama pengguna atau kata sandi salah" in response.text
        assert 'role="alert"' in response.text
        assert "not-the-password" not in response.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_login_goes_on_to_a_local_next_page_only(client: TestClient, demo_users: Users) -> None:
    admin = demo_users["admin"]
    response = log_in(client, admin.username, admin.password, next_path="/api/docs")
    assert response.headers["location"] == "/api/docs"
    client.cookies.clear()
    for hostile in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = log_in(client, admin.username, admin.password, next_path=hostile)
        assert response.headers["location"] == "/"
        client.cookies.clear()


def test_a_protected_page_sends_back_to_itself_after_login(
    app: FastAPI, client: TestClient, demo_users: Users
) -> None:
    @app.get("/probe")
    def probe(user: CurrentUser) -> dict[str, str]:
        return {"username": user.username}

    response = client.get("/probe", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fprobe"
    login_page = client.get(response.headers["location"])
    assert 'name="next" value="/probe"' in login_page.text
    admin = demo_users["admin"]
    response = log_in(client, admin.username, admin.password, next_path="/probe")
    assert response.headers["location"] == "/probe"
    assert client.get("/probe").json() == {"username": "admin"}


def test_login_starts_a_new_session(client: TestClient, demo_users: Users) -> None:
    admin = demo_users["admin"]
    before = csrf_token(client)
    cookie_before = client.cookies.get("lindung_session")
    log_in(client, admin.username, admin.password)
    assert client.cookies.get("lindung_session") != cookie_before
    after = csrf_token(client, "/")
    assert after != before
    stale = client.post("/logout", data={"csrf_token": before}, follow_redirects=False)
    assert stale.status_code == 403


def test_logout_ends_the_session(signed_in: Callable[[str], TestClient]) -> None:
    client = signed_in("analis")
    assert client.get("/api/v1/me").status_code == 200
    token = csrf_token(client, "/")
    response = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    assert client.get("/", follow_redirects=False).status_code == 303
    assert client.get("/api/v1/me").status_code == 401


def test_a_deactivated_user_is_signed_out(
    signed_in: Callable[[str], TestClient], db: Database
) -> None:
    client = signed_in("analis")
    with db.session() as s:
        user = find_user(s, "analis")
        assert user is not None
        user.is_active = False
    assert client.get("/", follow_redirects=False).status_code == 303


def test_secure_cookies_when_configured(
    settings: Settings, db: Database, demo_users: Users
) -> None:
    secure = load_settings(
        demo_mode=True, database_url=settings.database_url, secure_cookies=True, session_max_age=600
    )
    app: FastAPI = create_app(secure, db)
    with TestClient(app) as client:
        response = log_in(client, "admin", demo_users["admin"].password)
    cookie = response.headers["set-cookie"].lower()
    assert "secure" in cookie
    assert "max-age=600" in cookie


def test_demo_accounts_are_listed_only_in_demo_mode(
    client: TestClient, settings: Settings, db: Database, demo_users: Users
) -> None:
    assert demo_users["jember"].password in client.get("/login").text
    production = load_settings(
        demo_mode=False, database_url=settings.database_url, secret_key="x" * 32
    )
    with TestClient(create_app(production, db)) as other:
        page = other.get("/login").text
    assert demo_users["jember"].password not in page
    assert "Masuk ke Lindung" in page
