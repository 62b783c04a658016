from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from lindung.errors import AuthenticationError, NotFound, ValidationError
from lindung.store.database import Database
from lindung.store.models import Role, User
from lindung.store.users import authenticate, create_user, find_user, get_user


def test_password_is_stored_as_an_argon2id_hash(db: Database) -> None:
    with db.session() as s:
        user = create_user(s, "petugas", "rahasia-panjang", Role.NATIONAL_ANALYST, "Petugas")
    assert user.password_hash.startswith("$argon2id$")
    assert "rahasia-panjang" not in user.password_hash
    assert PasswordHasher().verify(user.password_hash, "rahasia-panjang")
    with db.session() as s:
        stored = s.get(User, user.id)
        assert stored is not None
        assert stored.password_hash == user.password_hash


def test_every_problem_is_reported_at_once(db: Database) -> None:
    with db.session() as s, pytest.raises(ValidationError) as caught:
        create_user(s, "x!", "short", "emperor", "  ", language="fr")
    assert caught.value.codes == {
        "user.username_format",
        "user.password_too_short",
        "user.role_unknown",
        "user.display_name_length",
        "user.language_unsupported",
    }
    for problem in caught.value.problems:
        assert problem.message_id
        assert problem.message_en
        assert problem.message_id != problem.message_en


def test_regional_officer_needs_an_existing_region(db: Database) -> None:
    with db.session() as s:
        with pytest.raises(ValidationError) as missing:
            create_user(s, "jember1", "rahasia-panjang", Role.REGIONAL_OFFICER, "Jember")
        assert missing.value.codes == {"user.region_required"}
        with pytest.raises(ValidationError) as unknown:
            create_user(s, "jember1", "rahasia-panjang", "regional_officer", "J", "99.99")
        assert unknown.value.codes == {"region.unknown"}
        with pytest.raises(ValidationError) as malformed:
            create_user(s, "jember1", "rahasia-panjang", "regional_officer", "J", "35-09")
        assert malformed.value.codes == {"region.not_digits"}
        user = create_user(s, "jember1", "rahasia-panjang", "regional_officer", "J", "3509")
    assert user.region_code == "35.09"
    assert user.role == "regional_officer"


@pytest.mark.parametrize("role", [Role.NATIONAL_ADMIN, Role.NATIONAL_ANALYST, Role.PARTNER_USER])
def test_other_roles_carry_no_region(db: Database, role: Role) -> None:
    with db.session() as s:
        with pytest.raises(ValidationError) as caught:
            create_user(s, "someone", "rahasia-panjang", role, "Someone", region_code="35.09")
        assert caught.value.codes == {"user.region_not_allowed"}
        assert create_user(s, "someone", "rahasia-panjang", role, "Someone").region_code is None


def test_usernames_are_unique_ignoring_case(db: Database) -> None:
    with db.session() as s:
        create_user(s, "Admin.Pusat", "rahasia-panjang", Role.NATIONAL_ADMIN, "Admin")
    with db.session() as s, pytest.raises(ValidationError) as caught:
        create_user(s, "admin.pusat", "rahasia-lainnya", Role.NATIONAL_ADMIN, "Admin 2")
    assert caught.value.codes == {"user.username_taken"}
    with db.session() as s:
        found = find_user(s, "ADMIN.PUSAT")
        assert found is not None
        assert found.username == "admin.pusat"


def test_authenticate_checks_the_password_and_records_the_login(db: Database) -> None:
    with db.session() as s:
        user = create_user(s, "analis", "rahasia-panjang", Role.NATIONAL_ANALYST, "Analis")
    assert user.last_login_at is None
    with db.session() as s:
        signed_in = authenticate(s, " Analis ", "rahasia-panjang")
        assert signed_in.id == user.id
    with db.session() as s:
        assert get_user(s, user.id).last_login_at is not None


def test_every_failure_gives_the_same_generic_message(db: Database) -> None:
    with db.session() as s:
        create_user(s, "analis", "rahasia-panjang", Role.NATIONAL_ANALYST, "Analis")
        create_user(s, "pensiun", "rahasia-panjang", Role.NATIONAL_ANALYST, "Pensiun")
        find_user(s, "pensiun").is_active = False  # type: ignore[union-attr]
    failures = []
    for username, password in [
        ("analis", "salah-sekali"),
        ("tidak-ada", "rahasia-panjang"),
        ("pensiun", "rahasia-panjang"),
        ("analis", ""),
    ]:
        with db.session() as s, pytest.raises(AuthenticationError) as caught:
            authenticate(s, username, password)
        failures.append((str(caught.value), caught.value.describe("id"), caught.value.problems))
    assert len(set(failures)) == 1
    assert "Nama pengguna atau kata sandi salah" in failures[0][1]


def test_an_outdated_hash_is_upgraded_on_login(db: Database) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with db.session() as s:
        user = create_user(s, "lama", "rahasia-panjang", Role.NATIONAL_ANALYST, "Lama")
        user.password_hash = weak.hash("rahasia-panjang")
        old_hash = user.password_hash
    with db.session() as s:
        authenticate(s, "lama", "rahasia-panjang")
    with db.session() as s:
        new_hash = get_user(s, user.id).password_hash
    assert new_hash != old_hash
    assert not PasswordHasher().check_needs_rehash(new_hash)
    assert PasswordHasher().verify(new_hash, "rahasia-panjang")


def test_get_user_raises_not_found(db: Database) -> None:
    with db.session() as s, pytest.raises(NotFound):
        get_user(s, 999_999)
