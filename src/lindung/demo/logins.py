"""Demo logins: one account per role, with fixed passwords, for the demo database only.

The passwords are public (they are printed on the login page in demo mode and in
the README), so these accounts must never exist outside a demo: callers create
them only when ``settings.demo_mode`` is on.
"""

from __future__ import annotations

from dataclasses import dataclass

from lindung.store.database import Database
from lindung.store.models import Role
from lindung.store.users import create_user, find_user


@dataclass(frozen=True, slots=True)
class DemoLogin:
    """A demo account and its (public) password."""

    username: str
    password: str
    role: Role
    display_name: str
    region_code: str | None = None
    language: str = "id"


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("admin", "demo-admin-lindung", Role.NATIONAL_ADMIN, "Admin Pusat KP2MI"),
    DemoLogin("analis", "demo-analis-lindung", Role.NATIONAL_ANALYST, "Analis Data KP2MI"),
    DemoLogin(
        "jember",
        "demo-jember-lindung",
        Role.REGIONAL_OFFICER,
        "Petugas Kabupaten Jember",
        region_code="35.09",
    ),
    DemoLogin(
        "flotim",
        "demo-flotim-lindung",
        Role.REGIONAL_OFFICER,
        "Petugas Kabupaten Flores Timur",
        region_code="53.06",
    ),
    DemoLogin("mitra", "demo-mitra-lindung", Role.PARTNER_USER, "Mitra Ditjen Imigrasi"),
    DemoLogin("bawaslu", "demo-bawaslu-lindung", Role.PARTNER_USER, "Mitra Bawaslu"),
    DemoLogin("komnasanak", "demo-komnasanak-lindung", Role.PARTNER_USER, "Mitra Komnas Anak"),
)


def demo_login(role: Role, region_code: str | None = None) -> DemoLogin:
    """The demo login for a role (and region, for regional officers)."""
    for login in DEMO_LOGINS:
        if login.role is role and (region_code is None or login.region_code == region_code):
            return login
    raise KeyError(f"no demo login for {role} {region_code or ''}".strip())


def create_demo_users(database: Database) -> list[DemoLogin]:
    """Create the demo accounts that do not exist yet; return the ones created.

    Idempotent: an existing username is left as it is (its password is not reset).
    """
    created: list[DemoLogin] = []
    with database.session() as session:
        for login in DEMO_LOGINS:
            if find_user(session, login.username) is not None:
                continue
            create_user(
                session,
                login.username,
                login.password,
                login.role,
                login.display_name,
                region_code=login.region_code,
                language=login.language,
            )
            created.append(login)
    return created
