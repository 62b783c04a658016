"""Every code the oversight pages label (``label(vocabulary, code)`` in templates)
has a message in both languages, and the templates label no other vocabulary."""

from __future__ import annotations

import re
from importlib.resources import files

from lindung.domain.lifecycle import PlacementStatus
from lindung.registry.oversight_vocabulary import (
    APPROVAL_STATUSES,
    CHARGED_TO,
    COST_ITEMS,
    ENROLMENT_STATUSES,
    LICENCE_STATUSES,
    SANCTION_KINDS,
)
from lindung.web.i18n import MESSAGES
from lindung.web.ui.registry_agencies_forms import Labeller

VOCABULARIES = {
    "public.licence": LICENCE_STATUSES,
    "sanction": SANCTION_KINDS,
    "status": tuple(status.value for status in PlacementStatus),
    "approval": APPROVAL_STATUSES,
    "charged_to": CHARGED_TO,
    "cost_item": COST_ITEMS,
    "enrolment": ENROLMENT_STATUSES,
}
LABEL = re.compile(r"""\blabel\(\s*['"]([a-z0-9_.]+)['"]""")
#: The oversight templates (other pages have their own ``label`` helpers).
TEMPLATES = (
    "public_check.html",
    "registry_agencies.html",
    "registry_agency.html",
    "registry_job_order.html",
    "registry_job_order_form.html",
    "registry_training.html",
    "registry_programme.html",
)


def test_every_code_of_every_labelled_vocabulary_has_both_languages() -> None:
    for vocabulary, codes in VOCABULARIES.items():
        for code in codes:
            entry = MESSAGES[f"{vocabulary}.{code}"]
            assert entry["id"].strip()
            assert entry["en"].strip()


def test_templates_label_only_the_known_vocabularies() -> None:
    used: set[str] = set()
    folder = files("lindung.web.ui") / "templates"
    for name in TEMPLATES:
        used |= set(LABEL.findall((folder / name).read_text(encoding="utf-8")))
    assert used
    assert used <= set(VOCABULARIES)


def test_a_label_is_in_the_requested_language() -> None:
    assert Labeller("id")("sanction", "suspension") == "Penghentian sementara"
    assert Labeller("en")("public.licence", "revoked") == "Revoked"
