"""Users of the web app: creation with validation, password authentication.

Passwords are hashed with Argon2id (argon2-cffi's RFC 9106 defaults) and never
stored or logged in any other form. Authentication fails the same way, with the
same generic message and about the same amount of work, whether the username is
unknown, the account is inactive or the password is wrong: the message must not
tell an attacker which usernames exist.
"""

from __future__ import annotations

import re
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lindung.domain.regions import normalise_code
from lindung.errors import (
    AuthenticationError,
    InvalidRegionCode,
    NotFound,
    Problem,
    ValidationError,
)
from lindung.store.models import Region, Role, User
from lindung.store.models.base import utcnow

USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 1024
DISPLAY_NAME_MAX_LENGTH = 120
LANGUAGES = ("id", "en")

#: The one message for every failed login, whatever the reason.
WRONG_CREDENTIALS = Problem(
    "credentials",
    "auth.invalid_credentials",
    "Nama pengguna atau kata sandi salah",
    "Wrong username or password",
)


@cache
def password_hasher() -> PasswordHasher:
    """The Argon2id hasher (library defaults, i.e. RFC 9106's low-memory profile)."""
    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    # Verified against when the user does not exist, so that a failure costs
    # about as much time as a wrong password for an existing user.
    return password_hasher().hash("lindung-no-such-user")


def normalise_username(username: str) -> str:
    """Usernames are case-insensitive: stored and compared in lower case."""
    return username.strip().lower()


def create_user(
    session: Session,
    username: str,
    password: str,
    role: Role | str,
    display_name: str,
    region_code: str | None = None,
    language: str = "id",
) -> User:
    """Create a user after checking every field; raise one ValidationError listing all problems.

    Only a regional officer is bound to a region (and must be: its scope is that
    region's subtree); national roles see everything and a partner user's scope
    comes from its agreement, so neither may carry a region.
    """
    username = normalise_username(username)
    display_name = display_name.strip()
    valid_role = _parse_role(role)
    problems = _username_problems(session, username)
    problems += _password_problems(password)
    problems += _display_name_problems(display_name)
    problems += _language_problems(language)
    problems += _role_problems(valid_role)
    region, region_problems = _check_region(session, valid_role, region_code)
    problems += region_problems
    if problems or valid_role is None:
        raise ValidationError(problems)
    user = User(
        username=username,
        display_name=display_name,
        password_hash=password_hasher().hash(password),
        role=valid_role.value,
        region_code=region,
        language=language,
        is_active=True,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User:
    """The active user with these credentials, or AuthenticationError (one generic message).

    Upgrades the stored hash when the hasher's parameters have changed since it
    was made, and records the time of the login.
    """
    hasher = password_hasher()
    user = find_user(session, username)
    stored = user.password_hash if user is not None else _dummy_hash()
    try:
        hasher.verify(stored, password)
        verified = True
    except (VerificationError, InvalidHashError):
        verified = False
    if user is None or not verified or not user.is_active:
        raise AuthenticationError("authentication failed", [WRONG_CREDENTIALS])
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    user.last_login_at = utcnow()
    session.flush()
    return user


def get_user(session: Session, user_id: int) -> User:
    """The user with this id, or NotFound."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"no user with id {user_id}")
    return user


def find_user(session: Session, username: str) -> User | None:
    """The user with this username (any case), or None."""
    return session.scalar(select(User).where(User.username == normalise_username(username)))


def role_of(user: User) -> Role:
    """The user's role as the enum."""
    return Role(user.role)


def _parse_role(role: Role | str) -> Role | None:
    try:
        return Role(role)
    except ValueError:
        return None


def _role_problems(role: Role | None) -> list[Problem]:
    if role is not None:
        return []
    return [
        Problem(
            "role",
            "user.role_unknown",
            "peran tidak dikenal (national_admin, national_analyst, regional_officer, "
            "partner_user)",
            "unknown role (national_admin, national_analyst, regional_officer, partner_user)",
        )
    ]


def _language_problems(language: str) -> list[Problem]:
    if language in LANGUAGES:
        return []
    return [
        Problem(
            "language",
            "user.language_unsupported",
            "bahasa harus 'id' atau 'en'",
            "language must be 'id' or 'en'",
        )
    ]


def _username_problems(session: Session, username: str) -> list[Problem]:
    if not USERNAME_PATTERN.fullmatch(username):
        return [
            Problem(
                "username",
                "user.username_format",
                "nama pengguna 3-64 karakter: huruf kecil, angka, titik, garis bawah atau "
                "tanda hubung, diawali huruf atau angka",
                "a username has 3-64 characters: lower-case letters, digits, dots, "
                "underscores or hyphens, starting with a letter or digit",
            )
        ]
    taken = session.scalar(select(func.count()).where(User.username == username))
    if taken:
        return [
            Problem(
                "username",
                "user.username_taken",
                "nama pengguna sudah dipakai",
                "this username is already taken",
            )
        ]
    return []


def _password_problems(password: str) -> list[Problem]:
    if len(password) < PASSWORD_MIN_LENGTH:
        return [
            Problem(
                "password",
                "user.password_too_short",
                f"kata sandi minimal {PASSWORD_MIN_LENGTH} karakter",
                f"a password has at least {PASSWORD_MIN_LENGTH} characters",
            )
        ]
    if len(password) > PASSWORD_MAX_LENGTH:
        return [
            Problem(
                "password",
                "user.password_too_long",
                f"kata sandi maksimal {PASSWORD_MAX_LENGTH} karakter",
                f"a password has at most {PASSWORD_MAX_LENGTH} characters",
            )
        ]
    return []


def _display_name_problems(display_name: str) -> list[Problem]:
    if not display_name or len(display_name) > DISPLAY_NAME_MAX_LENGTH:
        return [
            Problem(
                "display_name",
                "user.display_name_length",
                f"nama tampilan wajib diisi, maksimal {DISPLAY_NAME_MAX_LENGTH} karakter",
                f"a display name is required, at most {DISPLAY_NAME_MAX_LENGTH} characters",
            )
        ]
    return []


def _check_region(
    session: Session, role: Role | None, region_code: str | None
) -> tuple[str | None, list[Problem]]:
    """The dotted region code to store, and the problems with it for this role."""
    code = region_code.strip() if region_code else None
    if role is Role.REGIONAL_OFFICER and not code:
        return None, [
            Problem(
                "region_code",
                "user.region_required",
                "petugas daerah wajib memiliki kode wilayah",
                "a regional officer needs a region code",
            )
        ]
    if code and role is not None and role is not Role.REGIONAL_OFFICER:
        return None, [
            Problem(
                "region_code",
                "user.region_not_allowed",
                "hanya petugas daerah yang terikat pada wilayah",
                "only a regional officer is bound to a region",
            )
        ]
    if not code:
        return None, []
    try:
        dotted = normalise_code(code)
    except InvalidRegionCode as exc:
        return None, list(exc.problems)
    if session.get(Region, dotted) is None:
        return None, [
            Problem(
                "region_code",
                "region.unknown",
                "kode wilayah tidak terdaftar di Kemendagri",
                "no Kemendagri region has this code",
            )
        ]
    return dotted, []
