from __future__ import annotations

from lindung.demo.logins import DEMO_LOGINS, create_demo_users, demo_login
from lindung.store.database import Database
from lindung.store.models import Role
from lindung.store.users import authenticate


def test_demo_logins_cover_every_role_and_the_partner_regions() -> None:
    assert {login.role for login in DEMO_LOGINS} == set(Role)
    assert demo_login(Role.REGIONAL_OFFICER, "35.09").display_name.endswith("Jember")
    assert demo_login(Role.REGIONAL_OFFICER, "53.06").display_name.endswith("Flores Timur")


def test_create_demo_users_is_idempotent_and_the_passwords_work(db: Database) -> None:
    assert create_demo_users(db) == list(DEMO_LOGINS)
    assert create_demo_users(db) == []
    with db.session() as s:
        for login in DEMO_LOGINS:
            user = authenticate(s, login.username, login.password)
            assert user.role == login.role.value
            assert user.region_code == login.region_code
