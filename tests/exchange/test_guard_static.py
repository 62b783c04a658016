"""No interface module (web, cli, reports) imports a personal-data model: they read
personal data only through the access gate (lindung.exchange)."""

from __future__ import annotations

from pathlib import Path

import pytest

import lindung
from lindung.exchange.guard import personal_model_imports, personal_model_names

PACKAGE = Path(lindung.__file__).parent
INTERFACES = ("web", "cli", "reports")


def interface_modules() -> list[Path]:
    return sorted(p for name in INTERFACES for p in (PACKAGE / name).rglob("*.py"))


def test_the_personal_models_are_known() -> None:
    assert {"Worker", "Passport", "Placement"} <= personal_model_names()
    assert "Region" not in personal_model_names()


@pytest.mark.parametrize("path", interface_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_interface_modules_do_not_import_personal_models(path: Path) -> None:
    assert personal_model_imports(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "from lindung.store.models import Worker\n",
        "from lindung.store.models.registry import Passport as P\n",
        "import lindung.store.models as m\nm.Placement\n",
        "from lindung.store import models\nq = models.Worker.nik\n",
        "import lindung.store.models\nlindung.store.models.Worker\n",
    ],
)
def test_the_checker_catches_a_bad_snippet(source: str) -> None:
    assert personal_model_imports(source) != []


def test_the_gate_and_other_models_are_allowed() -> None:
    source = (
        "from lindung.exchange.gate import AccessGate\n"
        "from lindung.store.models import Region, Country, User\n"
    )
    assert personal_model_imports(source) == []
