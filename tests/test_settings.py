from __future__ import annotations

from pathlib import Path

import pytest

from lindung.errors import ConfigurationError
from lindung.settings import DEMO_SECRET, load_settings


def test_default_secret_is_refused_outside_demo_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINDUNG_SECRET_KEY", raising=False)
    monkeypatch.delenv("LINDUNG_DEMO_MODE", raising=False)
    with pytest.raises(ConfigurationError) as caught:
        load_settings()
    fields = [p.field for p in caught.value.problems]
    assert fields == ["LINDUNG_SECRET_KEY"]
    assert "demo default" in caught.value.describe("en")


def test_demo_mode_accepts_the_demo_secret() -> None:
    settings = load_settings(demo_mode=True)
    assert settings.secret_key == DEMO_SECRET


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LINDUNG_SECRET_KEY", "x" * 32)
    monkeypatch.setenv("LINDUNG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("LINDUNG_DEFAULT_LANGUAGE", "en")
    settings = load_settings()
    assert settings.default_language == "en"
    assert settings.url.database == str(tmp_path / "lindung.sqlite3")
    assert settings.is_sqlite


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("not a url", "not a database URL"),
        ("mysql://u@h/db", "unsupported database 'mysql'"),
    ],
)
def test_bad_database_url_names_the_variable(url: str, reason: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_settings(demo_mode=True, database_url=url)
    assert [p.field for p in caught.value.problems] == ["LINDUNG_DATABASE_URL"]
    assert reason in caught.value.describe("en")


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_settings(secret_key="short", database_url="oracle://x", port=0)
    fields = sorted(p.field for p in caught.value.problems)
    assert fields == ["LINDUNG_DATABASE_URL", "LINDUNG_PORT", "LINDUNG_SECRET_KEY"]


def test_plain_postgresql_url_uses_psycopg() -> None:
    settings = load_settings(demo_mode=True, database_url="postgresql://u@localhost/lindung")
    assert settings.url.drivername == "postgresql+psycopg"
    assert not settings.is_sqlite
