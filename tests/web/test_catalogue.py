from __future__ import annotations

import re
from importlib.resources import files

from lindung.store.models import Role
from lindung.web.i18n import LANGUAGES, MESSAGES, Translator, format_number

TEMPLATE_KEY = re.compile(r"""\bt\(\s*['"]([a-z0-9_.]+)['"]""")


def test_every_message_has_both_languages() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key


def test_every_key_used_in_templates_exists() -> None:
    templates = files("lindung.web.ui") / "templates"
    used = set()
    for template in templates.iterdir():
        used |= set(TEMPLATE_KEY.findall(template.read_text(encoding="utf-8")))
    prefixes = {key for key in used if key.endswith(".")}  # t('role.' ~ user.role)
    assert prefixes == {"role.", "lang."}
    for prefix in prefixes:
        assert any(key.startswith(prefix) for key in MESSAGES), prefix
    exact = used - prefixes
    assert len(exact) > 20
    assert exact <= set(MESSAGES), sorted(exact - set(MESSAGES))


def test_every_role_has_a_label() -> None:
    for role in Role:
        assert Translator("en")(f"role.{role.value}")
        assert Translator("id")(f"role.{role.value}") != Translator("en")(f"role.{role.value}")


def test_unknown_language_falls_back_to_indonesian() -> None:
    assert Translator("fr")("login.submit") == "Masuk"
    assert Translator("en").get("status.unheard_of", "unheard_of") == "unheard_of"


def test_numbers_are_grouped_the_languages_way() -> None:
    assert format_number(1_234_567, "id") == "1.234.567"
    assert format_number(1_234_567, "en") == "1,234,567"
    assert format_number(12, "id") == "12"
